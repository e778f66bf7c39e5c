package dev.ringmaster.engine.cpu;

/**
 * Dispatches a decoded {@link Instruction} to its family ({@link AluOps}, {@link ShiftOps},
 * {@link MulDivOps}, {@link BcdOps}, {@link BitOps}, {@link MoveOps}, {@link StackOps},
 * {@link ControlFlowOps}, {@link StringOps}, {@link IoOps}, {@link SystemOps}). The hot forms are in
 * {@link #execute}; everything else, and every instruction the VMM may intercept, goes through
 * {@link #rare}, where the one hook test is.
 */
final class Executor {
    private Executor() {
    }

    static void execute(Cpu c, Instruction i) {
        switch (i.handler) {
            case Handlers.MOV_RR32:
                c.r[i.xa] = c.r[i.xb];
                return;
            case Handlers.MOV_RM32:
                c.r[i.xa] = c.read32(i.segment, c.ea(i));
                return;
            case Handlers.MOV_MR32:
                c.write32(i.segment, c.ea(i), c.r[i.xb]);
                return;
            case Handlers.MOV_RI32:
                c.r[i.xa] = i.imm;
                return;
            case Handlers.MOV_MI32:
                c.write32(i.segment, c.ea(i), i.imm);
                return;
            case Handlers.ALU_RR32:
                AluOps.rr32(c, i);
                return;
            case Handlers.ALU_RM32:
                AluOps.rm32(c, i);
                return;
            case Handlers.ALU_MR32:
                AluOps.mr32(c, i);
                return;
            case Handlers.ALU_RI32:
                AluOps.ri32(c, i);
                return;
            case Handlers.ALU_MI32:
                AluOps.mi32(c, i);
                return;
            case Exec.JCC:
                ControlFlowOps.jcc(c, i);
                return;
            case Handlers.INC_R32:
                AluOps.incR32(c, i);
                return;
            case Handlers.DEC_R32:
                AluOps.decR32(c, i);
                return;
            case Handlers.PUSH_R32:
                StackOps.pushR32(c, i);
                return;
            case Handlers.POP_R32:
                StackOps.popR32(c, i);
                return;
            case Handlers.JMP_REL:
                ControlFlowOps.jmpRel(c, i);
                return;
            case Handlers.CALL_REL32:
                ControlFlowOps.callRel32(c, i);
                return;
            case Handlers.RET32:
                ControlFlowOps.ret32(c);
                return;
            case Handlers.LEA32:
                c.r[i.reg] = c.ea(i);
                return;
            default:
                rare(c, i);
        }
    }

    static boolean isHooked(Instruction i) {
        return i.hooked;
    }

    static void rare(Cpu c, Instruction i) {
        if (i.hooked && c.hooks != null) {
            switch (c.hooks.beforeInstruction(c, i)) {
                case SKIP:
                    return;
                case STOP:
                    throw Cpu.StopSignal.INSTANCE;
                default:
                    break;
            }
        }
        switch (i.handler) {
            case Exec.UD:
            case Exec.UD2:
            case Exec.VMCALL:
                throw c.undefined();
            case Exec.GP0:
                throw c.gp(0);
            case Handlers.MOV_RR: MoveOps.movRR(c, i); return;
            case Handlers.MOV_RM: MoveOps.movRM(c, i); return;
            case Handlers.MOV_MR: MoveOps.movMR(c, i); return;
            case Handlers.MOV_RI: MoveOps.movRI(c, i); return;
            case Handlers.MOV_MI: MoveOps.movMI(c, i); return;
            case Handlers.ALU_RR: AluOps.rr(c, i); return;
            case Handlers.ALU_RM: AluOps.rm(c, i); return;
            case Handlers.ALU_MR: AluOps.mr(c, i); return;
            case Handlers.ALU_RI: AluOps.ri(c, i); return;
            case Handlers.ALU_MI: AluOps.mi(c, i); return;
            case Exec.INC: AluOps.unary(c, i, 0); return;
            case Exec.DEC: AluOps.unary(c, i, 1); return;
            case Exec.NOT: AluOps.unary(c, i, 2); return;
            case Exec.NEG: AluOps.unary(c, i, 3); return;
            case Exec.SHIFT: ShiftOps.shift(c, i); return;
            case Exec.SHLD: ShiftOps.doubleShift(c, i, true); return;
            case Exec.SHRD: ShiftOps.doubleShift(c, i, false); return;
            case Exec.MUL: MulDivOps.mul(c, i, false); return;
            case Exec.IMUL1: MulDivOps.mul(c, i, true); return;
            case Exec.IMUL2: MulDivOps.imul(c, i, false); return;
            case Exec.IMUL3: MulDivOps.imul(c, i, true); return;
            case Exec.DIV: MulDivOps.div(c, i, false); return;
            case Exec.IDIV: MulDivOps.div(c, i, true); return;
            case Exec.DAA: BcdOps.daa(c); return;
            case Exec.DAS: BcdOps.das(c); return;
            case Exec.AAA: BcdOps.aaa(c); return;
            case Exec.AAS: BcdOps.aas(c); return;
            case Exec.AAM: BcdOps.aam(c, i.imm); return;
            case Exec.AAD: BcdOps.aad(c, i.imm); return;
            case Exec.SALC: c.setReg8(0, c.cf() ? 0xFF : 0); return;
            case Exec.BT: BitOps.bt(c, i, i.entry.sub, false); return;
            case Exec.BT_IMM: BitOps.bt(c, i, i.entry.sub, true); return;
            case Exec.BSF: BitOps.bsf(c, i, false); return;
            case Exec.BSR: BitOps.bsf(c, i, true); return;
            case Exec.MOVZX: MoveOps.movx(c, i, false); return;
            case Exec.MOVSX: MoveOps.movx(c, i, true); return;
            case Exec.XCHG: MoveOps.xchg(c, i); return;
            case Exec.LEA: MoveOps.lea(c, i); return;
            case Exec.CBW: MoveOps.cbw(c, i); return;
            case Exec.CWD: MoveOps.cwd(c, i); return;
            case Exec.CMOV: MoveOps.cmov(c, i); return;
            case Exec.SETCC: MoveOps.setcc(c, i); return;
            case Exec.BSWAP: MoveOps.bswap(c, i); return;
            case Exec.XLAT: MoveOps.xlat(c, i); return;
            case Exec.LAHF: MoveOps.lahf(c); return;
            case Exec.SAHF: MoveOps.sahf(c); return;
            case Exec.CMPXCHG: MoveOps.cmpxchg(c, i); return;
            case Exec.XADD: MoveOps.xadd(c, i); return;
            case Exec.CMPXCHG8B: MoveOps.cmpxchg8b(c, i); return;
            case Exec.MOV_FROM_SEG: MoveOps.movFromSeg(c, i); return;
            case Exec.MOV_TO_SEG: MoveOps.movToSeg(c, i); return;
            case Exec.LOAD_FAR: MoveOps.loadFar(c, i); return;
            case Exec.NOP: return;
            case Exec.CLC: c.setCF(false); return;
            case Exec.STC: c.setCF(true); return;
            case Exec.CMC: c.setCF(!c.cf()); return;
            case Exec.CLD: c.eflags &= ~LazyFlags.DF; return;
            case Exec.STD: c.eflags |= LazyFlags.DF; return;
            case Exec.PUSH: StackOps.push(c, i); return;
            case Exec.POP: StackOps.pop(c, i); return;
            case Exec.PUSH_SEG: StackOps.pushSeg(c, i); return;
            case Exec.POP_SEG: StackOps.popSeg(c, i); return;
            case Exec.PUSHA: StackOps.pusha(c, i); return;
            case Exec.POPA: StackOps.popa(c, i); return;
            case Exec.PUSHF: StackOps.pushf(c, i); return;
            case Exec.POPF: StackOps.popf(c, i); return;
            case Exec.ENTER: StackOps.enter(c, i); return;
            case Exec.LEAVE: StackOps.leave(c, i); return;
            case Exec.JMP: ControlFlowOps.jmp(c, i); return;
            case Exec.CALL: ControlFlowOps.call(c, i); return;
            case Exec.RET: ControlFlowOps.ret(c, i); return;
            case Exec.LOOP: ControlFlowOps.loop(c, i); return;
            case Exec.JCXZ: ControlFlowOps.jcxz(c, i); return;
            case Exec.CALLF: ControlFlowOps.callFar(c, i); return;
            case Exec.JMPF: ControlFlowOps.jmpFar(c, i); return;
            case Exec.RETF: ControlFlowOps.retFar(c, i); return;
            case Exec.IRET: ControlFlowOps.iret(c, i); return;
            case Exec.INT: ControlFlowOps.intN(c, i); return;
            case Exec.INT3: ControlFlowOps.int3(c); return;
            case Exec.INTO: ControlFlowOps.into(c); return;
            case Exec.INT1: ControlFlowOps.int1(c); return;
            case Exec.BOUND: ControlFlowOps.bound(c, i); return;
            case Exec.MOVS: StringOps.movs(c, i); return;
            case Exec.CMPS: StringOps.cmps(c, i); return;
            case Exec.STOS: StringOps.stos(c, i); return;
            case Exec.LODS: StringOps.lods(c, i); return;
            case Exec.SCAS: StringOps.scas(c, i); return;
            case Exec.IN: IoOps.inInsn(c, i); return;
            case Exec.OUT: IoOps.outInsn(c, i); return;
            case Exec.INS: IoOps.ins(c, i); return;
            case Exec.OUTS: IoOps.outs(c, i); return;
            case Exec.HLT: SystemOps.hlt(c); return;
            case Exec.CLI: SystemOps.cli(c); return;
            case Exec.STI: SystemOps.sti(c); return;
            case Exec.LGDT: SystemOps.lgdtLidt(c, i, false); return;
            case Exec.LIDT: SystemOps.lgdtLidt(c, i, true); return;
            case Exec.SGDT: SystemOps.sgdtSidt(c, i, false); return;
            case Exec.SIDT: SystemOps.sgdtSidt(c, i, true); return;
            case Exec.SLDT: SystemOps.sldt(c, i); return;
            case Exec.STR: SystemOps.str(c, i); return;
            case Exec.LLDT: SystemOps.lldt(c, i); return;
            case Exec.LTR: SystemOps.ltr(c, i); return;
            case Exec.SMSW: SystemOps.smsw(c, i); return;
            case Exec.LMSW: SystemOps.lmsw(c, i); return;
            case Exec.CLTS: SystemOps.clts(c); return;
            case Exec.INVD:
            case Exec.WBINVD: SystemOps.invd(c); return;
            case Exec.INVLPG: SystemOps.invlpg(c, i); return;
            case Exec.MOV_FROM_CR: SystemOps.movFromCr(c, i); return;
            case Exec.MOV_TO_CR: SystemOps.movToCr(c, i); return;
            case Exec.MOV_FROM_DR: SystemOps.movFromDr(c, i); return;
            case Exec.MOV_TO_DR: SystemOps.movToDr(c, i); return;
            case Exec.RDMSR: SystemOps.rdmsr(c); return;
            case Exec.WRMSR: SystemOps.wrmsr(c); return;
            case Exec.RDTSC: SystemOps.rdtsc(c); return;
            case Exec.CPUID: SystemOps.cpuid(c); return;
            case Exec.LAR: SystemOps.lar(c, i); return;
            case Exec.LSL: SystemOps.lsl(c, i); return;
            case Exec.VERR: SystemOps.verrVerw(c, i, false); return;
            case Exec.VERW: SystemOps.verrVerw(c, i, true); return;
            case Exec.ARPL: SystemOps.arpl(c, i); return;
            case Exec.ESC: SystemOps.esc(c); return;
            case Exec.WAIT: SystemOps.fwait(c); return;
            default:
                // Every family id is handled above; reaching here is a decoder/executor mismatch.
                throw new IllegalStateException("no handler for " + i);
        }
    }
}
