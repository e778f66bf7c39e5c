package dev.ringmaster.app.panes.rings;

import dev.ringmaster.engine.trace.TraceEvent.Cause;

/**
 * How the rings pane colours a ring transition: the five causes a class asks about (system call,
 * interrupt, exception, trap to the VMM, callout from translated code) and the ways back out
 * (returns and resumes), plus call gates.
 */
public enum TransitionKind {
    SYSCALL("System call", 0x2E7D32),
    INTERRUPT("Interrupt", 0x1565C0),
    EXCEPTION("Exception", 0xC62828),
    /** Traps, hypercalls and VM exits: the guest left for the VMM. */
    TRAP_TO_VMM("Trap to VMM", 0xEF6C00),
    CALLOUT("Callout", 0x6A1B9A),
    CALL_GATE("Call gate", 0x00838F),
    /** IRET/RET to an outer ring, the VMM resuming the guest, VM entry. */
    RETURN("Return", 0x757575);

    private final String label;
    private final int rgb;

    TransitionKind(String label, int rgb) {
        this.label = label;
        this.rgb = rgb;
    }

    public String label() {
        return label;
    }

    /** The colour of this kind, 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    public static TransitionKind of(Cause cause) {
        return switch (cause) {
            case SYSCALL -> SYSCALL;
            case INTERRUPT -> INTERRUPT;
            case EXCEPTION -> EXCEPTION;
            case TRAP_TO_VMM, HYPERCALL, VM_EXIT -> TRAP_TO_VMM;
            case CALLOUT -> CALLOUT;
            case CALL_GATE -> CALL_GATE;
            case RETURN, VMM_RESUME, VM_ENTRY -> RETURN;
        };
    }
}
