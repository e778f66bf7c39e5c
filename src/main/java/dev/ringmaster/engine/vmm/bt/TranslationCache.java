package dev.ringmaster.engine.vmm.bt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The translation cache: translated blocks, their code (at linear {@link #base()} when mapped for the
 * CPU), lookup by guest physical address, chaining of exits to translated targets, invalidation by guest
 * physical page, and the statistics DESIGN §4 asks the UI to show. When it is full it is flushed whole.
 */
public final class TranslationCache {
    private final int base;
    private final byte[] code;
    private int used;
    private final Map<Integer, TranslatedBlock> byGuestPhysical = new HashMap<>();
    private final Map<Integer, List<TranslatedBlock>> byPage = new HashMap<>();
    private final Stats stats = new Stats();

    /** Statistics, always on. */
    public static final class Stats {
        public long blocks;
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

    public int base() {
        return base;
    }

    /** The cache's code bytes (the VMM maps them for the CPU). */
    public byte[] code() {
        return code;
    }

    public Stats stats() {
        return stats;
    }

    /** The translation of the block starting at guest physical {@code pa}, or null. */
    public TranslatedBlock lookup(int pa) {
        return byGuestPhysical.get(pa);
    }

    /**
     * Translates the guest block at linear {@code guestAddress} (physical {@code guestPhysical}) and
     * enters it, flushing the cache first when it is full. Null when nothing could be translated.
     */
    public TranslatedBlock translate(Translator.CodeReader reader, int guestAddress, int guestPhysical) {
        Translator.Draft d = Translator.translate(reader, guestAddress, base + used);
        if (d == null) {
            return null;
        }
        if (used + d.code().length > code.length) {
            flush();
            d = Translator.translate(reader, guestAddress, base);
        }
        System.arraycopy(d.code(), 0, code, used, d.code().length);
        TranslatedBlock b = new TranslatedBlock(guestAddress, guestPhysical, d.guestLength(), base + used,
                d.code().length, d.instructions(), d.exits());
        used += d.code().length;
        byGuestPhysical.put(guestPhysical, b);
        int first = guestPhysical >>> 12;
        int last = (guestPhysical + d.guestLength() - 1) >>> 12;
        for (int p = first; p <= last; p++) {
            byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(b);
        }
        stats.blocks++;
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
        stats.chains++;
    }

    /** True when exit {@code e} has been chained. */
    public boolean isChained(TranslatedBlock.Exit e) {
        return code[e.tcAddress() - base] == (byte) 0xE9;
    }

    /**
     * Guest code in physical page {@code page} changed. When translations were made from it, every
     * translation is dropped (other blocks may be chained into them; selective unchaining needs back
     * pointers, not there yet). Returns how many blocks were dropped (0: the page had none).
     */
    public int invalidatePage(int page) {
        List<TranslatedBlock> gone = byPage.get(page);
        if (gone == null || gone.isEmpty()) {
            return 0;
        }
        int n = byGuestPhysical.size();
        stats.invalidatedBlocks += n;
        clear();
        return n;
    }

    /** True when guest physical page {@code page} holds translated code (its writes must invalidate). */
    public boolean hasTranslations(int page) {
        List<TranslatedBlock> l = byPage.get(page);
        return l != null && !l.isEmpty();
    }

    /** Empties the cache. */
    public void flush() {
        stats.flushes++;
        clear();
    }

    private void clear() {
        byGuestPhysical.clear();
        byPage.clear();
        used = 0;
        stats.bytes = 0;
    }

    /**
     * The block as the UI lists it: each guest instruction beside its translation, marked
     * {@code =} identical, {@code ~} rewritten, {@code !} callout (with its kind).
     */
    public static String listing(TranslatedBlock b) {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (TranslatedInstruction ti : b.instructions()) {
            char mark = ti.kind() == TranslatedInstruction.Kind.IDENTICAL ? '='
                    : ti.kind() == TranslatedInstruction.Kind.REWRITTEN ? '~' : '!';
            sb.append(String.format("%08X  %-24s %c %08X  %-24s %s%s%n", ti.guestAddress(), hex.formatHex(ti.guestBytes()),
                    mark, ti.tcAddress(), hex.formatHex(ti.tcBytes()), ti.text(),
                    ti.callout() == null ? "" : "  [" + ti.callout().name().toLowerCase().replace('_', ' ') + "]"));
        }
        return sb.toString();
    }
}
