package dev.ringmaster.engine.cost;

import java.util.Arrays;
import java.util.Objects;

/**
 * A VM's running account of simulated cycles: the total, and per {@link CostEvent} how many times
 * it happened and how many cycles it cost. The engine charges it on the VM's own thread, without
 * allocating, and advances the virtual clock by what {@link #charge} returns:
 *
 * <pre>{@code
 * clock.advance(ledger.charge(CostEvent.VM_EXIT) + ledger.charge(CostEvent.VMM_EXIT_DISPATCH));
 * }</pre>
 *
 * <p>Not thread-safe, by design (DESIGN §1: one thread owns a VM's state): other threads get an
 * immutable {@link LedgerSnapshot} taken on the engine thread. The ledger also keeps the host time
 * the engine measured for the same run ({@link #addHostNanos}), so that a view can show simulated
 * cycles and host time side by side.
 */
public final class CycleLedger {
    private final CostModel model;
    private final long[] costs;
    private final long[] counts = new long[CostEvent.count()];
    private final long[] cycles = new long[CostEvent.count()];
    private long totalCycles;
    private long hostNanos;

    public CycleLedger(CostModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.costs = model.costArray();
    }

    public CostModel model() {
        return model;
    }

    /** Charges one {@code event}; returns the cycles it cost. */
    public long charge(CostEvent event) {
        int i = event.ordinal();
        long c = costs[i];
        counts[i]++;
        cycles[i] += c;
        totalCycles += c;
        return c;
    }

    /** Charges {@code n} occurrences of {@code event} (n >= 0); returns the cycles they cost. */
    public long charge(CostEvent event, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n + " of " + event);
        }
        int i = event.ordinal();
        long c = Math.multiplyExact(costs[i], n);
        counts[i] += n;
        cycles[i] += c;
        totalCycles += c;
        return c;
    }

    /** Adds host (wall-clock) time the engine measured while running what was charged. */
    public void addHostNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative host time " + nanos);
        }
        hostNanos += nanos;
    }

    /** Simulated cycles charged so far. */
    public long totalCycles() {
        return totalCycles;
    }

    /** How many times {@code event} was charged. */
    public long count(CostEvent event) {
        return counts[event.ordinal()];
    }

    /** Cycles charged for {@code event}. */
    public long cycles(CostEvent event) {
        return cycles[event.ordinal()];
    }

    public long hostNanos() {
        return hostNanos;
    }

    /** Back to zero (VM reset). */
    public void reset() {
        Arrays.fill(counts, 0);
        Arrays.fill(cycles, 0);
        totalCycles = 0;
        hostNanos = 0;
    }

    /** Continues from {@code s} (restoring a VM snapshot); the snapshot must come from the same preset. */
    public void restore(LedgerSnapshot s) {
        if (!s.presetId().equals(model.id())) {
            throw new IllegalArgumentException("snapshot of preset " + s.presetId() + " cannot be restored into a ledger of "
                    + model.id());
        }
        for (CostEvent e : CostEvent.values()) {
            counts[e.ordinal()] = s.count(e);
            cycles[e.ordinal()] = s.cycles(e);
        }
        totalCycles = s.totalCycles();
        hostNanos = s.hostNanos();
    }

    /** An immutable copy for the UI and benchmarks (allocates: call it on a pulse, not per event). */
    public LedgerSnapshot snapshot() {
        return new LedgerSnapshot(model.id(), model.clockHz(), totalCycles, hostNanos, counts, cycles);
    }
}
