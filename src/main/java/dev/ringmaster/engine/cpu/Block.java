package dev.ringmaster.engine.cpu;

/** A run of decoded instructions starting at one physical address, ending at a block-ending instruction or the page end. */
final class Block {
    final int pa;
    final boolean code32;
    final Instruction[] insns;
    final int count;
    /** Bytes covered, from {@link #pa}. */
    final int bytes;
    boolean valid = true;
    /** Hash-chain link in {@link BlockCache}. */
    Block next;
    /**
     * Times the block ran to its end since its counts were last folded into the CPU's per-class
     * counters ({@link #foldRuns}); partial runs are counted directly ({@link #countPartial}).
     */
    long runs;

    /**
     * Chaining: up to two successors seen after this block, each with the linear address it started at
     * and the {@link Mmu#epoch} at which it was linked. A link is followed only while the epoch is the
     * same (the translation of its linear address is still the one the TLB held), the successor is
     * still valid and the current CS agrees (code size, limit): exactly when looking the block up
     * again would give the same block.
     */
    Block link0;
    Block link1;
    int linkLin0;
    int linkLin1;
    int linkEpoch0 = -1;
    int linkEpoch1 = -1;

    /**
     * The block's instruction mix, sparse: {@code classCount[k]} instructions of class ordinal
     * {@code classOrdinal[k]}; added to the CPU's counters when the block runs to its end.
     */
    final int[] classOrdinal;
    final int[] classCount;

    Block(int pa, boolean code32, Instruction[] insns, int count, int bytes) {
        this.pa = pa;
        this.code32 = code32;
        this.insns = insns;
        this.count = count;
        this.bytes = bytes;
        int[] hist = new int[InstructionClass.COUNT];
        int distinct = 0;
        for (int k = 0; k < count; k++) {
            if (hist[insns[k].iclass]++ == 0) {
                distinct++;
            }
        }
        classOrdinal = new int[distinct];
        classCount = new int[distinct];
        int d = 0;
        for (int c = 0; c < hist.length; c++) {
            if (hist[c] != 0) {
                classOrdinal[d] = c;
                classCount[d++] = hist[c];
            }
        }
    }

    /** The successor linked for linear address {@code lin} at {@code epoch}, or null. */
    Block linked(int lin, int epoch) {
        if (linkLin0 == lin && linkEpoch0 == epoch) {
            return link0;
        }
        if (linkLin1 == lin && linkEpoch1 == epoch) {
            return link1;
        }
        return null;
    }

    /** Remembers {@code b} as the successor at {@code lin} (replacing the older link when both are used). */
    void link(int lin, int epoch, Block b) {
        if (linkEpoch0 != epoch || link0 == null) {
            link0 = b;
            linkLin0 = lin;
            linkEpoch0 = epoch;
        } else {
            link1 = b;
            linkLin1 = lin;
            linkEpoch1 = epoch;
        }
    }

    /** Adds the classes of the first {@code retired} instructions (a run that stopped early) to {@code byClass}. */
    void countPartial(long[] byClass, int retired) {
        for (int k = 0; k < retired; k++) {
            byClass[insns[k].iclass]++;
        }
    }

    /** Adds the classes of the complete {@link #runs} to {@code byClass}. */
    void addRuns(long[] byClass) {
        long n = runs;
        if (n != 0) {
            for (int d = 0; d < classOrdinal.length; d++) {
                byClass[classOrdinal[d]] += n * classCount[d];
            }
        }
    }

    /** Moves the complete runs' counts into {@code byClass} (the block is being discarded). */
    void foldRuns(long[] byClass) {
        addRuns(byClass);
        runs = 0;
    }
}
