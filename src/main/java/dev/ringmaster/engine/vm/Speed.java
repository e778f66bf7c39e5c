package dev.ringmaster.engine.vm;

/**
 * How fast a VM runs relative to the host's clock (the classroom's speed control). Pacing only waits
 * between slices of execution: it never changes what the guest computes or sees (virtual time comes
 * from simulated cycles), so a paced run and a full-speed run give the same transcript.
 *
 * @param mode   FULL: as fast as the host allows; PACED: virtual time follows wall-clock time divided by
 *               {@code slowdown} (1 = real time, 10 = ten times slower)
 * @param slowdown how many wall-clock seconds one virtual second takes (PACED only, at least 1)
 */
public record Speed(Mode mode, double slowdown) {
    public enum Mode { FULL, PACED }

    public static final Speed FULL = new Speed(Mode.FULL, 1);
    public static final Speed REAL_TIME = new Speed(Mode.PACED, 1);

    public Speed {
        if (!(slowdown >= 1) || Double.isInfinite(slowdown)) {
            throw new IllegalArgumentException("slowdown must be at least 1: " + slowdown);
        }
    }

    public static Speed slowMotion(double factor) {
        return new Speed(Mode.PACED, factor);
    }
}
