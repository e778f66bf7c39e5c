package dev.ringmaster.engine.vm;

/**
 * Where a {@link VirtualMachine} is in its life, as virt-manager shows it, with the reason for the
 * last change ("guest wrote 0x21 to the debug-exit port", "triple fault: ...").
 *
 * @param kind   the state
 * @param reason why the VM is in it (never null; "" when there is nothing to say)
 */
public record VmState(Kind kind, String reason) {
    public enum Kind {
        /** Defined but never started (or started again after a force-off: see {@link #SHUTOFF}). */
        DEFINED,
        /** The engine thread is executing the guest. */
        RUNNING,
        /** Stopped by the user, a breakpoint or a reached run-until condition; resumable, inspectable. */
        PAUSED,
        /** The guest ended (debug-exit port, reset with no reboot) or was forced off. */
        SHUTOFF,
        /** The guest triple-faulted or the engine failed: the state stays inspectable, it cannot resume. */
        CRASHED
    }

    public VmState {
        reason = reason == null ? "" : reason;
    }

    public static VmState of(Kind kind, String reason) {
        return new VmState(kind, reason);
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? kind.name() : kind.name() + " (" + reason + ")";
    }
}
