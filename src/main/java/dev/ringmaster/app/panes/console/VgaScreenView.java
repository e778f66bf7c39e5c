package dev.ringmaster.app.panes.console;

import dev.ringmaster.app.panes.PixelRaster;
import dev.ringmaster.app.panes.RasterImage;
import dev.ringmaster.engine.devices.TextScreen;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javax.imageio.ImageIO;

/**
 * Paints a {@link VgaScreenViewModel} on a canvas of the real screen's size (80×25 cells of 9×16
 * pixels: 720×400), repainting the rows that changed when the screen or a blink phase changes: as
 * pixels from a glyph atlas, handed to the canvas as one image per repaint. Takes the keyboard focus
 * when clicked; while focused, key presses and releases go to the VM through a {@link PcKeyboard}.
 */
public final class VgaScreenView extends Canvas {
    public static final int WIDTH = TextScreen.COLUMNS * VgaScreenViewModel.CELL_WIDTH;
    public static final int HEIGHT = TextScreen.ROWS * VgaScreenViewModel.CELL_SCAN_LINES;

    private final VgaScreenViewModel model;
    private final Font font = Font.font("Monospaced", 14);

    public VgaScreenView(VgaScreenViewModel model, PcKeyboard keyboard) {
        super(WIDTH, HEIGHT);
        this.model = model;
        setId("vgaCanvas");
        setFocusTraversable(true);
        model.screenProperty().addListener((o, a, b) -> paint());
        model.cursorPhaseProperty().addListener((o, a, b) -> paint());
        model.blinkPhaseProperty().addListener((o, a, b) -> paint());
        setOnMouseClicked(e -> requestFocus());
        setOnKeyPressed(e -> {
            if (keyboard.pressed(e.getCode())) {
                e.consume();
            }
        });
        setOnKeyReleased(e -> {
            if (keyboard.released(e.getCode())) {
                e.consume();
            }
        });
        setOnKeyTyped(e -> e.consume());
        focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                keyboard.releaseAll();
            }
        });
        paint();
    }

    /** What the canvas shows now (the canvas keeps its pixels: only rows that differ are painted again). */
    private TextScreen painted;
    private boolean paintedBlink;
    private int paintedCursorRow = -1;
    private int paintedCursorColumn = -1;
    private boolean paintedCursorOn;
    private int[] paintedCursorLines;
    /** The screen's pixels (opaque ARGB), painted here on the FX thread, one image handed to the canvas. */
    private final PixelRaster raster = new PixelRaster(WIDTH, HEIGHT);
    private final int[] pixels = raster.pixels();
    /** The image the canvas draws (see {@link RasterImage}). */
    private final RasterImage frame = new RasterImage();

    /**
     * Paints the screen as the model says now: the rows whose characters or attributes changed, the
     * rows the cursor left or entered, the rows with blinking characters when the blink phase
     * flipped — a screen that scrolls or clears repaints every row, a typed key one.
     *
     * <p>The cells are painted as pixels from a glyph atlas (the font's glyphs drawn once), and the
     * rows that changed reach the canvas as one image: a canvas text operation per glyph would make
     * the renderer lay out 2000 strings for a full screen, every frame the screen changes.
     */
    public void paint() {
        GraphicsContext g = getGraphicsContext2D();
        TextScreen s = model.screen();
        if (s == null) {
            g.setFill(Color.BLACK);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFill(Color.gray(0.6));
            g.setFont(font);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("No screen yet: the VM has not started.", WIDTH / 2.0, HEIGHT / 2.0);
            painted = null;
            return;
        }
        int[] lines = model.cursorScanLines();
        boolean cursorOn = lines != null;
        boolean blink = model.blinkPhaseProperty().get();
        boolean full = painted == null || painted.blinkEnabled() != s.blinkEnabled() || !samePalette(painted, s);
        boolean cursorMoved = cursorOn != paintedCursorOn || s.cursorRow() != paintedCursorRow
                || s.cursorColumn() != paintedCursorColumn || !java.util.Arrays.equals(lines, paintedCursorLines);
        int first = -1;
        int last = -1;
        for (int r = 0; r < TextScreen.ROWS; r++) {
            boolean again = full || rowDiffers(painted, s, r)
                    || (cursorMoved && (r == paintedCursorRow || r == s.cursorRow()))
                    || (blink != paintedBlink && rowBlinks(s, r));
            if (again) {
                paintRow(s, r, cursorOn && r == s.cursorRow() ? lines : null);
                first = first < 0 ? r : first;
                last = r;
            }
        }
        if (first >= 0) {
            int ch = VgaScreenViewModel.CELL_SCAN_LINES;
            int y = first * ch;
            int h = (last - first + 1) * ch;
            g.drawImage(frame.showRows(raster, y, h), 0, y, WIDTH, h, 0, y, WIDTH, h);
        }
        painted = s;
        paintedBlink = blink;
        paintedCursorOn = cursorOn;
        paintedCursorRow = s.cursorRow();
        paintedCursorColumn = s.cursorColumn();
        paintedCursorLines = lines;
    }

    private static boolean samePalette(TextScreen a, TextScreen b) {
        for (int i = 0; i < 16; i++) {
            if (a.color(i) != b.color(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean rowDiffers(TextScreen a, TextScreen b, int r) {
        for (int c = 0; c < TextScreen.COLUMNS; c++) {
            if (a.charAt(r, c) != b.charAt(r, c) || a.attributeAt(r, c) != b.attributeAt(r, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean rowBlinks(TextScreen s, int r) {
        for (int c = 0; c < TextScreen.COLUMNS; c++) {
            if (VgaScreenViewModel.blinks(s, r, c)) {
                return true;
            }
        }
        return false;
    }

    /** One row of cells into {@link #pixels}, and the cursor's scan lines when it is on this row and shown ({@code cursor} non-null). */
    private void paintRow(TextScreen s, int r, int[] cursor) {
        int cw = VgaScreenViewModel.CELL_WIDTH;
        int ch = VgaScreenViewModel.CELL_SCAN_LINES;
        byte[][] glyphs = glyphs(font);
        for (int c = 0; c < TextScreen.COLUMNS; c++) {
            int bg = 0xFF000000 | VgaScreenViewModel.background(s, r, c);
            int fg = 0xFF000000 | VgaScreenViewModel.foreground(s, r, c);
            int code = s.charAt(r, c);
            byte[] glyph = code != 0 && code != 0x20 && code != 0xFF && model.glyphShown(r, c) ? glyphs[code] : null;
            int first = cursor != null && c == s.cursorColumn() ? cursor[0] : ch;
            int lastLine = cursor != null && c == s.cursorColumn() ? cursor[1] : -1;
            for (int y = 0; y < ch; y++) {
                int at = (r * ch + y) * WIDTH + c * cw;
                if (y >= first && y <= lastLine) {
                    // the cursor takes the foreground colour of its cell, as the VGA draws it
                    java.util.Arrays.fill(pixels, at, at + cw, fg);
                } else if (glyph == null) {
                    java.util.Arrays.fill(pixels, at, at + cw, bg);
                } else {
                    int[] lut = blendTable(bg, fg);
                    int g = y * cw;
                    for (int x = 0; x < cw; x++) {
                        pixels[at + x] = lut[glyph[g + x] & 0xFF];
                    }
                }
            }
        }
    }

    /*
     * The blends of the colour pairs met lately, 256 coverages each: a row's cells mostly share their
     * colours, so a glyph's pixels become table look-ups (a small cache indexed by the pair's hash,
     * the pair kept beside its table; opaque colours are never 0, so an empty slot never matches).
     */
    private final int[][] blendTables = new int[64][];
    private final long[] blendPairs = new long[64];

    /** {@code fg} over {@code bg} for every coverage 0–255 ({@link #blend}), from the cache when met lately. */
    private int[] blendTable(int bg, int fg) {
        long pair = ((long) bg << 32) | (fg & 0xFFFFFFFFL);
        int slot = (bg * 31 + fg) * 0x9E3779B9 >>> 26;
        int[] table = blendTables[slot];
        if (table == null || blendPairs[slot] != pair) {
            table = blendTables[slot] == null ? new int[256] : blendTables[slot];
            for (int a = 0; a < 256; a++) {
                table[a] = blend(bg, fg, a);
            }
            blendTables[slot] = table;
            blendPairs[slot] = pair;
        }
        return table;
    }

    /** {@code fg} over {@code bg} with coverage {@code a} (0–255), opaque ARGB. */
    private static int blend(int bg, int fg, int a) {
        if (a == 0) {
            return bg;
        }
        if (a == 255) {
            return fg;
        }
        int r = ((bg >> 16) & 0xFF) + ((((fg >> 16) & 0xFF) - ((bg >> 16) & 0xFF)) * a + 127) / 255;
        int gr = ((bg >> 8) & 0xFF) + ((((fg >> 8) & 0xFF) - ((bg >> 8) & 0xFF)) * a + 127) / 255;
        int b = (bg & 0xFF) + (((fg & 0xFF) - (bg & 0xFF)) * a + 127) / 255;
        return 0xFF000000 | (r << 16) | (gr << 8) | b;
    }

    /** The 256 code page 437 glyphs' coverage (9×16 bytes each), drawn once from the font (FX thread). */
    private static byte[][] glyphAtlas;

    private static byte[][] glyphs(Font font) {
        if (glyphAtlas == null) {
            glyphAtlas = drawGlyphs(font);
        }
        return glyphAtlas;
    }

    /**
     * Draws every glyph white on black in a 16×16 grid of cells and reads the coverage back. Block
     * and half-block glyphs are filled exactly (fonts leave gaps between cells).
     */
    private static byte[][] drawGlyphs(Font font) {
        int cw = VgaScreenViewModel.CELL_WIDTH;
        int ch = VgaScreenViewModel.CELL_SCAN_LINES;
        Canvas sheet = new Canvas(16 * cw, 16 * ch);
        GraphicsContext g = sheet.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFill(Color.WHITE);
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int code = 1; code < 256; code++) {
            double x = (code % 16) * cw;
            double y = (code / 16) * ch;
            g.save();
            g.beginPath();
            g.rect(x, y, cw, ch);
            g.clip();
            switch (code) {
                case 0xDB -> g.fillRect(x, y, cw, ch);
                case 0xDC -> g.fillRect(x, y + ch / 2.0, cw, ch / 2.0);
                case 0xDF -> g.fillRect(x, y, cw, ch / 2.0);
                case 0xDD -> g.fillRect(x, y, Math.ceil(cw / 2.0), ch);
                case 0xDE -> g.fillRect(x + Math.floor(cw / 2.0), y, Math.ceil(cw / 2.0), ch);
                default -> g.fillText(String.valueOf(TextScreen.cp437(code)), x, y);
            }
            g.restore();
        }
        PixelReader reader = sheet.snapshot(null, null).getPixelReader();
        byte[][] out = new byte[256][cw * ch];
        for (int code = 0; code < 256; code++) {
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    int argb = reader.getArgb((code % 16) * cw + x, (code / 16) * ch + y);
                    int grey = Math.max((argb >> 16) & 0xFF, Math.max((argb >> 8) & 0xFF, argb & 0xFF));
                    out[code][y * cw + x] = (byte) grey;
                }
            }
        }
        return out;
    }

    /** The screen as drawn now at its real size (720×400), whatever the view's scale (FX thread). */
    public WritableImage image() {
        double sx = getScaleX();
        double sy = getScaleY();
        setScaleX(1);
        setScaleY(1);
        try {
            return snapshot(null, null);
        } finally {
            setScaleX(sx);
            setScaleY(sy);
        }
    }

    /** The screen as drawn now, encoded as PNG (FX thread). */
    public byte[] png() throws IOException {
        WritableImage image = image();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(out, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }
}
