package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.machine.Machine;
import java.io.DataInput;
import java.io.IOException;
import dev.ringmaster.engine.vmm.trap.TrapAndEmulate;
import dev.ringmaster.engine.vmm.trap.TrapOptions;

/**
 * The one entry point the platform ({@code run --technique}, {@code VirtualMachine}) uses to run a
 * guest under a technique:
 *
 * <pre>{@code
 * Machine m = new Machine(ram);
 * bootSpec.load(m);                                   // CPU at the kernel's entry, ring 0
 * TechniqueRunner r = TechniqueFactory.create(Technique.TRAP, m, TraceSink.of(ring));
 * RunResult res = r.run(maxInstructions);             // instead of m.run(...)
 * }</pre>
 *
 * Create the runner after loading the guest and before the first run. {@link #isAvailable} says
 * which techniques exist yet; {@link #create} refuses the others with a message fit for users.
 */
public final class TechniqueFactory {
    private TechniqueFactory() {
    }

    /** True when {@link #create} can build a runner for {@code t}. */
    public static boolean isAvailable(Technique t) {
        return t == Technique.NATIVE || t == Technique.TRAP || t == Technique.BT;
    }

    /**
     * A runner for {@code t} on {@code machine}, sending trace events to {@code trace}.
     *
     * @throws UnsupportedOperationException for a technique not implemented yet
     * @throws IllegalStateException         when the machine is not in a state the technique can take over
     */
    public static TechniqueRunner create(Technique t, Machine machine, TraceSink trace) {
        return create(t, machine, trace, TrapOptions.DEFAULT);
    }

    /**
     * As {@link #create(Technique, Machine, TraceSink)}, with trap-and-emulate's settings (stall threshold,
     * stop/spin/rescue after a stall, IRET observation) — e.g. a "rescue" switch in the GUI.
     */
    public static TechniqueRunner create(Technique t, Machine machine, TraceSink trace, TrapOptions trapOptions) {
        return create(t, machine, trace, trapOptions, CostPresets.modern());
    }

    /**
     * As {@link #create(Technique, Machine, TraceSink)}, charging the runner's cycle ledger with {@code model}
     * (e.g. {@link CostPresets#p4Vt2006()}) instead of the default preset.
     */
    public static TechniqueRunner create(Technique t, Machine machine, TraceSink trace, CostModel model) {
        return create(t, machine, trace, TrapOptions.DEFAULT, model);
    }

    /** With trap-and-emulate's settings and a cost model. */
    public static TechniqueRunner create(Technique t, Machine machine, TraceSink trace, TrapOptions trapOptions,
                                         CostModel model) {
        switch (t) {
            case NATIVE:
                return new NativeRunner(machine, model);
            case TRAP:
                return new TrapAndEmulate(machine, trace, trapOptions, model);
            case BT: {
                TechniqueRunner r = new dev.ringmaster.engine.vmm.bt.BinaryTranslation(machine, trace, trapOptions);
                r.counters().useCostModel(model);
                r.counters().emulationInCallouts();
                return r;
            }
            default:
                throw new UnsupportedOperationException("technique \"" + t.id() + "\" (" + t.displayName()
                        + ") is not implemented yet; available: native, trap, bt");
        }
    }

    /** True when a runner of {@code t} can be saved in a VM snapshot and {@link #restore}d from it. */
    public static boolean canRestore(Technique t) {
        return t == Technique.NATIVE || t == Technique.TRAP || t == Technique.BT;
    }

    /**
     * A runner for {@code t} continuing from a VM snapshot: {@code machine} was restored with
     * {@link Machine#loadState}, {@code state} is what {@link TechniqueRunner#saveState} wrote after it.
     * Create it after installing the VM's own hooks, as for {@link #create}.
     *
     * @throws IOException                   when the state is not one this technique can read
     * @throws UnsupportedOperationException for a technique that cannot be restored (yet)
     */
    public static TechniqueRunner restore(Technique t, Machine machine, TraceSink trace, TrapOptions trapOptions,
                                          CostModel model, DataInput state) throws IOException {
        switch (t) {
            case NATIVE: {
                NativeRunner r = new NativeRunner(machine, model);
                r.counters().loadState(state);
                return r;
            }
            case TRAP:
                return TrapAndEmulate.restore(machine, trace, trapOptions, model, state);
            case BT: {
                TechniqueRunner r = dev.ringmaster.engine.vmm.bt.BinaryTranslation.restore(machine, trace, trapOptions,
                        model, state);
                r.counters().emulationInCallouts();
                return r;
            }
            default:
                throw new UnsupportedOperationException("technique \"" + t.id() + "\" cannot be restored from a snapshot");
        }
    }
}
