package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.LazyFlags.AF;
import static dev.ringmaster.engine.cpu.LazyFlags.CF;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_LOGIC;
import static dev.ringmaster.engine.cpu.LazyFlags.LF_SZP;

/**
 * Decimal adjustment: DAA, DAS, AAA, AAS, AAM, AAD (SDM vol. 2 pseudo-code; P6 behaviour of AAA/AAS
 * on AX). Undefined flags as QEMU TCG leaves them: DAA/DAS clear OF; AAA/AAS keep SF, ZF, PF and OF;
 * AAM/AAD set SF/ZF/PF from AL and clear CF, OF, AF.
 */
final class BcdOps {
    private BcdOps() {
    }

    static void daa(Cpu c) {
        int al = c.r[EAX] & 0xFF;
        boolean cf = c.cf();
        boolean af = c.af();
        int old = al;
        int f = 0;
        if ((al & 0x0F) > 9 || af) {
            al = (al + 6) & 0xFF;
            f |= AF;
        }
        if (old > 0x99 || cf) {
            al = (al + 0x60) & 0xFF;
            f |= CF;
        }
        c.setReg8(0, al);
        c.setLazy(LF_SZP, al, 0, f, 0x80);
    }

    static void das(Cpu c) {
        int al = c.r[EAX] & 0xFF;
        boolean cf = c.cf();
        boolean af = c.af();
        int old = al;
        int f = 0;
        if ((al & 0x0F) > 9 || af) {
            f |= AF;
            if (al < 6 || cf) {
                f |= CF;
            }
            al = (al - 6) & 0xFF;
        }
        if (old > 0x99 || cf) {
            al = (al - 0x60) & 0xFF;
            f |= CF;
        }
        c.setReg8(0, al);
        c.setLazy(LF_SZP, al, 0, f, 0x80);
    }

    static void aaa(Cpu c) {
        int ax = c.r[EAX] & 0xFFFF;
        boolean adjust = (ax & 0x0F) > 9 || c.af();
        if (adjust) {
            ax = (ax + 0x106) & 0xFFFF;
        }
        c.setReg16(EAX, ax & 0xFF0F);
        c.setArith(adjust ? CF | AF : 0, CF | AF);
    }

    static void aas(Cpu c) {
        int ax = c.r[EAX] & 0xFFFF;
        boolean adjust = (ax & 0x0F) > 9 || c.af();
        if (adjust) {
            int al = ax & 0xFF;
            int ah = (ax >> 8) - 1 - (al < 6 ? 1 : 0);
            ax = ((ah & 0xFF) << 8) | ((al - 6) & 0xFF);
        }
        c.setReg16(EAX, ax & 0xFF0F);
        c.setArith(adjust ? CF | AF : 0, CF | AF);
    }

    static void aam(Cpu c, int base) {
        base &= 0xFF;
        if (base == 0) {
            throw c.fault(Vector.DE, -1);
        }
        int al = c.r[EAX] & 0xFF;
        int q = al / base;
        int r = al % base;
        c.setReg16(EAX, (q << 8) | r);
        c.setLazy(LF_LOGIC, r, 0, 0, 0x80);
    }

    static void aad(Cpu c, int base) {
        int al = c.r[EAX] & 0xFF;
        int ah = (c.r[EAX] >> 8) & 0xFF;
        int r = (al + ah * (base & 0xFF)) & 0xFF;
        c.setReg16(EAX, r);
        c.setLazy(LF_LOGIC, r, 0, 0, 0x80);
    }
}
