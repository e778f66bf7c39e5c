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

    Block(int pa, boolean code32, Instruction[] insns, int count, int bytes) {
        this.pa = pa;
        this.code32 = code32;
        this.insns = insns;
        this.count = count;
        this.bytes = bytes;
    }
}
