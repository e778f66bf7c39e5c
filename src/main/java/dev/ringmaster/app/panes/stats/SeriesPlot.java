package dev.ringmaster.app.panes.stats;

import dev.ringmaster.app.panes.PixelRaster;

/**
 * Draws a statistics chart's plot into a {@link PixelRaster}, free of any toolkit: a light box with a
 * grey border below the row of the chart's title, and the series as a line two pixels wide inside
 * it, the newest sample at the right edge (a full history spans the box), scaled so that 110 % of the
 * series' maximum (at least 1) is the top.
 */
final class SeriesPlot {
    /** Left of the box. */
    static final int LEFT = 6;
    /** Above the box: the title's row. */
    static final int TOP = 20;
    static final int BORDER = PixelRaster.gray(0.8);
    static final int BACKGROUND = PixelRaster.gray(0.97);

    private SeriesPlot() {
    }

    static void draw(PixelRaster r, int w, int h, StatisticsViewModel.Series s, int rgb) {
        if (r.width() != w || r.height() != h) {
            r.resize(w, h);
        }
        r.clear(PixelRaster.TRANSPARENT);
        int boxW = Math.max(6, w - LEFT - 6);
        int boxH = Math.max(6, h - TOP - 6);
        r.fillRect(LEFT, TOP, boxW, boxH, BORDER);
        r.fillRect(LEFT + 1, TOP + 1, boxW - 2, boxH - 2, BACKGROUND);
        if (s.size() < 2) {
            return;
        }
        // the line's 2 × 2 squares stay inside the border: their corners span [1, box - 3]
        int spanX = boxW - 4;
        int spanY = boxH - 4;
        double max = Math.max(1, s.max()) * 1.1;
        double step = spanX / (double) (s.capacity() - 1);
        double x0 = spanX - (s.size() - 1) * step;
        int colour = PixelRaster.opaque(rgb);
        int px = 0;
        int py = 0;
        for (int i = 0; i < s.size(); i++) {
            int x = LEFT + 1 + (int) Math.round(x0 + i * step);
            int y = TOP + 1 + spanY - (int) Math.round(s.get(i) / max * spanY);
            if (i > 0) {
                r.line(px, py, x, y, 2, colour);
            }
            px = x;
            py = y;
        }
    }
}
