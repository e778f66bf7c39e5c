package dev.ringmaster.engine.cpu.disasm;

import dev.ringmaster.engine.cpu.Instruction;

/**
 * The per-instruction state of formatting one instruction as objdump does: the instruction, its
 * prefixes as objdump tallies them (which is the last of its kind, which were used by an operand or
 * the mnemonic), the mnemonic and operand texts being built, and what the listing needs afterwards
 * (a "(bad)" length, a length override, the branch target). {@link IntelFormatter} resets it for
 * every instruction and decides the mnemonic; {@link OperandFormatter} appends operands and marks
 * the prefixes they use. Reused: one per formatter.
 */
final class FormatState {
    // objdump's prefix flags
    static final int P_REPZ = 1, P_REPNZ = 2, P_CS = 4, P_SS = 8, P_DS = 0x10, P_ES = 0x20, P_FS = 0x40,
            P_GS = 0x80, P_LOCK = 0x100, P_DATA = 0x200, P_ADDR = 0x400, P_FWAIT = 0x800;
    static final int SEG_PREFIXES = P_CS | P_SS | P_DS | P_ES | P_FS | P_GS;
    // renamed prefixes
    static final int REP = 1, XACQUIRE = 2, XRELEASE = 3, BND = 4, NOTRACK = 5;
    // operand size modes (objdump's bytemodes)
    static final int M_NONE = 0, M_B = 1, M_W = 2, M_D = 3, M_Q = 4, M_T = 5, M_V = 6, M_A = 7, M_F = 8,
            M_BND = 9, M_VBND = 10;

    Instruction in;
    long address;
    boolean fwait;
    boolean mode32;
    boolean dflag;
    boolean aflag;

    final int[] all = new int[Instruction.MAX_LENGTH];
    int nAll;
    int prefixes;
    int used;
    int activeSeg;
    int lastSeg, lastData, lastAddr, lastRepz, lastRepnz, lastLock;

    final StringBuilder mnem = new StringBuilder(24);
    final StringBuilder[] ops = {new StringBuilder(32), new StringBuilder(32), new StringBuilder(16)};
    int immIndex;
    /** objdump prints "(bad)" instead of the instruction; the listing advances by this many bytes. */
    int badLength;
    /** Non-zero when objdump's listing advances by other than the instruction length. */
    int lengthOverride;
    boolean ignoredPrefixes;
    /** Index of the operand holding a branch target, or -1; and the target. */
    int targetOperand;
    long target;

    /** Starts a new instruction: nothing decided yet, its prefixes tallied as objdump tallies them. */
    void reset(Instruction insn, long address, boolean fwait) {
        this.in = insn;
        this.address = address;
        this.fwait = fwait;
        nAll = 0;
        prefixes = used = activeSeg = 0;
        lastSeg = lastData = lastAddr = lastRepz = lastRepnz = lastLock = -1;
        mnem.setLength(0);
        for (StringBuilder s : ops) {
            s.setLength(0);
        }
        immIndex = 0;
        badLength = 0;
        lengthOverride = 0;
        ignoredPrefixes = false;
        targetOperand = -1;
        for (int i = 0; i < insn.prefixCount; i++) {
            int b = insn.prefix(i);
            switch (b) {
                case 0xF3: prefixes |= P_REPZ; lastRepz = nAll; break;
                case 0xF2: prefixes |= P_REPNZ; lastRepnz = nAll; break;
                case 0xF0: prefixes |= P_LOCK; lastLock = nAll; break;
                case 0x66: prefixes |= P_DATA; lastData = nAll; break;
                case 0x67: prefixes |= P_ADDR; lastAddr = nAll; break;
                default:
                    int bit = segmentBit(b);
                    prefixes |= bit;
                    activeSeg = bit;
                    lastSeg = nAll;
                    break;
            }
            all[nAll++] = b;
        }
        dflag = insn.operandSize32;
        aflag = insn.addressSize32;
        mode32 = dflag ^ ((prefixes & P_DATA) != 0);
    }

    static int segmentBit(int prefix) {
        switch (prefix) {
            case 0x26: return P_ES;
            case 0x2E: return P_CS;
            case 0x36: return P_SS;
            case 0x3E: return P_DS;
            case 0x64: return P_FS;
            default: return P_GS;
        }
    }

    static String segmentName(int bit) {
        switch (bit) {
            case P_ES: return "es";
            case P_CS: return "cs";
            case P_SS: return "ss";
            case P_DS: return "ds";
            case P_FS: return "fs";
            default: return "gs";
        }
    }
}
