package dev.ringmaster.engine.cpu;

/**
 * Segment and gate descriptors as they are laid out in the GDT, LDT and IDT (SDM vol. 3, 3.4.5 and
 * 6.11): helpers over the two doublewords {@code lo} (bytes 0–3) and {@code hi} (bytes 4–7).
 */
public final class Descriptor {
    private Descriptor() {
    }

    /** System descriptor and gate types (S = 0). */
    public static final int TSS16_AVAIL = 1, LDT = 2, TSS16_BUSY = 3, CALL_GATE16 = 4, TASK_GATE = 5,
            INTERRUPT_GATE16 = 6, TRAP_GATE16 = 7, TSS32_AVAIL = 9, TSS32_BUSY = 11, CALL_GATE32 = 12,
            INTERRUPT_GATE32 = 14, TRAP_GATE32 = 15;

    /**
     * Encodes a segment descriptor as {@code hi << 32 | lo}: {@code access} is byte 5 (P, DPL, S,
     * type), {@code flags} the G/DB/L/AVL nibble, {@code limit} the 20-bit limit field.
     */
    public static long encode(int base, int limit, int access, int flags) {
        long lo = (limit & 0xFFFFL) | ((base & 0xFFFFL) << 16);
        long hi = ((base >>> 16) & 0xFFL) | ((long) (access & 0xFF) << 8) | (limit & 0xF0000L)
                | ((long) (flags & 0xF) << 20) | (base & 0xFF000000L);
        return (hi << 32) | lo;
    }

    /** Encodes a present gate (interrupt, trap or call gate: {@code type}) as {@code hi << 32 | lo}. */
    public static long encodeGate(int selector, int offset, int type, int dpl) {
        long lo = (offset & 0xFFFFL) | ((long) (selector & 0xFFFF) << 16);
        long hi = (offset & 0xFFFF0000L) | 0x8000L | ((long) (dpl & 3) << 13) | ((long) (type & 0xF) << 8);
        return (hi << 32) | lo;
    }

    public static int base(int lo, int hi) {
        return (lo >>> 16) | ((hi & 0xFF) << 16) | (hi & 0xFF000000);
    }

    /** Byte-granular limit (scaled by 4 KiB when G = 1). */
    public static int limit(int lo, int hi) {
        int l = (lo & 0xFFFF) | (hi & 0xF0000);
        return (hi & (1 << 23)) != 0 ? (l << 12) | 0xFFF : l;
    }

    /** Access byte and flags nibble in the {@link SegmentRegister#attributes} layout. */
    public static int attributes(int hi) {
        return (hi >>> 8) & 0xF0FF;
    }

    public static int type(int hi) {
        return (hi >>> 8) & 0xF;
    }

    /** S bit: code/data segment (true) or system descriptor / gate (false). */
    public static boolean isSegment(int hi) {
        return (hi & (1 << 12)) != 0;
    }

    public static int dpl(int hi) {
        return (hi >>> 13) & 3;
    }

    public static boolean present(int hi) {
        return (hi & (1 << 15)) != 0;
    }

    public static boolean isCode(int hi) {
        return (hi & (3 << 11)) == (3 << 11);
    }

    public static boolean isData(int hi) {
        return (hi & (3 << 11)) == (1 << 12);
    }

    public static boolean isConforming(int hi) {
        return isCode(hi) && (hi & (1 << 10)) != 0;
    }

    /** Code: readable; data: writable. */
    public static boolean isReadWrite(int hi) {
        return (hi & (1 << 9)) != 0;
    }

    /** Gate's target selector. */
    public static int gateSelector(int lo) {
        return lo >>> 16;
    }

    /** Gate's target offset (16-bit gates use the low word only). */
    public static int gateOffset(int lo, int hi) {
        return (lo & 0xFFFF) | (hi & 0xFFFF0000);
    }

    /** Call gate's parameter count (doublewords or words to copy). */
    public static int gateParamCount(int hi) {
        return hi & 0x1F;
    }
}
