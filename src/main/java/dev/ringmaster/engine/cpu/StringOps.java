package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.CpuState.ECX;
import static dev.ringmaster.engine.cpu.CpuState.EDI;
import static dev.ringmaster.engine.cpu.CpuState.ESI;
import static dev.ringmaster.engine.cpu.SegmentRegister.ES;

/**
 * String instructions MOVS, CMPS, STOS, LODS, SCAS with REP/REPE/REPNE. The address size selects
 * SI/DI/CX (wrapping at 64 KiB) or ESI/EDI/ECX; DF selects the direction; the source segment may be
 * overridden, the destination is always ES. Each iteration commits its register updates, so a fault
 * in the middle leaves a restartable state with EIP at the instruction (SDM vol. 2, REP).
 */
final class StringOps {
    private StringOps() {
    }

    static int delta(Cpu c, int size) {
        return (c.eflags & LazyFlags.DF) != 0 ? -size : size;
    }

    static int index(Cpu c, int reg, boolean a32) {
        return a32 ? c.r[reg] : c.r[reg] & 0xFFFF;
    }

    static void advance(Cpu c, int reg, int delta, boolean a32) {
        if (a32) {
            c.r[reg] += delta;
        } else {
            c.setReg16(reg, c.r[reg] + delta);
        }
    }

    /** Remaining count for REP (CX or ECX). */
    static int count(Cpu c, boolean a32) {
        return a32 ? c.r[ECX] : c.r[ECX] & 0xFFFF;
    }

    /** One REP iteration of MOVS/CMPS/STOS/LODS/SCAS done: counts it ({@link CpuState#stringIterations()}). */
    private static void iterated(Cpu c, boolean a32) {
        c.stringIterations++;
        decrementCount(c, a32);
    }

    static void decrementCount(Cpu c, boolean a32) {
        if (a32) {
            c.r[ECX]--;
        } else {
            c.setReg16(ECX, c.r[ECX] - 1);
        }
    }

    static void movs(Cpu c, Instruction i) {
        int size = i.xsize;
        boolean a32 = i.addressSize32;
        int d = delta(c, size);
        if (i.repPrefix == 0) {
            c.write(ES, index(c, EDI, a32), size, c.read(i.segment, index(c, ESI, a32), size));
            advance(c, ESI, d, a32);
            advance(c, EDI, d, a32);
            return;
        }
        while (count(c, a32) != 0) {
            c.write(ES, index(c, EDI, a32), size, c.read(i.segment, index(c, ESI, a32), size));
            advance(c, ESI, d, a32);
            advance(c, EDI, d, a32);
            iterated(c, a32);
        }
    }

    static void stos(Cpu c, Instruction i) {
        int size = i.xsize;
        boolean a32 = i.addressSize32;
        int d = delta(c, size);
        int v = c.getReg(EAX, size);
        if (i.repPrefix == 0) {
            c.write(ES, index(c, EDI, a32), size, v);
            advance(c, EDI, d, a32);
            return;
        }
        while (count(c, a32) != 0) {
            c.write(ES, index(c, EDI, a32), size, v);
            advance(c, EDI, d, a32);
            iterated(c, a32);
        }
    }

    static void lods(Cpu c, Instruction i) {
        int size = i.xsize;
        boolean a32 = i.addressSize32;
        int d = delta(c, size);
        if (i.repPrefix == 0) {
            c.putReg(EAX, size, c.read(i.segment, index(c, ESI, a32), size));
            advance(c, ESI, d, a32);
            return;
        }
        while (count(c, a32) != 0) {
            c.putReg(EAX, size, c.read(i.segment, index(c, ESI, a32), size));
            advance(c, ESI, d, a32);
            iterated(c, a32);
        }
    }

    static void cmps(Cpu c, Instruction i) {
        int size = i.xsize;
        boolean a32 = i.addressSize32;
        int d = delta(c, size);
        if (i.repPrefix == 0) {
            cmpsOnce(c, i, size, a32, d);
            return;
        }
        boolean whileEqual = i.repPrefix == 0xF3;
        while (count(c, a32) != 0) {
            cmpsOnce(c, i, size, a32, d);
            iterated(c, a32);
            if (c.zf() != whileEqual) {
                break;
            }
        }
    }

    private static void cmpsOnce(Cpu c, Instruction i, int size, boolean a32, int d) {
        int a = c.read(i.segment, index(c, ESI, a32), size);
        int b = c.read(ES, index(c, EDI, a32), size);
        AluOps.alu(c, AluOps.CMP, a, b, size);
        advance(c, ESI, d, a32);
        advance(c, EDI, d, a32);
    }

    static void scas(Cpu c, Instruction i) {
        int size = i.xsize;
        boolean a32 = i.addressSize32;
        int d = delta(c, size);
        int acc = c.getReg(EAX, size);
        if (i.repPrefix == 0) {
            AluOps.alu(c, AluOps.CMP, acc, c.read(ES, index(c, EDI, a32), size), size);
            advance(c, EDI, d, a32);
            return;
        }
        boolean whileEqual = i.repPrefix == 0xF3;
        while (count(c, a32) != 0) {
            AluOps.alu(c, AluOps.CMP, acc, c.read(ES, index(c, EDI, a32), size), size);
            advance(c, EDI, d, a32);
            iterated(c, a32);
            if (c.zf() != whileEqual) {
                break;
            }
        }
    }
}
