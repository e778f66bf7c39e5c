package dev.ringmaster.app.prefs;

/**
 * Where a window was and how large, so that it reopens the same way: {@code x}, {@code y} are the
 * window's position on the screen, {@code width} × {@code height} the size of its content (the
 * window without its frame). Sizes are at least {@link #MIN_SIZE}; the position is checked against
 * the screens when the window is restored (a monitor may have gone away since).
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    public static final double MIN_SIZE = 200;
    private static final double MAX_COORDINATE = 1e6;

    public WindowGeometry {
        for (double v : new double[] {x, y}) {
            if (!Double.isFinite(v) || Math.abs(v) > MAX_COORDINATE) {
                throw new IllegalArgumentException("window position out of range: " + v);
            }
        }
        for (double v : new double[] {width, height}) {
            if (!Double.isFinite(v) || v < MIN_SIZE || v > MAX_COORDINATE) {
                throw new IllegalArgumentException("window size out of range (" + MIN_SIZE + " or more): " + v);
            }
        }
    }
}
