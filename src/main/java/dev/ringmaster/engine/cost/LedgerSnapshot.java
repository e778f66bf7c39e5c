package dev.ringmaster.engine.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An immutable copy of a {@link CycleLedger}: total simulated cycles, host time, and per
 * {@link CostEvent} counts and cycles. Snapshots of the same run can be subtracted
 * ({@link #minus}) to get an interval, e.g. for a sparkline of exits per second.
 */
public final class LedgerSnapshot {
    private final String presetId;
    private final long clockHz;
    private final long totalCycles;
    private final long hostNanos;
    private final long[] counts;
    private final long[] cycles;

    LedgerSnapshot(String presetId, long clockHz, long totalCycles, long hostNanos, long[] counts, long[] cycles) {
        this.presetId = Objects.requireNonNull(presetId, "presetId");
        this.clockHz = clockHz;
        this.totalCycles = totalCycles;
        this.hostNanos = hostNanos;
        this.counts = counts.clone();
        this.cycles = cycles.clone();
    }

    /**
     * A snapshot from its parts (reading a saved VM state); {@code counts} and {@code cycles} are indexed by
     * {@link CostEvent#ordinal()} and copied.
     */
    public static LedgerSnapshot of(String presetId, long clockHz, long totalCycles, long hostNanos, long[] counts,
                                    long[] cycles) {
        if (counts.length != CostEvent.count() || cycles.length != CostEvent.count()) {
            throw new IllegalArgumentException("one count and one cycle figure per cost event");
        }
        return new LedgerSnapshot(presetId, clockHz, totalCycles, hostNanos, counts, cycles);
    }

    /** One line of the breakdown. */
    public record Entry(CostEvent event, long count, long cycles, double percent) {
    }

    /** The cost preset the cycles were charged with. */
    public String presetId() {
        return presetId;
    }

    /** The preset's simulated clock. */
    public long clockHz() {
        return clockHz;
    }

    public long totalCycles() {
        return totalCycles;
    }

    /** Host time measured by the engine for the same run (0 when nobody measured it). */
    public long hostNanos() {
        return hostNanos;
    }

    /** The simulated time: total cycles at the preset's clock, in nanoseconds. */
    public double simulatedNanos() {
        return totalCycles * 1e9 / clockHz;
    }

    public long count(CostEvent event) {
        return counts[event.ordinal()];
    }

    public long cycles(CostEvent event) {
        return cycles[event.ordinal()];
    }

    /** Share of the total cycles spent on {@code event}, 0–100 (0 when nothing was charged). */
    public double percent(CostEvent event) {
        return totalCycles == 0 ? 0 : 100.0 * cycles[event.ordinal()] / totalCycles;
    }

    /** Cycles spent on the events of one category. */
    public long cycles(CostEvent.Category category) {
        long sum = 0;
        for (CostEvent e : CostEvent.values()) {
            if (e.category() == category) {
                sum += cycles[e.ordinal()];
            }
        }
        return sum;
    }

    /** The events that were charged at least once, most cycles first (ties: by count, then declaration order). */
    public List<Entry> breakdown() {
        List<Entry> out = new ArrayList<>();
        for (CostEvent e : CostEvent.values()) {
            int i = e.ordinal();
            if (counts[i] != 0) {
                out.add(new Entry(e, counts[i], cycles[i], percent(e)));
            }
        }
        out.sort(Comparator.comparingLong(Entry::cycles).reversed().thenComparing(Comparator.comparingLong(Entry::count).reversed()));
        return out;
    }

    /**
     * Overhead against a native run of the same workload: this run's cycles ÷ the baseline's
     * (1.0 = native speed, 2.5 = two and a half times as many simulated cycles).
     *
     * @throws IllegalArgumentException when the baseline charged nothing
     */
    public double overheadVersus(LedgerSnapshot nativeBaseline) {
        if (nativeBaseline.totalCycles == 0) {
            throw new IllegalArgumentException("the baseline charged no cycles: there is nothing to compare with");
        }
        return (double) totalCycles / nativeBaseline.totalCycles;
    }

    /**
     * Host-time overhead against the baseline (this run's measured host time ÷ the baseline's), to
     * show beside {@link #overheadVersus}; NaN when either run has no host time.
     */
    public double hostOverheadVersus(LedgerSnapshot nativeBaseline) {
        if (hostNanos == 0 || nativeBaseline.hostNanos == 0) {
            return Double.NaN;
        }
        return (double) hostNanos / nativeBaseline.hostNanos;
    }

    /** What happened between {@code earlier} and this snapshot of the same ledger. */
    public LedgerSnapshot minus(LedgerSnapshot earlier) {
        if (!earlier.presetId.equals(presetId)) {
            throw new IllegalArgumentException("snapshots of different presets: " + earlier.presetId + " and " + presetId);
        }
        long[] c = new long[counts.length];
        long[] y = new long[cycles.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i] - earlier.counts[i];
            y[i] = cycles[i] - earlier.cycles[i];
            if (c[i] < 0 || y[i] < 0) {
                throw new IllegalArgumentException("the earlier snapshot is not earlier (" + CostEvent.of(i) + " went down)");
            }
        }
        return new LedgerSnapshot(presetId, clockHz, totalCycles - earlier.totalCycles, hostNanos - earlier.hostNanos, c, y);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerSnapshot s && presetId.equals(s.presetId) && clockHz == s.clockHz
                && totalCycles == s.totalCycles && hostNanos == s.hostNanos && Arrays.equals(counts, s.counts)
                && Arrays.equals(cycles, s.cycles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(presetId, totalCycles, hostNanos, Arrays.hashCode(cycles));
    }

    @Override
    public String toString() {
        return "LedgerSnapshot[" + presetId + ", " + totalCycles + " cycles]";
    }
}
