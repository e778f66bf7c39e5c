package dev.ringmaster.app.panes.rings;

import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;

/**
 * The rings pane's model, fed with trace-event batches on the pulse. It keeps the current CPL (from
 * the last ring transition), the recent transitions for the timeline (x = retired instructions; the
 * window ends at the newest instruction count any event carried, so it scrolls as the VM runs), and
 * transitions per second by kind over the last second of host time. Where the guest kernel and the
 * VMM run comes from the VM's {@link Technique}.
 *
 * <p>Every batch is taken in (the marks, counts and rates stay exact), but what the pane shows — the
 * CPL, the right edge of the timeline, the rates text and the version the pane repaints on — is
 * published only when its {@link #refresh() gate} says so: at most {@link #REFRESH_HZ} times a second
 * while the pane is showing, never while it is hidden (it catches up when it comes to the front).
 */
public final class RingsViewModel {
    /** Transitions kept for the timeline. */
    public static final int MAX_MARKS = 4096;
    public static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    public static final long DEFAULT_WINDOW_INSTRUCTIONS = 50_000;
    /** Repaints a second at most: the timeline is an animation, scrolling as the VM runs. */
    public static final int REFRESH_HZ = 30;
    /** The rates text changes at most every quarter second: numbers changing faster cannot be read. */
    public static final long RATES_TEXT_NANOS = 250_000_000L;

    /** One transition on the timeline. */
    public record Mark(long instructions, int from, int to, TransitionKind kind, int eip) {
    }

    /**
     * The transitions inside the published window, oldest first, read in place (nothing copied): a
     * view of the model's ring buffer, valid until the next batch is taken in.
     */
    public final class Marks {
        private final int first;
        private final int size;
        private final int ringBefore;

        private Marks(int first, int size, int ringBefore) {
            this.first = first;
            this.size = size;
            this.ringBefore = ringBefore;
        }

        public int size() {
            return size;
        }

        public long instructions(int i) {
            return markInstructions[slot(i)];
        }

        public int from(int i) {
            return markFrom[slot(i)];
        }

        public int to(int i) {
            return markTo[slot(i)];
        }

        public TransitionKind kind(int i) {
            return KINDS[markKind[slot(i)]];
        }

        public int eip(int i) {
            return markEip[slot(i)];
        }

        public Mark get(int i) {
            int s = slot(i);
            return new Mark(markInstructions[s], markFrom[s], markTo[s], KINDS[markKind[s]], markEip[s]);
        }

        /** The ring the CPU was in at the left edge of the window (the last transition before it), or -1. */
        public int ringAtStart() {
            return ringBefore;
        }

        private int slot(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i + " of " + size);
            }
            return (head + first + i) & MASK;
        }
    }

    private static final TransitionKind[] KINDS = TransitionKind.values();
    /** The kind of each cause, by the cause's ordinal (no switch per event). */
    private static final byte[] KIND_OF_CAUSE = new byte[TraceEvent.Cause.values().length];
    private static final int MASK = MAX_MARKS - 1;

    static {
        if (Integer.bitCount(MAX_MARKS) != 1) {
            throw new AssertionError("MAX_MARKS must be a power of two");
        }
        for (TraceEvent.Cause c : TraceEvent.Cause.values()) {
            KIND_OF_CAUSE[c.ordinal()] = (byte) TransitionKind.of(c).ordinal();
        }
    }

    private final Technique technique;
    private final ReadOnlyIntegerWrapper cpl = new ReadOnlyIntegerWrapper(this, "cpl", -1);
    private final ReadOnlyLongWrapper newestInstructions = new ReadOnlyLongWrapper(this, "newestInstructions");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyStringWrapper ratesText = new ReadOnlyStringWrapper(this, "ratesText", "");
    private final LongProperty windowInstructions = new SimpleLongProperty(this, "windowInstructions",
            DEFAULT_WINDOW_INSTRUCTIONS);
    /*
     * The marks: a ring buffer of MAX_MARKS in parallel primitive arrays (the oldest at head; a new
     * mark over a full buffer overwrites the oldest), so taking a transition in allocates nothing.
     */
    private final long[] markInstructions = new long[MAX_MARKS];
    private final int[] markFrom = new int[MAX_MARKS];
    private final int[] markTo = new int[MAX_MARKS];
    private final byte[] markKind = new byte[MAX_MARKS];
    private final int[] markEip = new int[MAX_MARKS];
    private int head;
    private int count;
    /*
     * The transitions per kind of each batch of the last second (a ring of buckets, one per batch,
     * grown when needed) and their sum, kept as buckets come and go.
     */
    private long[] bucketNanos = new long[64];
    private int[][] bucketCounts = new int[64][KINDS.length];
    private int bucketHead;
    private int bucketCount;
    private final int[] windowCounts = new int[KINDS.length];
    private final double[] rates = new double[KINDS.length];
    private final RefreshGate refresh = new RefreshGate(REFRESH_HZ);
    private long total;
    /** What was taken in and not yet published: the CPL, the newest instruction count, the drops. */
    private int ring = -1;
    private long newest;
    private long droppedTotal;
    /** Something was taken in since the last publication (or the pane came back and must repaint). */
    private boolean dirty;
    /** When the rates text last changed; whether a refresh since has newer rates for it. */
    private long ratesTextNanos = Long.MIN_VALUE;
    private boolean ratesPending;

    public RingsViewModel(Technique technique) {
        this.technique = Objects.requireNonNull(technique, "technique");
        ratesText.set(describeRates());
    }

    public Technique technique() {
        return technique;
    }

    /** The ring the guest kernel runs in under this technique. */
    public int guestKernelRing() {
        return technique.guestKernelRing();
    }

    /** Where the VMM runs: 0 for trap-and-emulate, BT and PV; -1 (VMX root mode, "ring −1") for hardware-assisted; null without a VMM. */
    public Integer vmmRing() {
        return switch (technique) {
            case NATIVE, CONTAINER -> null;
            case HW -> -1;
            case TRAP, BT, PV -> 0;
        };
    }

    /**
     * One pulse's batch of trace events, drained at host time {@code nowNanos}; published when due.
     * Every event is taken in; only ring transitions are kept, in primitive arrays (nothing is
     * allocated per event).
     */
    public void onPulse(List<TraceEvent> batch, long droppedTotal, long nowNanos) {
        int[] counts = newBucket(nowNanos);
        long newest = this.newest;
        int ring = this.ring;
        int taken = 0;
        int n = batch.size();
        for (int i = 0; i < n; i++) {
            TraceEvent e = batch.get(i);
            long instructions = e.instructions();
            if (instructions > newest) {
                newest = instructions;
            }
            if (e instanceof TraceEvent.RingTransition t) {
                int kind = KIND_OF_CAUSE[t.cause().ordinal()];
                counts[kind]++;
                int slot;
                if (count < MAX_MARKS) {
                    slot = (head + count++) & MASK;
                } else { // full: the newest takes the oldest's place
                    slot = head;
                    head = (head + 1) & MASK;
                }
                markInstructions[slot] = instructions;
                markFrom[slot] = t.from();
                markTo[slot] = ring = t.to();
                markKind[slot] = (byte) kind;
                markEip[slot] = t.eip();
                taken++;
            }
        }
        this.newest = newest;
        this.ring = ring;
        total += taken;
        for (int k = 0; k < counts.length; k++) {
            windowCounts[k] += counts[k];
        }
        // the buckets that left the last second, oldest first
        while (bucketCount > 0 && bucketNanos[bucketHead] <= nowNanos - RATE_WINDOW_NANOS) {
            int[] old = bucketCounts[bucketHead];
            for (int k = 0; k < old.length; k++) {
                windowCounts[k] -= old[k];
            }
            bucketHead = (bucketHead + 1) % bucketNanos.length;
            bucketCount--;
        }
        for (int k = 0; k < rates.length; k++) {
            rates[k] = windowCounts[k] * (1e9 / RATE_WINDOW_NANOS);
        }
        this.droppedTotal = droppedTotal;
        dirty = true;
        pulse(nowNanos);
    }

    /** A cleared bucket for a batch at {@code nowNanos}, at the newest end of the ring (grown when full). */
    private int[] newBucket(long nowNanos) {
        if (bucketCount == bucketNanos.length) {
            long[] nanos = new long[bucketCount * 2];
            int[][] counts = new int[bucketCount * 2][];
            for (int i = 0; i < bucketCount; i++) {
                int j = (bucketHead + i) % bucketCount;
                nanos[i] = bucketNanos[j];
                counts[i] = bucketCounts[j];
            }
            for (int i = bucketCount; i < counts.length; i++) {
                counts[i] = new int[KINDS.length];
            }
            bucketNanos = nanos;
            bucketCounts = counts;
            bucketHead = 0;
        }
        int slot = (bucketHead + bucketCount) % bucketNanos.length;
        bucketCount++;
        bucketNanos[slot] = nowNanos;
        int[] counts = bucketCounts[slot];
        java.util.Arrays.fill(counts, 0);
        return counts;
    }

    /**
     * Whether the pane is on screen (told by its window at every pulse). Coming to the front publishes
     * at the next {@link #pulse}, whether or not anything arrived while it was hidden.
     */
    public void setShowing(boolean showing) {
        if (showing && !refresh.isShowing()) {
            dirty = true;
            ratesTextNanos = Long.MIN_VALUE;
        }
        refresh.setShowing(showing);
    }

    /**
     * The pulse at host time {@code nowNanos} (also without events): publishes what was taken in when
     * the gate says it is time — once per batch at most, so the label and the picture change once per
     * refresh, not per event.
     */
    public void pulse(long nowNanos) {
        if (dirty && refresh.due(nowNanos)) {
            dirty = false;
            ratesPending = true;
            cpl.set(ring);
            newestInstructions.set(newest);
            dropped.set(droppedTotal);
            version.set(version.get() + 1);
        }
        if (ratesPending && refresh.isShowing()
                && (ratesTextNanos == Long.MIN_VALUE || nowNanos - ratesTextNanos >= RATES_TEXT_NANOS)) {
            ratesPending = false;
            ratesTextNanos = nowNanos;
            String text = describeRates();
            if (!text.equals(ratesText.get())) {
                ratesText.set(text);
            }
        }
    }

    /** When the pane repaints: while showing, at most {@link #REFRESH_HZ} times a second. */
    public RefreshGate refresh() {
        return refresh;
    }

    /** Transitions per second of {@code kind}, over the last second. */
    public double rate(TransitionKind kind) {
        return rates[kind.ordinal()];
    }

    /** "System call 120/s · Interrupt 18/s …" (kinds with no transitions in the last second left out). */
    private String describeRates() {
        StringBuilder sb = new StringBuilder();
        for (TransitionKind k : KINDS) {
            double r = rates[k.ordinal()];
            if (r > 0) {
                if (sb.length() > 0) {
                    sb.append(" · ");
                }
                sb.append(k.label()).append(' ').append(Math.round(r)).append("/s");
            }
        }
        String s = sb.length() == 0 ? "No ring transitions in the last second" : sb.toString();
        return dropped.get() > 0 ? s + " · " + dropped.get() + " events dropped (timeline incomplete)" : s;
    }

    /**
     * The transitions inside the published window (it ends at the newest instruction count published),
     * oldest first, read in place; those taken in since are left for the next refresh. The marks are
     * in the order they came, their instruction counts never decreasing: the search goes back from
     * the newest and stops at the window's left edge.
     */
    public Marks visible() {
        long end = newestInstructions.get();
        long start = end - windowInstructions.get();
        int i = count - 1;
        while (i >= 0 && markInstructions[(head + i) & MASK] > end) {
            i--;
        }
        int last = i;
        while (i >= 0 && markInstructions[(head + i) & MASK] >= start) {
            i--;
        }
        int ringBefore = i >= 0 ? markTo[(head + i) & MASK] : count == 0 ? cpl.get() : markFrom[head];
        return new Marks(i + 1, last - i, ringBefore);
    }

    /** As {@link #visible()}, copied into a list of marks. */
    public List<Mark> visibleMarks() {
        Marks v = visible();
        List<Mark> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(v.get(i));
        }
        return out;
    }

    /** The ring the CPU was in at the left edge of the published window (the last transition before it), or -1. */
    public int ringAtWindowStart() {
        return visible().ringAtStart();
    }

    /** The CPU's current privilege level, from the last transition published (-1 before any). */
    public ReadOnlyIntegerProperty cplProperty() {
        return cpl.getReadOnlyProperty();
    }

    /** The newest instruction count published: the right edge of the timeline. */
    public ReadOnlyLongProperty newestInstructionsProperty() {
        return newestInstructions.getReadOnlyProperty();
    }

    /** Instructions shown across the timeline. */
    public LongProperty windowInstructionsProperty() {
        return windowInstructions;
    }

    /** Changes at every refresh that publishes something: the pane repaints on it. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ratesTextProperty() {
        return ratesText.getReadOnlyProperty();
    }

    /** Ring transitions seen since the pane opened. */
    public long totalTransitions() {
        return total;
    }
}
