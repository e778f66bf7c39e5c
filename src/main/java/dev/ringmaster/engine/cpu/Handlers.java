package dev.ringmaster.engine.cpu;

/**
 * Specialised handler ids: after decoding, {@link #specialise} replaces an instruction's family id
 * ({@link Exec}) by an id for its exact form where the hot path benefits (register / memory /
 * immediate operands, 32-bit operand size), and fills the execution helper fields: {@code xa} and
 * {@code xb} (register numbers of the destination and source, byte-register encoding for 8-bit
 * operands, -1 when the operand is memory), {@code xsize} (operand size in bytes), {@code xop}
 * (ALU operation, 8 = TEST) and {@code hooked}.
 */
final class Handlers {
    private Handlers() {
    }

    static final int MOV_RR = Exec.COUNT, MOV_RM = MOV_RR + 1, MOV_MR = MOV_RR + 2, MOV_RI = MOV_RR + 3,
            MOV_MI = MOV_RR + 4;
    static final int MOV_RR32 = MOV_RR + 5, MOV_RM32 = MOV_RR + 6, MOV_MR32 = MOV_RR + 7, MOV_RI32 = MOV_RR + 8,
            MOV_MI32 = MOV_RR + 9;
    static final int ALU_RR = MOV_RR + 10, ALU_RM = ALU_RR + 1, ALU_MR = ALU_RR + 2, ALU_RI = ALU_RR + 3,
            ALU_MI = ALU_RR + 4;
    static final int ALU_RR32 = ALU_RR + 5, ALU_RM32 = ALU_RR + 6, ALU_MR32 = ALU_RR + 7, ALU_RI32 = ALU_RR + 8,
            ALU_MI32 = ALU_RR + 9;
    static final int INC_R32 = ALU_RR + 10, DEC_R32 = INC_R32 + 1, PUSH_R32 = INC_R32 + 2, POP_R32 = INC_R32 + 3,
            JMP_REL = INC_R32 + 4, CALL_REL32 = INC_R32 + 5, RET32 = INC_R32 + 6, LEA32 = INC_R32 + 7;
    static final int COUNT = LEA32 + 1;

    private static final int REG = 0, MEM = 1, IMM = 2;

    static void specialise(Instruction i) {
        OpcodeEntry e = i.entry;
        i.xsize = e.operandCount() > 0 ? Math.max(1, e.operand(0).size(i.operandSize())) : i.operandSize();
        if (i.xsize > 4) {
            i.xsize = i.operandSize();
        }
        if (e.exec == Exec.OUTS) {
            i.xsize = e.operand(1).size(i.operandSize());
        }
        i.xa = -1;
        i.xb = -1;
        i.hooked = isHooked(i);
        if (i.status != Instruction.Status.OK) {
            return;
        }
        switch (e.exec) {
            case Exec.ALU:
                twoOperand(i, ALU_RR, ALU_RR32, e.sub);
                break;
            case Exec.TEST:
                twoOperand(i, ALU_RR, ALU_RR32, AluOps.TEST);
                break;
            case Exec.MOV:
                twoOperand(i, MOV_RR, MOV_RR32, 0);
                break;
            case Exec.INC:
            case Exec.DEC:
            case Exec.NOT:
            case Exec.NEG:
                i.xa = regOf(i, e.operand(0));
                if (e.operand(0) == OperandType.Zv && i.operandSize32) {
                    i.handler = e.exec == Exec.INC ? INC_R32 : e.exec == Exec.DEC ? DEC_R32 : i.handler;
                }
                break;
            case Exec.PUSH:
                if (e.operand(0) == OperandType.Zv && i.operandSize32) {
                    i.xa = i.opcodeReg;
                    i.handler = PUSH_R32;
                }
                break;
            case Exec.POP:
                if (e.operand(0) == OperandType.Zv && i.operandSize32) {
                    i.xa = i.opcodeReg;
                    i.handler = POP_R32;
                }
                break;
            case Exec.JMP:
                if (!i.hasModrm) {
                    i.handler = JMP_REL;
                }
                break;
            case Exec.CALL:
                if (!i.hasModrm && i.operandSize32) {
                    i.handler = CALL_REL32;
                }
                break;
            case Exec.RET:
                if (i.immSize == 0 && i.operandSize32) {
                    i.handler = RET32;
                }
                break;
            case Exec.LEA:
                if (i.operandSize32 && i.addressSize32) {
                    i.handler = LEA32;
                }
                break;
            default:
                break;
        }
    }

    private static int kind(Instruction i, OperandType t) {
        switch (t) {
            case Eb: case Ew: case Ed: case Ev:
                return i.mod == 3 ? REG : MEM;
            case Ob: case Ov:
                return MEM;
            case Ib: case Ibs: case Iw: case Iz:
                return IMM;
            default:
                return REG;
        }
    }

    private static int regOf(Instruction i, OperandType t) {
        switch (t) {
            case Eb: case Ew: case Ed: case Ev:
                return i.mod == 3 ? i.rm : -1;
            case Gb: case Gw: case Gv:
                return i.reg;
            case Zb: case Zv: case Zd:
                return i.opcodeReg;
            case AL: case eAX:
                return 0;
            default:
                return -1;
        }
    }

    private static void twoOperand(Instruction i, int base, int base32, int op) {
        OperandType d = i.entry.operand(0);
        OperandType s = i.entry.operand(1);
        int dk = kind(i, d);
        int sk = kind(i, s);
        i.xa = regOf(i, d);
        i.xb = regOf(i, s);
        i.xop = op;
        int form;
        if (dk == REG) {
            form = sk == REG ? 0 : sk == MEM ? 1 : 3;
        } else {
            form = sk == REG ? 2 : 4;
        }
        i.handler = (i.xsize == 4 ? base32 : base) + form;
    }

    /** Privileged, sensitive, I/O and VT-x-exiting instructions: {@link CpuHooks#beforeInstruction} sees them. */
    static boolean isHooked(Instruction i) {
        OpcodeEntry e = i.entry;
        if (i.status != Instruction.Status.OK) {
            return false;
        }
        if ((e.flags & (OpcodeEntry.PRIVILEGED | OpcodeEntry.SENSITIVE | OpcodeEntry.IO)) != 0) {
            return true;
        }
        switch (e.exec) {
            case Exec.CPUID: case Exec.RDTSC: case Exec.VMCALL: case Exec.CLI: case Exec.STI: case Exec.INT:
            case Exec.INT3: case Exec.INTO: case Exec.INT1: case Exec.IRET:
                return true;
            default:
                return false;
        }
    }
}
