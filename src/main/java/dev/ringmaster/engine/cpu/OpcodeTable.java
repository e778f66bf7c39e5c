package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.OpcodeEntry.END_BLOCK;
import static dev.ringmaster.engine.cpu.OpcodeEntry.GROUP;
import static dev.ringmaster.engine.cpu.OpcodeEntry.INVALID;
import static dev.ringmaster.engine.cpu.OpcodeEntry.IO;
import static dev.ringmaster.engine.cpu.OpcodeEntry.LOCKABLE;
import static dev.ringmaster.engine.cpu.OpcodeEntry.MNEMONIC_BY_ADDRESS_SIZE;
import static dev.ringmaster.engine.cpu.OpcodeEntry.PRIVILEGED;
import static dev.ringmaster.engine.cpu.OpcodeEntry.REP_CONDITIONAL;
import static dev.ringmaster.engine.cpu.OpcodeEntry.SENSITIVE;
import static dev.ringmaster.engine.cpu.OpcodeEntry.STRING;
import static dev.ringmaster.engine.cpu.OperandType.*;

/**
 * The IA-32 opcode map of this CPU (Intel SDM vol. 2, appendix A): the one-byte map without the x87
 * escapes' operations, the two-byte (0F) map of DESIGN §2, and the ModR/M.reg groups. Read only.
 */
public final class OpcodeTable {
    private OpcodeTable() {
    }

    /** Group numbers in {@link OpcodeEntry#sub} of a {@link OpcodeEntry#GROUP} entry (SDM table A-6). */
    static final int G1_EB_IB = 0, G1_EV_IZ = 1, G1_EV_IBS = 2, G1A = 3, G2_EB_IB = 4, G2_EV_IB = 5,
            G2_EB_1 = 6, G2_EV_1 = 7, G2_EB_CL = 8, G2_EV_CL = 9, G3_EB = 10, G3_EV = 11, G4 = 12, G5 = 13,
            G6 = 14, G7 = 15, G8 = 16, G9 = 17, G11_EB = 18, G11_EV = 19;

    static final OpcodeEntry[] ONE_BYTE = new OpcodeEntry[256];
    static final OpcodeEntry[] TWO_BYTE = new OpcodeEntry[256];
    /** [group][ModR/M.reg]. */
    static final OpcodeEntry[][] GROUPS = new OpcodeEntry[20][8];
    /** Group 7 with mod = 3: [reg][rm]. */
    static final OpcodeEntry[][] GROUP7_REG = new OpcodeEntry[8][8];

    /** The undefined encoding. */
    public static final OpcodeEntry INVALID_ENTRY = new OpcodeEntry(Mnemonic.BAD, Mnemonic.BAD, Exec.UD, 0, INVALID);

    private static final Mnemonic[] ALU = {Mnemonic.ADD, Mnemonic.OR, Mnemonic.ADC, Mnemonic.SBB, Mnemonic.AND,
        Mnemonic.SUB, Mnemonic.XOR, Mnemonic.CMP};
    private static final Mnemonic[] SHIFTS = {Mnemonic.ROL, Mnemonic.ROR, Mnemonic.RCL, Mnemonic.RCR,
        Mnemonic.SHL, Mnemonic.SHR, Mnemonic.SAL, Mnemonic.SAR};
    private static final OperandType[] SEG_OPS = {ES, CS, SS, DS, FS, GS};

    /** The entry for one-byte opcode {@code b} (a group entry for group opcodes). */
    public static OpcodeEntry oneByte(int b) {
        return ONE_BYTE[b & 0xFF];
    }

    /** The entry for opcode 0F {@code b}. */
    public static OpcodeEntry twoByte(int b) {
        return TWO_BYTE[b & 0xFF];
    }

    private static OpcodeEntry e(Mnemonic m, int exec, int sub, int flags, OperandType... ops) {
        return new OpcodeEntry(m, m, exec, sub, flags, ops);
    }

    private static OpcodeEntry e2(Mnemonic m16, Mnemonic m32, int exec, int sub, int flags, OperandType... ops) {
        return new OpcodeEntry(m16, m32, exec, sub, flags, ops);
    }

    private static OpcodeEntry group(int g) {
        return new OpcodeEntry(Mnemonic.BAD, Mnemonic.BAD, Exec.UD, g, GROUP);
    }

    static {
        java.util.Arrays.fill(ONE_BYTE, INVALID_ENTRY);
        java.util.Arrays.fill(TWO_BYTE, INVALID_ENTRY);
        for (OpcodeEntry[] g : GROUPS) {
            java.util.Arrays.fill(g, INVALID_ENTRY);
        }
        for (OpcodeEntry[] g : GROUP7_REG) {
            java.util.Arrays.fill(g, INVALID_ENTRY);
        }
        oneByteMap();
        twoByteMap();
        groups();
    }

    private static void oneByteMap() {
        OpcodeEntry[] t = ONE_BYTE;
        for (int op = 0; op < 8; op++) {
            int b = op << 3;
            int lock = op == 7 ? 0 : LOCKABLE;
            t[b] = e(ALU[op], Exec.ALU, op, lock, Eb, Gb);
            t[b + 1] = e(ALU[op], Exec.ALU, op, lock, Ev, Gv);
            t[b + 2] = e(ALU[op], Exec.ALU, op, 0, Gb, Eb);
            t[b + 3] = e(ALU[op], Exec.ALU, op, 0, Gv, Ev);
            t[b + 4] = e(ALU[op], Exec.ALU, op, 0, AL, Ib);
            t[b + 5] = e(ALU[op], Exec.ALU, op, 0, eAX, Iz);
        }
        t[0x06] = e(Mnemonic.PUSH, Exec.PUSH_SEG, 0, 0, ES);
        t[0x07] = e(Mnemonic.POP, Exec.POP_SEG, 0, 0, ES);
        t[0x0E] = e(Mnemonic.PUSH, Exec.PUSH_SEG, 1, SENSITIVE, CS);
        t[0x16] = e(Mnemonic.PUSH, Exec.PUSH_SEG, 2, 0, SS);
        t[0x17] = e(Mnemonic.POP, Exec.POP_SEG, 2, END_BLOCK, SS);
        t[0x1E] = e(Mnemonic.PUSH, Exec.PUSH_SEG, 3, 0, DS);
        t[0x1F] = e(Mnemonic.POP, Exec.POP_SEG, 3, 0, DS);
        t[0x27] = e(Mnemonic.DAA, Exec.DAA, 0, 0);
        t[0x2F] = e(Mnemonic.DAS, Exec.DAS, 0, 0);
        t[0x37] = e(Mnemonic.AAA, Exec.AAA, 0, 0);
        t[0x3F] = e(Mnemonic.AAS, Exec.AAS, 0, 0);
        for (int r = 0; r < 8; r++) {
            t[0x40 + r] = e(Mnemonic.INC, Exec.INC, 0, 0, Zv);
            t[0x48 + r] = e(Mnemonic.DEC, Exec.DEC, 0, 0, Zv);
            t[0x50 + r] = e(Mnemonic.PUSH, Exec.PUSH, 0, 0, Zv);
            t[0x58 + r] = e(Mnemonic.POP, Exec.POP, 0, 0, Zv);
            t[0x90 + r] = r == 0 ? e(Mnemonic.NOP, Exec.NOP, 0, 0) : e(Mnemonic.XCHG, Exec.XCHG, 0, 0, Zv, eAX);
            t[0xB0 + r] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Zb, Ib);
            t[0xB8 + r] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Zv, Iz);
        }
        t[0x60] = e2(Mnemonic.PUSHA, Mnemonic.PUSHAD, Exec.PUSHA, 0, 0);
        t[0x61] = e2(Mnemonic.POPA, Mnemonic.POPAD, Exec.POPA, 0, 0);
        t[0x62] = e(Mnemonic.BOUND, Exec.BOUND, 0, 0, Gv, Ma);
        t[0x63] = e(Mnemonic.ARPL, Exec.ARPL, 0, 0, Ew, Gw);
        t[0x68] = e(Mnemonic.PUSH, Exec.PUSH, 0, 0, Iz);
        t[0x69] = e(Mnemonic.IMUL, Exec.IMUL3, 0, 0, Gv, Ev, Iz);
        t[0x6A] = e(Mnemonic.PUSH, Exec.PUSH, 0, 0, Ibs);
        t[0x6B] = e(Mnemonic.IMUL, Exec.IMUL3, 0, 0, Gv, Ev, Ibs);
        t[0x6C] = e(Mnemonic.INSB, Exec.INS, 0, IO | STRING | END_BLOCK, Yb, DX);
        t[0x6D] = e2(Mnemonic.INSW, Mnemonic.INSD, Exec.INS, 0, IO | STRING | END_BLOCK, Yv, DX);
        t[0x6E] = e(Mnemonic.OUTSB, Exec.OUTS, 0, IO | STRING | END_BLOCK, DX, Xb);
        t[0x6F] = e2(Mnemonic.OUTSW, Mnemonic.OUTSD, Exec.OUTS, 0, IO | STRING | END_BLOCK, DX, Xv);
        for (int cc = 0; cc < 16; cc++) {
            t[0x70 + cc] = e(Mnemonic.jcc(cc), Exec.JCC, cc, END_BLOCK, Jb);
        }
        t[0x80] = group(G1_EB_IB);
        t[0x81] = group(G1_EV_IZ);
        t[0x82] = group(G1_EB_IB); // alias of 80 in 32-bit code
        t[0x83] = group(G1_EV_IBS);
        t[0x84] = e(Mnemonic.TEST, Exec.TEST, 0, 0, Eb, Gb);
        t[0x85] = e(Mnemonic.TEST, Exec.TEST, 0, 0, Ev, Gv);
        t[0x86] = e(Mnemonic.XCHG, Exec.XCHG, 0, LOCKABLE, Eb, Gb);
        t[0x87] = e(Mnemonic.XCHG, Exec.XCHG, 0, LOCKABLE, Ev, Gv);
        t[0x88] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Eb, Gb);
        t[0x89] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Ev, Gv);
        t[0x8A] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Gb, Eb);
        t[0x8B] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Gv, Ev);
        t[0x8C] = e(Mnemonic.MOV, Exec.MOV_FROM_SEG, 0, SENSITIVE, Evw, Sw);
        t[0x8D] = e(Mnemonic.LEA, Exec.LEA, 0, 0, Gv, M);
        t[0x8E] = e(Mnemonic.MOV, Exec.MOV_TO_SEG, 0, 0, Sw, Ew);
        t[0x8F] = group(G1A);
        t[0x98] = e2(Mnemonic.CBW, Mnemonic.CWDE, Exec.CBW, 0, 0);
        t[0x99] = e2(Mnemonic.CWD, Mnemonic.CDQ, Exec.CWD, 0, 0);
        t[0x9A] = e(Mnemonic.CALLF, Exec.CALLF, 0, END_BLOCK, Ap);
        t[0x9B] = e(Mnemonic.WAIT, Exec.WAIT, 0, 0);
        t[0x9C] = e2(Mnemonic.PUSHF, Mnemonic.PUSHFD, Exec.PUSHF, 0, SENSITIVE);
        t[0x9D] = e2(Mnemonic.POPF, Mnemonic.POPFD, Exec.POPF, 0, SENSITIVE | END_BLOCK);
        t[0x9E] = e(Mnemonic.SAHF, Exec.SAHF, 0, 0);
        t[0x9F] = e(Mnemonic.LAHF, Exec.LAHF, 0, 0);
        t[0xA0] = e(Mnemonic.MOV, Exec.MOV, 0, 0, AL, Ob);
        t[0xA1] = e(Mnemonic.MOV, Exec.MOV, 0, 0, eAX, Ov);
        t[0xA2] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Ob, AL);
        t[0xA3] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Ov, eAX);
        t[0xA4] = e(Mnemonic.MOVSB, Exec.MOVS, 0, STRING, Yb, Xb);
        t[0xA5] = e2(Mnemonic.MOVSW, Mnemonic.MOVSD, Exec.MOVS, 0, STRING, Yv, Xv);
        t[0xA6] = e(Mnemonic.CMPSB, Exec.CMPS, 0, STRING | REP_CONDITIONAL, Xb, Yb);
        t[0xA7] = e2(Mnemonic.CMPSW, Mnemonic.CMPSD, Exec.CMPS, 0, STRING | REP_CONDITIONAL, Xv, Yv);
        t[0xA8] = e(Mnemonic.TEST, Exec.TEST, 0, 0, AL, Ib);
        t[0xA9] = e(Mnemonic.TEST, Exec.TEST, 0, 0, eAX, Iz);
        t[0xAA] = e(Mnemonic.STOSB, Exec.STOS, 0, STRING, Yb, AL);
        t[0xAB] = e2(Mnemonic.STOSW, Mnemonic.STOSD, Exec.STOS, 0, STRING, Yv, eAX);
        t[0xAC] = e(Mnemonic.LODSB, Exec.LODS, 0, STRING, AL, Xb);
        t[0xAD] = e2(Mnemonic.LODSW, Mnemonic.LODSD, Exec.LODS, 0, STRING, eAX, Xv);
        t[0xAE] = e(Mnemonic.SCASB, Exec.SCAS, 0, STRING | REP_CONDITIONAL, AL, Yb);
        t[0xAF] = e2(Mnemonic.SCASW, Mnemonic.SCASD, Exec.SCAS, 0, STRING | REP_CONDITIONAL, eAX, Yv);
        t[0xC0] = group(G2_EB_IB);
        t[0xC1] = group(G2_EV_IB);
        t[0xC2] = e(Mnemonic.RET, Exec.RET, 0, END_BLOCK, Iw);
        t[0xC3] = e(Mnemonic.RET, Exec.RET, 0, END_BLOCK);
        t[0xC4] = e(Mnemonic.LES, Exec.LOAD_FAR, 0, 0, Gv, Mp);
        t[0xC5] = e(Mnemonic.LDS, Exec.LOAD_FAR, 3, 0, Gv, Mp);
        t[0xC6] = group(G11_EB);
        t[0xC7] = group(G11_EV);
        t[0xC8] = e(Mnemonic.ENTER, Exec.ENTER, 0, 0, Iw, Ib);
        t[0xC9] = e(Mnemonic.LEAVE, Exec.LEAVE, 0, 0);
        t[0xCA] = e(Mnemonic.RETF, Exec.RETF, 0, END_BLOCK, Iw);
        t[0xCB] = e(Mnemonic.RETF, Exec.RETF, 0, END_BLOCK);
        t[0xCC] = e(Mnemonic.INT3, Exec.INT3, 0, END_BLOCK);
        t[0xCD] = e(Mnemonic.INT, Exec.INT, 0, END_BLOCK, Ib);
        t[0xCE] = e(Mnemonic.INTO, Exec.INTO, 0, END_BLOCK);
        t[0xCF] = e2(Mnemonic.IRET, Mnemonic.IRETD, Exec.IRET, 0, END_BLOCK);
        t[0xD0] = group(G2_EB_1);
        t[0xD1] = group(G2_EV_1);
        t[0xD2] = group(G2_EB_CL);
        t[0xD3] = group(G2_EV_CL);
        t[0xD4] = e(Mnemonic.AAM, Exec.AAM, 0, 0, Ib);
        t[0xD5] = e(Mnemonic.AAD, Exec.AAD, 0, 0, Ib);
        t[0xD6] = e(Mnemonic.SALC, Exec.SALC, 0, 0);
        t[0xD7] = e(Mnemonic.XLAT, Exec.XLAT, 0, 0, Mxlat);
        for (int b = 0xD8; b <= 0xDF; b++) {
            // x87 escapes: decoded for their length (ModR/M) only; this CPU has no FPU.
            t[b] = e(Mnemonic.ESC, Exec.ESC, b & 7, END_BLOCK | OpcodeEntry.MODRM);
        }
        t[0xE0] = e2(Mnemonic.LOOPNE, Mnemonic.LOOPNE, Exec.LOOP, 0, END_BLOCK, Jb);
        t[0xE1] = e2(Mnemonic.LOOPE, Mnemonic.LOOPE, Exec.LOOP, 1, END_BLOCK, Jb);
        t[0xE2] = e2(Mnemonic.LOOP, Mnemonic.LOOP, Exec.LOOP, 2, END_BLOCK, Jb);
        t[0xE3] = e2(Mnemonic.JCXZ, Mnemonic.JECXZ, Exec.JCXZ, 0, END_BLOCK | MNEMONIC_BY_ADDRESS_SIZE, Jb);
        t[0xE4] = e(Mnemonic.IN, Exec.IN, 0, IO | END_BLOCK, AL, Ib);
        t[0xE5] = e(Mnemonic.IN, Exec.IN, 0, IO | END_BLOCK, eAX, Ib);
        t[0xE6] = e(Mnemonic.OUT, Exec.OUT, 0, IO | END_BLOCK, Ib, AL);
        t[0xE7] = e(Mnemonic.OUT, Exec.OUT, 0, IO | END_BLOCK, Ib, eAX);
        t[0xE8] = e(Mnemonic.CALL, Exec.CALL, 0, END_BLOCK, Jz);
        t[0xE9] = e(Mnemonic.JMP, Exec.JMP, 0, END_BLOCK, Jz);
        t[0xEA] = e(Mnemonic.JMPF, Exec.JMPF, 0, END_BLOCK, Ap);
        t[0xEB] = e(Mnemonic.JMP, Exec.JMP, 0, END_BLOCK, Jb);
        t[0xEC] = e(Mnemonic.IN, Exec.IN, 0, IO | END_BLOCK, AL, DX);
        t[0xED] = e(Mnemonic.IN, Exec.IN, 0, IO | END_BLOCK, eAX, DX);
        t[0xEE] = e(Mnemonic.OUT, Exec.OUT, 0, IO | END_BLOCK, DX, AL);
        t[0xEF] = e(Mnemonic.OUT, Exec.OUT, 0, IO | END_BLOCK, DX, eAX);
        t[0xF1] = e(Mnemonic.INT1, Exec.INT1, 0, END_BLOCK);
        t[0xF4] = e(Mnemonic.HLT, Exec.HLT, 0, PRIVILEGED | END_BLOCK);
        t[0xF5] = e(Mnemonic.CMC, Exec.CMC, 0, 0);
        t[0xF6] = group(G3_EB);
        t[0xF7] = group(G3_EV);
        t[0xF8] = e(Mnemonic.CLC, Exec.CLC, 0, 0);
        t[0xF9] = e(Mnemonic.STC, Exec.STC, 0, 0);
        t[0xFA] = e(Mnemonic.CLI, Exec.CLI, 0, 0);
        t[0xFB] = e(Mnemonic.STI, Exec.STI, 0, END_BLOCK);
        t[0xFC] = e(Mnemonic.CLD, Exec.CLD, 0, 0);
        t[0xFD] = e(Mnemonic.STD, Exec.STD, 0, 0);
        t[0xFE] = group(G4);
        t[0xFF] = group(G5);
        // 0x0F escape, prefixes 26 2E 36 3E 64 65 66 67 F0 F2 F3 are handled by the decoder.
    }

    private static void twoByteMap() {
        OpcodeEntry[] t = TWO_BYTE;
        t[0x00] = group(G6);
        t[0x01] = group(G7);
        t[0x02] = e(Mnemonic.LAR, Exec.LAR, 0, SENSITIVE, Gv, Ew);
        t[0x03] = e(Mnemonic.LSL, Exec.LSL, 0, SENSITIVE, Gv, Ew);
        t[0x06] = e(Mnemonic.CLTS, Exec.CLTS, 0, PRIVILEGED);
        t[0x08] = e(Mnemonic.INVD, Exec.INVD, 0, PRIVILEGED);
        t[0x09] = e(Mnemonic.WBINVD, Exec.WBINVD, 0, PRIVILEGED);
        t[0x0B] = e(Mnemonic.UD2, Exec.UD2, 0, 0);
        for (int b = 0x18; b <= 0x1F; b++) {
            t[b] = e(Mnemonic.NOP, Exec.NOP, 0, 0, Ev); // hint NOPs (0F 18 prefetch hints, 0F 1F /0 NOP Ev)
        }
        t[0x20] = e(Mnemonic.MOV, Exec.MOV_FROM_CR, 0, PRIVILEGED, Rd, Cd);
        t[0x21] = e(Mnemonic.MOV, Exec.MOV_FROM_DR, 0, PRIVILEGED, Rd, Dd);
        t[0x22] = e(Mnemonic.MOV, Exec.MOV_TO_CR, 0, PRIVILEGED | END_BLOCK, Cd, Rd);
        t[0x23] = e(Mnemonic.MOV, Exec.MOV_TO_DR, 0, PRIVILEGED | END_BLOCK, Dd, Rd);
        t[0x30] = e(Mnemonic.WRMSR, Exec.WRMSR, 0, PRIVILEGED | END_BLOCK);
        t[0x31] = e(Mnemonic.RDTSC, Exec.RDTSC, 0, 0);
        t[0x32] = e(Mnemonic.RDMSR, Exec.RDMSR, 0, PRIVILEGED);
        for (int cc = 0; cc < 16; cc++) {
            t[0x40 + cc] = e(Mnemonic.cmovcc(cc), Exec.CMOV, cc, 0, Gv, Ev);
            t[0x80 + cc] = e(Mnemonic.jcc(cc), Exec.JCC, cc, END_BLOCK, Jz);
            t[0x90 + cc] = e(Mnemonic.setcc(cc), Exec.SETCC, cc, 0, Eb);
        }
        t[0xA0] = e(Mnemonic.PUSH, Exec.PUSH_SEG, 4, 0, FS);
        t[0xA1] = e(Mnemonic.POP, Exec.POP_SEG, 4, 0, FS);
        t[0xA2] = e(Mnemonic.CPUID, Exec.CPUID, 0, 0);
        t[0xA3] = e(Mnemonic.BT, Exec.BT, 0, 0, Ev, Gv);
        t[0xA4] = e(Mnemonic.SHLD, Exec.SHLD, 0, 0, Ev, Gv, Ib);
        t[0xA5] = e(Mnemonic.SHLD, Exec.SHLD, 0, 0, Ev, Gv, CL);
        t[0xA8] = e(Mnemonic.PUSH, Exec.PUSH_SEG, 5, 0, GS);
        t[0xA9] = e(Mnemonic.POP, Exec.POP_SEG, 5, 0, GS);
        t[0xAB] = e(Mnemonic.BTS, Exec.BT, 1, LOCKABLE, Ev, Gv);
        t[0xAC] = e(Mnemonic.SHRD, Exec.SHRD, 0, 0, Ev, Gv, Ib);
        t[0xAD] = e(Mnemonic.SHRD, Exec.SHRD, 0, 0, Ev, Gv, CL);
        t[0xAF] = e(Mnemonic.IMUL, Exec.IMUL2, 0, 0, Gv, Ev);
        t[0xB0] = e(Mnemonic.CMPXCHG, Exec.CMPXCHG, 0, LOCKABLE, Eb, Gb);
        t[0xB1] = e(Mnemonic.CMPXCHG, Exec.CMPXCHG, 0, LOCKABLE, Ev, Gv);
        t[0xB2] = e(Mnemonic.LSS, Exec.LOAD_FAR, 2, END_BLOCK, Gv, Mp);
        t[0xB3] = e(Mnemonic.BTR, Exec.BT, 2, LOCKABLE, Ev, Gv);
        t[0xB4] = e(Mnemonic.LFS, Exec.LOAD_FAR, 4, 0, Gv, Mp);
        t[0xB5] = e(Mnemonic.LGS, Exec.LOAD_FAR, 5, 0, Gv, Mp);
        t[0xB6] = e(Mnemonic.MOVZX, Exec.MOVZX, 0, 0, Gv, Eb);
        t[0xB7] = e(Mnemonic.MOVZX, Exec.MOVZX, 0, 0, Gv, Ew);
        t[0xB9] = e(Mnemonic.UD1, Exec.UD2, 0, 0, Gv, Ev);
        t[0xBA] = group(G8);
        t[0xBB] = e(Mnemonic.BTC, Exec.BT, 3, LOCKABLE, Ev, Gv);
        t[0xBC] = e(Mnemonic.BSF, Exec.BSF, 0, 0, Gv, Ev);
        t[0xBD] = e(Mnemonic.BSR, Exec.BSR, 0, 0, Gv, Ev);
        t[0xBE] = e(Mnemonic.MOVSX, Exec.MOVSX, 0, 0, Gv, Eb);
        t[0xBF] = e(Mnemonic.MOVSX, Exec.MOVSX, 0, 0, Gv, Ew);
        t[0xC0] = e(Mnemonic.XADD, Exec.XADD, 0, LOCKABLE, Eb, Gb);
        t[0xC1] = e(Mnemonic.XADD, Exec.XADD, 0, LOCKABLE, Ev, Gv);
        t[0xC7] = group(G9);
        for (int r = 0; r < 8; r++) {
            t[0xC8 + r] = e(Mnemonic.BSWAP, Exec.BSWAP, 0, 0, Zd);
        }
        t[0xFF] = e(Mnemonic.UD0, Exec.UD2, 0, 0, Gv, Ev);
    }

    private static void groups() {
        for (int op = 0; op < 8; op++) {
            int lock = op == 7 ? 0 : LOCKABLE;
            GROUPS[G1_EB_IB][op] = e(ALU[op], Exec.ALU, op, lock, Eb, Ib);
            GROUPS[G1_EV_IZ][op] = e(ALU[op], Exec.ALU, op, lock, Ev, Iz);
            GROUPS[G1_EV_IBS][op] = e(ALU[op], Exec.ALU, op, lock, Ev, Ibs);
            GROUPS[G2_EB_IB][op] = e(SHIFTS[op], Exec.SHIFT, op, 0, Eb, Ib);
            GROUPS[G2_EV_IB][op] = e(SHIFTS[op], Exec.SHIFT, op, 0, Ev, Ib);
            GROUPS[G2_EB_1][op] = e(SHIFTS[op], Exec.SHIFT, op, 0, Eb, ONE);
            GROUPS[G2_EV_1][op] = e(SHIFTS[op], Exec.SHIFT, op, 0, Ev, ONE);
            GROUPS[G2_EB_CL][op] = e(SHIFTS[op], Exec.SHIFT, op, 0, Eb, CL);
            GROUPS[G2_EV_CL][op] = e(SHIFTS[op], Exec.SHIFT, op, 0, Ev, CL);
        }
        GROUPS[G1A][0] = e(Mnemonic.POP, Exec.POP, 0, 0, Ev);

        OpcodeEntry[] g3b = GROUPS[G3_EB];
        OpcodeEntry[] g3v = GROUPS[G3_EV];
        g3b[0] = e(Mnemonic.TEST, Exec.TEST, 0, 0, Eb, Ib);
        g3b[1] = e(Mnemonic.TEST, Exec.TEST, 0, 0, Eb, Ib); // undocumented alias of /0
        g3b[2] = e(Mnemonic.NOT, Exec.NOT, 0, LOCKABLE, Eb);
        g3b[3] = e(Mnemonic.NEG, Exec.NEG, 0, LOCKABLE, Eb);
        g3b[4] = e(Mnemonic.MUL, Exec.MUL, 0, 0, Eb);
        g3b[5] = e(Mnemonic.IMUL, Exec.IMUL1, 0, 0, Eb);
        g3b[6] = e(Mnemonic.DIV, Exec.DIV, 0, 0, Eb);
        g3b[7] = e(Mnemonic.IDIV, Exec.IDIV, 0, 0, Eb);
        g3v[0] = e(Mnemonic.TEST, Exec.TEST, 0, 0, Ev, Iz);
        g3v[1] = e(Mnemonic.TEST, Exec.TEST, 0, 0, Ev, Iz);
        g3v[2] = e(Mnemonic.NOT, Exec.NOT, 0, LOCKABLE, Ev);
        g3v[3] = e(Mnemonic.NEG, Exec.NEG, 0, LOCKABLE, Ev);
        g3v[4] = e(Mnemonic.MUL, Exec.MUL, 0, 0, Ev);
        g3v[5] = e(Mnemonic.IMUL, Exec.IMUL1, 0, 0, Ev);
        g3v[6] = e(Mnemonic.DIV, Exec.DIV, 0, 0, Ev);
        g3v[7] = e(Mnemonic.IDIV, Exec.IDIV, 0, 0, Ev);

        GROUPS[G4][0] = e(Mnemonic.INC, Exec.INC, 0, LOCKABLE, Eb);
        GROUPS[G4][1] = e(Mnemonic.DEC, Exec.DEC, 0, LOCKABLE, Eb);

        OpcodeEntry[] g5 = GROUPS[G5];
        g5[0] = e(Mnemonic.INC, Exec.INC, 0, LOCKABLE, Ev);
        g5[1] = e(Mnemonic.DEC, Exec.DEC, 0, LOCKABLE, Ev);
        g5[2] = e(Mnemonic.CALL, Exec.CALL, 0, END_BLOCK, Ev);
        g5[3] = e(Mnemonic.CALLF, Exec.CALLF, 0, END_BLOCK, Mp);
        g5[4] = e(Mnemonic.JMP, Exec.JMP, 0, END_BLOCK, Ev);
        g5[5] = e(Mnemonic.JMPF, Exec.JMPF, 0, END_BLOCK, Mp);
        g5[6] = e(Mnemonic.PUSH, Exec.PUSH, 0, 0, Ev);

        OpcodeEntry[] g6 = GROUPS[G6];
        g6[0] = e(Mnemonic.SLDT, Exec.SLDT, 0, SENSITIVE, Evw);
        g6[1] = e(Mnemonic.STR, Exec.STR, 0, SENSITIVE, Evw);
        g6[2] = e(Mnemonic.LLDT, Exec.LLDT, 0, PRIVILEGED, Ew);
        g6[3] = e(Mnemonic.LTR, Exec.LTR, 0, PRIVILEGED, Ew);
        g6[4] = e(Mnemonic.VERR, Exec.VERR, 0, SENSITIVE, Ew);
        g6[5] = e(Mnemonic.VERW, Exec.VERW, 0, SENSITIVE, Ew);

        OpcodeEntry[] g7 = GROUPS[G7];
        g7[0] = e(Mnemonic.SGDT, Exec.SGDT, 0, SENSITIVE, Ms);
        g7[1] = e(Mnemonic.SIDT, Exec.SIDT, 0, SENSITIVE, Ms);
        g7[2] = e(Mnemonic.LGDT, Exec.LGDT, 0, PRIVILEGED, Ms);
        g7[3] = e(Mnemonic.LIDT, Exec.LIDT, 0, PRIVILEGED, Ms);
        g7[4] = e(Mnemonic.SMSW, Exec.SMSW, 0, SENSITIVE, Evw);
        g7[6] = e(Mnemonic.LMSW, Exec.LMSW, 0, PRIVILEGED | END_BLOCK, Ew);
        g7[7] = e(Mnemonic.INVLPG, Exec.INVLPG, 0, PRIVILEGED | END_BLOCK, M);
        // mod = 3: SMSW and LMSW take registers; 0F 01 C1 is VMCALL; the rest is #UD here.
        for (int rm = 0; rm < 8; rm++) {
            GROUP7_REG[4][rm] = g7[4];
            GROUP7_REG[6][rm] = g7[6];
        }
        GROUP7_REG[0][1] = e(Mnemonic.VMCALL, Exec.VMCALL, 0, END_BLOCK);

        for (int op = 4; op < 8; op++) {
            Mnemonic m = op == 4 ? Mnemonic.BT : op == 5 ? Mnemonic.BTS : op == 6 ? Mnemonic.BTR : Mnemonic.BTC;
            GROUPS[G8][op] = e(m, Exec.BT_IMM, op - 4, op == 4 ? 0 : LOCKABLE, Ev, Ib);
        }
        GROUPS[G9][1] = e(Mnemonic.CMPXCHG8B, Exec.CMPXCHG8B, 0, LOCKABLE, Mq);
        GROUPS[G11_EB][0] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Eb, Ib);
        GROUPS[G11_EV][0] = e(Mnemonic.MOV, Exec.MOV, 0, 0, Ev, Iz);
    }

    /** The segment-register operand type for segment {@code s} (0 ES … 5 GS). */
    static OperandType segmentOperand(int s) {
        return SEG_OPS[s];
    }
}
