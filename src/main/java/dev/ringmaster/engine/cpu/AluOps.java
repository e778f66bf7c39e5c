package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.LazyFlags.LF_ADC1;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_ADD;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_DEC;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_INC;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_LOGIC;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_SBB1;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_SUB;

/**
 * Integer arithmetic and logic: ADD, OR, ADC, SBB, AND, SUB, XOR, CMP (operation numbers 0–7 as in
 * the opcode map's group 1), TEST (8), INC, DEC, NOT, NEG — with their flags recorded lazily.
 * Memory destinations are read-modify-write: the write permission of the whole operand is checked
 * before anything changes, so a fault leaves the instruction without effect.
 */
final class AluOps {
    private AluOps() {
    }

    static final int CMP = 7;
    static final int TEST = 8;

    static int sign(int size) {
        return size == 4 ? 0x80000000 : size == 2 ? 0x8000 : 0x80;
    }

    static int mask(int size) {
        return size == 4 ? -1 : size == 2 ? 0xFFFF : 0xFF;
    }

    /** Operation {@code op} on {@code a} and {@code b} of {@code size} bytes; sets the flags, returns the result. */
    static int alu(Cpu c, int op, int a, int b, int size) {
        int m = mask(size);
        int s = sign(size);
        a &= m;
        b &= m;
        int r;
        switch (op) {
            case 0:
                r = (a + b) & m;
                c.setLazy(LF_ADD, r, a, b, s);
                return r;
            case 1:
                r = a | b;
                c.setLazy(LF_LOGIC, r, 0, 0, s);
                return r;
            case 2: {
                boolean cin = c.cf();
                r = (a + b + (cin ? 1 : 0)) & m;
                c.setLazy(cin ? LF_ADC1 : LF_ADD, r, a, b, s);
                return r;
            }
            case 3: {
                boolean cin = c.cf();
                r = (a - b - (cin ? 1 : 0)) & m;
                c.setLazy(cin ? LF_SBB1 : LF_SUB, r, a, b, s);
                return r;
            }
            case 4:
                r = a & b;
                c.setLazy(LF_LOGIC, r, 0, 0, s);
                return r;
            case 5:
            case CMP:
                r = (a - b) & m;
                c.setLazy(LF_SUB, r, a, b, s);
                return r;
            case 6:
                r = a ^ b;
                c.setLazy(LF_LOGIC, r, 0, 0, s);
                return r;
            default: // TEST
                r = a & b;
                c.setLazy(LF_LOGIC, r, 0, 0, s);
                return r;
        }
    }

    /** 32-bit fast path of {@link #alu}. */
    static int alu32(Cpu c, int op, int a, int b) {
        int r;
        switch (op) {
            case 0:
                r = a + b;
                c.setLazy(LF_ADD, r, a, b, 0x80000000);
                return r;
            case 1:
                r = a | b;
                c.setLazy(LF_LOGIC, r, 0, 0, 0x80000000);
                return r;
            case 5:
            case CMP:
                r = a - b;
                c.setLazy(LF_SUB, r, a, b, 0x80000000);
                return r;
            case 4:
            case TEST:
                r = a & b;
                c.setLazy(LF_LOGIC, r, 0, 0, 0x80000000);
                return r;
            case 6:
                r = a ^ b;
                c.setLazy(LF_LOGIC, r, 0, 0, 0x80000000);
                return r;
            default:
                return alu(c, op, a, b, 4);
        }
    }

    private static boolean writes(int op) {
        return op < CMP;
    }

    // ---- forms: R = register, M = memory, I = immediate (decoder fills xa, xb, xsize, xop) -------------------

    static void rr32(Cpu c, Instruction i) {
        int r = alu32(c, i.xop, c.r[i.xa], c.r[i.xb]);
        if (writes(i.xop)) {
            c.r[i.xa] = r;
        }
    }

    static void ri32(Cpu c, Instruction i) {
        int r = alu32(c, i.xop, c.r[i.xa], i.imm);
        if (writes(i.xop)) {
            c.r[i.xa] = r;
        }
    }

    static void rm32(Cpu c, Instruction i) {
        int b = c.read32(i.segment, c.ea(i));
        int r = alu32(c, i.xop, c.r[i.xa], b);
        if (writes(i.xop)) {
            c.r[i.xa] = r;
        }
    }

    static void mr32(Cpu c, Instruction i) {
        memory32(c, i, c.r[i.xb]);
    }

    static void mi32(Cpu c, Instruction i) {
        memory32(c, i, i.imm);
    }

    private static void memory32(Cpu c, Instruction i, int b) {
        int off = c.ea(i);
        if (!writes(i.xop)) {
            alu32(c, i.xop, c.read32(i.segment, off), b);
            return;
        }
        int lin = c.rmwLinear(i.segment, off, 4);
        int r = alu32(c, i.xop, c.mmu.read32(lin), b);
        c.mmu.write32(lin, r);
    }

    static void rr(Cpu c, Instruction i) {
        int s = i.xsize;
        int r = alu(c, i.xop, c.getReg(i.xa, s), c.getReg(i.xb, s), s);
        if (writes(i.xop)) {
            c.putReg(i.xa, s, r);
        }
    }

    static void ri(Cpu c, Instruction i) {
        int s = i.xsize;
        int r = alu(c, i.xop, c.getReg(i.xa, s), i.imm, s);
        if (writes(i.xop)) {
            c.putReg(i.xa, s, r);
        }
    }

    static void rm(Cpu c, Instruction i) {
        int s = i.xsize;
        int b = c.read(i.segment, c.ea(i), s);
        int r = alu(c, i.xop, c.getReg(i.xa, s), b, s);
        if (writes(i.xop)) {
            c.putReg(i.xa, s, r);
        }
    }

    static void mr(Cpu c, Instruction i) {
        memory(c, i, c.getReg(i.xb, i.xsize));
    }

    static void mi(Cpu c, Instruction i) {
        memory(c, i, i.imm);
    }

    private static void memory(Cpu c, Instruction i, int b) {
        int s = i.xsize;
        int off = c.ea(i);
        if (!writes(i.xop)) {
            alu(c, i.xop, c.read(i.segment, off, s), b, s);
            return;
        }
        int lin = c.rmwLinear(i.segment, off, s);
        int r = alu(c, i.xop, readLin(c, lin, s), b, s);
        writeLin(c, lin, s, r);
    }

    static int readLin(Cpu c, int lin, int size) {
        return size == 4 ? c.mmu.read32(lin) : size == 2 ? c.mmu.read16(lin) : c.mmu.read8(lin);
    }

    static void writeLin(Cpu c, int lin, int size, int v) {
        if (size == 4) {
            c.mmu.write32(lin, v);
        } else if (size == 2) {
            c.mmu.write16(lin, v);
        } else {
            c.mmu.write8(lin, v);
        }
    }

    // ---- INC, DEC, NOT, NEG ---------------------------------------------------------------------------------

    static int inc(Cpu c, int v, int size) {
        int m = mask(size);
        int r = (v + 1) & m;
        c.setIncDec(LF_INC, r, v & m, sign(size));
        return r;
    }

    static int dec(Cpu c, int v, int size) {
        int m = mask(size);
        int r = (v - 1) & m;
        c.setIncDec(LF_DEC, r, v & m, sign(size));
        return r;
    }

    static int neg(Cpu c, int v, int size) {
        int m = mask(size);
        v &= m;
        int r = (-v) & m;
        c.setLazy(LF_SUB, r, 0, v, sign(size));
        return r;
    }

    /** INC/DEC/NOT/NEG on the E operand (or the Z register); {@code kind} 0 INC, 1 DEC, 2 NOT, 3 NEG. */
    static void unary(Cpu c, Instruction i, int kind) {
        int s = i.xsize;
        if (i.xa >= 0) {
            int v = c.getReg(i.xa, s);
            c.putReg(i.xa, s, unaryOp(c, kind, v, s));
            return;
        }
        int lin = c.rmwLinear(i.segment, c.ea(i), s);
        int v = readLin(c, lin, s);
        writeLin(c, lin, s, unaryOp(c, kind, v, s));
    }

    private static int unaryOp(Cpu c, int kind, int v, int s) {
        switch (kind) {
            case 0: return inc(c, v, s);
            case 1: return dec(c, v, s);
            case 2: return ~v & mask(s);
            default: return neg(c, v, s);
        }
    }

    static void incR32(Cpu c, Instruction i) {
        int v = c.r[i.xa];
        int r = v + 1;
        c.setIncDec(LF_INC, r, v, 0x80000000);
        c.r[i.xa] = r;
    }

    static void decR32(Cpu c, Instruction i) {
        int v = c.r[i.xa];
        int r = v - 1;
        c.setIncDec(LF_DEC, r, v, 0x80000000);
        c.r[i.xa] = r;
    }
}
