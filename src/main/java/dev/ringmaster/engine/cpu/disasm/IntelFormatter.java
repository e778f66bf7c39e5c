package dev.ringmaster.engine.cpu.disasm;

import static dev.ringmaster.engine.cpu.disasm.FormatState.*;
import static dev.ringmaster.engine.cpu.disasm.OperandFormatter.REG32;

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
 * <p>The state of the instruction being formatted is a {@link FormatState}; its operands are
 * formatted by an {@link OperandFormatter} over the same state.
 *
 * <p>Not thread-safe; reusable. Formatting allocates nothing but the text appended to the caller's
 * builder (and the builders' growth).
 */
final class IntelFormatter {
    private static final String[] PREFETCH = {"prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"};

    private final FormatState st = new FormatState();
    private final OperandFormatter operands = new OperandFormatter(st);

    /**
     * Appends the text of {@code insn} at {@code address} to {@code out}.
     *
     * @param fwait the instruction was preceded by FWAIT, which objdump merges into x87 instructions
     * @return the number of bytes objdump's listing advances by: the instruction length, except for
     *         instructions objdump prints as "(bad)", where it resynchronises earlier (quirk Q1)
     */
    int format(Instruction insn, long address, boolean fwait, Disassembler.Symbolizer symbols, StringBuilder out) {
        st.reset(insn, address, fwait);
        if (insn.status == Instruction.Status.TRUNCATED) {
            return fetchError(insn, out);
        }
        if (insn.status == Instruction.Status.TOO_LONG) {
            return tooLong(out);
        }
        body();
        if (st.ignoredPrefixes) {
            reinstateIgnoredPrefixes();
        }
        if ((st.prefixes & SEG_PREFIXES) != 0 && (st.used & st.activeSeg) != 0) {
            st.all[st.lastSeg] = 0;
        }
        if ((st.prefixes & P_ADDR) != 0 && (st.used & P_ADDR) != 0) {
            st.all[st.lastAddr] = 0;
        }
        if ((st.prefixes & P_DATA) != 0 && (st.used & P_DATA) != 0) {
            st.all[st.lastData] = 0;
        }
        for (int i = 0; i < st.nAll; i++) {
            if (st.all[i] != 0) {
                out.append(prefixName(st.all[i], st.mode32)).append(' ');
            }
        }
        if (st.badLength > 0) {
            out.append("(bad)");
            return st.badLength;
        }
        out.append(st.mnem);
        boolean first = true;
        for (int k = 0; k < st.ops.length; k++) {
            if (st.ops[k].length() == 0) {
                continue;
            }
            out.append(first ? ' ' : ',').append(st.ops[k]);
            first = false;
            if (k == st.targetOperand && symbols != null) {
                String s = symbols.symbolAt((int) st.target);
                if (s != null && !s.isEmpty()) {
                    out.append(' ').append(s);
                }
            }
        }
        return st.lengthOverride > 0 ? st.lengthOverride : insn.length;
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
        return fetchError(first, st.mode32, out);
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
        if (st.in.prefixCount >= Instruction.MAX_LENGTH) {
            for (int i = 0; i < Instruction.MAX_LENGTH - 1; i++) {
                out.append(i == 0 ? "" : " ").append(prefixName(st.all[i], st.mode32));
            }
            return Instruction.MAX_LENGTH - 1;
        }
        for (int i = 0; i < st.nAll; i++) {
            out.append(prefixName(st.all[i], st.mode32)).append(' ');
        }
        out.append("(bad)");
        return Instruction.MAX_LENGTH;
    }

    // ---------------------------------------------------------------------------------------------
    // Instructions

    private void body() {
        int op = st.in.opcode;
        if (op >= 0xD8 && op <= 0xDF) {
            x87();
            return;
        }
        OpcodeEntry e = st.in.entry;
        if (e == OpcodeTable.INVALID_ENTRY) {
            bad(op > 0xFF ? 2 : 1);
            return;
        }
        if (st.in.mnemonic == Mnemonic.SALC) {
            bad(1); // quirk Q2: objdump does not know SALC
            return;
        }
        if (st.in.isRegisterForm() && memoryOnly(e)) {
            registerFormOfMemoryOnly(op);
            return;
        }
        switch (op) {
            case 0x90:
                nop90();
                return;
            case 0x9B:
                st.mnem.append("fwait");
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
        st.mnem.append(name(st.in.mnemonic));
        mnemonicSuffix(op);
        fixups(op);
        for (int k = 0; k < e.operandCount(); k++) {
            operands.operand(e.operand(k), st.ops[k]);
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
                st.mnem.append("cmpxchg8b");
                hle(4);
                st.ops[0].append("(bad)");
                badOperand();
                return;
            default:
                bad(1);
                return;
        }
    }

    /** "(bad)" from objdump's opcode tables: the listing resumes after the opcode bytes. */
    private void bad(int opcodeBytes) {
        st.badLength = st.in.prefixCount + opcodeBytes;
    }

    /** objdump's BadOp: the listing resumes after the prefixes and the first opcode byte. */
    private void badOperand() {
        st.lengthOverride = st.in.prefixCount + 1;
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
                if ((st.prefixes & P_DATA) != 0) {
                    st.mnem.append(st.dflag ? 'd' : 'w');
                    st.used |= P_DATA;
                }
                break;
            case 0x0F01:
                if (st.in.reg <= 3 && !st.in.isRegisterForm()) { // sgdt, sidt, lgdt, lidt: always suffixed
                    st.mnem.append(st.dflag ? 'd' : 'w');
                    st.used |= st.prefixes & P_DATA;
                }
                break;
            case 0x98:
            case 0x99:
                st.used |= st.prefixes & P_DATA;
                break;
            case 0xE3:
                st.used |= st.prefixes & P_ADDR;
                break;
            default:
                break;
        }
    }

    private void fixups(int op) {
        int reg = st.in.reg;
        switch (op) {
            case 0x6C: case 0x6D: case 0x6E: case 0x6F: case 0xA4: case 0xA5: case 0xAA: case 0xAB: case 0xAC: case 0xAD:
                if ((st.prefixes & P_REPZ) != 0) {
                    st.all[st.lastRepz] = REP;
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
                    if ((st.prefixes & P_DS) != 0) { // notrack: the last segment prefix, if any is DS (quirk Q4)
                        st.activeSeg = 0;
                        st.all[st.lastSeg] = NOTRACK;
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
        if ((st.prefixes & P_REPNZ) != 0) {
            st.all[st.lastRepnz] = BND;
        }
    }

    /**
     * Hardware lock elision names for F2/F3: kind 1 needs LOCK and a memory operand, kind 2 (XCHG) a
     * memory operand, kind 3 (MOV) a memory operand and F3 as the last REP prefix, kind 4 (CMPXCHG8B)
     * LOCK.
     */
    private void hle(int kind) {
        boolean mem = !st.in.isRegisterForm();
        boolean lock = (st.prefixes & P_LOCK) != 0;
        if ((kind == 1 && mem && lock) || (kind == 2 && mem) || (kind == 4 && lock)) {
            if ((st.prefixes & P_REPZ) != 0) {
                st.all[st.lastRepz] = XRELEASE;
            }
            if ((st.prefixes & P_REPNZ) != 0) {
                st.all[st.lastRepnz] = XACQUIRE;
            }
        } else if (kind == 3 && mem && st.lastRepz > st.lastRepnz && (st.prefixes & P_REPZ) != 0) {
            st.all[st.lastRepz] = XRELEASE;
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
        if ((st.prefixes & (P_REPZ | P_REPNZ)) != 0) {
            if (st.lastRepz > st.lastRepnz) {
                vindex = 1;
                prefix = P_REPZ;
                last = st.lastRepz;
            } else {
                vindex = 3;
                prefix = P_REPNZ;
                last = st.lastRepnz;
            }
            if ((nullIgnored & (1 << vindex)) != 0) {
                vindex = 0;
            }
        }
        if (vindex == 0 && (st.prefixes & P_DATA) != 0) {
            vindex = 2;
            prefix = P_DATA;
            last = st.lastData;
        }
        if (vindex != 0) {
            st.used |= prefix;
            st.all[last] = 0;
        }
        return vindex;
    }

    /** A form whose F2/F3/66 prefixes are shown although the table consumed one. */
    private void reinstateIgnoredPrefixes() {
        st.used &= ~(P_REPZ | P_REPNZ | P_DATA);
        if (st.lastData >= 0) {
            st.all[st.lastData] = 0x66;
        }
        if (st.lastRepz >= 0) {
            st.all[st.lastRepz] = 0xF3;
        }
        if (st.lastRepnz >= 0) {
            st.all[st.lastRepnz] = 0xF2;
        }
    }

    /** 90: NOP, XCHG (E)AX,(E)AX with 66, PAUSE with F3. */
    private void nop90() {
        if (selectPrefix(1 << 3) == 1) {
            st.mnem.append("pause");
        } else if ((st.prefixes & P_DATA) == 0) {
            st.mnem.append("nop");
        } else {
            st.mnem.append("xchg");
            operands.regV(st.ops[0], 0);
            operands.regV(st.ops[1], 0);
        }
    }

    /** 0F 09: WBINVD; F3 is WBNOINVD for objdump, 66 and F2 make it "(bad)" (quirk Q5). */
    private void wbinvd() {
        int v = selectPrefix(0);
        if (v == 0) {
            st.mnem.append("wbinvd");
        } else if (v == 1) {
            st.mnem.append("wbnoinvd");
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
        st.mnem.append(v == 1 ? (op == 0x0FBC ? "tzcnt" : "lzcnt") : (op == 0x0FBC ? "bsf" : "bsr"));
        operands.reg(st.ops[0], st.in.reg, M_V);
        operands.e(st.ops[1], M_V);
    }

    /**
     * 0F 18–1F, hint NOPs on this CPU; objdump names the forms later extensions gave them (prefetch,
     * MPX, CLDEMOTE, CET) — quirk Q5.
     */
    private void hintNop(int op) {
        boolean mem = !st.in.isRegisterForm();
        int reg = st.in.reg;
        switch (op) {
            case 0x0F18:
                if (mem && reg < 4) {
                    st.mnem.append(PREFETCH[reg]);
                    operands.memory(st.ops[0], M_B);
                    return;
                }
                break;
            case 0x0F1A: {
                int v = selectPrefix(0);
                if (v == 0 && !mem) {
                    break;
                }
                st.mnem.append(v == 0 ? "bndldx" : v == 1 ? "bndcl" : v == 2 ? "bndmov" : "bndcu");
                operands.reg(st.ops[0], reg, M_BND);
                operands.e(st.ops[1], v == 2 ? M_BND : M_VBND);
                return;
            }
            case 0x0F1B: {
                int v = selectPrefix(0);
                if ((v == 0 || v == 1) && !mem) {
                    st.ignoredPrefixes = v == 1;
                    break;
                }
                if (v == 0) {
                    st.mnem.append("bndstx");
                    operands.e(st.ops[0], M_VBND);
                    operands.reg(st.ops[1], reg, M_BND);
                } else if (v == 2) {
                    st.mnem.append("bndmov");
                    operands.e(st.ops[0], M_BND);
                    operands.reg(st.ops[1], reg, M_BND);
                } else {
                    st.mnem.append(v == 1 ? "bndmk" : "bndcn");
                    operands.reg(st.ops[0], reg, M_BND);
                    operands.e(st.ops[1], M_VBND);
                }
                return;
            }
            case 0x0F1C: {
                int v = selectPrefix(0);
                if (v == 0 && mem && reg == 0) {
                    st.mnem.append("cldemote");
                    operands.memory(st.ops[0], M_B);
                    return;
                }
                st.ignoredPrefixes = v == 1 || v == 3;
                break;
            }
            case 0x0F1E: {
                int v = selectPrefix(1 << 3);
                if (v == 1) {
                    if (!mem && reg == 1) {
                        st.mnem.append("rdsspd");
                        st.ops[0].append(REG32[st.in.rm]);
                        return;
                    }
                    if (!mem && reg == 7 && (st.in.rm == 2 || st.in.rm == 3)) {
                        st.mnem.append(st.in.rm == 2 ? "endbr64" : "endbr32");
                        return;
                    }
                    st.ignoredPrefixes = true;
                }
                break;
            }
            default:
                break;
        }
        st.mnem.append("nop");
        operands.e(st.ops[0], M_V);
    }

    /**
     * The relative branch target of the instruction last formatted (as its text shows it), or -1 when it
     * has none or was shown as "(bad)".
     */
    long branchTarget() {
        return st.targetOperand >= 0 && st.badLength == 0 ? st.target : -1;
    }

    // ---------------------------------------------------------------------------------------------
    // x87

    private void x87() {
        int op = st.in.opcode;
        if (!st.in.isRegisterForm()) {
            int k = (op - 0xD8) * 8 + st.in.reg;
            x87Name(X87.MEM[k]);
            int size = X87.MEM_SIZE[k];
            operands.memory(st.ops[0], size == X87.DWORD ? M_D : size == X87.QWORD ? M_Q : size == X87.WORD ? M_W
                    : size == X87.TBYTE ? M_T : M_NONE);
            return;
        }
        x87Name(X87.regName(op, st.in.reg, st.in.rm));
        String sti = "st(" + st.in.rm + ")";
        switch (X87.regShape(op, st.in.reg)) {
            case X87.R_STI:
                st.ops[0].append(sti);
                break;
            case X87.R_ST_STI:
                st.ops[0].append("st");
                st.ops[1].append(sti);
                break;
            case X87.R_STI_ST:
                st.ops[0].append(sti);
                st.ops[1].append("st");
                break;
            default:
                if (st.in.modrm == 0xE0 && op == 0xDF) {
                    st.ops[0].append("ax");
                }
                break;
        }
    }

    private void x87Name(String n) {
        boolean noWait = n.charAt(0) == '!';
        boolean suffix = n.charAt(n.length() - 1) == '#';
        int start = noWait ? 1 : 0;
        int end = suffix ? n.length() - 1 : n.length();
        if (noWait && st.fwait) {
            st.mnem.append(n.charAt(start)).append(n, start + 2, end); // "fnstsw" -> "fstsw"
            st.used |= P_FWAIT;
        } else {
            st.mnem.append(n, start, end);
        }
        if (suffix && (st.prefixes & P_DATA) != 0) {
            st.mnem.append(st.dflag ? 'd' : 'w');
            st.used |= P_DATA;
        }
    }
}
