package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;

/**
 * The baseline: no VMM, the guest kernel runs in ring 0 on the simulated machine. (It lives in
 * {@code vmm} rather than {@code vmm.native} because {@code native} is a Java keyword.) It still
 * keeps the cost ledger: retired instructions and the exceptions, interrupts and outward returns the
 * CPU performs itself (through {@link ChargingHooks}, chained in front of the hooks installed before it).
 */
public final class NativeRunner implements TechniqueRunner {
    private final Machine machine;
    private final VmmCounters counters;

    public NativeRunner(Machine machine) {
        this(machine, CostPresets.modern());
    }

    public NativeRunner(Machine machine, CostModel model) {
        this.machine = machine;
        this.counters = new VmmCounters(model);
        counters.startCharging(machine.cpu());
        machine.cpu().setHooks(new ChargingHooks(machine.cpu().hooks(), counters));
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
    public RunResult run(long maxInstructions, long cycleLimit) {
        return TechniqueRunner.runCharged(machine, counters, maxInstructions, cycleLimit);
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
