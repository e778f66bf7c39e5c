package dev.ringmaster.engine.cpu;

import dev.ringmaster.engine.machine.PhysicalMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded blocks keyed by physical address and decode mode (DESIGN §2: decode once, execute many
 * times). A block never crosses a page. Each physical page holding blocks is marked as code in
 * {@link PhysicalMemory}; a write into it (from any path) arrives in {@link #codeWritten}, which
 * discards exactly the blocks overlapping the written bytes — a 16-byte-granular bitmap per page
 * makes writes to data that merely shares a page with code cheap.
 */
final class BlockCache implements PhysicalMemory.CodeWriteListener {
    static final int MAX_INSNS = 64;
    private static final int TABLE_BITS = 14;

    private final Block[] table = new Block[1 << TABLE_BITS];
    private final Map<Integer, PageBlocks> pages = new HashMap<>();
    private final PhysicalMemory pm;
    private final Mmu mmu;
    private final Cpu cpu;

    long blocksBuilt;
    long blocksInvalidated;
    /** Incremented whenever a block is discarded (the run loop notices that its current block went away). */
    int invalidations;

    private static final class PageBlocks {
        final List<Block> blocks = new ArrayList<>();
        final long[] chunks = new long[4];

        void mark(Block b) {
            int from = (b.pa & 0xFFF) >>> 4;
            int to = ((b.pa & 0xFFF) + b.bytes - 1) >>> 4;
            for (int c = from; c <= to; c++) {
                chunks[c >>> 6] |= 1L << (c & 63);
            }
        }

        boolean overlaps(int offset, int length) {
            int from = offset >>> 4;
            int to = Math.min(0xFFF, offset + length - 1) >>> 4;
            for (int c = from; c <= to; c++) {
                if ((chunks[c >>> 6] & (1L << (c & 63))) != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    BlockCache(Cpu cpu, PhysicalMemory pm, Mmu mmu) {
        this.cpu = cpu;
        this.pm = pm;
        this.mmu = mmu;
    }

    private static int hash(int pa, boolean code32) {
        return ((pa >>> 1) ^ (pa >>> (TABLE_BITS + 1)) ^ (code32 ? 0 : 0x2A5)) & ((1 << TABLE_BITS) - 1);
    }

    Block lookup(int pa, boolean code32) {
        Block b = table[hash(pa, code32)];
        while (b != null) {
            if (b.pa == pa && b.code32 == code32) {
                return b;
            }
            b = b.next;
        }
        return null;
    }

    void insert(Block b) {
        int h = hash(b.pa, b.code32);
        b.next = table[h];
        table[h] = b;
        int page = b.pa >>> 12;
        PageBlocks pb = pages.computeIfAbsent(page, p -> new PageBlocks());
        pb.blocks.add(b);
        pb.mark(b);
        if (!pm.isCode(page)) {
            pm.markCode(page);
            mmu.protectCodePage(page);
        }
        blocksBuilt++;
    }

    private void unlink(Block b) {
        int h = hash(b.pa, b.code32);
        Block prev = null;
        for (Block x = table[h]; x != null; prev = x, x = x.next) {
            if (x == b) {
                if (prev == null) {
                    table[h] = x.next;
                } else {
                    prev.next = x.next;
                }
                break;
            }
        }
        b.valid = false;
        b.next = null;
        b.foldRuns(cpu.classCounts);
        blocksInvalidated++;
        invalidations++;
        cpu.abortBlock = true;
    }

    @Override
    public void codeWritten(int pa, int length) {
        int page = pa >>> 12;
        PageBlocks pb = pages.get(page);
        if (pb == null) {
            pm.clearCode(page);
            return;
        }
        int offset = pa & 0xFFF;
        if (!pb.overlaps(offset, length)) {
            return;
        }
        int end = offset + length;
        boolean removed = false;
        for (int k = pb.blocks.size() - 1; k >= 0; k--) {
            Block b = pb.blocks.get(k);
            int bs = b.pa & 0xFFF;
            if (bs < end && offset < bs + b.bytes) {
                unlink(b);
                pb.blocks.remove(k);
                removed = true;
            }
        }
        if (removed) {
            java.util.Arrays.fill(pb.chunks, 0);
            for (Block b : pb.blocks) {
                pb.mark(b);
            }
            if (pb.blocks.isEmpty()) {
                pages.remove(page);
                pm.clearCode(page);
            }
        }
    }

    /** Discards every block (snapshot restore, tests). */
    void flush() {
        for (Map.Entry<Integer, PageBlocks> e : pages.entrySet()) {
            for (Block b : e.getValue().blocks) {
                b.valid = false;
                b.foldRuns(cpu.classCounts);
            }
            pm.clearCode(e.getKey());
        }
        pages.clear();
        java.util.Arrays.fill(table, null);
        invalidations++;
        cpu.abortBlock = true;
    }

    /** Adds the complete runs of every live block to {@code byClass}. */
    void addLiveRuns(long[] byClass) {
        for (PageBlocks pb : pages.values()) {
            for (Block b : pb.blocks) {
                b.addRuns(byClass);
            }
        }
    }

    int pagesWithCode() {
        return pages.size();
    }
}
