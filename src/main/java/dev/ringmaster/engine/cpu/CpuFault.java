package dev.ringmaster.engine.cpu;

/**
 * The control-flow signal for a processor exception raised inside an instruction (or a memory access
 * deep below it). Preallocated and stackless: raising costs no allocation. The vector and error code
 * are in the CPU ({@link Cpu#pendingVector()}); the run loop catches it in one place and delivers the
 * exception architecturally (or hands it to the VMM's hook). Never escapes the CPU's public API.
 */
final class CpuFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final CpuFault INSTANCE = new CpuFault();

    private CpuFault() {
        super("processor exception", null, false, false);
    }
}
