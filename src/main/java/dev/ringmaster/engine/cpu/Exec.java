package dev.ringmaster.engine.cpu;

/**
 * Execution family ids of {@link OpcodeEntry#exec}: what the executor does with an instruction. The
 * decoder may replace an entry's family by a specialised handler id (see {@code Handlers}) in
 * {@link Instruction#handler}.
 */
final class Exec {
    private Exec() {
    }

    static final int UD = 0;          // raise #UD
    static final int GP0 = 1;         // raise #GP(0) (instruction longer than 15 bytes)
    static final int ALU = 2;         // sub = 0 ADD 1 OR 2 ADC 3 SBB 4 AND 5 SUB 6 XOR 7 CMP
    static final int INC = 3;
    static final int DEC = 4;
    static final int PUSH = 5;        // PUSH Zv / Ev / imm
    static final int POP = 6;         // POP Zv / Ev
    static final int PUSH_SEG = 7;    // sub = segment
    static final int POP_SEG = 8;     // sub = segment
    static final int PUSHA = 9;
    static final int POPA = 10;
    static final int BOUND = 11;
    static final int ARPL = 12;
    static final int IMUL3 = 13;      // IMUL Gv,Ev,imm
    static final int INS = 14;
    static final int OUTS = 15;
    static final int JCC = 16;        // sub = condition
    static final int TEST = 17;
    static final int XCHG = 18;
    static final int MOV = 19;
    static final int MOV_FROM_SEG = 20;
    static final int LEA = 21;
    static final int MOV_TO_SEG = 22;
    static final int NOP = 23;
    static final int CBW = 24;
    static final int CWD = 25;
    static final int CALLF = 26;      // CALL Ap / CALL Mp
    static final int WAIT = 27;
    static final int PUSHF = 28;
    static final int POPF = 29;
    static final int SAHF = 30;
    static final int LAHF = 31;
    static final int MOVS = 32;
    static final int CMPS = 33;
    static final int STOS = 34;
    static final int LODS = 35;
    static final int SCAS = 36;
    static final int SHIFT = 37;      // sub = 0 ROL 1 ROR 2 RCL 3 RCR 4 SHL 5 SHR 6 SAL 7 SAR
    static final int RET = 38;        // RET / RET Iw
    static final int LOAD_FAR = 39;   // LES/LDS/LSS/LFS/LGS, sub = segment
    static final int ENTER = 40;
    static final int LEAVE = 41;
    static final int RETF = 42;
    static final int INT3 = 43;
    static final int INT = 44;
    static final int INTO = 45;
    static final int IRET = 46;
    static final int AAM = 47;
    static final int AAD = 48;
    static final int SALC = 49;
    static final int XLAT = 50;
    static final int ESC = 51;
    static final int LOOP = 52;       // sub = 0 LOOPNE 1 LOOPE 2 LOOP
    static final int JCXZ = 53;
    static final int IN = 54;
    static final int OUT = 55;
    static final int CALL = 56;       // CALL Jz / CALL Ev
    static final int JMP = 57;        // JMP Jb/Jz / JMP Ev
    static final int JMPF = 58;       // JMP Ap / JMP Mp
    static final int INT1 = 59;
    static final int HLT = 60;
    static final int CMC = 61;
    static final int NOT = 62;
    static final int NEG = 63;
    static final int MUL = 64;
    static final int IMUL1 = 65;
    static final int DIV = 66;
    static final int IDIV = 67;
    static final int CLC = 68;
    static final int STC = 69;
    static final int CLI = 70;
    static final int STI = 71;
    static final int CLD = 72;
    static final int STD = 73;
    static final int DAA = 74;
    static final int DAS = 75;
    static final int AAA = 76;
    static final int AAS = 77;
    static final int SLDT = 78;
    static final int STR = 79;
    static final int LLDT = 80;
    static final int LTR = 81;
    static final int VERR = 82;
    static final int VERW = 83;
    static final int SGDT = 84;
    static final int SIDT = 85;
    static final int LGDT = 86;
    static final int LIDT = 87;
    static final int SMSW = 88;
    static final int LMSW = 89;
    static final int INVLPG = 90;
    static final int VMCALL = 91;
    static final int LAR = 92;
    static final int LSL = 93;
    static final int CLTS = 94;
    static final int INVD = 95;
    static final int WBINVD = 96;
    static final int MOV_FROM_CR = 97;
    static final int MOV_TO_CR = 98;
    static final int MOV_FROM_DR = 99;
    static final int MOV_TO_DR = 100;
    static final int WRMSR = 101;
    static final int RDTSC = 102;
    static final int RDMSR = 103;
    static final int CMOV = 104;      // sub = condition
    static final int SETCC = 105;     // sub = condition
    static final int CPUID = 106;
    static final int BT = 107;        // sub = 0 BT 1 BTS 2 BTR 3 BTC; register bit offset
    static final int BT_IMM = 108;    // group 8, sub as BT
    static final int SHLD = 109;
    static final int SHRD = 110;
    static final int IMUL2 = 111;
    static final int CMPXCHG = 112;
    static final int MOVZX = 113;
    static final int MOVSX = 114;
    static final int BSF = 115;
    static final int BSR = 116;
    static final int XADD = 117;
    static final int CMPXCHG8B = 118;
    static final int BSWAP = 119;
    static final int UD2 = 120;       // defined #UD instructions (UD0/UD1/UD2)

    /** Number of family ids; specialised handler ids start here. */
    static final int COUNT = 121;
}
