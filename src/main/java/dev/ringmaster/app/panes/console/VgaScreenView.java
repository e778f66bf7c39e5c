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
 * pixels: 720×400), repainting when the screen or a blink phase changes. Takes the keyboard focus
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

    /** Paints the whole screen as the model says now. */
    public void paint() {
        GraphicsContext g = getGraphicsContext2D();
        TextScreen s = model.screen();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        if (s == null) {
            g.setFill(Color.gray(0.6));
            g.setFont(font);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("No screen yet: the VM has not started.", WIDTH / 2.0, HEIGHT / 2.0);
            return;
        }
        int cw = VgaScreenViewModel.CELL_WIDTH;
        int ch = VgaScreenViewModel.CELL_SCAN_LINES;
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int r = 0; r < TextScreen.ROWS; r++) {
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
        }
        int[] lines = model.cursorScanLines();
        if (lines != null) {
            // The cursor takes the foreground colour of its cell, as the VGA draws it.
            g.setFill(rgb(VgaScreenViewModel.foreground(s, s.cursorRow(), s.cursorColumn())));
            g.fillRect(s.cursorColumn() * cw, s.cursorRow() * ch + lines[0], cw, lines[1] - lines[0] + 1);
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
