package dev.ringmaster.engine.vmm.bt;

/**
 * One guest instruction and what the translator made of it.
 *
 * @param guestAddress guest linear address
 * @param guestBytes   the guest instruction's bytes
 * @param tcAddress    where its translation starts in the translation cache (linear)
 * @param tcBytes      the translation's bytes (equal to {@code guestBytes} when identical)
 * @param kind         identical, rewritten inline, or a callout
 * @param callout      the callout's kind (null unless {@code kind == CALLOUT} or a rewritten branch's exit)
 * @param text         the guest instruction as text
 */
public record TranslatedInstruction(int guestAddress, byte[] guestBytes, int tcAddress, byte[] tcBytes, Kind kind,
                                    CalloutKind callout, String text) {
    /** What the translator did with the instruction. */
    public enum Kind {
        /** Copied byte for byte: runs as is. */
        IDENTICAL,
        /** Rewritten into other real IA-32 instructions (control flow kept inside the cache). */
        REWRITTEN,
        /** Replaced by a call out into the VMM. */
        CALLOUT
    }

    public TranslatedInstruction {
        guestBytes = guestBytes.clone();
        tcBytes = tcBytes.clone();
    }

    @Override
    public byte[] guestBytes() {
        return guestBytes.clone();
    }

    @Override
    public byte[] tcBytes() {
        return tcBytes.clone();
    }
}
