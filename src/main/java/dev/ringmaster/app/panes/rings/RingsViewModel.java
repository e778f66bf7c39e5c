package dev.ringmaster.app.panes.rings;

import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

    private record Bucket(long nanos, int[] counts) {
    }

    private final Technique technique;
    private final ReadOnlyIntegerWrapper cpl = new ReadOnlyIntegerWrapper(this, "cpl", -1);
    private final ReadOnlyLongWrapper newestInstructions = new ReadOnlyLongWrapper(this, "newestInstructions");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyStringWrapper ratesText = new ReadOnlyStringWrapper(this, "ratesText", "");
    private final LongProperty windowInstructions = new SimpleLongProperty(this, "windowInstructions",
            DEFAULT_WINDOW_INSTRUCTIONS);
    private final Deque<Mark> marks = new ArrayDeque<>();
    private final Deque<Bucket> buckets = new ArrayDeque<>();
    private final Map<TransitionKind, Double> rates = new EnumMap<>(TransitionKind.class);
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
        for (TransitionKind k : TransitionKind.values()) {
            rates.put(k, 0.0);
        }
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

    /** One pulse's batch of trace events, drained at host time {@code nowNanos}; published when due. */
    public void onPulse(List<TraceEvent> batch, long droppedTotal, long nowNanos) {
        int[] counts = new int[TransitionKind.values().length];
        for (TraceEvent e : batch) {
            newest = Math.max(newest, e.instructions());
            if (e instanceof TraceEvent.RingTransition t) {
                TransitionKind kind = TransitionKind.of(t.cause());
                counts[kind.ordinal()]++;
                marks.addLast(new Mark(t.instructions(), t.from(), t.to(), kind, t.eip()));
                if (marks.size() > MAX_MARKS) {
                    marks.removeFirst();
                }
                ring = t.to();
                total++;
            }
        }
        buckets.addLast(new Bucket(nowNanos, counts));
        while (!buckets.isEmpty() && buckets.peekFirst().nanos() <= nowNanos - RATE_WINDOW_NANOS) {
            buckets.removeFirst();
        }
        int[] sum = new int[counts.length];
        for (Bucket b : buckets) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += b.counts()[i];
            }
        }
        for (TransitionKind k : TransitionKind.values()) {
            rates.put(k, sum[k.ordinal()] * (1e9 / RATE_WINDOW_NANOS));
        }
        this.droppedTotal = droppedTotal;
        dirty = true;
        pulse(nowNanos);
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
        return rates.get(kind);
    }

    /** "System call 120/s · Interrupt 18/s …" (kinds with no transitions in the last second left out). */
    private String describeRates() {
        StringBuilder sb = new StringBuilder();
        for (TransitionKind k : TransitionKind.values()) {
            double r = rates.get(k);
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
     * oldest first; those taken in since are left for the next refresh.
     */
    public List<Mark> visibleMarks() {
        long end = newestInstructions.get();
        long start = end - windowInstructions.get();
        List<Mark> out = new ArrayList<>();
        Iterator<Mark> it = marks.descendingIterator();
        while (it.hasNext()) {
            Mark m = it.next();
            if (m.instructions() > end) {
                continue;
            }
            if (m.instructions() < start) {
                break;
            }
            out.add(m);
        }
        Collections.reverse(out);
        return out;
    }

    /** The ring the CPU was in at the left edge of the published window (the last transition before it), or -1. */
    public int ringAtWindowStart() {
        long start = newestInstructions.get() - windowInstructions.get();
        Iterator<Mark> it = marks.descendingIterator();
        while (it.hasNext()) {
            Mark m = it.next();
            if (m.instructions() < start) {
                return m.to();
            }
        }
        return marks.isEmpty() ? cpl.get() : marks.peekFirst().from();
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
