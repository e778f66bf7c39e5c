package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.CpuState.EBX;
import static dev.ringmaster.engine.cpu.CpuState.ECX;
import static dev.ringmaster.engine.cpu.CpuState.EDX;
import static dev.ringmaster.engine.cpu.LazyFlags.ZF;

/**
 * Data movement and flag transfer: MOV (all forms), MOVZX, MOVSX, XCHG, LEA, CBW/CWDE, CWD/CDQ,
 * CMOVcc, SETcc, BSWAP, XLAT, LAHF, SAHF, CMPXCHG, XADD, CMPXCHG8B, MOV to/from segment registers,
 * LDS/LES/LSS/LFS/LGS.
 */
final class MoveOps {
    private MoveOps() {
    }

    static void movRR(Cpu c, Instruction i) {
        c.putReg(i.xa, i.xsize, c.getReg(i.xb, i.xsize));
    }

    static void movRM(Cpu c, Instruction i) {
        c.putReg(i.xa, i.xsize, c.read(i.segment, c.ea(i), i.xsize));
    }

    static void movMR(Cpu c, Instruction i) {
        c.write(i.segment, c.ea(i), i.xsize, c.getReg(i.xb, i.xsize));
    }

    static void movRI(Cpu c, Instruction i) {
        c.putReg(i.xa, i.xsize, i.imm);
    }

    static void movMI(Cpu c, Instruction i) {
        c.write(i.segment, c.ea(i), i.xsize, i.imm);
    }

    /** MOVZX/MOVSX Gv, Eb/Ew. */
    static void movx(Cpu c, Instruction i, boolean signExtend) {
        boolean fromByte = i.entry.operand(1) == OperandType.Eb;
        int v;
        if (fromByte) {
            v = c.readE8(i);
            if (signExtend) {
                v = (byte) v;
            }
        } else {
            v = c.readE16(i);
            if (signExtend) {
                v = (short) v;
            }
        }
        c.putReg(i.reg, i.operandSize(), v);
    }

    static void xchg(Cpu c, Instruction i) {
        int s = i.xsize;
        if (i.entry.operand(0) == OperandType.Zv) {
            int a = c.getReg(i.opcodeReg, s);
            c.putReg(i.opcodeReg, s, c.getReg(EAX, s));
            c.putReg(EAX, s, a);
            return;
        }
        int g = c.getReg(i.reg, s);
        if (i.mod == 3) {
            int e = c.getReg(i.rm, s);
            c.putReg(i.rm, s, g);
            c.putReg(i.reg, s, e);
            return;
        }
        int lin = c.rmwLinear(i.segment, c.ea(i), s);
        int e = AluOps.readLin(c, lin, s);
        AluOps.writeLin(c, lin, s, g);
        c.putReg(i.reg, s, e);
    }

    static void lea(Cpu c, Instruction i) {
        c.putReg(i.reg, i.operandSize(), c.ea(i));
    }

    static void cbw(Cpu c, Instruction i) {
        if (i.operandSize32) {
            c.r[EAX] = (short) c.r[EAX];
        } else {
            c.setReg16(EAX, (byte) c.r[EAX]);
        }
    }

    static void cwd(Cpu c, Instruction i) {
        if (i.operandSize32) {
            c.r[EDX] = c.r[EAX] >> 31;
        } else {
            c.setReg16(EDX, (short) c.r[EAX] >> 15);
        }
    }

    static void cmov(Cpu c, Instruction i) {
        int s = i.operandSize();
        int v = c.readE(i, s);
        if (c.condition(i.entry.sub)) {
            c.putReg(i.reg, s, v);
        }
    }

    static void setcc(Cpu c, Instruction i) {
        c.writeE8(i, c.condition(i.entry.sub) ? 1 : 0);
    }

    static void bswap(Cpu c, Instruction i) {
        int n = i.opcodeReg;
        if (i.operandSize32) {
            c.r[n] = Integer.reverseBytes(c.r[n]);
        } else {
            c.setReg16(n, 0); // undefined for 16-bit operands; P6 and later clear the low word
        }
    }

    static void xlat(Cpu c, Instruction i) {
        int off = c.r[EBX] + (c.r[EAX] & 0xFF);
        if (!i.addressSize32) {
            off &= 0xFFFF;
        }
        c.setReg8(0, c.read8(i.segment, off));
    }

    static void lahf(Cpu c) {
        int f = c.getEflags();
        c.setReg8(4, (f & 0xD5) | 2);
    }

    static void sahf(Cpu c) {
        int ah = (c.r[EAX] >> 8) & 0xFF;
        c.setArith(ah, LazyFlags.SF | LazyFlags.ZF | LazyFlags.AF | LazyFlags.PF | LazyFlags.CF);
    }

    static void cmpxchg(Cpu c, Instruction i) {
        int s = i.entry.operand(0) == OperandType.Eb ? 1 : i.operandSize();
        int acc = c.getReg(EAX, s);
        int src = c.getReg(i.reg, s);
        if (i.mod == 3) {
            int dest = c.getReg(i.rm, s);
            AluOps.alu(c, AluOps.CMP, acc, dest, s);
            if (c.zf()) {
                c.putReg(i.rm, s, src);
            } else {
                c.putReg(EAX, s, dest);
            }
            return;
        }
        int lin = c.rmwLinear(i.segment, c.ea(i), s);
        int dest = AluOps.readLin(c, lin, s);
        AluOps.alu(c, AluOps.CMP, acc, dest, s);
        if (c.zf()) {
            AluOps.writeLin(c, lin, s, src);
        } else {
            AluOps.writeLin(c, lin, s, dest);
            c.putReg(EAX, s, dest);
        }
    }

    static void xadd(Cpu c, Instruction i) {
        int s = i.entry.operand(0) == OperandType.Eb ? 1 : i.operandSize();
        int src = c.getReg(i.reg, s);
        if (i.mod == 3) {
            int dest = c.getReg(i.rm, s);
            int sum = AluOps.alu(c, 0, dest, src, s);
            c.putReg(i.reg, s, dest);
            c.putReg(i.rm, s, sum);
            return;
        }
        int lin = c.rmwLinear(i.segment, c.ea(i), s);
        int dest = AluOps.readLin(c, lin, s);
        int sum = AluOps.alu(c, 0, dest, src, s);
        AluOps.writeLin(c, lin, s, sum);
        c.putReg(i.reg, s, dest);
    }

    static void cmpxchg8b(Cpu c, Instruction i) {
        int lin = c.rmwLinear(i.segment, c.ea(i), 8);
        int lo = c.mmu.read32(lin);
        int hi = c.mmu.read32(lin + 4);
        if (lo == c.r[EAX] && hi == c.r[EDX]) {
            c.mmu.write32(lin, c.r[EBX]);
            c.mmu.write32(lin + 4, c.r[ECX]);
            c.setArith(ZF, ZF);
        } else {
            c.mmu.write32(lin, lo);
            c.mmu.write32(lin + 4, hi);
            c.r[EAX] = lo;
            c.r[EDX] = hi;
            c.setArith(0, ZF);
        }
    }

    /** MOV Ev, Sw: a register destination of 32 bits gets the selector zero-extended. */
    static void movFromSeg(Cpu c, Instruction i) {
        int sel = c.seg[i.reg].selector;
        if (i.mod == 3) {
            c.putReg(i.rm, i.operandSize(), sel);
        } else {
            c.write16(i.segment, c.ea(i), sel);
        }
    }

    static void movToSeg(Cpu c, Instruction i) {
        int sel = c.readE16(i);
        Protection.loadDataSegment(c, i.reg, sel);
        if (i.reg == SegmentRegister.SS) {
            c.interruptShadow = true;
            c.debugShadow = true;
        }
    }

    /** LES/LDS/LSS/LFS/LGS Gv, Mp: segment {@code i.entry.sub}. */
    static void loadFar(Cpu c, Instruction i) {
        int size = i.operandSize();
        int off = c.ea(i);
        int offset = c.read(i.segment, off, size);
        int selOff = off + size;
        if (!i.addressSize32) {
            selOff &= 0xFFFF;
        }
        int sel = c.read16(i.segment, selOff);
        Protection.loadDataSegment(c, i.entry.sub, sel);
        c.putReg(i.reg, size, offset);
    }
}
