package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.CpuState.EDX;
import static dev.ringmaster.engine.cpu.LazyFlags.CF;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_SZP;
import static dev.ringmaster.engine.cpu.LazyFlags.OF;

/**
 * MUL, IMUL (one, two and three operands), DIV and IDIV. CF = OF = "the upper half is significant";
 * SF, ZF and PF (undefined in the SDM) come from the low half of the product and AF = 0, as QEMU
 * TCG computes them. Division by zero and quotients that do not fit raise #DE before anything
 * changes; DIV/IDIV leave the flags unchanged.
 */
final class MulDivOps {
    private MulDivOps() {
    }

    private static void mulFlags(Cpu c, int low, boolean overflow, int size) {
        c.setLazy(LF_SZP, low & AluOps.mask(size), 0, overflow ? CF | OF : 0, AluOps.sign(size));
    }

    /** MUL / IMUL with one operand (group 3 /4, /5). */
    static void mul(Cpu c, Instruction i, boolean signed) {
        int size = i.xsize;
        int src = c.readE(i, size);
        switch (size) {
            case 1: {
                int al = c.r[EAX] & 0xFF;
                int p = signed ? (byte) al * (byte) src : al * (src & 0xFF);
                c.setReg16(EAX, p);
                boolean ov = signed ? p != (byte) p : (p & 0xFF00) != 0;
                mulFlags(c, p, ov, 1);
                break;
            }
            case 2: {
                int ax = c.r[EAX] & 0xFFFF;
                int p = signed ? (short) ax * (short) src : ax * (src & 0xFFFF);
                c.setReg16(EAX, p);
                c.setReg16(EDX, p >>> 16);
                boolean ov = signed ? p != (short) p : (p & 0xFFFF0000) != 0;
                mulFlags(c, p, ov, 2);
                break;
            }
            default: {
                long p = signed ? (long) c.r[EAX] * (long) src
                        : (c.r[EAX] & 0xFFFFFFFFL) * (src & 0xFFFFFFFFL);
                c.r[EAX] = (int) p;
                c.r[EDX] = (int) (p >>> 32);
                boolean ov = signed ? p != (int) p : (p >>> 32) != 0;
                mulFlags(c, (int) p, ov, 4);
                break;
            }
        }
    }

    /** IMUL Gv, Ev (0F AF) and IMUL Gv, Ev, imm (69, 6B). */
    static void imul(Cpu c, Instruction i, boolean threeOperand) {
        int size = i.operandSize();
        int a = c.readE(i, size);
        int b = threeOperand ? i.imm : c.getReg(i.reg, size);
        if (size == 4) {
            long p = (long) a * (long) b;
            c.r[i.reg] = (int) p;
            mulFlags(c, (int) p, p != (int) p, 4);
        } else {
            int p = (short) a * (short) b;
            c.setReg16(i.reg, p);
            mulFlags(c, p, p != (short) p, 2);
        }
    }

    /** DIV / IDIV (group 3 /6, /7). */
    static void div(Cpu c, Instruction i, boolean signed) {
        int size = i.xsize;
        int src = c.readE(i, size);
        switch (size) {
            case 1: {
                int ax = c.r[EAX] & 0xFFFF;
                int d = signed ? (byte) src : src & 0xFF;
                if (d == 0) {
                    throw c.fault(Vector.DE, -1);
                }
                int n = signed ? (short) ax : ax;
                int q = n / d;
                int r = n % d;
                if (signed ? q != (byte) q : (q & ~0xFF) != 0) {
                    throw c.fault(Vector.DE, -1);
                }
                c.setReg16(EAX, (q & 0xFF) | ((r & 0xFF) << 8));
                break;
            }
            case 2: {
                int n = ((c.r[EDX] & 0xFFFF) << 16) | (c.r[EAX] & 0xFFFF);
                int d = signed ? (short) src : src & 0xFFFF;
                if (d == 0) {
                    throw c.fault(Vector.DE, -1);
                }
                long q;
                long r;
                if (signed) {
                    q = (long) n / d;
                    r = (long) n % d;
                    if (q != (short) q) {
                        throw c.fault(Vector.DE, -1);
                    }
                } else {
                    long un = n & 0xFFFFFFFFL;
                    q = un / d;
                    r = un % d;
                    if ((q & ~0xFFFFL) != 0) {
                        throw c.fault(Vector.DE, -1);
                    }
                }
                c.setReg16(EAX, (int) q);
                c.setReg16(EDX, (int) r);
                break;
            }
            default: {
                long n = ((long) c.r[EDX] << 32) | (c.r[EAX] & 0xFFFFFFFFL);
                if (src == 0) {
                    throw c.fault(Vector.DE, -1);
                }
                long q;
                long r;
                if (signed) {
                    if (n == Long.MIN_VALUE && src == -1) {
                        throw c.fault(Vector.DE, -1);
                    }
                    q = n / src;
                    r = n % src;
                    if (q != (int) q) {
                        throw c.fault(Vector.DE, -1);
                    }
                } else {
                    long d = src & 0xFFFFFFFFL;
                    q = Long.divideUnsigned(n, d);
                    r = Long.remainderUnsigned(n, d);
                    if ((q >>> 32) != 0) {
                        throw c.fault(Vector.DE, -1);
                    }
                }
                c.r[EAX] = (int) q;
                c.r[EDX] = (int) r;
                break;
            }
        }
    }
}
