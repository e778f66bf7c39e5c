package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.LazyFlags.LF_LOGIC;

/**
 * Bit test and scan: BT, BTS, BTR, BTC (register or immediate bit offset) and BSF, BSR. With a
 * register bit offset and a memory operand, the offset is a signed number of bits from the operand
 * address (the accessed word or doubleword is the one containing the bit, SDM vol. 2, BT). CF gets
 * the bit; the other flags are left unchanged (QEMU keeps them). BSF/BSR of zero leave the
 * destination unchanged and set ZF; otherwise flags are those of a logical operation on the source
 * (QEMU's choice for the undefined ones).
 */
final class BitOps {
    private BitOps() {
    }

    /** {@code op}: 0 BT, 1 BTS, 2 BTR, 3 BTC. */
    static void bt(Cpu c, Instruction i, int op, boolean immediate) {
        int size = i.operandSize();
        int bits = size * 8;
        int offset = immediate ? i.imm & 0xFF : c.getReg(i.reg, size);
        if (i.mod == 3) {
            int v = c.getReg(i.rm, size);
            int bit = offset & (bits - 1);
            boolean set = ((v >>> bit) & 1) != 0;
            if (op != 0) {
                c.putReg(i.rm, size, modify(v, bit, op));
            }
            c.setCF(set);
            return;
        }
        int addr = c.ea(i);
        int bit;
        if (immediate) {
            bit = offset & (bits - 1);
        } else {
            int signedOffset = size == 2 ? (short) offset : offset;
            int unit = signedOffset >> (size == 2 ? 4 : 5); // arithmetic: negative offsets go backwards
            addr += unit * size;
            if (!i.addressSize32) {
                addr &= 0xFFFF;
            }
            bit = signedOffset & (bits - 1);
        }
        if (op == 0) {
            int v = c.read(i.segment, addr, size);
            c.setCF(((v >>> bit) & 1) != 0);
            return;
        }
        int lin = c.rmwLinear(i.segment, addr, size);
        int v = AluOps.readLin(c, lin, size);
        AluOps.writeLin(c, lin, size, modify(v, bit, op));
        c.setCF(((v >>> bit) & 1) != 0);
    }

    private static int modify(int v, int bit, int op) {
        switch (op) {
            case 1: return v | (1 << bit);
            case 2: return v & ~(1 << bit);
            default: return v ^ (1 << bit);
        }
    }

    static void bsf(Cpu c, Instruction i, boolean reverse) {
        int size = i.operandSize();
        int src = c.readE(i, size) & AluOps.mask(size);
        c.setLazy(LF_LOGIC, src, 0, 0, AluOps.sign(size));
        if (src == 0) {
            return;
        }
        int idx = reverse ? 31 - Integer.numberOfLeadingZeros(src) : Integer.numberOfTrailingZeros(src);
        c.putReg(i.reg, size, idx);
    }
}
