package dev.ringmaster.engine.cpu;

import dev.ringmaster.engine.trace.TraceEvent;

/**
 * Where the VMM (and tracing) plugs into the CPU without touching instruction semantics. The CPU
 * holds at most one {@code CpuHooks} ({@link Cpu#setHooks}); when none is installed every hook point
 * costs one null test. Combine several listeners in one implementation.
 *
 * <p>Observation points tell what happened; interception points are asked before something
 * happens and may take it over:
 * <ul>
 * <li>{@link #beforeInstruction}: a privileged, sensitive or exiting instruction is about to execute
 * (see {@link Cpu#isHookedInstruction}) — before any privilege check, so a VT-x-like exit sees even
 * the ones that would fault;</li>
 * <li>{@link #beforeIo}: port I/O about to reach the bus (after the IOPL/bitmap check passed);</li>
 * <li>{@link #beforeDelivery}: an exception or interrupt about to be delivered through the IDT/IVT
 * — the VMM may take it instead of the guest's handler (trap-and-emulate takes #GP from privileged
 * instructions, VT-x exits on bitmap-selected exceptions and on external interrupts).</li>
 * </ul>
 *
 * <p>Hooks run on the CPU's thread, in the middle of an instruction: they may read and change CPU
 * state (registers, EIP via {@link Cpu#setNextEip}), call {@link Cpu#deliver} to reflect an event
 * into the guest, or {@link Cpu#requestStop} the run loop. They must not throw.
 */
public interface CpuHooks {
    /** What the CPU does after {@link #beforeInstruction}. */
    enum Action {
        /** Execute the instruction normally. */
        EXECUTE,
        /**
         * The hook emulated it: do not execute; retire it and continue at {@link Cpu#nextEip()} (by
         * default the next instruction; the hook may change it).
         */
        SKIP,
        /** Do not execute or retire it; stop the run loop with EIP at the instruction. */
        STOP
    }

    /** Kinds of events delivered through the IDT (or IVT). */
    enum EventKind {
        /** A processor exception (fault or trap). */
        EXCEPTION,
        /** INT n: software interrupt, gate DPL checked. */
        SOFTWARE_INTERRUPT,
        /** INT3 and INTO: software exceptions, gate DPL checked. */
        SOFTWARE_EXCEPTION,
        /** INT1 (ICEBP): privileged software exception, no DPL check. */
        PRIVILEGED_SOFTWARE_EXCEPTION,
        /** A hardware interrupt from the interrupt controller (INTR). */
        EXTERNAL_INTERRUPT,
        /** Non-maskable interrupt. */
        NMI
    }

    /** Observation: CPL changed from {@code from} to {@code to} (EIP is the new one). */
    default void ringTransition(Cpu cpu, int from, int to, TraceEvent.Cause cause) {
    }

    /**
     * Interception: event {@code vector} is about to be delivered; {@code errorCode} is -1 when the
     * event has none; {@code eip} is the EIP that would be pushed (the faulting instruction for a
     * fault, the next one for traps and interrupts). Return true when the hook took it: the CPU then
     * does not deliver it (the hook decides where execution continues, e.g. by {@link Cpu#setEip}).
     */
    default boolean beforeDelivery(Cpu cpu, int vector, int errorCode, EventKind kind, int eip) {
        return false;
    }

    /** Observation: event {@code vector} was delivered to the handler now in CS:EIP. */
    default void delivered(Cpu cpu, int vector, int errorCode, EventKind kind) {
    }

    /** Interception: a hooked instruction (privileged, sensitive, CPUID, RDTSC, VMCALL...) is about to execute. */
    default Action beforeInstruction(Cpu cpu, Instruction insn) {
        return Action.EXECUTE;
    }

    /**
     * Interception: port I/O. Return {@link #NOT_HANDLED} to let it reach the bus; otherwise the
     * access is complete (for a read, the return value's low {@code size*8} bits are the data).
     */
    default long beforeIo(Cpu cpu, int port, int size, boolean write, int value) {
        return NOT_HANDLED;
    }

    /** Observation: port I/O completed on the bus ({@code value} read or written). */
    default void afterIo(Cpu cpu, int port, int size, boolean write, int value) {
    }

    /** Return value of {@link #beforeIo} that lets the access through. */
    long NOT_HANDLED = Long.MIN_VALUE;
}
