package dev.ringmaster.engine.vmm.trap;

/**
 * Settings of the trap-and-emulate VMM.
 *
 * @param stallNanos  how long (virtual time) the guest's virtual IF may stay clear while an interrupt
 *                    waits before the VMM reports a stall
 * @param onStall     what the VMM does after reporting a stall
 * @param observeIret let the VMM see the guest kernel's IRET (a hooked instruction) and take the IF it
 *                    restores into the virtual IF. A real x86 VMM in ring 1 could not: IRET at CPL 1 &gt;
 *                    IOPL 0 keeps IF silently, like POPF, and the guest would lose interrupts at its first
 *                    interrupt return. On by default so that the lesson isolates POPF; turn it off to
 *                    see the harsher truth.
 */
public record TrapOptions(long stallNanos, StallPolicy onStall, boolean observeIret) {
    /** What happens once a stall has been reported (trace event, counter, {@link TrapAndEmulate#stallReport()}). */
    public enum StallPolicy {
        /** Stop the VM with the report as the reason (the default: the failure is the lesson). */
        STOP,
        /** Let the guest spin or sleep as it would on a real machine under such a VMM. */
        SPIN,
        /**
         * Set the virtual IF as the guest's POPF meant to and deliver the waiting interrupts, so that the
         * guest goes on (and, e.g., ringcheck can print what it saw); each rescue is traced.
         */
        RESCUE
    }

    /** 50 ms of virtual time (five timer ticks at 100 Hz), stop on stall, IRET observed. */
    public static final TrapOptions DEFAULT = new TrapOptions(50_000_000L, StallPolicy.STOP, true);

    public TrapOptions {
        if (stallNanos <= 0) {
            throw new IllegalArgumentException("stall threshold must be positive: " + stallNanos);
        }
        if (onStall == null) {
            throw new IllegalArgumentException("stall policy missing");
        }
    }
}
