package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.LazyFlags.CF;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_SZP;
import static dev.ringmaster.engine.cpu.LazyFlags.OF;

/**
 * Shifts and rotates: ROL, ROR, RCL, RCR, SHL/SAL, SHR, SAR (group 2, operation = ModR/M.reg) and
 * SHLD/SHRD. The count is masked to 5 bits; a masked count of 0 changes nothing, flags included.
 * Flags the SDM leaves undefined follow QEMU TCG: AF = 0 after shifts; OF is computed for every
 * count with the count-1 formula (for SHL/SHLD: CF XOR the result's sign; for SHR/SHRD/SAR: the
 * sign of the value shifted by count-1 XOR the result's sign; for rotates as for a count of 1);
 * for SHL/SHR counts at least the operand size, CF is the last bit shifted out (0 beyond).
 */
final class ShiftOps {
    private ShiftOps() {
    }

    /** The shift count for operand type {@code t} (ONE, CL or an immediate). */
    static int count(Cpu c, Instruction i) {
        OperandType t = i.entry.operand(i.entry.operandCount() - 1);
        if (t == OperandType.ONE) {
            return 1;
        }
        if (t == OperandType.CL) {
            return c.r[CpuState.ECX] & 0xFF;
        }
        return i.imm & 0xFF;
    }

    /** Group 2 on the E operand; operation {@code i.entry.sub}. */
    static void shift(Cpu c, Instruction i) {
        int size = i.xsize;
        int cnt = count(c, i) & 0x1F;
        if (cnt == 0) {
            return; // reads nothing, writes nothing, flags unchanged (a memory operand is still checked)
        }
        if (i.mod == 3) {
            int v = c.getReg(i.rm, size);
            c.putReg(i.rm, size, apply(c, i.entry.sub, v, cnt, size));
        } else {
            int lin = c.rmwLinear(i.segment, c.ea(i), size);
            int v = AluOps.readLin(c, lin, size);
            AluOps.writeLin(c, lin, size, apply(c, i.entry.sub, v, cnt, size));
        }
    }

    /** Shifts {@code v} (size bytes) by a masked, non-zero count; sets the flags; returns the result. */
    static int apply(Cpu c, int op, int v, int cnt, int size) {
        int bits = size * 8;
        int m = AluOps.mask(size);
        int s = AluOps.sign(size);
        v &= m;
        int r;
        int cf;
        int of;
        switch (op) {
            case 0: { // ROL
                int k = cnt & (bits - 1);
                r = k == 0 ? v : ((v << k) | (v >>> (bits - k))) & m;
                cf = r & 1;
                of = ((r & s) != 0 ? 1 : 0) ^ cf;
                setCfOf(c, cf, of);
                return r;
            }
            case 1: { // ROR
                int k = cnt & (bits - 1);
                r = k == 0 ? v : ((v >>> k) | (v << (bits - k))) & m;
                cf = (r & s) != 0 ? 1 : 0;
                of = cf ^ ((r & (s >>> 1)) != 0 ? 1 : 0);
                setCfOf(c, cf, of);
                return r;
            }
            case 2: { // RCL
                int k = size == 4 ? cnt : cnt % (bits + 1);
                if (k == 0) {
                    return v;
                }
                long wide = ((c.cf() ? 1L : 0L) << bits) | (v & 0xFFFFFFFFL); // CF:v, bits+1 wide
                long full = (1L << (bits + 1)) - 1;
                long rot = ((wide << k) | (wide >>> (bits + 1 - k))) & full;
                r = (int) rot & m;
                cf = (int) (rot >>> bits) & 1;
                of = ((v ^ r) & s) != 0 ? 1 : 0;
                setCfOf(c, cf, of);
                return r;
            }
            case 3: { // RCR
                int k = size == 4 ? cnt : cnt % (bits + 1);
                if (k == 0) {
                    return v;
                }
                long wide = ((c.cf() ? 1L : 0L) << bits) | (v & 0xFFFFFFFFL);
                long full = (1L << (bits + 1)) - 1;
                long rot = ((wide >>> k) | (wide << (bits + 1 - k))) & full;
                r = (int) rot & m;
                cf = (int) (rot >>> bits) & 1;
                of = ((v ^ r) & s) != 0 ? 1 : 0;
                setCfOf(c, cf, of);
                return r;
            }
            case 4:
            case 6: { // SHL / SAL
                long wide = (v & 0xFFFFFFFFL) << cnt;
                r = (int) wide & m;
                cf = (int) (wide >>> bits) & 1;
                of = cf ^ ((r & s) != 0 ? 1 : 0);
                break;
            }
            case 5: { // SHR
                long t = (v & 0xFFFFFFFFL) >>> (cnt - 1);
                cf = (int) t & 1;
                r = (int) (t >>> 1) & m;
                of = ((t & (s & 0xFFFFFFFFL)) != 0 ? 1 : 0) ^ ((r & s) != 0 ? 1 : 0);
                break;
            }
            default: { // SAR
                int sv = size == 4 ? v : size == 2 ? (short) v : (byte) v;
                int t = sv >> (cnt - 1);
                cf = t & 1;
                r = (t >> 1) & m;
                of = 0;
                break;
            }
        }
        c.setLazy(LF_SZP, r, 0, (cf != 0 ? CF : 0) | (of != 0 ? OF : 0), s);
        return r;
    }

    private static void setCfOf(Cpu c, int cf, int of) {
        c.setArith((cf != 0 ? CF : 0) | (of != 0 ? OF : 0), CF | OF);
    }

    /** SHLD (left) / SHRD: Ev, Gv, count. */
    static void doubleShift(Cpu c, Instruction i, boolean left) {
        int size = i.operandSize();
        int cnt = count(c, i) & 0x1F;
        if (cnt == 0) {
            return;
        }
        int src = c.getReg(i.reg, size);
        if (i.mod == 3) {
            int v = c.getReg(i.rm, size);
            c.putReg(i.rm, size, applyDouble(c, v, src, cnt, size, left));
        } else {
            int lin = c.rmwLinear(i.segment, c.ea(i), size);
            int v = AluOps.readLin(c, lin, size);
            AluOps.writeLin(c, lin, size, applyDouble(c, v, src, cnt, size, left));
        }
    }

    static int applyDouble(Cpu c, int dst, int src, int cnt, int size, boolean left) {
        int bits = size * 8;
        int m = AluOps.mask(size);
        int s = AluOps.sign(size);
        long d = dst & (m & 0xFFFFFFFFL);
        long sr = src & (m & 0xFFFFFFFFL);
        int r;
        int cf;
        int of;
        if (left) {
            long comb = (d << bits) | sr; // dst:src, 2*bits wide
            long t = comb << (cnt - 1);
            cf = (int) (t >>> (2 * bits - 1)) & 1;
            r = (int) ((t << 1) >>> bits) & m;
            of = cf ^ ((r & s) != 0 ? 1 : 0);
        } else {
            long comb = (sr << bits) | d; // src:dst
            long t = comb >>> (cnt - 1);
            cf = (int) t & 1;
            r = (int) (t >>> 1) & m;
            of = ((t & (s & 0xFFFFFFFFL)) != 0 ? 1 : 0) ^ ((r & s) != 0 ? 1 : 0);
        }
        c.setLazy(LF_SZP, r, 0, (cf != 0 ? CF : 0) | (of != 0 ? OF : 0), s);
        return r;
    }
}
