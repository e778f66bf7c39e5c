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
    /** Executions since creation (for statistics and future tiering). */
    long executions;

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

    /** Adds the classes of the first {@code retired} instructions to {@code byClass}. */
    void countRetired(long[] byClass, int retired) {
        if (retired == count) {
            for (int d = 0; d < classOrdinal.length; d++) {
                byClass[classOrdinal[d]] += classCount[d];
            }
        } else {
            for (int k = 0; k < retired; k++) {
                byClass[insns[k].iclass]++;
            }
        }
    }
}
