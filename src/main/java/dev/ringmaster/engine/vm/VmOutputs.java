package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;

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
    private volatile LedgerSnapshot cost;

    /**
     * Counters at the end of the last slice.
     *
     * @param instructions      retired since power-on
     * @param cycles            simulated cycles since power-on
     * @param instructionsPerSecond guest instructions per host second over the last slice (0 when not running)
     * @param serialBytes       bytes the guest wrote to COM1
     * @param eventsDropped     trace events the ring dropped
     */
    public record Counters(long instructions, long cycles, double instructionsPerSecond, long serialBytes,
                           long eventsDropped) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0);
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
