package dev.ringmaster.engine.cpu.disasm;

import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.cpu.OpcodeEntry;
import dev.ringmaster.engine.cpu.OpcodeTable;
import dev.ringmaster.engine.cpu.OperandType;

/**
 * Formats one decoded {@link Instruction} in Intel syntax exactly as GNU objdump ({@code -M intel})
 * prints it, modulo whitespace. objdump's output is a function of the prefixes it saw and of which
 * of them the instruction "used": a prefix that no operand or mnemonic consumed is printed by name
 * before the mnemonic ({@code data16}, {@code es}, {@code repz}...). This class keeps the same
 * bookkeeping (which prefix is the last of its kind, which were used, which were renamed to
 * {@code rep}, {@code bnd}, {@code notrack}, {@code xacquire}/{@code xrelease}). The places where that
 * reproduces a binutils quirk rather than the architecture are marked "quirk Qn" and listed in
 * {@code package-info.java}.
 *
 * <p>Not thread-safe; reusable. Formatting allocates nothing but the text appended to the caller's
 * builder (and the builders' growth).
 */
final class IntelFormatter {
    // objdump's prefix flags
    private static final int P_REPZ = 1, P_REPNZ = 2, P_CS = 4, P_SS = 8, P_DS = 0x10, P_ES = 0x20, P_FS = 0x40,
            P_GS = 0x80, P_LOCK = 0x100, P_DATA = 0x200, P_ADDR = 0x400, P_FWAIT = 0x800;
    private static final int SEG_PREFIXES = P_CS | P_SS | P_DS | P_ES | P_FS | P_GS;
    // renamed prefixes
    private static final int REP = 1, XACQUIRE = 2, XRELEASE = 3, BND = 4, NOTRACK = 5;
    // operand size modes (objdump's bytemodes)
    private static final int M_NONE = 0, M_B = 1, M_W = 2, M_D = 3, M_Q = 4, M_T = 5, M_V = 6, M_A = 7, M_F = 8,
            M_BND = 9, M_VBND = 10;

    static final String[] REG32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    static final String[] REG8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};
    private static final String[] INDEX16 = {"bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx"};
    private static final String[] PREFETCH = {"prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"};

    private Instruction in;
    private long address;
    private boolean fwait;
    private boolean mode32;
    private boolean dflag;
    private boolean aflag;

    private final int[] all = new int[Instruction.MAX_LENGTH];
    private int nAll;
    private int prefixes;
    private int used;
    private int activeSeg;
    private int lastSeg, lastData, lastAddr, lastRepz, lastRepnz, lastLock;

    private final StringBuilder mnem = new StringBuilder(24);
    private final StringBuilder[] ops = {new StringBuilder(32), new StringBuilder(32), new StringBuilder(16)};
    private int immIndex;
    /** objdump prints "(bad)" instead of the instruction; the listing advances by this many bytes. */
    private int badLength;
    /** Non-zero when objdump's listing advances by other than the instruction length. */
    private int lengthOverride;
    private boolean ignoredPrefixes;
    /** Index of the operand holding a branch target, or -1; and the target. */
    private int targetOperand;
    private long target;

    /**
     * Appends the text of {@code insn} at {@code address} to {@code out}.
     *
     * @param fwait the instruction was preceded by FWAIT, which objdump merges into x87 instructions
     * @return the number of bytes objdump's listing advances by: the instruction length, except for
     *         instructions objdump prints as "(bad)", where it resynchronises earlier (quirk Q1)
     */
    int format(Instruction insn, long address, boolean fwait, Disassembler.Symbolizer symbols, StringBuilder out) {
        reset(insn, address, fwait);
        if (insn.status == Instruction.Status.TRUNCATED) {
            return fetchError(insn, out);
        }
        if (insn.status == Instruction.Status.TOO_LONG) {
            return tooLong(out);
        }
        body();
        if (ignoredPrefixes) {
            reinstateIgnoredPrefixes();
        }
        if ((prefixes & SEG_PREFIXES) != 0 && (used & activeSeg) != 0) {
            all[lastSeg] = 0;
        }
        if ((prefixes & P_ADDR) != 0 && (used & P_ADDR) != 0) {
            all[lastAddr] = 0;
        }
        if ((prefixes & P_DATA) != 0 && (used & P_DATA) != 0) {
            all[lastData] = 0;
        }
        for (int i = 0; i < nAll; i++) {
            if (all[i] != 0) {
                out.append(prefixName(all[i], mode32)).append(' ');
            }
        }
        if (badLength > 0) {
            out.append("(bad)");
            return badLength;
        }
        out.append(mnem);
        boolean first = true;
        for (int k = 0; k < ops.length; k++) {
            if (ops[k].length() == 0) {
                continue;
            }
            out.append(first ? ' ' : ',').append(ops[k]);
            first = false;
            if (k == targetOperand && symbols != null) {
                String s = symbols.symbolAt((int) target);
                if (s != null && !s.isEmpty()) {
                    out.append(' ').append(s);
                }
            }
        }
        return lengthOverride > 0 ? lengthOverride : insn.length;
    }

    private void reset(Instruction insn, long address, boolean fwait) {
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

    private static int segmentBit(int prefix) {
        switch (prefix) {
            case 0x26: return P_ES;
            case 0x2E: return P_CS;
            case 0x36: return P_SS;
            case 0x3E: return P_DS;
            case 0x64: return P_FS;
            default: return P_GS;
        }
    }

    private static String segmentName(int bit) {
        switch (bit) {
            case P_ES: return "es";
            case P_CS: return "cs";
            case P_SS: return "ss";
            case P_DS: return "ds";
            case P_FS: return "fs";
            default: return "gs";
        }
    }

    /** objdump's name for a prefix byte (or a renamed prefix) in code of the given default size. */
    static String prefixName(int p, boolean code32) {
        switch (p) {
            case 0xF3: return "repz";
            case 0xF2: return "repnz";
            case 0xF0: return "lock";
            case 0x2E: return "cs";
            case 0x36: return "ss";
            case 0x3E: return "ds";
            case 0x26: return "es";
            case 0x64: return "fs";
            case 0x65: return "gs";
            case 0x66: return code32 ? "data16" : "data32";
            case 0x67: return code32 ? "addr16" : "addr32";
            case 0x9B: return "fwait";
            case REP: return "rep";
            case XACQUIRE: return "xacquire";
            case XRELEASE: return "xrelease";
            case BND: return "bnd";
            case NOTRACK: return "notrack";
            default: return null;
        }
    }

    /** True for the legacy prefix bytes (the decoder's and objdump's set in 16/32-bit code). */
    static boolean isPrefix(int b) {
        switch (b) {
            case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65: case 0x66: case 0x67:
            case 0xF0: case 0xF2: case 0xF3:
                return true;
            default:
                return false;
        }
    }

    /**
     * objdump ran out of bytes inside the instruction: it prints the first byte as a prefix name or a
     * {@code .byte} directive and advances by one.
     */
    private int fetchError(Instruction insn, StringBuilder out) {
        int first = insn.prefixCount > 0 ? insn.prefix(0) : insn.opcode > 0xFF ? 0x0F : insn.opcode;
        return fetchError(first, mode32, out);
    }

    static int fetchError(int firstByte, boolean code32, StringBuilder out) {
        String name = isPrefix(firstByte) || firstByte == 0x9B ? prefixName(firstByte, code32) : null;
        if (name != null) {
            out.append(name);
        } else {
            out.append(".byte 0x").append(Integer.toHexString(firstByte));
        }
        return 1;
    }

    /**
     * Longer than 15 bytes: objdump stops after 14 prefix bytes and prints them alone, or prints the
     * prefixes and "(bad)" over 15 bytes when the instruction itself runs past the limit.
     */
    private int tooLong(StringBuilder out) {
        if (in.prefixCount >= Instruction.MAX_LENGTH) {
            for (int i = 0; i < Instruction.MAX_LENGTH - 1; i++) {
                out.append(i == 0 ? "" : " ").append(prefixName(all[i], mode32));
            }
            return Instruction.MAX_LENGTH - 1;
        }
        for (int i = 0; i < nAll; i++) {
            out.append(prefixName(all[i], mode32)).append(' ');
        }
        out.append("(bad)");
        return Instruction.MAX_LENGTH;
    }

    // ---------------------------------------------------------------------------------------------
    // Instructions

    private void body() {
        int op = in.opcode;
        if (op >= 0xD8 && op <= 0xDF) {
            x87();
            return;
        }
        OpcodeEntry e = in.entry;
        if (e == OpcodeTable.INVALID_ENTRY) {
            bad(op > 0xFF ? 2 : 1);
            return;
        }
        if (in.mnemonic == Mnemonic.SALC) {
            bad(1); // quirk Q2: objdump does not know SALC
            return;
        }
        if (in.isRegisterForm() && memoryOnly(e)) {
            registerFormOfMemoryOnly(op);
            return;
        }
        switch (op) {
            case 0x90:
                nop90();
                return;
            case 0x9B:
                mnem.append("fwait");
                return;
            case 0x0F09:
                wbinvd();
                return;
            case 0x0FBC:
            case 0x0FBD:
                bitScan(op);
                return;
            case 0x0F18: case 0x0F19: case 0x0F1A: case 0x0F1B: case 0x0F1C: case 0x0F1D: case 0x0F1E: case 0x0F1F:
                hintNop(op);
                return;
            default:
                break;
        }
        mnem.append(name(in.mnemonic));
        mnemonicSuffix(op);
        fixups(op);
        for (int k = 0; k < e.operandCount(); k++) {
            operand(e.operand(k), ops[k]);
        }
    }

    private static boolean memoryOnly(OpcodeEntry e) {
        for (int k = 0; k < e.operandCount(); k++) {
            if (e.operand(k).memoryOnly()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A memory-only operand with a register ModR/M (the CPU raises #UD). objdump's tables give "(bad)"
     * after the opcode (quirk Q1), or print the mnemonic and "(bad)" for CMPXCHG8B. LES, LDS and BOUND
     * with mod = 3 are VEX/EVEX prefixes for objdump: those AVX encodings are outside this CPU.
     */
    private void registerFormOfMemoryOnly(int op) {
        switch (op) {
            case 0x0FB2:
            case 0x0FB4:
            case 0x0FB5:
                bad(2);
                return;
            case 0x0FC7:
                mnem.append("cmpxchg8b");
                hle(4);
                ops[0].append("(bad)");
                badOperand();
                return;
            default:
                bad(1);
                return;
        }
    }

    /** "(bad)" from objdump's opcode tables: the listing resumes after the opcode bytes. */
    private void bad(int opcodeBytes) {
        badLength = in.prefixCount + opcodeBytes;
    }

    /** objdump's BadOp: the listing resumes after the prefixes and the first opcode byte. */
    private void badOperand() {
        lengthOverride = in.prefixCount + 1;
    }

    private String name(Mnemonic m) {
        switch (m) {
            case MOVSB: case MOVSW: case MOVSD: return "movs";
            case CMPSB: case CMPSW: case CMPSD: return "cmps";
            case STOSB: case STOSW: case STOSD: return "stos";
            case LODSB: case LODSW: case LODSD: return "lods";
            case SCASB: case SCASW: case SCASD: return "scas";
            case INSB: case INSW: case INSD: return "ins";
            case OUTSB: case OUTSW: case OUTSD: return "outs";
            case PUSHA: case PUSHAD: return "pusha";
            case POPA: case POPAD: return "popa";
            case PUSHF: case PUSHFD: return "pushf";
            case POPF: case POPFD: return "popf";
            case IRET: case IRETD: return "iret";
            case SAL: return "shl"; // quirk Q3
            default: return m.text();
        }
    }

    /** objdump's size suffixes on the mnemonic (its P/T/@/%LP/Q/E/W/R macros in Intel mode). */
    private void mnemonicSuffix(int op) {
        switch (op) {
            case 0x06: case 0x07: case 0x0E: case 0x16: case 0x17: case 0x1E: case 0x1F:
            case 0x60: case 0x61: case 0x68: case 0x6A: case 0x9C: case 0x9D:
            case 0xC2: case 0xC3: case 0xC8: case 0xC9: case 0xCA: case 0xCB: case 0xCF: case 0xE8: case 0xE9:
            case 0x0FA0: case 0x0FA1: case 0x0FA8: case 0x0FA9:
                // 'w' or 'd' only when an operand-size prefix is present
                if ((prefixes & P_DATA) != 0) {
                    mnem.append(dflag ? 'd' : 'w');
                    used |= P_DATA;
                }
                break;
            case 0x0F01:
                if (in.reg <= 3 && !in.isRegisterForm()) { // sgdt, sidt, lgdt, lidt: always suffixed
                    mnem.append(dflag ? 'd' : 'w');
                    used |= prefixes & P_DATA;
                }
                break;
            case 0x98:
            case 0x99:
                used |= prefixes & P_DATA;
                break;
            case 0xE3:
                used |= prefixes & P_ADDR;
                break;
            default:
                break;
        }
    }

    private void fixups(int op) {
        int reg = in.reg;
        switch (op) {
            case 0x6C: case 0x6D: case 0x6E: case 0x6F: case 0xA4: case 0xA5: case 0xAA: case 0xAB: case 0xAC: case 0xAD:
                if ((prefixes & P_REPZ) != 0) {
                    all[lastRepz] = REP;
                }
                break;
            case 0xE8: case 0xE9: case 0xEB: case 0xC2: case 0xC3:
                bnd();
                break;
            case 0x86: case 0x87:
                hle(2);
                break;
            case 0x88: case 0x89:
                hle(3);
                break;
            case 0xC6: case 0xC7:
                if (reg == 0) {
                    hle(3);
                }
                break;
            case 0x80: case 0x81: case 0x82: case 0x83:
                if (reg != 7) {
                    hle(1);
                }
                break;
            case 0xF6: case 0xF7:
                if (reg == 2 || reg == 3) {
                    hle(1);
                }
                break;
            case 0xFE:
                hle(1);
                break;
            case 0xFF:
                if (reg <= 1) {
                    hle(1);
                } else if (reg == 2 || reg == 4) {
                    if ((prefixes & P_DS) != 0) { // notrack: the last segment prefix, if any is DS (quirk Q4)
                        activeSeg = 0;
                        all[lastSeg] = NOTRACK;
                    }
                    bnd();
                }
                break;
            case 0x0FAB: case 0x0FB3: case 0x0FBB: case 0x0FB0: case 0x0FB1: case 0x0FC0: case 0x0FC1:
                hle(1);
                break;
            case 0x0FBA:
                if (reg >= 5) {
                    hle(1);
                }
                break;
            case 0x0FC7:
                hle(4);
                break;
            default:
                if ((op < 0x38 && (op & 7) <= 1)) {
                    hle(1);
                } else if ((op >= 0x70 && op <= 0x7F) || (op >= 0x0F80 && op <= 0x0F8F)) {
                    bnd();
                }
                break;
        }
    }

    private void bnd() {
        if ((prefixes & P_REPNZ) != 0) {
            all[lastRepnz] = BND;
        }
    }

    /**
     * Hardware lock elision names for F2/F3: kind 1 needs LOCK and a memory operand, kind 2 (XCHG) a
     * memory operand, kind 3 (MOV) a memory operand and F3 as the last REP prefix, kind 4 (CMPXCHG8B)
     * LOCK.
     */
    private void hle(int kind) {
        boolean mem = !in.isRegisterForm();
        boolean lock = (prefixes & P_LOCK) != 0;
        if ((kind == 1 && mem && lock) || (kind == 2 && mem) || (kind == 4 && lock)) {
            if ((prefixes & P_REPZ) != 0) {
                all[lastRepz] = XRELEASE;
            }
            if ((prefixes & P_REPNZ) != 0) {
                all[lastRepnz] = XACQUIRE;
            }
        } else if (kind == 3 && mem && lastRepz > lastRepnz && (prefixes & P_REPZ) != 0) {
            all[lastRepz] = XRELEASE;
        }
    }

    /**
     * objdump's choice among the mandatory-prefix forms of an opcode: 1 for F3, 3 for F2 (the last of
     * the two wins), else 2 for 66, else 0. The chosen prefix is consumed. {@code nullIgnored} has bit
     * i set when form i does not exist and its prefix is ignored instead.
     */
    private int selectPrefix(int nullIgnored) {
        int vindex = 0;
        int prefix = 0;
        int last = -1;
        if ((prefixes & (P_REPZ | P_REPNZ)) != 0) {
            if (lastRepz > lastRepnz) {
                vindex = 1;
                prefix = P_REPZ;
                last = lastRepz;
            } else {
                vindex = 3;
                prefix = P_REPNZ;
                last = lastRepnz;
            }
            if ((nullIgnored & (1 << vindex)) != 0) {
                vindex = 0;
            }
        }
        if (vindex == 0 && (prefixes & P_DATA) != 0) {
            vindex = 2;
            prefix = P_DATA;
            last = lastData;
        }
        if (vindex != 0) {
            used |= prefix;
            all[last] = 0;
        }
        return vindex;
    }

    /** A form whose F2/F3/66 prefixes are shown although the table consumed one. */
    private void reinstateIgnoredPrefixes() {
        used &= ~(P_REPZ | P_REPNZ | P_DATA);
        if (lastData >= 0) {
            all[lastData] = 0x66;
        }
        if (lastRepz >= 0) {
            all[lastRepz] = 0xF3;
        }
        if (lastRepnz >= 0) {
            all[lastRepnz] = 0xF2;
        }
    }

    /** 90: NOP, XCHG (E)AX,(E)AX with 66, PAUSE with F3. */
    private void nop90() {
        if (selectPrefix(1 << 3) == 1) {
            mnem.append("pause");
        } else if ((prefixes & P_DATA) == 0) {
            mnem.append("nop");
        } else {
            mnem.append("xchg");
            regV(ops[0], 0);
            regV(ops[1], 0);
        }
    }

    /** 0F 09: WBINVD; F3 is WBNOINVD for objdump, 66 and F2 make it "(bad)" (quirk Q5). */
    private void wbinvd() {
        int v = selectPrefix(0);
        if (v == 0) {
            mnem.append("wbinvd");
        } else if (v == 1) {
            mnem.append("wbnoinvd");
        } else {
            bad(2);
        }
    }

    /** 0F BC/BD: BSF/BSR; objdump reads F3 as TZCNT/LZCNT and F2 as "(bad)" (quirk Q5). */
    private void bitScan(int op) {
        int v = selectPrefix(0);
        if (v == 3) {
            bad(2);
            return;
        }
        mnem.append(v == 1 ? (op == 0x0FBC ? "tzcnt" : "lzcnt") : (op == 0x0FBC ? "bsf" : "bsr"));
        reg(ops[0], in.reg, M_V);
        e(ops[1], M_V);
    }

    /**
     * 0F 18–1F, hint NOPs on this CPU; objdump names the forms later extensions gave them (prefetch,
     * MPX, CLDEMOTE, CET) — quirk Q5.
     */
    private void hintNop(int op) {
        boolean mem = !in.isRegisterForm();
        int reg = in.reg;
        switch (op) {
            case 0x0F18:
                if (mem && reg < 4) {
                    mnem.append(PREFETCH[reg]);
                    memory(ops[0], M_B);
                    return;
                }
                break;
            case 0x0F1A: {
                int v = selectPrefix(0);
                if (v == 0 && !mem) {
                    break;
                }
                mnem.append(v == 0 ? "bndldx" : v == 1 ? "bndcl" : v == 2 ? "bndmov" : "bndcu");
                reg(ops[0], reg, M_BND);
                e(ops[1], v == 2 ? M_BND : M_VBND);
                return;
            }
            case 0x0F1B: {
                int v = selectPrefix(0);
                if ((v == 0 || v == 1) && !mem) {
                    ignoredPrefixes = v == 1;
                    break;
                }
                if (v == 0) {
                    mnem.append("bndstx");
                    e(ops[0], M_VBND);
                    reg(ops[1], reg, M_BND);
                } else if (v == 2) {
                    mnem.append("bndmov");
                    e(ops[0], M_BND);
                    reg(ops[1], reg, M_BND);
                } else {
                    mnem.append(v == 1 ? "bndmk" : "bndcn");
                    reg(ops[0], reg, M_BND);
                    e(ops[1], M_VBND);
                }
                return;
            }
            case 0x0F1C: {
                int v = selectPrefix(0);
                if (v == 0 && mem && reg == 0) {
                    mnem.append("cldemote");
                    memory(ops[0], M_B);
                    return;
                }
                ignoredPrefixes = v == 1 || v == 3;
                break;
            }
            case 0x0F1E: {
                int v = selectPrefix(1 << 3);
                if (v == 1) {
                    if (!mem && reg == 1) {
                        mnem.append("rdsspd");
                        ops[0].append(REG32[in.rm]);
                        return;
                    }
                    if (!mem && reg == 7 && (in.rm == 2 || in.rm == 3)) {
                        mnem.append(in.rm == 2 ? "endbr64" : "endbr32");
                        return;
                    }
                    ignoredPrefixes = true;
                }
                break;
            }
            default:
                break;
        }
        mnem.append("nop");
        e(ops[0], M_V);
    }

    // ---------------------------------------------------------------------------------------------
    // Operands

    private void operand(OperandType t, StringBuilder s) {
        int op = in.opcode;
        switch (t) {
            case Eb: e(s, M_B); break;
            case Ew:
                if (op == 0x8E || op == 0x0F02 || op == 0x0F03) {
                    sv(s);
                } else {
                    e(s, M_W);
                }
                break;
            case Ed: e(s, M_D); break;
            case Ev: e(s, M_V); break;
            case Evw: sv(s); break;
            case Gb: reg(s, in.reg, M_B); break;
            case Gw: reg(s, in.reg, M_W); break;
            case Gv: reg(s, in.reg, M_V); break;
            case M: memory(s, op == 0x0F01 ? M_B : M_NONE); break; // INVLPG is "BYTE PTR", LEA has no size
            case Mp: memory(s, M_F); break;
            case Ms: memory(s, M_NONE); break;
            case Ma: memory(s, M_A); break;
            case Mq: memory(s, M_Q); break;
            case Rd: s.append(REG32[in.rm]); break;
            case Sw: s.append(SEG[in.reg]); break;
            case Cd: {
                int n = in.reg;
                if ((prefixes & P_LOCK) != 0) { // LOCK MOV CRn is AMD's CR8 encoding for objdump
                    all[lastLock] = 0;
                    used |= P_LOCK;
                    n += 8;
                }
                s.append("cr").append(n);
                break;
            }
            case Dd: s.append("dr").append(in.reg); break;
            case Ib: hex(s, nextImmediate() & 0xFFL); break;
            case Ibs: hex(s, nextImmediate() & (dflag ? 0xFFFFFFFFL : 0xFFFFL)); break;
            case Iw: hex(s, nextImmediate() & 0xFFFFL); break;
            case Iz: {
                int size = immediateSize();
                hex(s, nextImmediate() & (size == 4 ? 0xFFFFFFFFL : 0xFFFFL));
                if (op != 0x68) {
                    used |= prefixes & P_DATA;
                }
                break;
            }
            case Jb:
            case Jz:
                jump(s, t == OperandType.Jz);
                break;
            case Ap:
                used |= prefixes & P_DATA;
                s.append("0x").append(Integer.toHexString(in.imm2 & 0xFFFF)).append(":0x")
                        .append(Integer.toHexString(in.immSize == 4 ? in.imm : in.imm & 0xFFFF));
                break;
            case Ob:
            case Ov:
                appendSegment(s);
                if (activeSeg == 0) {
                    s.append("ds:");
                }
                hex(s, in.disp & (aflag ? 0xFFFFFFFFL : 0xFFFFL));
                break;
            case Xb: stringSource(s, M_B, 6); break;
            case Xv: stringSource(s, M_V, 6); break;
            case Yb: stringDestination(s, M_B); break;
            case Yv: stringDestination(s, M_V); break;
            case Mxlat: stringSource(s, M_B, 3); break;
            case Zb: s.append(REG8[in.opcodeReg]); break;
            case Zv:
            case Zd: // objdump prints BSWAP with a 16-bit operand size as "bswap ax"
                regV(s, in.opcodeReg);
                break;
            case AL: s.append("al"); break;
            case CL: s.append("cl"); break;
            case DX: s.append("dx"); break;
            case eAX: regV(s, 0); break;
            case ONE: s.append('1'); break;
            case ES: s.append("es"); break;
            case CS: s.append("cs"); break;
            case SS: s.append("ss"); break;
            case DS: s.append("ds"); break;
            case FS: s.append("fs"); break;
            case GS: s.append("gs"); break;
            default:
                throw new IllegalStateException("operand type " + t);
        }
    }

    private long nextImmediate() {
        return immIndex++ == 0 ? in.imm : in.imm2;
    }

    private int immediateSize() {
        return immIndex == 0 ? in.immSize : in.imm2Size;
    }

    private static void hex(StringBuilder s, long v) {
        s.append("0x").append(Long.toHexString(v));
    }

    /**
     * The relative branch target of the instruction last formatted (as its text shows it), or -1 when it
     * has none or was shown as "(bad)".
     */
    long branchTarget() {
        return targetOperand >= 0 && badLength == 0 ? target : -1;
    }

    /** Relative branch target as objdump computes it (quirk Q6: rel8 is never truncated to 16 bits). */
    private void jump(StringBuilder s, boolean rel16or32) {
        long next = (address + in.length) & 0xFFFFFFFFL;
        long t = next + in.imm;
        if (rel16or32) {
            used |= prefixes & P_DATA;
            if (!dflag) {
                t &= 0xFFFF;
                if ((prefixes & P_DATA) == 0) {
                    t |= next & ~0xFFFFL;
                }
            }
        }
        t &= 0xFFFFFFFFL;
        target = t;
        targetOperand = s == ops[0] ? 0 : s == ops[1] ? 1 : 2;
        hex(s, t);
    }

    /** An r/m operand: a register when mod = 3, else memory with objdump's size keyword. */
    private void e(StringBuilder s, int mode) {
        if (in.isRegisterForm()) {
            reg(s, in.rm, mode);
        } else {
            memory(s, mode);
        }
    }

    /** objdump's Sv: a register of the operand size, or a WORD in memory (MOV Sreg, SLDT, LAR...). */
    private void sv(StringBuilder s) {
        e(s, in.isRegisterForm() ? M_V : M_W);
    }

    private void reg(StringBuilder s, int r, int mode) {
        switch (mode) {
            case M_B: s.append(REG8[r]); break;
            case M_W: s.append(REG16[r]); break;
            case M_V: regV(s, r); break;
            case M_BND: s.append(r > 3 ? "(bad)" : "bnd" + r); break;
            default: s.append(REG32[r]); break;
        }
    }

    private void regV(StringBuilder s, int r) {
        s.append(dflag ? REG32[r] : REG16[r]);
        used |= prefixes & P_DATA;
    }

    private void sizeKeyword(StringBuilder s, int mode) {
        switch (mode) {
            case M_B: s.append("BYTE PTR "); break;
            case M_W: s.append("WORD PTR "); break;
            case M_D: s.append("DWORD PTR "); break;
            case M_Q: s.append("QWORD PTR "); break;
            case M_T: s.append("TBYTE PTR "); break;
            case M_V:
                s.append(dflag ? "DWORD PTR " : "WORD PTR ");
                used |= prefixes & P_DATA;
                break;
            case M_A:
                s.append(dflag ? "QWORD PTR " : "DWORD PTR ");
                used |= prefixes & P_DATA;
                break;
            case M_F:
                s.append(dflag ? "FWORD PTR " : "DWORD PTR ");
                used |= prefixes & P_DATA;
                break;
            default:
                break;
        }
    }

    private void appendSegment(StringBuilder s) {
        if (activeSeg != 0) {
            used |= activeSeg;
            s.append(segmentName(activeSeg)).append(':');
        }
    }

    /** A ModR/M memory operand, as objdump's OP_E_memory prints it in Intel syntax. */
    private void memory(StringBuilder s, int mode) {
        sizeKeyword(s, mode);
        appendSegment(s);
        if (!aflag) {
            if (mode == M_BND || mode == M_VBND) {
                s.append("(bad)"); // and objdump does not consume the displacement
                lengthOverride = in.prefixCount + 3;
            } else {
                memory16(s);
            }
            return;
        }
        int mod = in.mod;
        int base = in.rm;
        boolean haveBase = true;
        boolean haveIndex = false;
        int index = 0;
        int scale = 0;
        if (in.hasSib) {
            index = in.sibIndex;
            haveIndex = index != 4;
            scale = in.sibScale;
            base = in.sibBase;
        }
        long disp = mod == 0 && base != 5 ? 0 : in.disp;
        if (mod == 0 && base == 5) {
            haveBase = false;
        }
        // In 32-bit code an index is needed to tell [offset] from [eiz*1+offset]; not in 16-bit code (quirk Q7).
        boolean needIndex = in.hasSib && !haveBase && !haveIndex && mode32;
        boolean haveDisp = haveBase || needIndex || (in.hasSib && (haveIndex || scale != 0));
        if (haveBase || haveIndex || needIndex) {
            used |= prefixes & P_ADDR;
        }
        if (haveDisp) {
            s.append('[');
            if (haveBase) {
                s.append(REG32[base]);
            }
            if (in.hasSib && (scale != 0 || needIndex || haveIndex || (haveBase && base != 4))) {
                if (haveBase) {
                    s.append('+');
                }
                s.append(haveIndex ? REG32[index] : "eiz").append('*').append(1 << scale);
            }
            if (disp != 0 || mod != 0 || base == 5) {
                if (disp >= 0) {
                    s.append('+');
                }
                displacement(s, disp);
            }
            s.append(']');
        } else {
            if (activeSeg == 0) {
                s.append("ds:");
            }
            hex(s, disp & 0xFFFFFFFFL);
        }
    }

    private void memory16(StringBuilder s) {
        used |= prefixes & P_ADDR;
        int mod = in.mod;
        int rm = in.rm;
        long disp = mod == 1 ? in.disp : (mod == 2 || rm == 6) ? (short) in.disp : 0;
        if (mod != 0 || rm != 6) {
            s.append('[').append(INDEX16[rm]);
            if (disp != 0 || mod != 0) {
                if (disp >= 0) {
                    s.append('+');
                }
                displacement(s, disp);
            }
            s.append(']');
        } else {
            if (activeSeg == 0) {
                s.append("ds:");
            }
            hex(s, disp & 0xFFFF);
        }
    }

    private static void displacement(StringBuilder s, long v) {
        if (v < 0) {
            s.append('-');
            v = -v;
        }
        hex(s, v);
    }

    /** ES:[(E)DI], never overridden. */
    private void stringDestination(StringBuilder s, int mode) {
        sizeKeyword(s, mode);
        s.append("es:");
        pointerRegister(s, 7);
    }

    /** DS:[(E)SI] or DS:[(E)BX] (XLAT), the segment overridable; objdump always names it. */
    private void stringSource(StringBuilder s, int mode, int r) {
        sizeKeyword(s, mode);
        if (activeSeg == 0) {
            activeSeg = P_DS;
        }
        appendSegment(s);
        pointerRegister(s, r);
    }

    private void pointerRegister(StringBuilder s, int r) {
        used |= prefixes & P_ADDR;
        s.append('[').append(aflag ? REG32[r] : REG16[r]).append(']');
    }

    // ---------------------------------------------------------------------------------------------
    // x87

    private void x87() {
        int op = in.opcode;
        if (!in.isRegisterForm()) {
            int k = (op - 0xD8) * 8 + in.reg;
            x87Name(X87.MEM[k]);
            int size = X87.MEM_SIZE[k];
            memory(ops[0], size == X87.DWORD ? M_D : size == X87.QWORD ? M_Q : size == X87.WORD ? M_W
                    : size == X87.TBYTE ? M_T : M_NONE);
            return;
        }
        x87Name(X87.regName(op, in.reg, in.rm));
        String sti = "st(" + in.rm + ")";
        switch (X87.regShape(op, in.reg)) {
            case X87.R_STI:
                ops[0].append(sti);
                break;
            case X87.R_ST_STI:
                ops[0].append("st");
                ops[1].append(sti);
                break;
            case X87.R_STI_ST:
                ops[0].append(sti);
                ops[1].append("st");
                break;
            default:
                if (in.modrm == 0xE0 && op == 0xDF) {
                    ops[0].append("ax");
                }
                break;
        }
    }

    private void x87Name(String n) {
        boolean noWait = n.charAt(0) == '!';
        boolean suffix = n.charAt(n.length() - 1) == '#';
        int start = noWait ? 1 : 0;
        int end = suffix ? n.length() - 1 : n.length();
        if (noWait && fwait) {
            mnem.append(n.charAt(start)).append(n, start + 2, end); // "fnstsw" -> "fstsw"
            used |= P_FWAIT;
        } else {
            mnem.append(n, start, end);
        }
        if (suffix && (prefixes & P_DATA) != 0) {
            mnem.append(dflag ? 'd' : 'w');
            used |= P_DATA;
        }
    }
}
