package dev.ringmaster.engine.cpu;

/**
 * A segment register with its hidden descriptor cache (SDM vol. 3, 3.4.3): the visible selector and
 * the base, limit and access rights loaded from the descriptor (or, in real mode, derived from the
 * selector). Also used for LDTR and TR.
 *
 * <p>{@link #attributes} holds descriptor bits 40–47 in bits 0–7 (type, S, DPL, P) and bits 52–55 in
 * bits 12–15 (AVL, L, D/B, G) — the layout of the descriptor's second doubleword shifted right by 8,
 * without the limit bits. {@link #limit} is the byte-granular limit (already scaled when G = 1).
 *
 * <p>{@link #readLimit} and {@link #writeLimit} are derived for the memory fast path: the highest
 * offset + size - 1 a plain read or write may reach without further checks, or -1 when every access
 * must take the checking slow path (null selector, not readable/writable, expand-down).
 */
public final class SegmentRegister {
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;
    /** Names as the SDM spells them, by segment number. */
    public static final String[] NAMES = {"ES", "CS", "SS", "DS", "FS", "GS"};

    public static final int A_ACCESSED = 1;
    /** Data: writable; code: readable. */
    public static final int A_RW = 1 << 1;
    /** Data: expand-down; code: conforming. */
    public static final int A_DC = 1 << 2;
    /** Code (1) or data (0) when S = 1. */
    public static final int A_CODE = 1 << 3;
    /** S: code/data (1) or system (0). */
    public static final int A_S = 1 << 4;
    public static final int A_P = 1 << 7;
    public static final int A_AVL = 1 << 12;
    public static final int A_DB = 1 << 14;
    public static final int A_G = 1 << 15;

    public int selector;
    public int base;
    public int limit;
    public int attributes;
    /** False for a null selector loaded in protected mode (every access faults). */
    public boolean valid = true;

    long readLimit;
    long writeLimit;
    /** Real mode: accesses check only the limit, not the cached type (SDM 20.1.1). */
    private boolean realMode = true;

    public SegmentRegister() {
        loadReal(0);
        limit = 0xFFFF;
        attributes = A_P | A_S | A_RW | A_ACCESSED;
        refresh();
    }

    /** Real-mode load: selector and base change, the cached limit and attributes stay (SDM 20.1). */
    void loadReal(int sel) {
        selector = sel & 0xFFFF;
        base = selector << 4;
        valid = true;
        refresh();
    }

    /** Loads the cache from a descriptor (low and high doublewords). */
    void load(int sel, int lo, int hi) {
        selector = sel & 0xFFFF;
        base = Descriptor.base(lo, hi);
        limit = Descriptor.limit(lo, hi);
        attributes = Descriptor.attributes(hi);
        valid = true;
        refresh();
    }

    /** Loads a null selector (protected mode): usable as a value, faults on use. */
    void loadNull(int sel) {
        selector = sel & 0xFFFF;
        base = 0;
        limit = 0;
        attributes = 0;
        valid = false;
        refresh();
    }

    /** Sets every cached field directly (reset, loaders, snapshots, the VMM). */
    public void set(int sel, int base, int limit, int attributes, boolean valid) {
        this.selector = sel & 0xFFFF;
        this.base = base;
        this.limit = limit;
        this.attributes = attributes & 0xF0FF;
        this.valid = valid;
        refresh();
    }

    public void copyFrom(SegmentRegister o) {
        set(o.selector, o.base, o.limit, o.attributes, o.valid);
    }

    /** Recomputes the fast-path limits for real mode ({@code real}) or protected mode. */
    void refresh(boolean real) {
        realMode = real;
        refresh();
    }

    /** Recomputes the fast-path limits after a change of the cached fields. */
    void refresh() {
        long lim = limit & 0xFFFFFFFFL;
        if (realMode) {
            readLimit = lim;
            writeLimit = lim;
            return;
        }
        boolean usable = valid && (attributes & A_P) != 0 && (attributes & A_S) != 0;
        boolean code = (attributes & A_CODE) != 0;
        boolean expandDown = !code && (attributes & A_DC) != 0;
        readLimit = usable && !expandDown && (!code || (attributes & A_RW) != 0) ? lim : -1;
        writeLimit = usable && !expandDown && !code && (attributes & A_RW) != 0 ? lim : -1;
    }

    public int dpl() {
        return (attributes >> 5) & 3;
    }

    public int type() {
        return attributes & 0xF;
    }

    public boolean present() {
        return (attributes & A_P) != 0;
    }

    /** D/B: 32-bit code segment / 32-bit stack pointer / 4 GiB expand-down upper bound. */
    public boolean big() {
        return (attributes & A_DB) != 0;
    }

    public boolean isCode() {
        return (attributes & (A_S | A_CODE)) == (A_S | A_CODE);
    }

    public boolean isExpandDownData() {
        return (attributes & (A_S | A_CODE | A_DC)) == (A_S | A_DC);
    }

    @Override
    public String toString() {
        return String.format("%04X base=%08X limit=%08X attr=%04X%s", selector, base, limit, attributes,
                valid ? "" : " (null)");
    }
}
