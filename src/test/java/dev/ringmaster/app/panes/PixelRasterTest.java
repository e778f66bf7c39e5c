package dev.ringmaster.app.panes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The toolkit-free raster the rings timeline and the statistics charts are drawn into. */
class PixelRasterTest {
    static final int RED = PixelRaster.opaque(0xFF0000);
    static final int BLUE = PixelRaster.opaque(0x0000FF);

    /** The raster as text, one character a pixel: '.' transparent, 'r' red, 'b' blue, '?' other. */
    static String picture(PixelRaster r) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                int p = r.get(x, y);
                sb.append(p == PixelRaster.TRANSPARENT ? '.' : p == RED ? 'r' : p == BLUE ? 'b' : '?');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void rectanglesAreClippedToTheRaster() {
        PixelRaster r = new PixelRaster(6, 4);
        assertEquals("......\n......\n......\n......\n", picture(r), "a new raster is transparent");
        r.fillRect(4, -1, 5, 2, RED);
        r.fillRect(-3, 2, 5, 9, BLUE);
        r.fillRect(1, 1, 0, 3, RED); // empty
        assertEquals("""
                ....rr
                ......
                bb....
                bb....
                """, picture(r));
    }

    @Test
    void linesIncludeBothEndsInEitherOrder() {
        PixelRaster r = new PixelRaster(5, 5);
        r.horizontalLine(3, 1, 0, 2, RED);
        r.verticalLine(4, 4, 2, BLUE);
        assertEquals("""
                .rrr.
                .rrr.
                ....b
                ....b
                ....b
                """, picture(r));
        r.verticalLine(0, 9, -3, BLUE);
        r.verticalLine(5, 0, 4, RED);
        r.verticalLine(-1, 0, 4, RED);
        r.horizontalLine(-2, 7, 4, 1, RED);
        assertEquals("""
                brrr.
                brrr.
                b...b
                b...b
                rrrrr
                """, picture(r), "clipped");
    }

    @Test
    void aSlopedLineTouchesOnePixelPerColumnWhenShallow() {
        PixelRaster r = new PixelRaster(5, 3);
        r.line(0, 0, 4, 2, RED);
        assertEquals("""
                r....
                .rr..
                ...rr
                """, picture(r));
        PixelRaster thick = new PixelRaster(4, 4);
        thick.line(0, 0, 2, 0, 2, BLUE);
        assertEquals("""
                bbbb
                bbbb
                ....
                ....
                """, picture(thick), "two pixels wide: a 2 × 2 square at every pixel");
    }

    @Test
    void aDotIsADiscFivePixelsAcrossAndClipped() {
        PixelRaster r = new PixelRaster(7, 5);
        r.dot(3, 2, RED);
        assertEquals("""
                ..rrr..
                .rrrrr.
                .rrrrr.
                .rrrrr.
                ..rrr..
                """, picture(r));
        PixelRaster corner = new PixelRaster(3, 3);
        corner.dot(0, 2, BLUE);
        assertEquals("""
                bb.
                bbb
                bbb
                """, picture(corner));
    }

    @Test
    void resizingClearsAndReportsAChangeOfSize() {
        PixelRaster r = new PixelRaster(4, 4);
        r.clear(RED);
        assertFalse(r.resize(4, 4));
        assertEquals(PixelRaster.TRANSPARENT, r.get(3, 3), "cleared all the same");
        assertTrue(r.resize(2, 3));
        assertEquals(2, r.width());
        assertEquals(3, r.height());
        r.clear(BLUE);
        assertEquals("bb\nbb\nbb\n", picture(r));
        assertTrue(r.resize(0, -5), "at least one pixel");
        assertEquals(1, r.width() * r.height());
        assertThrows(IndexOutOfBoundsException.class, () -> r.get(1, 0));
    }

    @Test
    void coloursAreOpaqueArgb() {
        assertEquals(0xFF2E7D32, PixelRaster.opaque(0x2E7D32));
        assertEquals(0xFFFFFFFF, PixelRaster.gray(1));
        assertEquals(0xFF000000, PixelRaster.gray(0));
        assertEquals(0xFFF5F5F5, PixelRaster.gray(0.96));
    }
}
