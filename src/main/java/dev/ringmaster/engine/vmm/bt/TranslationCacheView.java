package dev.ringmaster.engine.vmm.bt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of a VM's translation cache for other threads (the translation-cache pane): the
 * statistics and the live blocks, each guest instruction beside its translation.
 *
 * @param stats  totals since the VM started and current occupancy
 * @param blocks live blocks in cache order (at most the number asked for: the most recent ones)
 * @param omitted live blocks left out of {@code blocks}
 */
public record TranslationCacheView(Stats stats, List<Block> blocks, int omitted) {
    /** Statistics (see {@link TranslationCache.Stats}). */
    public record Stats(long blocksTranslated, long liveBlocks, long identical, long rewritten, long callouts,
                        long chains, long invalidatedBlocks, long flushes, long bytesUsed, long capacity,
                        Map<CalloutKind, Long> calloutsByKind, long calloutsExecuted) {
        public Stats {
            calloutsByKind = Map.copyOf(calloutsByKind);
        }
    }

    /** One block: where the guest code and its translation are, and its instructions. */
    public record Block(int guestAddress, int guestLength, int tcAddress, int tcLength, List<Line> lines) {
        public Block {
            lines = List.copyOf(lines);
        }

        public long identical() {
            return lines.stream().filter(l -> l.kind() == TranslatedInstruction.Kind.IDENTICAL).count();
        }
    }

    /** One guest instruction and its translation (bytes as hex text; both as the disassembler prints them). */
    public record Line(int guestAddress, String guestBytes, int tcAddress, String tcBytes,
                       TranslatedInstruction.Kind kind, CalloutKind callout, String text, String tcText) {
        /** "=" identical, "~" rewritten, "!" callout. */
        public String mark() {
            return kind == TranslatedInstruction.Kind.IDENTICAL ? "=" : kind == TranslatedInstruction.Kind.REWRITTEN
                    ? "~" : "!";
        }

        /** The callout's kind in words ("" for none). */
        public String calloutText() {
            return callout == null ? "" : callout.name().toLowerCase().replace('_', ' ');
        }
    }

    public TranslationCacheView {
        blocks = List.copyOf(blocks);
    }

    /** Takes the picture (engine thread): the {@code maxBlocks} most recently translated live blocks. */
    static TranslationCacheView of(TranslationCache tc, long calloutsExecuted, int maxBlocks) {
        TranslationCache.Stats s = tc.stats();
        Stats stats = new Stats(s.blocks, s.liveBlocks, s.identical, s.rewritten, s.callouts, s.chains,
                s.invalidatedBlocks, s.flushes, s.bytes, tc.capacity(), new EnumMap<>(s.calloutsByKind), calloutsExecuted);
        List<TranslatedBlock> live = tc.blocks();
        int from = Math.max(0, live.size() - Math.max(0, maxBlocks));
        HexFormat hex = HexFormat.ofDelimiter(" ");
        List<Block> blocks = new ArrayList<>();
        for (TranslatedBlock b : live.subList(from, live.size())) {
            List<Line> lines = new ArrayList<>();
            for (TranslatedInstruction ti : b.instructions()) {
                byte[] now = tc.liveBytes(ti);
                lines.add(new Line(ti.guestAddress(), hex.formatHex(ti.guestBytes()), ti.tcAddress(),
                        hex.formatHex(now), ti.kind(), ti.callout(), ti.text(), TranslationCache.disassemble(now,
                        ti.tcAddress())));
            }
            blocks.add(new Block(b.guestAddress(), b.guestLength(), b.tcAddress(), b.tcLength(), lines));
        }
        return new TranslationCacheView(stats, blocks, from);
    }
}
