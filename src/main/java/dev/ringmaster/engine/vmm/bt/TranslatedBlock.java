package dev.ringmaster.engine.vmm.bt;

import java.util.List;

/**
 * A guest basic block and its translation in the cache.
 *
 * @param guestAddress  guest linear address of the block's first instruction
 * @param guestPhysical guest physical address of it (the cache is invalidated by physical page)
 * @param guestLength   bytes of guest code translated
 * @param tcAddress     linear address of the translation in the cache
 * @param tcLength      bytes of translated code
 * @param instructions  each guest instruction with its translation
 * @param exits         where the translation leaves the block for another guest address
 * @param pages         guest physical pages (numbers) its guest code lies in
 */
public record TranslatedBlock(int guestAddress, int guestPhysical, int guestLength, int tcAddress, int tcLength,
                              List<TranslatedInstruction> instructions, List<Exit> exits, List<Integer> pages) {
    /**
     * A 5-byte exit stub: a callout (VMCALL, NOP, NOP) until the target is translated, then patched into
     * a direct {@code jmp rel32} to the target's translation (chaining).
     */
    public record Exit(int tcAddress, int guestTarget) {
    }

    public TranslatedBlock {
        instructions = List.copyOf(instructions);
        exits = List.copyOf(exits);
        pages = List.copyOf(pages);
    }

    /** Instructions translated identically. */
    public int identicalCount() {
        return (int) instructions.stream().filter(i -> i.kind() == TranslatedInstruction.Kind.IDENTICAL).count();
    }

    /** Instructions rewritten or replaced by callouts. */
    public int rewrittenCount() {
        return instructions.size() - identicalCount();
    }
}
