package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;

/**
 * The baseline: no VMM, the guest kernel runs in ring 0 on the simulated machine. (It lives in
 * {@code vmm} rather than {@code vmm.native} because {@code native} is a Java keyword.)
 */
public final class NativeRunner implements TechniqueRunner {
    private final Machine machine;
    private final VmmCounters counters = new VmmCounters();

    public NativeRunner(Machine machine) {
        this.machine = machine;
    }

    @Override
    public Technique technique() {
        return Technique.NATIVE;
    }

    @Override
    public Machine machine() {
        return machine;
    }

    @Override
    public RunResult run(long maxInstructions) {
        return machine.run(maxInstructions);
    }

    @Override
    public RunResult run(long maxInstructions, long cycleLimit) {
        return machine.run(maxInstructions, cycleLimit);
    }

    @Override
    public VmmCounters counters() {
        return counters;
    }

    @Override
    public VirtualCpu virtualCpu() {
        return null;
    }
}
