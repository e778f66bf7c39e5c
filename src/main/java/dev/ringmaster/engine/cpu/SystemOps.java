package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.CpuState.EBX;
import static dev.ringmaster.engine.cpu.CpuState.ECX;
import static dev.ringmaster.engine.cpu.CpuState.EDX;

/**
 * System instructions: HLT, CLI/STI (IOPL), descriptor-table registers (LGDT, LIDT, SGDT, SIDT,
 * LLDT, SLDT, LTR, STR), SMSW/LMSW, CLTS, INVD/WBINVD, INVLPG, MOV to/from CRn and DRn, RDMSR/WRMSR,
 * RDTSC, CPUID, LAR/LSL/VERR/VERW, ARPL, the x87 escapes and WAIT of an FPU-less CPU, VMCALL, the
 * flag instructions. Privileged ones raise #GP(0) at CPL &gt; 0; SGDT, SIDT, SLDT, STR, SMSW, LAR, LSL,
 * VERR and VERW work at any CPL as on real hardware; the protected-mode-only ones raise #UD in real
 * mode.
 */
final class SystemOps {
    private SystemOps() {
    }

    /** MSR numbers (SDM vol. 4). */
    static final int IA32_TIME_STAMP_COUNTER = 0x10, IA32_SYSENTER_CS = 0x174, IA32_SYSENTER_ESP = 0x175,
            IA32_SYSENTER_EIP = 0x176;

    /** CPUID.1:EDX features: DE, PSE, TSC, MSR, CX8, PGE, CMOV (no FPU, no VME, no PAE, no APIC). */
    static final int FEATURES_EDX = (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 8) | (1 << 13) | (1 << 15);

    static void requireCpl0(Cpu c) {
        if (!c.realMode() && c.cpl != 0) {
            throw c.gp(0);
        }
    }

    static void requireProtected(Cpu c) {
        if (c.realMode()) {
            throw c.undefined();
        }
    }

    static void hlt(Cpu c) {
        requireCpl0(c);
        c.halted = true;
    }

    static void cli(Cpu c) {
        if (!c.realMode() && c.cpl > c.iopl()) {
            throw c.gp(0);
        }
        c.eflags &= ~LazyFlags.IF;
    }

    static void sti(Cpu c) {
        if (!c.realMode() && c.cpl > c.iopl()) {
            throw c.gp(0);
        }
        if ((c.eflags & LazyFlags.IF) == 0) {
            c.interruptShadow = true;
        }
        c.eflags |= LazyFlags.IF;
    }

    // ---- descriptor-table registers --------------------------------------------------------------------

    static void lgdtLidt(Cpu c, Instruction i, boolean idt) {
        requireCpl0(c);
        int ea = c.ea(i);
        int limit = c.read16(i.segment, ea);
        int base = c.read32(i.segment, i.addressSize32 ? ea + 2 : (ea + 2) & 0xFFFF);
        if (!i.operandSize32) {
            base &= 0x00FFFFFF;
        }
        if (idt) {
            c.setIdtr(base, limit);
        } else {
            c.setGdtr(base, limit);
        }
    }

    /** CR4.UMIP: the descriptor-table and machine-status reads fault outside ring 0. */
    private static void umip(Cpu c) {
        if (c.cpl() > 0 && (c.cr4() & CpuState.CR4_UMIP) != 0) {
            throw c.gp(0);
        }
    }

    static void sgdtSidt(Cpu c, Instruction i, boolean idt) {
        umip(c);
        int ea = c.ea(i);
        int limit = idt ? c.idtrLimit : c.gdtrLimit;
        int base = idt ? c.idtrBase : c.gdtrBase;
        if (!i.operandSize32) {
            base &= 0x00FFFFFF;
        }
        int baseOff = i.addressSize32 ? ea + 2 : (ea + 2) & 0xFFFF;
        c.checkWritable(i.segment, ea, 2);
        c.checkWritable(i.segment, baseOff, 4);
        c.write16(i.segment, ea, limit);
        c.write32(i.segment, baseOff, base);
    }

    /** SLDT, STR, SMSW: a register of the operand size gets the value zero-extended; memory gets 16 bits. */
    private static void storeEvw(Cpu c, Instruction i, int value) {
        if (i.mod == 3) {
            c.putReg(i.rm, i.operandSize(), value);
        } else {
            c.write16(i.segment, c.ea(i), value);
        }
    }

    static void sldt(Cpu c, Instruction i) {
        requireProtected(c);
        umip(c);
        storeEvw(c, i, c.ldtr.selector);
    }

    static void str(Cpu c, Instruction i) {
        requireProtected(c);
        umip(c);
        storeEvw(c, i, c.tr.selector);
    }

    static void lldt(Cpu c, Instruction i) {
        requireProtected(c);
        requireCpl0(c);
        Protection.lldt(c, c.readE16(i));
    }

    static void ltr(Cpu c, Instruction i) {
        requireProtected(c);
        requireCpl0(c);
        Protection.ltr(c, c.readE16(i));
    }

    static void smsw(Cpu c, Instruction i) {
        umip(c);
        int v = c.cr0AsRead();
        if (i.mod == 3) {
            c.putReg(i.rm, i.operandSize(), i.operandSize32 ? v : v & 0xFFFF);
        } else {
            c.write16(i.segment, c.ea(i), v);
        }
    }

    static void lmsw(Cpu c, Instruction i) {
        requireCpl0(c);
        int v = c.readE16(i);
        int nv = (c.cr0 & ~0xE) | (v & 0xF) | (c.cr0 & CpuState.CR0_PE);
        c.writeCr0(nv);
    }

    static void clts(Cpu c) {
        requireCpl0(c);
        c.cr0 &= ~CpuState.CR0_TS;
    }

    static void invd(Cpu c) {
        requireCpl0(c);
    }

    static void invlpg(Cpu c, Instruction i) {
        requireCpl0(c);
        c.mmu.flushPage(c.seg[i.segment].base + c.ea(i));
    }

    // ---- control and debug registers ---------------------------------------------------------------------

    static void movFromCr(Cpu c, Instruction i) {
        requireCpl0(c);
        int v;
        switch (i.reg) {
            case 0: v = c.cr0AsRead(); break;
            case 2: v = c.cr2; break;
            case 3: v = c.cr3; break;
            default: v = c.cr4AsRead(); break;
        }
        c.r[i.rm] = v;
    }

    static void movToCr(Cpu c, Instruction i) {
        requireCpl0(c);
        int v = c.r[i.rm];
        switch (i.reg) {
            case 0:
                if ((v & CpuState.CR0_PG) != 0 && (v & CpuState.CR0_PE) == 0) {
                    throw c.gp(0);
                }
                if ((v & CpuState.CR0_NW) != 0 && (v & CpuState.CR0_CD) == 0) {
                    throw c.gp(0);
                }
                c.writeCr0(v);
                if (!c.protectedMode()) {
                    c.setCpl(0);
                }
                break;
            case 2:
                c.cr2 = v;
                break;
            case 3:
                c.writeCr3(v);
                break;
            default:
                if ((v & ~CpuState.CR4_SUPPORTED) != 0) {
                    throw c.gp(0);
                }
                c.writeCr4(v);
                break;
        }
    }

    private static int debugRegister(Cpu c, int n) {
        if (n == 4 || n == 5) {
            if ((c.cr4 & CpuState.CR4_DE) != 0) {
                throw c.undefined();
            }
            return n + 2;
        }
        return n;
    }

    static void movFromDr(Cpu c, Instruction i) {
        requireCpl0(c);
        c.r[i.rm] = c.dr[debugRegister(c, i.reg)];
    }

    static void movToDr(Cpu c, Instruction i) {
        requireCpl0(c);
        int n = debugRegister(c, i.reg);
        int v = c.r[i.rm];
        if (n == 6) {
            v = (v & 0x0000E00F) | 0xFFFF0FF0;
        } else if (n == 7) {
            v = (v & 0xFFFF2BFF) | 0x400;
        }
        c.dr[n] = v;
    }

    // ---- MSRs, TSC, CPUID ------------------------------------------------------------------------------------

    static void rdmsr(Cpu c) {
        requireCpl0(c);
        long v;
        switch (c.r[ECX]) {
            case IA32_TIME_STAMP_COUNTER: v = c.cycles + c.tscOffset; break;
            case IA32_SYSENTER_CS: v = c.sysenterCs & 0xFFFFFFFFL; break;
            case IA32_SYSENTER_ESP: v = c.sysenterEsp & 0xFFFFFFFFL; break;
            case IA32_SYSENTER_EIP: v = c.sysenterEip & 0xFFFFFFFFL; break;
            default: throw c.gp(0);
        }
        c.r[EAX] = (int) v;
        c.r[EDX] = (int) (v >>> 32);
    }

    static void wrmsr(Cpu c) {
        requireCpl0(c);
        long v = ((long) c.r[EDX] << 32) | (c.r[EAX] & 0xFFFFFFFFL);
        switch (c.r[ECX]) {
            case IA32_TIME_STAMP_COUNTER: c.tscOffset = v - c.cycles; break;
            case IA32_SYSENTER_CS: c.sysenterCs = (int) v; break;
            case IA32_SYSENTER_ESP: c.sysenterEsp = (int) v; break;
            case IA32_SYSENTER_EIP: c.sysenterEip = (int) v; break;
            default: throw c.gp(0);
        }
    }

    static void rdtsc(Cpu c) {
        if ((c.cr4 & CpuState.CR4_TSD) != 0 && !c.realMode() && c.cpl != 0) {
            throw c.gp(0);
        }
        long t = c.cycles + c.tscOffset;
        c.r[EAX] = (int) t;
        c.r[EDX] = (int) (t >>> 32);
    }

    static void cpuid(Cpu c) {
        switch (c.r[EAX]) {
            case 0:
                c.r[EAX] = 1;
                c.r[EBX] = 0x756E6547; // "Genu"
                c.r[EDX] = 0x49656E69; // "ineI"
                c.r[ECX] = 0x6C65746E; // "ntel"
                break;
            case 1:
                c.r[EAX] = Cpu.SIGNATURE;
                c.r[EBX] = 0;
                c.r[ECX] = 0;
                c.r[EDX] = FEATURES_EDX;
                break;
            default:
                c.r[EAX] = 0;
                c.r[EBX] = 0;
                c.r[ECX] = 0;
                c.r[EDX] = 0;
                break;
        }
    }

    // ---- LAR, LSL, VERR, VERW, ARPL ----------------------------------------------------------------------------

    static void lar(Cpu c, Instruction i) {
        requireProtected(c);
        int v = Protection.lar(c, c.readE16(i));
        if (v == -1) {
            c.setArith(0, LazyFlags.ZF);
            return;
        }
        c.setArith(LazyFlags.ZF, LazyFlags.ZF);
        c.putReg(i.reg, i.operandSize(), i.operandSize32 ? v : v & 0xFF00);
    }

    static void lsl(Cpu c, Instruction i) {
        requireProtected(c);
        long v = Protection.lsl(c, c.readE16(i));
        if (v < 0) {
            c.setArith(0, LazyFlags.ZF);
            return;
        }
        c.setArith(LazyFlags.ZF, LazyFlags.ZF);
        c.putReg(i.reg, i.operandSize(), (int) v);
    }

    static void verrVerw(Cpu c, Instruction i, boolean write) {
        requireProtected(c);
        int sel = c.readE16(i);
        boolean ok = write ? Protection.verw(c, sel) : Protection.verr(c, sel);
        c.setArith(ok ? LazyFlags.ZF : 0, LazyFlags.ZF);
    }

    static void arpl(Cpu c, Instruction i) {
        requireProtected(c);
        int src = c.getReg(i.reg, 2);
        if (i.mod == 3) {
            int dst = c.getReg(i.rm, 2);
            if ((dst & 3) < (src & 3)) {
                c.putReg(i.rm, 2, (dst & ~3) | (src & 3));
                c.setArith(LazyFlags.ZF, LazyFlags.ZF);
            } else {
                c.setArith(0, LazyFlags.ZF);
            }
            return;
        }
        int lin = c.rmwLinear(i.segment, c.ea(i), 2);
        int dst = c.mmu.read16(lin);
        if ((dst & 3) < (src & 3)) {
            c.mmu.write16(lin, (dst & ~3) | (src & 3));
            c.setArith(LazyFlags.ZF, LazyFlags.ZF);
        } else {
            c.setArith(0, LazyFlags.ZF);
        }
    }

    // ---- FPU escapes, WAIT ------------------------------------------------------------------------------

    static void esc(Cpu c) {
        if ((c.cr0 & (CpuState.CR0_EM | CpuState.CR0_TS)) != 0) {
            throw c.fault(Vector.NM, -1);
        }
        throw c.undefined();
    }

    static void fwait(Cpu c) {
        if ((c.cr0 & (CpuState.CR0_TS | CpuState.CR0_MP)) == (CpuState.CR0_TS | CpuState.CR0_MP)) {
            throw c.fault(Vector.NM, -1);
        }
    }
}
