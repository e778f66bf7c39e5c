package dev.ringmaster.engine.cpu;

/**
 * How an operand of an {@link Instruction} is encoded and how big it is, in the notation of the
 * Intel SDM vol. 2, appendix A ("Eb", "Gv", "Iz"...), extended with the implicit operands the
 * opcode map writes as register names.
 *
 * <p>Addressing method (first letter): E = ModR/M r/m (register or memory), G = ModR/M reg
 * (general register), M = ModR/M r/m that must be memory, R = ModR/M r/m that must be a register,
 * S = ModR/M reg selects a segment register, C/D = ModR/M reg selects a control/debug register,
 * I = immediate, J = relative branch offset (immediate), A = direct far pointer (immediate), O =
 * memory offset encoded as an immediate of the address size (moffs, no ModR/M), X = DS:[eSI] (the
 * segment may be overridden), Y = ES:[eDI] (never overridden), Z = general register in the low
 * three bits of the opcode byte.
 *
 * <p>Operand size (suffix): b = byte, w = word, d = doubleword, v = word or doubleword by the
 * operand size, z = word or doubleword by the operand size (immediates stay 32-bit at most), p =
 * far pointer (16:16 or 16:32 by the operand size), s = 6-byte pseudo-descriptor, a = a pair of
 * words or doublewords (BOUND), q = quadword.
 *
 * <p>The values an operand carries are in the {@link Instruction}: register numbers in
 * {@link Instruction#reg} / {@link Instruction#rm} / {@link Instruction#opcodeReg}, the memory
 * operand in the effective-address fields, immediates in {@link Instruction#imm} and
 * {@link Instruction#imm2}.
 */
public enum OperandType {
    /** r/m8. */
    Eb(1),
    /** r/m16. */
    Ew(2),
    /** r/m32. */
    Ed(4),
    /** r/m16 or r/m32 by operand size. */
    Ev(0),
    /**
     * Register of the operand size, or a 16-bit memory operand: MOV Ev,Sw, SLDT, STR, SMSW (the
     * SDM's "r/m16, r32/m16" forms).
     */
    Evw(0),
    /** r8 from ModR/M.reg. */
    Gb(1),
    /** r16 from ModR/M.reg. */
    Gw(2),
    /** r16/r32 from ModR/M.reg. */
    Gv(0),
    /** Memory of no particular size (LEA, INVLPG). */
    M(0),
    /** m16:16 or m16:32 far pointer (LDS, LES, LSS, LFS, LGS, CALL/JMP far indirect). */
    Mp(0),
    /** 6-byte pseudo-descriptor m16&amp;32 (LGDT, LIDT, SGDT, SIDT). */
    Ms(6),
    /** Two signed bounds of the operand size (BOUND). */
    Ma(0),
    /** m64 (CMPXCHG8B). */
    Mq(8),
    /** 32-bit general register from ModR/M.rm, the mod field ignored (MOV to/from CRn/DRn). */
    Rd(4),
    /** Segment register from ModR/M.reg (0 ES, 1 CS, 2 SS, 3 DS, 4 FS, 5 GS). */
    Sw(2),
    /** Control register from ModR/M.reg. */
    Cd(4),
    /** Debug register from ModR/M.reg. */
    Dd(4),
    /** imm8. */
    Ib(1),
    /** imm8 sign-extended to the operand size. */
    Ibs(1),
    /** imm16. */
    Iw(2),
    /** imm16 or imm32 by operand size. */
    Iz(0),
    /** rel8. */
    Jb(1),
    /** rel16 or rel32 by operand size. */
    Jz(0),
    /** ptr16:16 or ptr16:32 (offset in {@link Instruction#imm}, selector in {@link Instruction#imm2}). */
    Ap(0),
    /** moffs8 (offset in {@link Instruction#disp}, of the address size). */
    Ob(1),
    /** moffs16/32 by operand size. */
    Ov(0),
    /** Byte at DS:[SI/ESI] (string source). */
    Xb(1),
    /** Word/doubleword at DS:[SI/ESI]. */
    Xv(0),
    /** Byte at ES:[DI/EDI] (string destination). */
    Yb(1),
    /** Word/doubleword at ES:[DI/EDI]. */
    Yv(0),
    /** Byte at DS:[BX/EBX + AL] (XLAT). */
    Mxlat(1),
    /** r8 from the low three bits of the opcode ({@link Instruction#opcodeReg}). */
    Zb(1),
    /** r16/r32 from the low three bits of the opcode. */
    Zv(0),
    /** r32 from the low three bits of the opcode (BSWAP). */
    Zd(4),
    /** AL. */
    AL(1),
    /** CL. */
    CL(1),
    /** DX used as a port number (IN/OUT/INS/OUTS). */
    DX(2),
    /** AX or EAX by operand size. */
    eAX(0),
    /** The constant 1 (shift/rotate by one). */
    ONE(1),
    /** Segment register ES (PUSH ES, POP ES). */
    ES(2),
    CS(2),
    SS(2),
    DS(2),
    FS(2),
    GS(2);

    private final int fixedSize;

    OperandType(int fixedSize) {
        this.fixedSize = fixedSize;
    }

    /**
     * Size in bytes of the operand for operand size {@code operandSize} (2 or 4). For far pointers
     * ({@link #Mp}, {@link #Ap}) this is the size of the pointer (4 or 6), for {@link #Ma} twice the
     * operand size, for {@link #M} 0.
     */
    public int size(int operandSize) {
        switch (this) {
            case Mp:
            case Ap:
                return operandSize + 2;
            case Ma:
                return operandSize * 2;
            case M:
                return 0;
            default:
                return fixedSize != 0 ? fixedSize : operandSize;
        }
    }

    /** True when this operand is read through ModR/M (r/m or reg field). */
    public boolean usesModrm() {
        switch (this) {
            case Eb: case Ew: case Ed: case Ev: case Evw: case Gb: case Gw: case Gv: case M: case Mp: case Ms:
            case Ma: case Mq: case Rd: case Sw: case Cd: case Dd:
                return true;
            default:
                return false;
        }
    }

    /** True for operands that are immediates in the instruction stream (I, J, A; not O). */
    public boolean isImmediate() {
        switch (this) {
            case Ib: case Ibs: case Iw: case Iz: case Jb: case Jz: case Ap:
                return true;
            default:
                return false;
        }
    }

    /** True for operands that must be memory (the register form of ModR/M is #UD). */
    public boolean memoryOnly() {
        switch (this) {
            case M: case Mp: case Ms: case Ma: case Mq:
                return true;
            default:
                return false;
        }
    }
}
