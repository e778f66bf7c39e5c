package dev.ringmaster.engine.machine;

/** What the CPU sees of the interrupt controller: the INTR pin and the INTA cycle. */
public interface InterruptController {
    /** True while INTR is asserted (an unmasked request of higher priority than any in service). */
    boolean intrPending();

    /** The INTA cycle: returns the vector (0–255) and moves the request into service. */
    int acknowledge();
}
