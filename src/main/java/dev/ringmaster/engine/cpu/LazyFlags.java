package dev.ringmaster.engine.cpu;

/**
 * EFLAGS with lazily computed arithmetic flags (CF, PF, AF, ZF, SF, OF).
 *
 * <p>An arithmetic instruction does not compute its flags: it records what it did (the kind of
 * operation, the operands and the result, all masked to the operand size, and the operand size's
 * sign bit) and the flags are derived when something reads them — usually only ZF or CF/SF/OF for
 * the next conditional jump. {@link #lfOp} = {@link #LF_NONE} means the arithmetic bits of
 * {@link #eflags} are the real ones.
 *
 * <p>Undefined flags follow QEMU TCG (the project's oracle): AF = 0 after logical operations and
 * shifts; after MUL/IMUL SF, ZF and PF come from the low half of the result.
 */
public abstract class LazyFlags {
    public static final int CF = 1;
    public static final int PF = 1 << 2;
    public static final int AF = 1 << 4;
    public static final int ZF = 1 << 6;
    public static final int SF = 1 << 7;
    public static final int TF = 1 << 8;
    public static final int IF = 1 << 9;
    public static final int DF = 1 << 10;
    public static final int OF = 1 << 11;
    public static final int IOPL = 3 << 12;
    public static final int NT = 1 << 14;
    public static final int RF = 1 << 16;
    public static final int VM = 1 << 17;
    public static final int AC = 1 << 18;
    public static final int VIF = 1 << 19;
    public static final int VIP = 1 << 20;
    public static final int ID = 1 << 21;
    /** The six arithmetic status flags. */
    public static final int ARITH = CF | PF | AF | ZF | SF | OF;
    /** Bits of EFLAGS that exist on this CPU (bit 1 reads as one). */
    public static final int IMPLEMENTED = ARITH | TF | IF | DF | IOPL | NT | RF | VM | AC | VIF | VIP | ID;

    static final int LF_NONE = 0;
    /** res = a + b. */
    static final int LF_ADD = 1;
    /** res = a + b + 1 (ADC with carry in). */
    static final int LF_ADC1 = 2;
    /** res = a - b (SUB, CMP, NEG with a = 0, CMPS, SCAS, CMPXCHG). */
    static final int LF_SUB = 3;
    /** res = a - b - 1 (SBB with borrow in). */
    static final int LF_SBB1 = 4;
    /** AND, OR, XOR, TEST: CF = OF = AF = 0. */
    static final int LF_LOGIC = 5;
    /** res = a + 1; CF (unchanged) is the carry of the operation saved in {@link #cfOp} and its operands. */
    static final int LF_INC = 6;
    /** res = a - 1; CF as for {@link #LF_INC}. */
    static final int LF_DEC = 7;
    /** SF, ZF, PF from res; CF, OF, AF given explicitly in b (shifts, multiplies, BCD, bit scans). */
    static final int LF_SZP = 8;

    /** EFLAGS; the arithmetic bits are valid only while {@link #lfOp} == {@link #LF_NONE}. Bit 1 always set. */
    int eflags = 2;
    int lfOp;
    int lfRes;
    int lfA;
    int lfB;
    /** Sign bit of the last lazy operation's size: 0x80, 0x8000 or 0x80000000. */
    int lfSign;
    /**
     * While {@link #lfOp} is INC or DEC (which leave CF alone): the lazy operation that last defined
     * CF, with its operands — so that INC/DEC need not compute CF (a loop's counter is often
     * incremented right after a compare or an add).
     */
    int cfOp;
    int cfRes;
    int cfA;
    int cfB;

    private static final byte[] PARITY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            PARITY[i] = (byte) ((Integer.bitCount(i) & 1) == 0 ? PF : 0);
        }
    }

    static int mask(int sign) {
        return sign | (sign - 1);
    }

    final void setLazy(int op, int res, int a, int b, int sign) {
        lfOp = op;
        lfRes = res;
        lfA = a;
        lfB = b;
        lfSign = sign;
    }

    /** Records INC ({@link #LF_INC}) or DEC ({@link #LF_DEC}) of {@code a} giving {@code res}; CF stays as it is. */
    final void setIncDec(int op, int res, int a, int sign) {
        if (lfOp != LF_INC && lfOp != LF_DEC) {
            cfOp = lfOp;
            cfRes = lfRes;
            cfA = lfA;
            cfB = lfB;
        }
        lfOp = op;
        lfRes = res;
        lfA = a;
        lfSign = sign;
    }

    public final boolean cf() {
        switch (lfOp) {
            case LF_INC: case LF_DEC: return carry(cfOp, cfRes, cfA, cfB);
            default: return carry(lfOp, lfRes, lfA, lfB);
        }
    }

    private boolean carry(int op, int res, int a, int b) {
        switch (op) {
            case LF_NONE: return (eflags & CF) != 0;
            case LF_ADD: return Integer.compareUnsigned(res, a) < 0;
            case LF_ADC1: return Integer.compareUnsigned(res, a) <= 0;
            case LF_SUB: return Integer.compareUnsigned(a, b) < 0;
            case LF_SBB1: return Integer.compareUnsigned(a, b) <= 0;
            case LF_LOGIC: return false;
            default: return (b & CF) != 0; // LF_SZP: CF given explicitly
        }
    }

    public final boolean zf() {
        return lfOp == LF_NONE ? (eflags & ZF) != 0 : lfRes == 0;
    }

    public final boolean sf() {
        return lfOp == LF_NONE ? (eflags & SF) != 0 : (lfRes & lfSign) != 0;
    }

    public final boolean pf() {
        return lfOp == LF_NONE ? (eflags & PF) != 0 : PARITY[lfRes & 0xFF] != 0;
    }

    public final boolean af() {
        switch (lfOp) {
            case LF_NONE: return (eflags & AF) != 0;
            case LF_ADD: case LF_ADC1: case LF_SUB: case LF_SBB1: return ((lfA ^ lfB ^ lfRes) & 0x10) != 0;
            case LF_LOGIC: return false;
            case LF_INC: return (lfRes & 0xF) == 0;
            case LF_DEC: return (lfRes & 0xF) == 0xF;
            default: return (lfB & AF) != 0;
        }
    }

    public final boolean of() {
        switch (lfOp) {
            case LF_NONE: return (eflags & OF) != 0;
            case LF_ADD: case LF_ADC1: return ((lfA ^ lfRes) & (lfB ^ lfRes) & lfSign) != 0;
            case LF_SUB: case LF_SBB1: return ((lfA ^ lfB) & (lfA ^ lfRes) & lfSign) != 0;
            case LF_LOGIC: return false;
            case LF_INC: return lfRes == lfSign;
            case LF_DEC: return lfRes == lfSign - 1;
            default: return (lfB & OF) != 0;
        }
    }

    /** The six arithmetic flags as EFLAGS bits. */
    public final int arithFlags() {
        if (lfOp == LF_NONE) {
            return eflags & ARITH;
        }
        int f = PARITY[lfRes & 0xFF];
        if (cf()) {
            f |= CF;
        }
        if (af()) {
            f |= AF;
        }
        if (lfRes == 0) {
            f |= ZF;
        }
        if ((lfRes & lfSign) != 0) {
            f |= SF;
        }
        if (of()) {
            f |= OF;
        }
        return f;
    }

    /** Computes the lazy flags into {@link #eflags} (afterwards {@code lfOp == LF_NONE}). */
    final void materialize() {
        if (lfOp != LF_NONE) {
            eflags = (eflags & ~ARITH) | arithFlags();
            lfOp = LF_NONE;
        }
    }

    /** Full EFLAGS value. */
    public final int getEflags() {
        return lfOp == LF_NONE ? eflags : (eflags & ~ARITH) | arithFlags();
    }

    /** Sets EFLAGS bits in {@code mask} to {@code value} (no privilege rules: callers apply them). */
    final void setEflagsMasked(int value, int mask) {
        materialize();
        eflags = ((eflags & ~mask) | (value & mask) | 2) & (IMPLEMENTED | 2);
    }

    /** Sets the arithmetic flags from EFLAGS-format bits {@code bits} for those in {@code mask} (others kept). */
    final void setArith(int bits, int mask) {
        materialize();
        eflags = (eflags & ~mask) | (bits & mask);
    }

    final void setCF(boolean c) {
        materialize();
        eflags = c ? eflags | CF : eflags & ~CF;
    }

    /**
     * Evaluates condition code {@code cc} (the low nibble of Jcc/SETcc/CMOVcc): O, NO, B, AE, E, NE,
     * BE, A, S, NS, P, NP, L, GE, LE, G.
     */
    public final boolean condition(int cc) {
        if (lfOp == LF_SUB && lfSign == 0x80000000) {
            // CMP/SUB of 32-bit values: straight from the operands
            int a = lfA;
            int b = lfB;
            boolean r;
            switch (cc >> 1) {
                case 1: r = Integer.compareUnsigned(a, b) < 0; break;
                case 2: r = a == b; break;
                case 3: r = Integer.compareUnsigned(a, b) <= 0; break;
                case 6: r = a < b; break;
                case 7: r = a <= b; break;
                default: return slowCondition(cc);
            }
            return r ^ ((cc & 1) != 0);
        }
        if (lfOp == LF_LOGIC) {
            boolean r;
            switch (cc >> 1) {
                case 0: case 1: r = false; break; // OF, CF clear
                case 2: case 3: r = lfRes == 0; break;
                case 4: case 6: r = (lfRes & lfSign) != 0; break;
                case 7: r = lfRes == 0 || (lfRes & lfSign) != 0; break;
                default: return slowCondition(cc);
            }
            return r ^ ((cc & 1) != 0);
        }
        return slowCondition(cc);
    }

    private boolean slowCondition(int cc) {
        boolean r;
        switch (cc >> 1) {
            case 0: r = of(); break;
            case 1: r = cf(); break;
            case 2: r = zf(); break;
            case 3: r = cf() || zf(); break;
            case 4: r = sf(); break;
            case 5: r = pf(); break;
            case 6: r = sf() != of(); break;
            default: r = zf() || sf() != of(); break;
        }
        return r ^ ((cc & 1) != 0);
    }

    // ---- snapshot support -------------------------------------------------------------------------

    /** The raw lazy-flags state: eflags, op, res, a, b, sign; for INC/DEC b is CF (0 or 1). */
    final int[] lazyState() {
        boolean incDec = lfOp == LF_INC || lfOp == LF_DEC;
        return new int[] {eflags, lfOp, lfRes, lfA, incDec ? (cf() ? 1 : 0) : lfB, lfSign};
    }

    final void setLazyState(int[] s) {
        if (s.length != 6 || s[1] < LF_NONE || s[1] > LF_SZP) {
            throw new IllegalArgumentException("malformed lazy flags state");
        }
        eflags = s[0] | 2;
        lfOp = s[1];
        lfRes = s[2];
        lfA = s[3];
        lfB = s[4];
        lfSign = s[5];
        if (lfOp == LF_INC || lfOp == LF_DEC) {
            cfOp = LF_SZP;
            cfB = lfB != 0 ? CF : 0;
        }
    }
}
