package dev.ringmaster.app.panes;

/**
 * One VM's activity for the manager's sparklines: from counter samples taken on the UI pulse
 * (timestamps from the pulse, counters the VM thread published) it keeps, for the last
 * {@link #POINTS} periods of {@link #PERIOD_NANOS} (one minute), the host CPU use of the VM's engine
 * thread in percent of one core, guest MIPS (millions of instructions per second) and VMM traps (or
 * VM exits) per second. A point is made each time a period has passed since the last one, from the
 * counters' difference over the time that really passed; counters that went back (the VM was reset or
 * started again) start a new baseline instead of a point. Toolkit-free and deterministic.
 */
public final class VmActivity {
    /** Time between two points of a sparkline. */
    public static final long PERIOD_NANOS = 500_000_000L;
    /** Points kept: one minute. */
    public static final int POINTS = 120;
    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * Counters of a VM at one moment.
     *
     * @param atNanos      when they were read (the pulse's clock)
     * @param instructions guest instructions retired since power-on
     * @param vmmTraps     events that reached the VMM since power-on
     * @param hostCpuNanos CPU time of the VM's engine thread, or -1 when unknown
     */
    public record Sample(long atNanos, long instructions, long vmmTraps, long hostCpuNanos) {
    }

    /** One point: rates over one period. {@code hostCpuPercent} is NaN when the host CPU time is unknown. */
    public record Rates(double hostCpuPercent, double mips, double trapsPerSecond) {
        public static final Rates ZERO = new Rates(0, 0, 0);
    }

    private final double[] cpu = new double[POINTS];
    private final double[] mips = new double[POINTS];
    private final double[] traps = new double[POINTS];
    private int size;
    private int next;
    private Sample base;
    private long lastPointAt = Long.MIN_VALUE / 2;
    private Rates latest = Rates.ZERO;
    private long version;

    /**
     * Takes a sample of a live VM.
     *
     * @return true when it made a new point
     */
    public boolean sample(Sample s) {
        if (base == null || s.instructions() < base.instructions() || s.vmmTraps() < base.vmmTraps()
                || s.atNanos() < base.atNanos()) {
            base = s;
            return false;
        }
        long dt = s.atNanos() - base.atNanos();
        if (dt < PERIOD_NANOS) {
            return false;
        }
        double seconds = dt / NANOS_PER_SECOND;
        double host = s.hostCpuNanos() < 0 || base.hostCpuNanos() < 0 ? Double.NaN
                : Math.max(0, Math.min(100, 100.0 * (s.hostCpuNanos() - base.hostCpuNanos()) / dt));
        add(new Rates(host, (s.instructions() - base.instructions()) / seconds / 1e6,
                (s.vmmTraps() - base.vmmTraps()) / seconds));
        base = s;
        lastPointAt = s.atNanos();
        return true;
    }

    /**
     * Time passes for a VM that does not run (shut off, or gone): a zero point each period, so that
     * its sparklines fall to zero as virt-manager's do; the next sample starts a new baseline.
     *
     * @return true when it made a new point
     */
    public boolean idle(long atNanos) {
        base = null; // the next sample is a new baseline
        if (size == 0 || atNanos - lastPointAt < PERIOD_NANOS) {
            return false; // a VM that never ran has no sparkline yet
        }
        lastPointAt = atNanos;
        add(Rates.ZERO);
        return true;
    }

    private void add(Rates r) {
        cpu[next] = r.hostCpuPercent();
        mips[next] = r.mips();
        traps[next] = r.trapsPerSecond();
        next = (next + 1) % POINTS;
        size = Math.min(POINTS, size + 1);
        latest = r;
        version++;
    }

    /** The sparklines. */
    public enum Series {
        HOST_CPU, MIPS, TRAPS
    }

    /** A sparkline's points, oldest first (at most {@link #POINTS}). */
    public double[] values(Series series) {
        double[] ring = switch (series) {
            case HOST_CPU -> cpu;
            case MIPS -> mips;
            case TRAPS -> traps;
        };
        double[] out = new double[size];
        int start = (next - size + POINTS) % POINTS;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % POINTS];
        }
        return out;
    }

    /** The newest point (zeros before the first). */
    public Rates latest() {
        return latest;
    }

    /** Changes each time a point is added: cells redraw when it differs from what they drew. */
    public long version() {
        return version;
    }
}
