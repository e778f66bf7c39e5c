package dev.ringmaster.engine.cpu.disasm;

/**
 * Names of the x87 escape instructions (D8–DF), as GNU objdump prints them in Intel syntax. This CPU
 * has no FPU (an escape raises #NM or #UD), but compilers put x87 code in real objects, so the
 * disassembler shows it like objdump does. The tables follow the Intel SDM vol. 2 opcode map, tables
 * A-7 to A-22; the spellings (and the "(bad)" holes) are objdump's.
 */
final class X87 {
    private X87() {
    }

    /** Operand size keyword of a memory form: none, DWORD, QWORD, WORD, TBYTE. */
    static final int NONE = 0, DWORD = 1, QWORD = 2, WORD = 3, TBYTE = 4;

    static final String[] SIZE_KEYWORD = {"", "DWORD PTR ", "QWORD PTR ", "WORD PTR ", "TBYTE PTR "};

    /**
     * Memory forms, index (opcode - 0xD8) * 8 + ModR/M.reg. A leading '!' means "fN...": the 'n' of
     * the no-wait form is dropped after FWAIT. A trailing '#' means the name takes a 'w'/'d' suffix
     * when an operand-size prefix is present (objdump's {C|C} macro).
     */
    static final String[] MEM = {
        "fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr",
        "fld", "(bad)", "fst", "fstp", "fldenv#", "fldcw", "!fnstenv#", "!fnstcw",
        "fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr",
        "fild", "fisttp", "fist", "fistp", "(bad)", "fld", "(bad)", "fstp",
        "fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr",
        "fld", "fisttp", "fst", "fstp", "frstor#", "(bad)", "!fnsave#", "!fnstsw",
        "fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr",
        "fild", "fisttp", "fist", "fistp", "fbld", "fild", "fbstp", "fistp",
    };

    static final int[] MEM_SIZE = {
        DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD,
        DWORD, NONE, DWORD, DWORD, NONE, WORD, NONE, WORD,
        DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD,
        DWORD, DWORD, DWORD, DWORD, NONE, TBYTE, NONE, TBYTE,
        QWORD, QWORD, QWORD, QWORD, QWORD, QWORD, QWORD, QWORD,
        QWORD, QWORD, QWORD, QWORD, NONE, NONE, NONE, WORD,
        WORD, WORD, WORD, WORD, WORD, WORD, WORD, WORD,
        WORD, WORD, WORD, WORD, TBYTE, QWORD, TBYTE, QWORD,
    };

    /** Register-form operands: none, "st(i)", "st,st(i)", "st(i),st". */
    static final int R_NONE = 0, R_STI = 1, R_ST_STI = 2, R_STI_ST = 3;

    /**
     * Register forms by (opcode - 0xD8) * 8 + reg: a name with its operand shape, or null when the
     * instruction is chosen by ModR/M.rm ({@link #GROUPS}).
     */
    private static final String[] REG = {
        "fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr",
        "fld", "fxch", null, "(bad)", null, null, null, null,
        "fcmovb", "fcmove", "fcmovbe", "fcmovu", "(bad)", null, "(bad)", "(bad)",
        "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu", null, "fucomi", "fcomi", "(bad)",
        "fadd", "fmul", "(bad)", "(bad)", "fsubr", "fsub", "fdivr", "fdiv",
        "ffree", "(bad)", "fst", "fstp", "fucom", "fucomp", "(bad)", "(bad)",
        "faddp", "fmulp", "(bad)", null, "fsubrp", "fsubp", "fdivrp", "fdivp",
        "ffreep", "(bad)", "(bad)", "(bad)", null, "fucomip", "fcomip", "(bad)",
    };

    private static final int[] REG_SHAPE = {
        R_ST_STI, R_ST_STI, R_STI, R_STI, R_ST_STI, R_ST_STI, R_ST_STI, R_ST_STI,
        R_STI, R_STI, 0, 0, 0, 0, 0, 0,
        R_ST_STI, R_ST_STI, R_ST_STI, R_ST_STI, 0, 0, 0, 0,
        R_ST_STI, R_ST_STI, R_ST_STI, R_ST_STI, 0, R_ST_STI, R_ST_STI, 0,
        R_STI_ST, R_STI_ST, 0, 0, R_STI_ST, R_STI_ST, R_STI_ST, R_STI_ST,
        R_STI, 0, R_STI, R_STI, R_STI, R_STI, 0, 0,
        R_STI_ST, R_STI_ST, 0, 0, R_STI_ST, R_STI_ST, R_STI_ST, R_STI_ST,
        R_STI, 0, 0, 0, 0, R_ST_STI, R_ST_STI, 0,
    };

    /** Register forms chosen by ModR/M.rm: D9 /2 /4 /5 /6 /7, DA /5, DB /4, DE /3, DF /4. */
    private static final String[][] GROUPS = new String[64][];

    static {
        String b = "(bad)";
        GROUPS[8 + 2] = new String[] {"fnop", b, b, b, b, b, b, b};
        GROUPS[8 + 4] = new String[] {"fchs", "fabs", b, b, "ftst", "fxam", b, b};
        GROUPS[8 + 5] = new String[] {"fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz", b};
        GROUPS[8 + 6] = new String[] {"f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fdecstp", "fincstp"};
        GROUPS[8 + 7] = new String[] {"fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint", "fscale", "fsin", "fcos"};
        GROUPS[16 + 5] = new String[] {b, "fucompp", b, b, b, b, b, b};
        GROUPS[24 + 4] = new String[] {"!fneni(8087 only)", "!fndisi(8087 only)", "!fnclex", "!fninit",
            "!fnsetpm(287 only)", "frstpm(287 only)", b, b};
        GROUPS[48 + 3] = new String[] {b, "fcompp", b, b, b, b, b, b};
        GROUPS[56 + 4] = new String[] {"!fnstsw", b, b, b, b, b, b, b};
    }

    /** The register-form name for opcode {@code op} (0xD8–0xDF) and ModR/M reg/rm. */
    static String regName(int op, int reg, int rm) {
        int k = (op - 0xD8) * 8 + reg;
        String n = REG[k];
        return n != null ? n : GROUPS[k][rm];
    }

    /** Operand shape of a register form ({@link #R_NONE} for the rm-selected ones). */
    static int regShape(int op, int reg) {
        int k = (op - 0xD8) * 8 + reg;
        return REG[k] == null ? R_NONE : REG_SHAPE[k];
    }
}
