package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.VmmCounters;
import java.util.List;

/**
 * What a {@link VirtualMachine}'s thread publishes for the UI (DESIGN §1, engine → UI one way): bounded
 * rings that never block the engine and count what they drop (trace events, serial output chunks),
 * and the newest immutable snapshots (VGA text screen, CPU registers, state, counters) behind
 * volatile fields. One consumer drains each ring (the VM window on its pulse).
 */
public final class VmOutputs {
    public static final int EVENT_CAPACITY = 1 << 14;
    public static final int SERIAL_CAPACITY = 1 << 10;

    private final EventRing<TraceEvent> events = new EventRing<>(EVENT_CAPACITY);
    private final EventRing<byte[]> serial = new EventRing<>(SERIAL_CAPACITY);
    private volatile TextScreen screen;
    private volatile CpuRegisters registers;
    private volatile VmState state = VmState.of(VmState.Kind.DEFINED, "");
    private volatile Counters counters = Counters.ZERO;
    private volatile GuestCpu guestCpu;
    private volatile VmmCounters.Snapshot vmmCounters;
    private volatile List<Integer> breakpoints = List.of();
    private volatile LedgerSnapshot cost;

    /**
     * Counters at the end of the last slice.
     *
     * @param instructions      retired since power-on
     * @param cycles            simulated cycles since power-on
     * @param instructionsPerSecond guest instructions per host second over the last slice (0 when not running)
     * @param serialBytes       bytes the guest wrote to COM1
     * @param eventsDropped     trace events the ring dropped
     * @param vmmTraps          events that reached the VMM since power-on (VmmCounters TRAPS; 0 for native)
     * @param hostCpuNanos      CPU time the VM's engine thread has used since it started, in nanoseconds
     *                          (-1 when the JVM cannot measure thread CPU time)
     */
    public record Counters(long instructions, long cycles, double instructionsPerSecond, long serialBytes,
                           long eventsDropped, long vmmTraps, long hostCpuNanos) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

        /** Counters without the VMM's traps and the host CPU time (both 0). */
        public Counters(long instructions, long cycles, double instructionsPerSecond, long serialBytes,
                        long eventsDropped) {
            this(instructions, cycles, instructionsPerSecond, serialBytes, eventsDropped, 0, 0);
        }
    }

    public EventRing<TraceEvent> events() {
        return events;
    }

    /** Chunks of COM1 output, in order. */
    public EventRing<byte[]> serial() {
        return serial;
    }

    /** The newest VGA text screen, or null before power-on. */
    public TextScreen screen() {
        return screen;
    }

    /** The newest CPU registers, or null before power-on. */
    public CpuRegisters registers() {
        return registers;
    }

    public VmState state() {
        return state;
    }

    public Counters counters() {
        return counters;
    }

    /** The VMM's virtual CPU for the guest, or null without a VMM (native) or before power-on. */
    public GuestCpu guestCpu() {
        return guestCpu;
    }

    /** The VMM's counters (traps, emulated instructions…; all zero for native), or null before power-on. */
    public VmmCounters.Snapshot vmmCounters() {
        return vmmCounters;
    }

    /** The user's breakpoints (linear addresses, unsigned order). */
    public List<Integer> breakpoints() {
        return breakpoints;
    }

    void publishGuestCpu(GuestCpu g) {
        guestCpu = g;
    }

    void publishVmmCounters(VmmCounters.Snapshot c) {
        vmmCounters = c;
    }

    void publishBreakpoints(List<Integer> b) {
        breakpoints = List.copyOf(b);
    }

    /** The newest cost ledger of the VM's technique (simulated cycles by event, host time), or null before power-on. */
    public LedgerSnapshot cost() {
        return cost;
    }

    void publishCost(LedgerSnapshot c) {
        cost = c;
    }

    void publishScreen(TextScreen s) {
        screen = s;
    }

    void publishRegisters(CpuRegisters r) {
        registers = r;
    }

    void publishState(VmState s) {
        state = s;
    }

    void publishCounters(Counters c) {
        counters = c;
    }
}
