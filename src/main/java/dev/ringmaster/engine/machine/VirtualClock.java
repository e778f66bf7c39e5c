package dev.ringmaster.engine.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine's virtual time, counted in simulated CPU cycles (DESIGN §3, §5). Everything that
 * happens "later" in a device (the PIT's next terminal count, the UART's transmit-done) is a
 * {@link Timer} armed at an absolute cycle; the run loop executes instructions until
 * {@link #nextDeadline()} and then calls {@link #runDue()}. Nothing here reads the host clock, so a
 * run is deterministic.
 */
public final class VirtualClock {
    /** Default simulated CPU frequency: converts cycles to seconds for devices and the guest clock. */
    public static final long DEFAULT_HZ = 1_000_000_000L;

    /** A one-shot event at an absolute cycle count. Re-arm it from its callback for periodic behaviour. */
    public final class Timer {
        private final String name;
        private final Runnable callback;
        private long deadline = Long.MAX_VALUE;
        private boolean armed;

        private Timer(String name, Runnable callback) {
            this.name = name;
            this.callback = callback;
        }

        public String name() {
            return name;
        }

        /** Arms (or re-arms) the timer to fire once {@link #now()} reaches {@code atCycle}. */
        public void armAt(long atCycle) {
            deadline = atCycle;
            armed = true;
            recomputeNext();
        }

        /** Arms the timer {@code cycles} from now. */
        public void armIn(long cycles) {
            armAt(now + Math.max(0, cycles));
        }

        public void cancel() {
            armed = false;
            deadline = Long.MAX_VALUE;
            recomputeNext();
        }

        public boolean armed() {
            return armed;
        }

        public long deadline() {
            return deadline;
        }
    }

    private final long hz;
    private long now;
    private long next = Long.MAX_VALUE;
    private final List<Timer> timers = new ArrayList<>();
    private java.util.function.LongConsumer deadlineListener;

    public VirtualClock() {
        this(DEFAULT_HZ);
    }

    public VirtualClock(long hz) {
        if (hz <= 0) {
            throw new IllegalArgumentException("clock frequency must be positive: " + hz);
        }
        this.hz = hz;
    }

    /** Cycles since power-on. */
    public long now() {
        return now;
    }

    /** Simulated cycles per second. */
    public long hz() {
        return hz;
    }

    /** Virtual nanoseconds since power-on. */
    public long nanos() {
        return (now / hz) * 1_000_000_000L + (now % hz) * 1_000_000_000L / hz;
    }

    /** Converts a duration in virtual nanoseconds into cycles (rounded up, at least 1 for positive input). */
    public long cyclesForNanos(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((double) nanos * hz / 1e9));
    }

    /** Creates a timer; it is not armed until {@link Timer#armAt} or {@link Timer#armIn}. */
    public Timer newTimer(String name, Runnable callback) {
        Timer t = new Timer(name, callback);
        timers.add(t);
        return t;
    }

    /** The earliest armed deadline, or {@link Long#MAX_VALUE} when nothing is armed. */
    public long nextDeadline() {
        return next;
    }

    /** Moves time forward (by the cycles just executed). Does not fire timers: call {@link #runDue()}. */
    public void advance(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("time does not go backwards: " + cycles);
        }
        now += cycles;
    }

    /** Sets the absolute time (snapshot restore). */
    public void setNow(long cycles) {
        now = cycles;
    }

    /** Fires, in deadline order, every armed timer whose deadline has been reached. */
    public void runDue() {
        while (next <= now) {
            Timer due = null;
            for (Timer t : timers) {
                if (t.armed && t.deadline <= now && (due == null || t.deadline < due.deadline)) {
                    due = t;
                }
            }
            if (due == null) {
                recomputeNext();
                return;
            }
            due.armed = false;
            due.deadline = Long.MAX_VALUE;
            recomputeNext();
            due.callback.run();
        }
    }

    private void recomputeNext() {
        long n = Long.MAX_VALUE;
        for (Timer t : timers) {
            if (t.armed && t.deadline < n) {
                n = t.deadline;
            }
        }
        boolean earlier = n < next;
        next = n;
        if (earlier && deadlineListener != null) {
            deadlineListener.accept(n);
        }
    }

    /**
     * Called with the new {@link #nextDeadline()} whenever arming a timer makes it earlier — the run
     * loop uses it to stop the CPU in time when a device arms a timer during an I/O access.
     */
    public void setDeadlineListener(java.util.function.LongConsumer listener) {
        this.deadlineListener = listener;
    }
}
