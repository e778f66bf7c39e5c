package dev.ringmaster.engine.cpu.disasm;

import static dev.ringmaster.engine.cpu.disasm.FormatState.*;

import dev.ringmaster.engine.cpu.OperandType;

/**
 * Operands in Intel syntax as objdump prints them: registers by operand size, ModR/M memory operands
 * with their size keyword, segment and SIB/16-bit addressing forms, immediates, branch targets,
 * string operands. Reads and updates the current instruction's {@link FormatState} (the prefixes an
 * operand uses, the immediate it consumed, the branch target).
 */
final class OperandFormatter {
    static final String[] REG32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    static final String[] REG8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};
    static final String[] INDEX16 = {"bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx"};

    private final FormatState st;

    OperandFormatter(FormatState st) {
        this.st = st;
    }

    void operand(OperandType t, StringBuilder s) {
        int op = st.in.opcode;
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
            case Gb: reg(s, st.in.reg, M_B); break;
            case Gw: reg(s, st.in.reg, M_W); break;
            case Gv: reg(s, st.in.reg, M_V); break;
            case M: memory(s, op == 0x0F01 ? M_B : M_NONE); break; // INVLPG is "BYTE PTR", LEA has no size
            case Mp: memory(s, M_F); break;
            case Ms: memory(s, M_NONE); break;
            case Ma: memory(s, M_A); break;
            case Mq: memory(s, M_Q); break;
            case Rd: s.append(REG32[st.in.rm]); break;
            case Sw: s.append(SEG[st.in.reg]); break;
            case Cd: {
                int n = st.in.reg;
                if ((st.prefixes & P_LOCK) != 0) { // LOCK MOV CRn is AMD's CR8 encoding for objdump
                    st.all[st.lastLock] = 0;
                    st.used |= P_LOCK;
                    n += 8;
                }
                s.append("cr").append(n);
                break;
            }
            case Dd: s.append("dr").append(st.in.reg); break;
            case Ib: hex(s, nextImmediate() & 0xFFL); break;
            case Ibs: hex(s, nextImmediate() & (st.dflag ? 0xFFFFFFFFL : 0xFFFFL)); break;
            case Iw: hex(s, nextImmediate() & 0xFFFFL); break;
            case Iz: {
                int size = immediateSize();
                hex(s, nextImmediate() & (size == 4 ? 0xFFFFFFFFL : 0xFFFFL));
                if (op != 0x68) {
                    st.used |= st.prefixes & P_DATA;
                }
                break;
            }
            case Jb:
            case Jz:
                jump(s, t == OperandType.Jz);
                break;
            case Ap:
                st.used |= st.prefixes & P_DATA;
                s.append("0x").append(Integer.toHexString(st.in.imm2 & 0xFFFF)).append(":0x")
                        .append(Integer.toHexString(st.in.immSize == 4 ? st.in.imm : st.in.imm & 0xFFFF));
                break;
            case Ob:
            case Ov:
                appendSegment(s);
                if (st.activeSeg == 0) {
                    s.append("ds:");
                }
                hex(s, st.in.disp & (st.aflag ? 0xFFFFFFFFL : 0xFFFFL));
                break;
            case Xb: stringSource(s, M_B, 6); break;
            case Xv: stringSource(s, M_V, 6); break;
            case Yb: stringDestination(s, M_B); break;
            case Yv: stringDestination(s, M_V); break;
            case Mxlat: stringSource(s, M_B, 3); break;
            case Zb: s.append(REG8[st.in.opcodeReg]); break;
            case Zv:
            case Zd: // objdump prints BSWAP with a 16-bit operand size as "bswap ax"
                regV(s, st.in.opcodeReg);
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
        return st.immIndex++ == 0 ? st.in.imm : st.in.imm2;
    }

    private int immediateSize() {
        return st.immIndex == 0 ? st.in.immSize : st.in.imm2Size;
    }

    private static void hex(StringBuilder s, long v) {
        s.append("0x").append(Long.toHexString(v));
    }


    /** Relative branch target as objdump computes it (quirk Q6: rel8 is never truncated to 16 bits). */
    private void jump(StringBuilder s, boolean rel16or32) {
        long next = (st.address + st.in.length) & 0xFFFFFFFFL;
        long t = next + st.in.imm;
        if (rel16or32) {
            st.used |= st.prefixes & P_DATA;
            if (!st.dflag) {
                t &= 0xFFFF;
                if ((st.prefixes & P_DATA) == 0) {
                    t |= next & ~0xFFFFL;
                }
            }
        }
        t &= 0xFFFFFFFFL;
        st.target = t;
        st.targetOperand = s == st.ops[0] ? 0 : s == st.ops[1] ? 1 : 2;
        hex(s, t);
    }

    /** An r/m operand: a register when mod = 3, else memory with objdump's size keyword. */
    void e(StringBuilder s, int mode) {
        if (st.in.isRegisterForm()) {
            reg(s, st.in.rm, mode);
        } else {
            memory(s, mode);
        }
    }

    /** objdump's Sv: a register of the operand size, or a WORD in memory (MOV Sreg, SLDT, LAR...). */
    private void sv(StringBuilder s) {
        e(s, st.in.isRegisterForm() ? M_V : M_W);
    }

    void reg(StringBuilder s, int r, int mode) {
        switch (mode) {
            case M_B: s.append(REG8[r]); break;
            case M_W: s.append(REG16[r]); break;
            case M_V: regV(s, r); break;
            case M_BND: s.append(r > 3 ? "(bad)" : "bnd" + r); break;
            default: s.append(REG32[r]); break;
        }
    }

    void regV(StringBuilder s, int r) {
        s.append(st.dflag ? REG32[r] : REG16[r]);
        st.used |= st.prefixes & P_DATA;
    }

    private void sizeKeyword(StringBuilder s, int mode) {
        switch (mode) {
            case M_B: s.append("BYTE PTR "); break;
            case M_W: s.append("WORD PTR "); break;
            case M_D: s.append("DWORD PTR "); break;
            case M_Q: s.append("QWORD PTR "); break;
            case M_T: s.append("TBYTE PTR "); break;
            case M_V:
                s.append(st.dflag ? "DWORD PTR " : "WORD PTR ");
                st.used |= st.prefixes & P_DATA;
                break;
            case M_A:
                s.append(st.dflag ? "QWORD PTR " : "DWORD PTR ");
                st.used |= st.prefixes & P_DATA;
                break;
            case M_F:
                s.append(st.dflag ? "FWORD PTR " : "DWORD PTR ");
                st.used |= st.prefixes & P_DATA;
                break;
            default:
                break;
        }
    }

    private void appendSegment(StringBuilder s) {
        if (st.activeSeg != 0) {
            st.used |= st.activeSeg;
            s.append(segmentName(st.activeSeg)).append(':');
        }
    }

    /** A ModR/M memory operand, as objdump's OP_E_memory prints it in Intel syntax. */
    void memory(StringBuilder s, int mode) {
        sizeKeyword(s, mode);
        appendSegment(s);
        if (!st.aflag) {
            if (mode == M_BND || mode == M_VBND) {
                s.append("(bad)"); // and objdump does not consume the displacement
                st.lengthOverride = st.in.prefixCount + 3;
            } else {
                memory16(s);
            }
            return;
        }
        int mod = st.in.mod;
        int base = st.in.rm;
        boolean haveBase = true;
        boolean haveIndex = false;
        int index = 0;
        int scale = 0;
        if (st.in.hasSib) {
            index = st.in.sibIndex;
            haveIndex = index != 4;
            scale = st.in.sibScale;
            base = st.in.sibBase;
        }
        long disp = mod == 0 && base != 5 ? 0 : st.in.disp;
        if (mod == 0 && base == 5) {
            haveBase = false;
        }
        // In 32-bit code an index is needed to tell [offset] from [eiz*1+offset]; not in 16-bit code (quirk Q7).
        boolean needIndex = st.in.hasSib && !haveBase && !haveIndex && st.mode32;
        boolean haveDisp = haveBase || needIndex || (st.in.hasSib && (haveIndex || scale != 0));
        if (haveBase || haveIndex || needIndex) {
            st.used |= st.prefixes & P_ADDR;
        }
        if (haveDisp) {
            s.append('[');
            if (haveBase) {
                s.append(REG32[base]);
            }
            if (st.in.hasSib && (scale != 0 || needIndex || haveIndex || (haveBase && base != 4))) {
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
            if (st.activeSeg == 0) {
                s.append("ds:");
            }
            hex(s, disp & 0xFFFFFFFFL);
        }
    }

    private void memory16(StringBuilder s) {
        st.used |= st.prefixes & P_ADDR;
        int mod = st.in.mod;
        int rm = st.in.rm;
        long disp = mod == 1 ? st.in.disp : (mod == 2 || rm == 6) ? (short) st.in.disp : 0;
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
            if (st.activeSeg == 0) {
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
        if (st.activeSeg == 0) {
            st.activeSeg = P_DS;
        }
        appendSegment(s);
        pointerRegister(s, r);
    }

    private void pointerRegister(StringBuilder s, int r) {
        st.used |= st.prefixes & P_ADDR;
        s.append('[').append(st.aflag ? REG32[r] : REG16[r]).append(']');
    }
}
