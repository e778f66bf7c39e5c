package dev.ringmaster.app.panes.console;

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
 * pixels: 720×400), repainting the rows that changed when the screen or a blink phase changes. Takes the keyboard focus
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

    /**
     * Paints the screen as the model says now: the rows whose characters or attributes changed, the
     * rows the cursor left or entered, the rows with blinking characters when the blink phase
     * flipped — a screen that scrolls or clears repaints every row, a typed key one.
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
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int r = 0; r < TextScreen.ROWS; r++) {
            boolean again = full || rowDiffers(painted, s, r)
                    || (cursorMoved && (r == paintedCursorRow || r == s.cursorRow()))
                    || (blink != paintedBlink && rowBlinks(s, r));
            if (again) {
                paintRow(g, s, r, cursorOn && r == s.cursorRow() ? lines : null);
            }
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

    /** One row of cells, and the cursor's scan lines when it is on this row and shown ({@code cursor} non-null). */
    private void paintRow(GraphicsContext g, TextScreen s, int r, int[] cursor) {
        int cw = VgaScreenViewModel.CELL_WIDTH;
        int ch = VgaScreenViewModel.CELL_SCAN_LINES;
        g.setFill(Color.BLACK);
        g.fillRect(0, r * ch, WIDTH, ch);
        for (int c = 0; c < TextScreen.COLUMNS; c++) {
            int bg = VgaScreenViewModel.background(s, r, c);
            if (bg != 0) {
                g.setFill(rgb(bg));
                g.fillRect(c * cw, r * ch, cw, ch);
            }
            int code = s.charAt(r, c);
            if (code != 0 && code != 0x20 && code != 0xFF && model.glyphShown(r, c)) {
                g.setFill(rgb(VgaScreenViewModel.foreground(s, r, c)));
                drawGlyph(g, code, c * cw, r * ch);
            }
        }
        if (cursor != null) {
            // The cursor takes the foreground colour of its cell, as the VGA draws it.
            g.setFill(rgb(VgaScreenViewModel.foreground(s, s.cursorRow(), s.cursorColumn())));
            g.fillRect(s.cursorColumn() * cw, r * ch + cursor[0], cw, cursor[1] - cursor[0] + 1);
        }
    }

    /** Block and shade glyphs are filled exactly (fonts leave gaps between cells); others are text. */
    private void drawGlyph(GraphicsContext g, int code, double x, double y) {
        int cw = VgaScreenViewModel.CELL_WIDTH;
        int ch = VgaScreenViewModel.CELL_SCAN_LINES;
        switch (code) {
            case 0xDB -> g.fillRect(x, y, cw, ch);
            case 0xDC -> g.fillRect(x, y + ch / 2.0, cw, ch / 2.0);
            case 0xDF -> g.fillRect(x, y, cw, ch / 2.0);
            case 0xDD -> g.fillRect(x, y, Math.ceil(cw / 2.0), ch);
            case 0xDE -> g.fillRect(x + Math.floor(cw / 2.0), y, Math.ceil(cw / 2.0), ch);
            default -> g.fillText(String.valueOf(TextScreen.cp437(code)), x, y);
        }
    }

    private static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
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
