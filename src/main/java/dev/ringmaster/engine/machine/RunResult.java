package dev.ringmaster.engine.machine;

/**
 * Why {@link Machine#run} returned: the caller switches on {@link #kind()}.
 *
 * @param kind         what happened
 * @param detail       human-readable reason (triple-fault description, host error message...)
 * @param exitCode     for {@link Kind#DEBUG_EXIT}: QEMU's exit status {@code (v << 1) | 1}; otherwise 0
 * @param instructions instructions retired when it stopped
 * @param cycles       simulated cycles when it stopped
 */
public record RunResult(Kind kind, String detail, int exitCode, long instructions, long cycles) {
    public enum Kind {
        /** The instruction budget was used up; the machine can continue. */
        INSTRUCTION_LIMIT,
        /** The cycle limit of {@link Machine#run(long, long)} was reached (a time slice); the machine can continue. */
        TIME_LIMIT,
        /** The guest wrote the debug-exit port. */
        DEBUG_EXIT,
        /** The CPU shut down (triple fault): the VM stops, its state stays inspectable. */
        SHUTDOWN,
        /**
         * A device pulsed the CPU's RESET line (8042 command 0xFE, port 0x92): the caller decides, like
         * QEMU's {@code -no-reboot}, whether that ends the run or resets the machine.
         */
        RESET,
        /** HLT with interrupts disabled and nothing that could wake it. */
        HALTED_FOREVER,
        /** HLT with interrupts enabled but no timer armed: only outside input (a key, serial) can wake it. */
        IDLE,
        /** A breakpoint was reached. */
        BREAKPOINT,
        /** Someone asked the machine to stop (a hook, the VM's command queue). */
        STOPPED,
        /** A bug or a bad image on the host side: the VM stops (CRASHED), the application lives on. */
        HOST_ERROR
    }
}
