package dev.ringmaster.app.panes;

import java.util.Arrays;

/**
 * A small software raster, free of any toolkit: an {@code int[]} of pixels, 0xAARRGGBB, row after
 * row, that a pane fills with rectangles, one-pixel lines and small dots and then hands to the
 * toolkit in one piece (a JavaFX {@code WritableImage} through its {@code PixelWriter}). Drawing here
 * costs a few array writes a pixel, against an anti-aliased path through the renderer for every shape
 * of a canvas, which is what a timeline repainted thirty times a second in four windows cannot
 * afford on a software pipeline.
 *
 * <p>Colours are written as given: opaque colours (alpha 0xFF) and {@link #TRANSPARENT} are the same
 * premultiplied or not, so the pixels suit an ARGB or a premultiplied ARGB pixel format. Everything
 * outside the raster is clipped. Not thread-safe.
 */
public final class PixelRaster {
    public static final int TRANSPARENT = 0;

    /** The dot's shape: a disc five pixels across (the corners left out); {@link #dot}'s unclipped path draws the same. */
    private static final String[] DOT = {
        ".###.",
        "#####",
        "#####",
        "#####",
        ".###.",
    };

    private int width;
    private int height;
    private int[] pixels;

    public PixelRaster(int width, int height) {
        resize(width, height);
    }

    /** An opaque colour from 0xRRGGBB. */
    public static int opaque(int rgb) {
        return 0xFF000000 | (rgb & 0xFFFFFF);
    }

    /** An opaque grey, {@code level} 0 (black) to 1 (white), as {@code Color.gray(level)}. */
    public static int gray(double level) {
        int v = (int) Math.round(Math.max(0, Math.min(1, level)) * 255);
        return 0xFF000000 | v << 16 | v << 8 | v;
    }

    /**
     * Makes the raster {@code width} × {@code height} pixels (at least 1 × 1), all transparent; keeps
     * the array when it is large enough.
     *
     * @return whether the size changed
     */
    public boolean resize(int width, int height) {
        int w = Math.max(1, width);
        int h = Math.max(1, height);
        boolean changed = w != this.width || h != this.height;
        this.width = w;
        this.height = h;
        if (pixels == null || pixels.length < w * h) {
            pixels = new int[w * h];
        } else {
            Arrays.fill(pixels, 0, w * h, TRANSPARENT);
        }
        return changed;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, row after row, {@code width} a row; the array may be longer than width × height. */
    public int[] pixels() {
        return pixels;
    }

    /** The pixel at ({@code x}, {@code y}), 0xAARRGGBB. */
    public int get(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + " × " + height);
        }
        return pixels[y * width + x];
    }

    /** Every pixel set to {@code argb}. */
    public void clear(int argb) {
        Arrays.fill(pixels, 0, width * height, argb);
    }

    /** The rectangle from ({@code x}, {@code y}), {@code w} × {@code h} pixels, clipped. */
    public void fillRect(int x, int y, int w, int h, int argb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + Math.max(0, w));
        int y1 = Math.min(height, y + Math.max(0, h));
        if (x0 >= x1) {
            return;
        }
        for (int row = y0; row < y1; row++) {
            Arrays.fill(pixels, row * width + x0, row * width + x1, argb);
        }
    }

    /**
     * A horizontal line from column {@code x0} to {@code x1} (both included, either order), from row
     * {@code y} down, {@code thickness} rows thick.
     */
    public void horizontalLine(int x0, int x1, int y, int thickness, int argb) {
        int from = Math.min(x0, x1);
        fillRect(from, y, Math.max(x0, x1) - from + 1, thickness, argb);
    }

    /** A vertical line from row {@code y0} to {@code y1} (both included, either order) in column {@code x}. */
    public void verticalLine(int x, int y0, int y1, int argb) {
        if (x < 0 || x >= width) {
            return;
        }
        int to = Math.min(height - 1, Math.max(y0, y1));
        for (int at = Math.max(0, Math.min(y0, y1)) * width + x, end = to * width + x; at <= end; at += width) {
            pixels[at] = argb;
        }
    }

    /** A line from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}), both ends included (Bresenham), one pixel wide. */
    public void line(int x0, int y0, int x1, int y1, int argb) {
        line(x0, y0, x1, y1, 1, argb);
    }

    /**
     * A line {@code thickness} pixels wide: a square of that side at every pixel of the one-pixel line
     * (its top left corner {@code (thickness - 1) / 2} up and left of the pixel).
     */
    public void line(int x0, int y0, int x1, int y1, int thickness, int argb) {
        int t = Math.max(1, thickness);
        int back = (t - 1) / 2;
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        int x = x0;
        int y = y0;
        while (true) {
            if (t == 1) {
                set(x, y, argb);
            } else {
                fillRect(x - back, y - back, t, t, argb);
            }
            if (x == x1 && y == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y += sy;
            }
        }
    }

    /** A dot five pixels across centred on ({@code cx}, {@code cy}). */
    public void dot(int cx, int cy, int argb) {
        int r = DOT.length / 2;
        if (cx >= r && cy >= r && cx + r < width && cy + r < height) { // inside: no clipping (the usual case)
            int at = (cy - r) * width + cx;
            pixels[at - 1] = argb;
            pixels[at] = argb;
            pixels[at + 1] = argb;
            for (int row = 1; row < DOT.length - 1; row++) {
                at += width;
                java.util.Arrays.fill(pixels, at - r, at + r + 1, argb);
            }
            at += width;
            pixels[at - 1] = argb;
            pixels[at] = argb;
            pixels[at + 1] = argb;
            return;
        }
        for (int dy = 0; dy < DOT.length; dy++) {
            String row = DOT[dy];
            for (int dx = 0; dx < row.length(); dx++) {
                if (row.charAt(dx) == '#') {
                    set(cx - r + dx, cy - r + dy, argb);
                }
            }
        }
    }

    /** One pixel, ignored outside the raster. */
    public void set(int x, int y, int argb) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            pixels[y * width + x] = argb;
        }
    }
}
