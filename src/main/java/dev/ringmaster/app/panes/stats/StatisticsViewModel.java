package dev.ringmaster.app.panes.stats;

import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.vm.VmOutputs;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.VmmCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The statistics pane's model: rates sampled from the VM's published counters every
 * {@link #SAMPLE_NANOS} of host time — guest instructions per second, and VMM entries (traps) per
 * second from the VMM's always-on counters, which stay exact however many trace events the rings
 * drop — kept for the last {@link #HISTORY} samples for the charts; the VMM's counters by kind; and
 * the drop counts of the engine → UI rings; and, from the VM's cost ledger, the simulated-cycle
 * overhead against native (until a ledger arrives {@link #overheadText} says there is none).
 *
 * <p>Samples are taken whether or not the pane is showing (the history stays complete), but the texts,
 * the counter rows and the version the charts repaint on are published only when the {@link #refresh()
 * gate} allows: while the pane is showing, at most {@link #REFRESH_HZ} times a second.
 */
public final class StatisticsViewModel {
    public static final long SAMPLE_NANOS = 500_000_000L;
    /** Samples kept: one minute at two a second. */
    public static final int HISTORY = 120;
    /** Refreshes a second at most: one per sample. */
    public static final int REFRESH_HZ = 2;

    /** One VMM counter for the table. */
    public record CounterRow(String name, long count, double perSecond) {
    }

    private final Technique technique;
    private final Series instructions = new Series(HISTORY);
    private final Series traps = new Series(HISTORY);
    private final Series overhead = new Series(HISTORY);
    private final ObservableList<CounterRow> counterRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private final ReadOnlyStringWrapper dropsText = new ReadOnlyStringWrapper(this, "dropsText", "");
    private final ReadOnlyStringWrapper overheadText = new ReadOnlyStringWrapper(this, "overheadText",
            "Overhead against native: not available yet — the VM publishes no cost ledger (cost model) snapshot.");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private long lastNanos = Long.MIN_VALUE;
    private long lastInstructions;
    private VmmCounters.Snapshot lastVmm;
    private LedgerSnapshot lastCost;
    private final RefreshGate refresh = new RefreshGate(REFRESH_HZ);
    /** Taken in, not yet published (null: unchanged). */
    private String nextDrops;
    private String nextRates;
    private String nextOverhead;
    private List<CounterRow> nextRows;
    /** Something waits to be published, or the pane came back to the front. */
    private boolean dirty;
    private long lastEventsDropped;
    private long lastSerialDropped;

    public StatisticsViewModel(Technique technique) {
        this.technique = Objects.requireNonNull(technique, "technique");
        rateText.set("No samples yet.");
        dropsText.set(describeDrops(0, 0));
    }

    /** A fixed-size history of samples, oldest first. */
    public static final class Series {
        private final double[] values;
        private int size;
        private int next;

        Series(int capacity) {
            values = new double[capacity];
        }

        void add(double v) {
            values[next] = v;
            next = (next + 1) % values.length;
            size = Math.min(size + 1, values.length);
        }

        public int size() {
            return size;
        }

        public int capacity() {
            return values.length;
        }

        /** Sample {@code i}, 0 = oldest kept. */
        public double get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return values[(next - size + i + values.length) % values.length];
        }

        public double latest() {
            return size == 0 ? 0 : get(size - 1);
        }

        public double max() {
            double m = 0;
            for (int i = 0; i < size; i++) {
                m = Math.max(m, get(i));
            }
            return m;
        }
    }

    /**
     * The VM's newest counters at host time {@code nowNanos} (on the pulse); a sample is taken when
     * {@link #SAMPLE_NANOS} have passed since the last one. Drop counts are shown at the next refresh
     * (at once when the pane is showing and has not refreshed for half a second).
     *
     * @return true when a sample was taken (the charts changed)
     */
    public boolean update(VmOutputs.Counters c, VmmCounters.Snapshot vmm, long eventsDropped, long serialDropped,
            long nowNanos) {
        return update(c, vmm, null, eventsDropped, serialDropped, nowNanos);
    }

    /** As above, with the VM's cost ledger (null when it publishes none): the overhead chart. */
    public boolean update(VmOutputs.Counters c, VmmCounters.Snapshot vmm, LedgerSnapshot cost, long eventsDropped,
            long serialDropped, long nowNanos) {
        boolean took = sample(c, vmm, cost, eventsDropped, serialDropped, nowNanos);
        if (dirty && refresh.due(nowNanos)) {
            publish();
        }
        return took;
    }

    /**
     * Whether the pane is on screen (told by its window at every pulse). Coming to the front publishes
     * at the next {@link #update}.
     */
    public void setShowing(boolean showing) {
        if (showing && !refresh.isShowing()) {
            dirty = true;
        }
        refresh.setShowing(showing);
    }

    /** When the pane redraws: while showing, at most {@link #REFRESH_HZ} times a second. */
    public RefreshGate refresh() {
        return refresh;
    }

    private boolean sample(VmOutputs.Counters c, VmmCounters.Snapshot vmm, LedgerSnapshot cost, long eventsDropped,
            long serialDropped, long nowNanos) {
        if (eventsDropped != lastEventsDropped || serialDropped != lastSerialDropped) { // formatted on a change only
            lastEventsDropped = eventsDropped;
            lastSerialDropped = serialDropped;
            nextDrops = describeDrops(eventsDropped, serialDropped);
            dirty = true;
        }
        if (c == null) {
            return false;
        }
        if (lastNanos == Long.MIN_VALUE) {
            lastNanos = nowNanos;
            lastInstructions = c.instructions();
            lastVmm = vmm;
            lastCost = cost;
            showCounters(vmm, null, 1);
            return false;
        }
        long dt = nowNanos - lastNanos;
        if (dt < SAMPLE_NANOS) {
            return false;
        }
        double seconds = dt / 1e9;
        // a reset starts the counters again from zero: no negative rate
        double ips = Math.max(0, c.instructions() - lastInstructions) / seconds;
        double tps = vmm == null ? 0 : Math.max(0, vmm.get(VmmCounters.Kind.TRAPS)
                - (lastVmm == null ? 0 : lastVmm.get(VmmCounters.Kind.TRAPS))) / seconds;
        instructions.add(ips);
        traps.add(tps);
        sampleCost(cost);
        showCounters(vmm, lastVmm, seconds);
        lastNanos = nowNanos;
        lastInstructions = c.instructions();
        lastVmm = vmm;
        nextRates = describeRates(ips, tps, c);
        dirty = true;
        return true;
    }

    /** Shows what was taken in since the last refresh. */
    private void publish() {
        dirty = false;
        if (nextDrops != null) {
            dropsText.set(nextDrops);
            nextDrops = null;
        }
        if (nextRows != null) {
            if (!nextRows.equals(counterRows)) {
                counterRows.setAll(nextRows);
            }
            nextRows = null;
        }
        if (nextRates != null) {
            rateText.set(nextRates);
            nextRates = null;
        }
        if (nextOverhead != null) {
            overheadText.set(nextOverhead);
            nextOverhead = null;
        }
        // the charts repaint after a sample, and when the pane comes back to the front
        version.set(version.get() + 1);
    }

    /** Categories of simulated cycles that only a VMM spends: what the same work would not cost natively. */
    static final java.util.Set<CostEvent.Category> VIRTUALIZATION = java.util.EnumSet.of(CostEvent.Category.SOFTWARE_VMM,
            CostEvent.Category.BINARY_TRANSLATION, CostEvent.Category.PARAVIRTUALIZATION,
            CostEvent.Category.HARDWARE_VMM, CostEvent.Category.CONTAINER);

    /**
     * Simulated-cycle overhead against native over the last interval, estimated from the ledger:
     * all cycles ÷ the cycles not charged to virtualization (1.0 = native speed). A ledger of another
     * preset or a reset (fewer cycles than before) starts the interval again.
     */
    static double overheadOf(LedgerSnapshot interval) {
        long total = interval.totalCycles();
        long vmm = 0;
        for (CostEvent.Category k : VIRTUALIZATION) {
            vmm += interval.cycles(k);
        }
        long nativeCycles = total - vmm;
        return nativeCycles <= 0 ? 1 : (double) total / nativeCycles;
    }

    private void sampleCost(LedgerSnapshot cost) {
        if (cost == null) {
            return;
        }
        LedgerSnapshot interval = lastCost == null || !lastCost.presetId().equals(cost.presetId())
                || cost.totalCycles() < lastCost.totalCycles() ? cost : cost.minus(lastCost);
        lastCost = cost;
        if (interval.totalCycles() == 0) {
            overhead.add(overhead.latest() == 0 ? 1 : overhead.latest()); // nothing ran: the last ratio holds
            return;
        }
        double o = overheadOf(interval);
        overhead.add(o);
        double all = overheadOf(cost);
        nextOverhead = String.format(Locale.ROOT, "Simulated-cycle overhead vs native: %.2f× now, %.2f× since power-on "
                + "(cost preset %s; estimated from this VM's ledger: cycles charged to the VMM ÷ the rest).",
                o, all, cost.presetId());
    }

    private void showCounters(VmmCounters.Snapshot now, VmmCounters.Snapshot before, double seconds) {
        if (now == null) {
            return;
        }
        List<CounterRow> out = new ArrayList<>();
        for (VmmCounters.Kind k : VmmCounters.Kind.values()) {
            long n = now.get(k);
            double rate = before == null ? 0 : Math.max(0, n - before.get(k)) / seconds;
            out.add(new CounterRow(label(k), n, rate));
        }
        nextRows = out;
        dirty = true;
    }

    /** "EMULATED_INSTRUCTIONS" → "Emulated instructions". */
    static String label(VmmCounters.Kind k) {
        String s = k.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1).replace("gdt", "GDT").replace("rpl", "RPL")
                .replace("if ", "IF ");
    }

    private String describeRates(double ips, double tps, VmOutputs.Counters c) {
        String s = String.format(Locale.ROOT, "%s guest instructions/s", si(ips));
        if (technique == Technique.NATIVE) {
            s += " · no VMM (native): nothing traps";
        } else {
            s += String.format(Locale.ROOT, " · %s traps/s", si(tps));
            if (ips > 0) {
                s += String.format(Locale.ROOT, " · one trap every %s instructions", tps > 0 ? si(ips / tps) : "∞");
            }
        }
        return s + String.format(Locale.ROOT, " · %,d instructions in all", c.instructions());
    }

    private static String describeDrops(long events, long serial) {
        if (events == 0 && serial == 0) {
            return "Engine → UI rings: nothing dropped.";
        }
        return String.format(Locale.ROOT, "Engine → UI rings dropped %,d trace events and %,d serial chunks "
                + "(the counters above are exact; tables and timelines miss those events).", events, serial);
    }

    /** 1234567 → "1.23 M". */
    static String si(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        } else if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        } else if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    public Technique technique() {
        return technique;
    }

    /** Guest instructions per host second, one value per sample. */
    public Series instructionsPerSecond() {
        return instructions;
    }

    /** Simulated-cycle overhead against native (×), one value per sample; empty without a cost ledger. */
    public Series overhead() {
        return overhead;
    }

    /** VMM entries (traps, intercepted events) per host second, one value per sample. */
    public Series trapsPerSecond() {
        return traps;
    }

    public ObservableList<CounterRow> counterRows() {
        return FXCollections.unmodifiableObservableList(counterRows);
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dropsTextProperty() {
        return dropsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty overheadTextProperty() {
        return overheadText.getReadOnlyProperty();
    }

    /** Changes at every refresh (after a sample, a change of drops, coming to the front): the charts redraw on it. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }
}
