package dev.ringmaster.app.panes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.app.panes.PixelRaster;
import org.junit.jupiter.api.Test;

/** A statistics chart's plot, rasterised without a toolkit. */
class SeriesPlotTest {
    static final int RED = 0xC62828;

    /** 26 × 40 pixels: the box is 14 × 14 from (6, 20), the line's squares span 10 pixels each way inside it. */
    static PixelRaster plot(StatisticsViewModel.Series s) {
        PixelRaster r = new PixelRaster(1, 1);
        SeriesPlot.draw(r, 26, 40, s, RED);
        return r;
    }

    @Test
    void anEmptySeriesIsAnEmptyBoxBelowTheTitle() {
        PixelRaster r = plot(new StatisticsViewModel.Series(3));
        assertEquals(PixelRaster.TRANSPARENT, r.get(10, 19), "the title's row");
        assertEquals(SeriesPlot.BORDER, r.get(6, 20));
        assertEquals(SeriesPlot.BORDER, r.get(19, 33));
        assertEquals(PixelRaster.TRANSPARENT, r.get(20, 25));
        assertEquals(SeriesPlot.BACKGROUND, r.get(7, 21));
        assertEquals(SeriesPlot.BACKGROUND, r.get(18, 32));
    }

    @Test
    void theNewestSampleIsAtTheRightAndTheLineStaysInsideTheBorder() {
        StatisticsViewModel.Series s = new StatisticsViewModel.Series(3);
        s.add(0);
        s.add(0);
        PixelRaster r = plot(s);
        int red = PixelRaster.opaque(RED);
        // two samples of three: the right half of the box, along the bottom, two pixels thick
        for (int x = 12; x <= 18; x++) {
            assertEquals(red, r.get(x, 31), "column " + x);
            assertEquals(red, r.get(x, 32), "column " + x);
        }
        assertEquals(SeriesPlot.BACKGROUND, r.get(11, 31), "no sample further left");
        assertEquals(SeriesPlot.BORDER, r.get(19, 31));
        assertEquals(SeriesPlot.BORDER, r.get(15, 33));
        assertEquals(SeriesPlot.BACKGROUND, r.get(15, 30));
    }

    @Test
    void theTopIsATenthAboveTheMaximum() {
        StatisticsViewModel.Series s = new StatisticsViewModel.Series(3);
        s.add(0);
        s.add(10);
        PixelRaster r = plot(s);
        int red = PixelRaster.opaque(RED);
        // 10 of 11 (the maximum and a tenth): 9 of the 10 pixels up from the bottom row 31
        assertEquals(red, r.get(17, 22));
        assertEquals(SeriesPlot.BACKGROUND, r.get(17, 21));
        assertEquals(red, r.get(12, 31), "the first sample, 0");
    }
}
