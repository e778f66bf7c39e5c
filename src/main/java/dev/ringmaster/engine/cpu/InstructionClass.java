package dev.ringmaster.engine.cpu;

/**
 * What kind of work an instruction is for the cost model: the constants mirror, in the same order,
 * the {@code INSN_*} events of {@code dev.ringmaster.engine.cost.CostEvent} (see their javadoc). The
 * decoder classifies every instruction once ({@link Instruction#instructionClass()}) and the CPU
 * counts retired instructions per class ({@link Cpu#retiredByClass()}).
 *
 * <p>The rules, first match wins:
 * <ul>
 * <li>{@link #PORT_IO}: IN, OUT, INS, OUTS (with or without REP).</li>
 * <li>{@link #STRING_ITERATION}: MOVS, CMPS, STOS, LODS, SCAS with a REP/REPE/REPNE prefix. The
 * instruction is counted once in {@link Cpu#retiredByClass()}; its iterations are counted by
 * {@link Cpu#stringIterations()} (what the cost model charges per iteration, see
 * {@link Cpu#costEventCounts()}). Without REP a string instruction is {@link #MEMORY}.</li>
 * <li>{@link #SERIALIZING}: MOV to CRn/DRn, LGDT, LIDT, LLDT, LTR, LMSW, CLTS, CPUID, RDMSR, WRMSR,
 * INVLPG, INVD, WBINVD, HLT, IRET.</li>
 * <li>{@link #SYSTEM}: MOV from CRn/DRn, SGDT, SIDT, SLDT, STR, SMSW, LAR, LSL, VERR, VERW, ARPL,
 * PUSHF, POPF, CLI, STI, RDTSC, far CALL/JMP/RET, INT n/INT3/INTO/INT1 (the gate transfer itself;
 * a delivery is a separate cost event), and segment-register loads (MOV Sreg, POP Sreg, LDS/LES/LFS/
 * LGS/LSS), which read a descriptor.</li>
 * <li>{@link #CALL}: near CALL (relative or indirect); {@link #RET}: near RET (with or without an
 * immediate); {@link #BRANCH}: JMP (near, relative or indirect), Jcc, LOOP/LOOPE/LOOPNE,
 * JCXZ/JECXZ.</li>
 * <li>{@link #MULTIPLY}: MUL, IMUL (all forms); {@link #DIVIDE}: DIV, IDIV and AAM (a division by
 * its immediate).</li>
 * <li>{@link #MEMORY}: every other instruction that accesses memory: an explicit memory operand
 * (ModR/M memory form or moffs; LEA, which computes an address without accessing it, is not one),
 * PUSH/POP, PUSHA/POPA, ENTER/LEAVE, XLAT, BOUND, CMPXCHG8B, non-REP string instructions.</li>
 * <li>{@link #SIMPLE}: everything else: register ALU, shift, bit and move instructions, LEA, flag
 * operations, NOP, XCHG of registers, BCD adjustments, and encodings that only fault (#UD).</li>
 * </ul>
 */
public enum InstructionClass {
    SIMPLE,
    MEMORY,
    BRANCH,
    CALL,
    RET,
    MULTIPLY,
    DIVIDE,
    STRING_ITERATION,
    SYSTEM,
    SERIALIZING,
    PORT_IO;

    private static final InstructionClass[] VALUES = values();

    /** Number of classes: the length of {@link Cpu#retiredByClass()}. */
    public static final int COUNT = VALUES.length;

    /** The class with this ordinal, without allocating. */
    public static InstructionClass of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Classifies a decoded instruction (called once per decode, by the decoder). */
    static InstructionClass classify(Instruction i) {
        if (i.status != Instruction.Status.OK) {
            return SIMPLE;
        }
        switch (i.entry.exec) {
            case Exec.IN: case Exec.OUT: case Exec.INS: case Exec.OUTS:
                return PORT_IO;
            case Exec.MOVS: case Exec.CMPS: case Exec.STOS: case Exec.LODS: case Exec.SCAS:
                return i.repPrefix != 0 ? STRING_ITERATION : MEMORY;
            case Exec.MOV_TO_CR: case Exec.MOV_TO_DR: case Exec.LGDT: case Exec.LIDT: case Exec.LLDT:
            case Exec.LTR: case Exec.LMSW: case Exec.CLTS: case Exec.CPUID: case Exec.RDMSR: case Exec.WRMSR:
            case Exec.INVLPG: case Exec.INVD: case Exec.WBINVD: case Exec.HLT: case Exec.IRET:
                return SERIALIZING;
            case Exec.MOV_FROM_CR: case Exec.MOV_FROM_DR: case Exec.SGDT: case Exec.SIDT: case Exec.SLDT:
            case Exec.STR: case Exec.SMSW: case Exec.LAR: case Exec.LSL: case Exec.VERR: case Exec.VERW:
            case Exec.ARPL: case Exec.PUSHF: case Exec.POPF: case Exec.CLI: case Exec.STI: case Exec.RDTSC:
            case Exec.CALLF: case Exec.JMPF: case Exec.RETF: case Exec.INT: case Exec.INT3: case Exec.INTO:
            case Exec.INT1: case Exec.MOV_TO_SEG: case Exec.POP_SEG: case Exec.LOAD_FAR:
                return SYSTEM;
            case Exec.CALL:
                return CALL;
            case Exec.RET:
                return RET;
            case Exec.JMP: case Exec.JCC: case Exec.LOOP: case Exec.JCXZ:
                return BRANCH;
            case Exec.MUL: case Exec.IMUL1: case Exec.IMUL2: case Exec.IMUL3:
                return MULTIPLY;
            case Exec.DIV: case Exec.IDIV: case Exec.AAM:
                return DIVIDE;
            case Exec.PUSH: case Exec.POP: case Exec.PUSH_SEG: case Exec.PUSHA: case Exec.POPA: case Exec.ENTER:
            case Exec.LEAVE: case Exec.XLAT: case Exec.BOUND: case Exec.CMPXCHG8B:
                return MEMORY;
            case Exec.LEA:
                return SIMPLE;
            default:
                return i.memory ? MEMORY : SIMPLE;
        }
    }
}
