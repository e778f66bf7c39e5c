package dev.ringmaster.app.pulse;

/**
 * Decides when a pane redraws what its model took in, free of any toolkit. A view model takes every
 * batch of events at the pulse rate (its counts, drop counts and data stay exact), but touches its
 * observable state — the table rows, the version a canvas repaints on — only when its gate says so:
 * while its pane is showing, at most {@code maxHz} times a second; at once when the pane comes to the
 * front or something the user is waiting for happened ({@link #force()}: a step, a pause, a filter
 * change); never while it is hidden behind another tab or in a minimised window. A human reads a
 * table at a few updates a second; the frame rate of the window is what the gate buys.
 *
 * <p>Consumer thread only (the FX thread in the application).
 */
public final class RefreshGate {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long periodNanos;
    private boolean showing = true;
    private boolean pending = true;
    private long last = Long.MIN_VALUE;
    private long refreshes;

    /** @param maxHz refreshes per second at most while showing, 1–60 */
    public RefreshGate(int maxHz) {
        if (maxHz < 1 || maxHz > 60) {
            throw new IllegalArgumentException("refresh rate " + maxHz + " Hz is outside 1–60 Hz");
        }
        periodNanos = NANOS_PER_SECOND / maxHz;
    }

    /** Whether the pane is on screen now (told once per pulse by its window). Coming to the front refreshes. */
    public void setShowing(boolean now) {
        if (now && !showing) {
            pending = true;
        }
        showing = now;
    }

    public boolean isShowing() {
        return showing;
    }

    /** The next {@link #due} while showing answers yes, however recent the last refresh. */
    public void force() {
        pending = true;
    }

    /**
     * Whether to refresh now, at the frame time {@code nowNanos}; a yes counts as the refresh. A
     * hidden pane is never due, but remembers that it has something to show when it comes back.
     */
    public boolean due(long nowNanos) {
        if (!showing) {
            pending = true;
            return false;
        }
        // a frame a little early still counts: frame timers jitter around their rate
        if (!pending && last != Long.MIN_VALUE && nowNanos - last < periodNanos - periodNanos / 4) {
            return false;
        }
        pending = false;
        last = nowNanos;
        refreshes++;
        return true;
    }

    /** Refreshes granted so far. */
    public long refreshes() {
        return refreshes;
    }

    /** The shortest time between two refreshes that were not forced, in nanoseconds. */
    public long periodNanos() {
        return periodNanos;
    }
}
