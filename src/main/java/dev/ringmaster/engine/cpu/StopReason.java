package dev.ringmaster.engine.cpu;

/** Why {@link Cpu#run} returned. */
public enum StopReason {
    /** The instruction budget is used up. */
    INSTRUCTION_LIMIT,
    /** The simulated-cycle deadline was reached (a timer is due). */
    DEADLINE,
    /** HLT with interrupts enabled: waiting for an interrupt (the machine may skip time ahead). */
    HALTED,
    /** HLT with IF = 0 and nothing pending: only NMI or RESET would wake it. */
    HALTED_FOREVER,
    /** Triple fault (or another shutdown condition): the CPU stopped; see {@link Cpu#shutdownReason()}. */
    SHUTDOWN,
    /** {@link Cpu#requestStop} was called (a device, e.g. the debug-exit port, or a hook). */
    STOP_REQUESTED,
    /** EIP reached a breakpoint (before executing the instruction there). */
    BREAKPOINT
}
