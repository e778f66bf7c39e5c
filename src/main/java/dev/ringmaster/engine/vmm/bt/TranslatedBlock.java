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
 */
public record TranslatedBlock(int guestAddress, int guestPhysical, int guestLength, int tcAddress, int tcLength,
                              List<TranslatedInstruction> instructions, List<Exit> exits) {
    /**
     * A 5-byte exit stub: a callout (VMCALL, NOP, NOP) until the target is translated, then patched into
     * a direct {@code jmp rel32} to the target's translation (chaining).
     */
    public record Exit(int tcAddress, int guestTarget) {
    }

    public TranslatedBlock {
        instructions = List.copyOf(instructions);
        exits = List.copyOf(exits);
    }
}
