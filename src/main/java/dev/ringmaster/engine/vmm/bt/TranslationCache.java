package dev.ringmaster.engine.vmm.bt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The translation cache: translated blocks, their code (at linear {@link #base()}), lookup by guest
 * address, chaining of exits to translated targets, the map from every instruction boundary of
 * translated code back to the guest EIP it stands for, the guest code bytes that have translations (so
 * that writes to them invalidate), and the statistics DESIGN §4 asks the UI to show.
 *
 * <p>Blocks are keyed by guest linear and physical address together: the same code seen at another
 * linear address (or a linear address that now maps other code) is another translation. Invalidation
 * and a full cache flush the whole cache (chained jumps between blocks make selective removal need
 * back-pointers; kernels rarely rewrite their code).
 */
public final class TranslationCache {
    /** Receives translated code as it is written or patched (the VMM mirrors it into the memory the CPU runs). */
    @FunctionalInterface
    public interface CodeSink {
        void write(int tcAddress, byte[] code, int offset, int length);
    }

    private final int base;
    private final byte[] code;
    private int used;
    private CodeSink sink = (a, c, o, l) -> { };
    private final Map<Long, TranslatedBlock> byKey = new HashMap<>();
    private final TreeMap<Integer, TranslatedBlock> byTc = new TreeMap<>(Integer::compareUnsigned);
    private final Map<Integer, Translator.Site> sites = new HashMap<>();
    private final Map<Integer, Integer> guestAt = new HashMap<>();
    /** Guest physical page -> bitmap of its 16-byte chunks holding translated guest code. */
    private final Map<Integer, long[]> codeChunks = new HashMap<>();
    private final Stats stats = new Stats();

    /** Statistics, always on (totals since the VM started; {@link #bytes} and {@link #liveBlocks} are current). */
    public static final class Stats {
        public long blocks;
        public long liveBlocks;
        public long identical;
        public long rewritten;
        public long callouts;
        public long chains;
        public long invalidatedBlocks;
        public long flushes;
        public final Map<CalloutKind, Long> calloutsByKind = new EnumMap<>(CalloutKind.class);
        /** Translated-code bytes in use. */
        public long bytes;
    }

    /** A cache of {@code capacity} bytes whose code lives at linear address {@code base}. */
    public TranslationCache(int base, int capacity) {
        this.base = base;
        this.code = new byte[capacity];
    }

    public void setSink(CodeSink sink) {
        this.sink = sink;
    }

    public int base() {
        return base;
    }

    /** The cache's code bytes (a copy of what the CPU runs). */
    public byte[] code() {
        return code;
    }

    public int capacity() {
        return code.length;
    }

    /** True when linear {@code a} lies in the cache's code. */
    public boolean contains(int a) {
        return Integer.compareUnsigned(a - base, code.length) < 0;
    }

    public Stats stats() {
        return stats;
    }

    /** The translation of the guest block at {@code linear} (physical {@code physical}), or null. */
    public TranslatedBlock lookup(int linear, int physical) {
        return byKey.get(key(linear, physical));
    }

    private static long key(int linear, int physical) {
        return ((long) linear << 32) | (physical & 0xFFFFFFFFL);
    }

    /** Every live block, in cache order (for the UI). */
    public List<TranslatedBlock> blocks() {
        return new ArrayList<>(byTc.values());
    }

    /** The live block whose translation contains cache address {@code tc}, or null. */
    public TranslatedBlock blockAt(int tc) {
        Map.Entry<Integer, TranslatedBlock> e = byTc.floorEntry(tc);
        if (e == null) {
            return null;
        }
        TranslatedBlock b = e.getValue();
        return Integer.compareUnsigned(tc - b.tcAddress(), b.tcLength()) < 0 ? b : null;
    }

    /** The callout or exit stub at cache address {@code tc}, or null. */
    public Translator.Site site(int tc) {
        return sites.get(tc);
    }

    /** The guest EIP that instruction boundary {@code tc} of translated code stands for, or null. */
    public Integer guestAt(int tc) {
        return guestAt.get(tc);
    }

    /**
     * Translates the guest block at linear {@code linear} (physical {@code physical}) and enters it,
     * flushing the cache first when it is full. Null when nothing could be translated.
     */
    public TranslatedBlock translate(Translator.CodeReader reader, int linear, int physical,
                                     IntPredicate pageTableWriters) {
        Translator.Draft d = Translator.translate(reader, linear, base + used, pageTableWriters);
        if (d == null) {
            return null;
        }
        if (used + d.code().length > code.length) {
            flush();
            d = Translator.translate(reader, linear, base, pageTableWriters);
        }
        int at = base + used;
        System.arraycopy(d.code(), 0, code, used, d.code().length);
        sink.write(at, code, used, d.code().length);
        TranslatedBlock b = new TranslatedBlock(linear, physical, d.guestLength(), at, d.code().length,
                d.instructions(), d.exits(), d.pages());
        used += d.code().length;
        byKey.put(key(linear, physical), b);
        byTc.put(at, b);
        for (Translator.Site s : d.sites()) {
            sites.put(s.tcAddress(), s);
        }
        for (int k = 0; k < d.boundaryTc().length; k++) {
            guestAt.put(d.boundaryTc()[k], d.boundaryGuest()[k]);
        }
        for (int[] r : d.guestRanges()) {
            int off = r[0] & 0xFFF;
            codeChunks.computeIfAbsent(r[0] >>> 12, p -> new long[4])[off >>> 10] |= 1L << ((off >>> 4) & 63);
        }
        stats.blocks++;
        stats.liveBlocks++;
        stats.bytes = used;
        for (TranslatedInstruction ti : b.instructions()) {
            switch (ti.kind()) {
                case IDENTICAL:
                    stats.identical++;
                    break;
                case REWRITTEN:
                    stats.rewritten++;
                    break;
                default:
                    stats.callouts++;
                    stats.calloutsByKind.merge(ti.callout(), 1L, Long::sum);
                    break;
            }
        }
        return b;
    }

    /** Patches exit {@code e} into {@code jmp rel32} to {@code target}'s translation (block chaining). */
    public void chain(TranslatedBlock.Exit e, TranslatedBlock target) {
        int at = e.tcAddress() - base;
        int rel = target.tcAddress() - (e.tcAddress() + 5);
        code[at] = (byte) 0xE9;
        code[at + 1] = (byte) rel;
        code[at + 2] = (byte) (rel >>> 8);
        code[at + 3] = (byte) (rel >>> 16);
        code[at + 4] = (byte) (rel >>> 24);
        sink.write(e.tcAddress(), code, at, 5);
        sites.remove(e.tcAddress());
        stats.chains++;
    }

    /** True when exit {@code e} has been chained. */
    public boolean isChained(TranslatedBlock.Exit e) {
        return code[e.tcAddress() - base] == (byte) 0xE9;
    }

    /** True when a write of {@code length} bytes at guest physical {@code pa} touches translated guest code. */
    public boolean overlapsTranslatedCode(int pa, int length) {
        long[] chunks = codeChunks.get(pa >>> 12);
        if (chunks == null) {
            return false;
        }
        int from = (pa & 0xFFF) >>> 4;
        int to = Math.min(0xFFF, (pa & 0xFFF) + length - 1) >>> 4;
        for (int c = from; c <= to; c++) {
            if ((chunks[c >>> 6] & (1L << (c & 63))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True when guest physical page {@code page} holds translated guest code. */
    public boolean hasTranslations(int page) {
        return codeChunks.containsKey(page);
    }

    /** Empties the cache (guest code changed, retranslation, or full). Returns how many blocks were dropped. */
    public int flush() {
        int n = byKey.size();
        stats.flushes++;
        stats.invalidatedBlocks += n;
        byKey.clear();
        byTc.clear();
        sites.clear();
        guestAt.clear();
        codeChunks.clear();
        used = 0;
        stats.bytes = 0;
        stats.liveBlocks = 0;
        return n;
    }

    /**
     * The translation of {@code ti} as it is in the cache now (a chained exit shows its {@code jmp}, not the
     * stub it was translated with).
     */
    public byte[] liveBytes(TranslatedInstruction ti) {
        int from = ti.tcAddress() - base;
        return java.util.Arrays.copyOfRange(code, from, from + ti.tcBytes().length);
    }

    /** Real IA-32 code as the disassembler prints it, instructions separated by "; ". */
    public static String disassemble(byte[] code, int address) {
        StringBuilder sb = new StringBuilder();
        for (var line : dev.ringmaster.engine.cpu.disasm.Disassembler.disassembleAll(code, address, true)) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(line.text());
        }
        return sb.toString();
    }

    /**
     * The block as the UI lists it: each guest instruction beside its translation (bytes and the
     * disassembler's text, as the cache holds it now), marked {@code =} identical, {@code ~} rewritten,
     * {@code !} callout (with its kind).
     */
    public String listing(TranslatedBlock b) {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (TranslatedInstruction ti : b.instructions()) {
            char mark = ti.kind() == TranslatedInstruction.Kind.IDENTICAL ? '='
                    : ti.kind() == TranslatedInstruction.Kind.REWRITTEN ? '~' : '!';
            byte[] live = liveBytes(ti);
            sb.append(String.format("%08X  %-24s %-28s %c %08X  %-30s %s%s%n", ti.guestAddress(),
                    hex.formatHex(ti.guestBytes()), ti.text(), mark, ti.tcAddress(), hex.formatHex(live),
                    disassemble(live, ti.tcAddress()),
                    ti.callout() == null ? "" : "  [" + ti.callout().name().toLowerCase().replace('_', ' ') + "]"));
        }
        return sb.toString();
    }
}
