package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.machine.Machine;
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
        switch (t) {
            case NATIVE:
                return new NativeRunner(machine);
            case TRAP:
                return new TrapAndEmulate(machine, trace, trapOptions);
            case BT:
                return new dev.ringmaster.engine.vmm.bt.BinaryTranslation(machine, trace, trapOptions);
            default:
                throw new UnsupportedOperationException("technique \"" + t.id() + "\" (" + t.displayName()
                        + ") is not implemented yet; available: native, trap, bt");
        }
    }
}
