package dev.ringmaster.engine.cpu;

/**
 * Specialised handler ids: after decoding, {@link #specialise} may replace an instruction's family id
 * ({@link Exec}) by an id for its exact form (register vs memory operand, operand size) so that the
 * executor's hot paths do not re-examine the form on every execution.
 */
final class Handlers {
    private Handlers() {
    }

    /** Picks the handler for a decoded instruction (the family id when there is no specialised one). */
    static void specialise(Instruction i) {
        // Specialised forms are added with the executor.
    }
}
