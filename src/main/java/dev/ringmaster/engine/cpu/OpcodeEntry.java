package dev.ringmaster.engine.cpu;

import java.util.Arrays;
import java.util.List;

/**
 * One row of the opcode map ({@link OpcodeTable}): what an opcode (with its ModR/M.reg group
 * extension already applied) means. Shared by every {@link Instruction} decoded from that opcode;
 * immutable.
 */
public final class OpcodeEntry {
    /** LOCK is allowed (when the destination is memory). */
    public static final int LOCKABLE = 1;
    /** Ends a decoded block: transfers control or changes state the following decode depends on. */
    public static final int END_BLOCK = 1 << 1;
    /** Privileged: #GP(0) unless CPL = 0 (and #UD/#GP rules of the SDM where stated). */
    public static final int PRIVILEGED = 1 << 2;
    /**
     * Sensitive but unprivileged (Robin &amp; Irvine's list: reveals or depends on privileged state
     * without trapping at CPL &gt; 0): PUSHF, POPF, SGDT, SIDT, SLDT, STR, SMSW, LAR, LSL, VERR, VERW,
     * PUSH CS, MOV r,CS/SS-style reads of the current privilege.
     */
    public static final int SENSITIVE = 1 << 3;
    /** Port I/O (IN, OUT, INS, OUTS): IOPL and the TSS I/O permission bitmap apply. */
    public static final int IO = 1 << 4;
    /** String instruction: REP/REPE/REPNE prefixes apply. */
    public static final int STRING = 1 << 5;
    /** The 32-bit mnemonic variant is chosen by the address size, not the operand size (JECXZ). */
    public static final int MNEMONIC_BY_ADDRESS_SIZE = 1 << 6;
    /** A group: the real entry is chosen by ModR/M.reg ({@link #sub} is the group number). */
    public static final int GROUP = 1 << 7;
    /** Undefined encoding: #UD. */
    public static final int INVALID = 1 << 8;
    /** Uses REPE/REPNE to choose termination on ZF (CMPS, SCAS). */
    public static final int REP_CONDITIONAL = 1 << 9;
    /** Has a ModR/M byte although no operand is listed for it (the x87 escapes). */
    public static final int MODRM = 1 << 10;

    /** Mnemonic with a 16-bit operand (or address) size. */
    public final Mnemonic mnemonic16;
    /** Mnemonic with a 32-bit operand (or address) size. */
    public final Mnemonic mnemonic32;
    private final OperandType[] operands;
    /** Execution family (package-private ids in {@code Exec}). */
    final int exec;
    /** Sub-operation within the family: ALU operation (the /reg of group 1), shift kind, condition code, segment... */
    public final int sub;
    /** Bit set of the constants above. */
    public final int flags;

    OpcodeEntry(Mnemonic m16, Mnemonic m32, int exec, int sub, int flags, OperandType... operands) {
        this.mnemonic16 = m16;
        this.mnemonic32 = m32;
        this.exec = exec;
        this.sub = sub;
        this.flags = flags;
        this.operands = operands;
    }

    /** The operands in Intel order (destination first). */
    public List<OperandType> operands() {
        return List.of(operands);
    }

    public int operandCount() {
        return operands.length;
    }

    public OperandType operand(int i) {
        return operands[i];
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean needsModrm() {
        if ((flags & (GROUP | MODRM)) != 0) {
            return true;
        }
        for (OperandType t : operands) {
            if (t.usesModrm()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return mnemonic32 + (mnemonic16 != mnemonic32 ? "/" + mnemonic16 : "") + " " + Arrays.toString(operands);
    }
}
