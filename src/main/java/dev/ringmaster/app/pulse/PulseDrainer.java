package dev.ringmaster.app.pulse;

import dev.ringmaster.engine.trace.EventRing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The consumer side of every engine → UI channel, free of any toolkit: rings are registered with a
 * sink and a per-pulse budget, and each pulse hands every sink one batch. The producer threads are
 * never waited for (an {@link EventRing} drops and counts what does not fit), and the UI does a
 * bounded amount of work per frame however fast the producers are: what exceeds a budget stays in
 * its ring for the next pulse (and, if the ring fills up, is dropped and counted there).
 *
 * <p>{@link #tick(long)} is called by a frame timer (see {@link FxPulse}) and drains at most at the
 * configured rate, 30–60 Hz. All methods but construction are for the consumer thread only.
 */
public final class PulseDrainer {
    public static final int MIN_HZ = 30;
    public static final int MAX_HZ = 60;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long periodNanos;
    /** A frame this much earlier than the period still counts: frame timers jitter around 60 Hz. */
    private final long slackNanos;
    private final Consumer<RuntimeException> errorHandler;
    private final List<Entry<?>> entries = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> tasks = new CopyOnWriteArrayList<>();
    private long lastDrain = Long.MIN_VALUE;
    private long pulses;

    /**
     * @param hz           drains per second, {@value #MIN_HZ}–{@value #MAX_HZ}
     * @param errorHandler told when a sink throws; the other sinks still get their batches
     */
    public PulseDrainer(int hz, Consumer<RuntimeException> errorHandler) {
        if (hz < MIN_HZ || hz > MAX_HZ) {
            throw new IllegalArgumentException("pulse rate " + hz + " Hz is outside " + MIN_HZ + "–" + MAX_HZ + " Hz");
        }
        this.periodNanos = NANOS_PER_SECOND / hz;
        this.slackNanos = periodNanos / 4;
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
    }

    /** A registered ring; {@link #close()} unregisters it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry<T> {
        final EventRing<T> ring;
        final int maxPerPulse;
        final PulseSink<T> sink;
        final ArrayList<T> buffer = new ArrayList<>();
        final List<T> view = Collections.unmodifiableList(buffer);
        long reportedDropped;

        Entry(EventRing<T> ring, int maxPerPulse, PulseSink<T> sink) {
            this.ring = ring;
            this.maxPerPulse = maxPerPulse;
            this.sink = sink;
        }

        /** Drains up to the budget and tells the sink when anything changed; returns how many were drained. */
        int drain(Consumer<RuntimeException> errorHandler) {
            buffer.clear();
            int n = ring.drain(buffer::add, maxPerPulse);
            long dropped = ring.dropped();
            if (n > 0 || dropped != reportedDropped) {
                reportedDropped = dropped;
                try {
                    sink.onPulse(view, dropped);
                } catch (RuntimeException e) {
                    errorHandler.accept(e);
                } finally {
                    buffer.clear();
                }
            }
            return n;
        }
    }

    /**
     * Registers a ring: each pulse drains at most {@code maxPerPulse} of its elements into {@code sink}.
     */
    public <T> Registration register(EventRing<T> ring, int maxPerPulse, PulseSink<T> sink) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(sink, "sink");
        if (maxPerPulse < 1) {
            throw new IllegalArgumentException("maxPerPulse must be at least 1: " + maxPerPulse);
        }
        Entry<T> e = new Entry<>(ring, maxPerPulse, sink);
        entries.add(e);
        return () -> entries.remove(e);
    }

    /**
     * Registers work done once per pulse after the rings are drained, with the pulse's time in
     * nanoseconds (polling what a VM published, e.g. its counters for the manager's sparklines). It
     * must be short and must not block.
     */
    public Registration everyPulse(java.util.function.LongConsumer task) {
        Objects.requireNonNull(task, "task");
        tasks.add(task);
        return () -> tasks.remove(task);
    }

    /** Number of registered rings. */
    public int registered() {
        return entries.size();
    }

    /** The time between drains, in nanoseconds. */
    public long periodNanos() {
        return periodNanos;
    }

    /** Drains performed so far. */
    public long pulses() {
        return pulses;
    }

    /**
     * Called on every frame with the frame's time: drains when a period has passed since the last
     * drain (within a quarter period of jitter).
     *
     * @return true when it drained
     */
    public boolean tick(long nowNanos) {
        if (lastDrain != Long.MIN_VALUE && nowNanos - lastDrain < periodNanos - slackNanos) {
            return false;
        }
        lastDrain = nowNanos;
        drainAll();
        for (java.util.function.LongConsumer t : tasks) {
            try {
                t.accept(nowNanos);
            } catch (RuntimeException e) {
                errorHandler.accept(e);
            }
        }
        return true;
    }

    /** One pulse: every registered ring, in registration order. @return elements drained in total */
    public int drainAll() {
        pulses++;
        int total = 0;
        for (Entry<?> e : entries) {
            total += e.drain(errorHandler);
        }
        return total;
    }
}
