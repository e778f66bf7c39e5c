package dev.ringmaster.engine.cpu;

import java.util.Locale;

/**
 * The operation an {@link Instruction} performs, named as the Intel SDM (vol. 2) names it.
 *
 * <p>Size variants that the SDM spells differently are separate constants (CBW/CWDE, CWD/CDQ,
 * PUSHA/PUSHAD, PUSHF/PUSHFD, IRET/IRETD, MOVSB/MOVSW/MOVSD, JCXZ/JECXZ...): the decoder resolves
 * them from the operand size (or, for JCXZ/JECXZ and the LOOP family, the address size) so that
 * {@link Instruction#mnemonic} is already the right one. Far transfers have their own identities
 * ({@link #CALLF}, {@link #JMPF}, {@link #RETF}) although the assembler spells them "call", "jmp"
 * and "retf"/"ret far": {@link #text()} gives the assembler spelling.
 *
 * <p>{@link #BAD} marks an undefined encoding (the CPU raises #UD for it).
 */
public enum Mnemonic {
    AAA, AAD, AAM, AAS, ADC, ADD, AND, ARPL, BOUND, BSF, BSR, BSWAP, BT, BTC, BTR, BTS,
    CALL, CALLF("call"), CBW, CWDE, CWD, CDQ, CLC, CLD, CLI, CLTS, CMC,
    CMOVO, CMOVNO, CMOVB, CMOVAE, CMOVE, CMOVNE, CMOVBE, CMOVA,
    CMOVS, CMOVNS, CMOVP, CMOVNP, CMOVL, CMOVGE, CMOVLE, CMOVG,
    CMP, CMPSB, CMPSW, CMPSD, CMPXCHG, CMPXCHG8B, CPUID, DAA, DAS, DEC, DIV, ENTER,
    /** An x87 escape opcode (D8–DF); this CPU has no FPU: #NM or #UD. */
    ESC,
    HLT, IDIV, IMUL, IN, INC, INSB, INSW, INSD, INT, INT1, INT3, INTO, INVD, INVLPG, IRET, IRETD,
    JO, JNO, JB, JAE, JE, JNE, JBE, JA, JS, JNS, JP, JNP, JL, JGE, JLE, JG,
    JCXZ, JECXZ, JMP, JMPF("jmp"), LAHF, LAR, LDS, LEA, LEAVE, LES, LFS, LGDT, LGS, LIDT, LLDT, LMSW,
    LODSB, LODSW, LODSD, LOOP, LOOPE, LOOPNE, LSL, LSS, LTR, MOV, MOVSB, MOVSW, MOVSD, MOVSX, MOVZX,
    MUL, NEG, NOP,
    /** F3 90: spin-loop hint, executes as NOP. */
    PAUSE,
    NOT, OR, OUT, OUTSB, OUTSW, OUTSD, POP, POPA, POPAD, POPF, POPFD, PUSH, PUSHA,
    PUSHAD, PUSHF, PUSHFD, RCL, RCR, RDMSR, RDTSC, RET, RETF, ROL, ROR, SAHF,
    /** Undocumented D6: AL = CF ? 0xFF : 0 (QEMU implements it). */
    SALC,
    /** The undocumented alias of SHL at group-2 /6. */
    SAL,
    SAR, SBB, SCASB, SCASW, SCASD,
    SETO, SETNO, SETB, SETAE, SETE, SETNE, SETBE, SETA, SETS, SETNS, SETP, SETNP, SETL, SETGE, SETLE, SETG,
    SGDT, SHL, SHLD, SHR, SHRD, SIDT, SLDT, SMSW, STC, STD, STI, STOSB, STOSW, STOSD, STR, SUB, TEST,
    UD0, UD1, UD2, VERR, VERW, VMCALL, WAIT, WBINVD, WRMSR, XADD, XCHG, XLAT, XOR,
    /** Not a valid instruction (the CPU raises #UD, or #GP(0) when it is longer than 15 bytes). */
    BAD("(bad)");

    private final String text;

    Mnemonic() {
        this.text = name().toLowerCase(Locale.ROOT);
    }

    Mnemonic(String text) {
        this.text = text;
    }

    /** Lower-case assembler spelling ("cwde", "movsd", "call" for {@link #CALLF}). */
    public String text() {
        return text;
    }

    private static final Mnemonic[] JCC = {JO, JNO, JB, JAE, JE, JNE, JBE, JA, JS, JNS, JP, JNP, JL, JGE, JLE, JG};
    private static final Mnemonic[] SETCC = {SETO, SETNO, SETB, SETAE, SETE, SETNE, SETBE, SETA,
        SETS, SETNS, SETP, SETNP, SETL, SETGE, SETLE, SETG};
    private static final Mnemonic[] CMOVCC = {CMOVO, CMOVNO, CMOVB, CMOVAE, CMOVE, CMOVNE, CMOVBE, CMOVA,
        CMOVS, CMOVNS, CMOVP, CMOVNP, CMOVL, CMOVGE, CMOVLE, CMOVG};

    /** Jcc for condition code {@code cc} (0–15, the low nibble of the opcode). */
    public static Mnemonic jcc(int cc) {
        return JCC[cc & 15];
    }

    public static Mnemonic setcc(int cc) {
        return SETCC[cc & 15];
    }

    public static Mnemonic cmovcc(int cc) {
        return CMOVCC[cc & 15];
    }
}
