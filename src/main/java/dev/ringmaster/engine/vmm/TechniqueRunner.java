package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;

/**
 * How a technique drives a {@link Machine}'s CPU. The VM's engine thread owns it: create one with
 * {@link TechniqueFactory#create} after the machine is built and the guest loaded (the CPU is in the
 * state the boot loader left it in), then call {@link #run} instead of {@link Machine#run}. Native
 * simply runs the machine; a VMM technique installs its CPU hooks and virtual CPU on creation and
 * takes over the privileged state the guest believes it has.
 */
public interface TechniqueRunner {
    Technique technique();

    Machine machine();

    /**
     * Runs the guest for up to {@code maxInstructions} instructions (Long.MAX_VALUE: until something
     * stops it) and says why it stopped, exactly like {@link Machine#run}; a VMM adds its own reasons
     * (a stall it detected, something it cannot emulate) as {@link RunResult.Kind#STOPPED} with a detail.
     */
    default RunResult run(long maxInstructions) {
        return run(maxInstructions, Long.MAX_VALUE);
    }

    /**
     * Runs {@code machine} as {@link Machine#run(long, long)} does, adding the host time it took and the guest
     * instructions it retired to {@code counters}' ledger: the common body of every runner's {@link #run(long, long)}.
     */
    static RunResult runCharged(Machine machine, VmmCounters counters, long maxInstructions, long cycleLimit) {
        long t0 = System.nanoTime();
        RunResult r = machine.run(maxInstructions, cycleLimit);
        counters.addHostNanos(System.nanoTime() - t0);
        counters.chargeRetired(machine.cpu());
        return r;
    }

    /**
     * As {@link #run(long)}, stopping also when the cycle counter reaches {@code cycleLimit}
     * ({@link RunResult.Kind#TIME_LIMIT}, see {@link Machine#run(long, long)}): a paced VM's time slice.
     */
    RunResult run(long maxInstructions, long cycleLimit);

    /**
     * The always-on counters of what the technique did (natively only the CPU's own deliveries and
     * returns), which also charge the technique's cost ledger.
     */
    VmmCounters counters();

    /** The cost model the runner charges (chosen at creation: {@link TechniqueFactory#create(Technique, Machine, TraceSink, CostModel)}). */
    default CostModel costModel() {
        return counters().ledger().model();
    }

    /**
     * The simulated cycles so far: charges the instructions retired since the last call, then returns an
     * immutable copy of the ledger that other threads may keep. Call it on the engine thread, between runs.
     */
    default LedgerSnapshot costSnapshot() {
        return counters().costSnapshot(machine().cpu());
    }

    /** The guest's virtual CPU as the VMM keeps it, or null when there is no VMM (native). */
    VirtualCpu virtualCpu();

    /**
     * Writes the technique's own state — what a VM snapshot needs besides {@link Machine#saveState} — on the
     * engine thread, between runs. By default the counters and the cost ledger; a VMM adds its virtual CPU,
     * shadow structures and the like. {@link TechniqueFactory#restore} reads it back. (A technique with a
     * cache it can rebuild — binary translation's translations — need not save the cache: drop it on restore.)
     */
    default void saveState(java.io.DataOutput out) throws java.io.IOException {
        counters().saveState(out);
    }

    /**
     * Makes the CPU stop before the guest executes any of {@code linearAddresses} (the user's breakpoints, a
     * run-until address). Natively and under trap-and-emulate the guest's code runs where it is; a technique
     * that runs the guest's code elsewhere (binary translation) also stops at the translations of those addresses.
     */
    default void setBreakpoints(int[] linearAddresses) {
        machine().cpu().setBreakpoints(linearAddresses);
    }

    /** The guest's own address for CPU address {@code linear} (a translation's address maps to its guest code). */
    default int guestAddressOf(int linear) {
        return linear;
    }
}
