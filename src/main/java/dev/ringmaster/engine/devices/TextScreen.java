package dev.ringmaster.engine.devices;

import java.util.Arrays;

/**
 * An immutable picture of the VGA text screen: 80×25 character cells (code page 437 bytes and
 * attribute bytes), the hardware cursor, the blink setting and the 16 text colours as the guest's
 * attribute controller and DAC define them. Taken by {@link VgaText#snapshot()} for the console
 * pane and for transcript tests.
 *
 * <p>Attribute byte: bits 0–3 foreground colour, bits 4–6 background, bit 7 blink (when
 * {@link #blinkEnabled()}) or background intensity (when not).
 */
public final class TextScreen {
    public static final int COLUMNS = 80;
    public static final int ROWS = 25;

    /** Code page 437 as the VGA's character ROM draws it, including the glyphs of 0x00–0x1F and 0x7F. */
    private static final String CP437 =
            " ☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼"
            + " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⌂"
            + "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»"
            + "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"
            + "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0";

    private final byte[] chars;
    private final byte[] attrs;
    private final int cursorRow;
    private final int cursorColumn;
    private final boolean cursorVisible;
    private final int cursorStart;
    private final int cursorEnd;
    private final boolean blinkEnabled;
    private final int[] palette;
    private final long generation;

    TextScreen(byte[] chars, byte[] attrs, int cursorRow, int cursorColumn, boolean cursorVisible,
               int cursorStart, int cursorEnd, boolean blinkEnabled, int[] palette, long generation) {
        this.chars = chars;
        this.attrs = attrs;
        this.cursorRow = cursorRow;
        this.cursorColumn = cursorColumn;
        this.cursorVisible = cursorVisible;
        this.cursorStart = cursorStart;
        this.cursorEnd = cursorEnd;
        this.blinkEnabled = blinkEnabled;
        this.palette = palette;
        this.generation = generation;
    }

    /** The Unicode character the VGA draws for code page 437 byte {@code b}. */
    public static char cp437(int b) {
        return CP437.charAt(b & 0xFF);
    }

    /** The character byte (code page 437) at a cell. */
    public int charAt(int row, int column) {
        return chars[row * COLUMNS + column] & 0xFF;
    }

    /** The attribute byte at a cell. */
    public int attributeAt(int row, int column) {
        return attrs[row * COLUMNS + column] & 0xFF;
    }

    /** Row {@code row} as 80 Unicode characters. */
    public String rowText(int row) {
        char[] line = new char[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
            line[c] = cp437(chars[row * COLUMNS + c]);
        }
        return new String(line);
    }

    /** The screen as text: 25 lines, trailing blanks of each line removed, separated by '\n'. */
    public String toText() {
        StringBuilder sb = new StringBuilder(ROWS * (COLUMNS + 1));
        for (int r = 0; r < ROWS; r++) {
            String line = rowText(r);
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\u00A0')) {
                end--;
            }
            sb.append(line, 0, end);
            if (r < ROWS - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public int cursorRow() {
        return cursorRow;
    }

    public int cursorColumn() {
        return cursorColumn;
    }

    /** False when CRTC register 0x0A disables it, its start scan line is below its end, or it lies off screen. */
    public boolean cursorVisible() {
        return cursorVisible;
    }

    /** First scan line of the cursor within the character cell (CRTC 0x0A bits 4–0). */
    public int cursorStart() {
        return cursorStart;
    }

    /** Last scan line of the cursor (CRTC 0x0B bits 4–0). */
    public int cursorEnd() {
        return cursorEnd;
    }

    /** Attribute bit 7 blinks (true) or selects bright backgrounds (false): attribute mode control bit 3. */
    public boolean blinkEnabled() {
        return blinkEnabled;
    }

    /** The RGB (0xRRGGBB) of text colour {@code index} (0–15): attribute palette register, then DAC. */
    public int color(int index) {
        return palette[index & 15];
    }

    /** The device's change counter when the snapshot was taken. */
    public long generation() {
        return generation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextScreen t && Arrays.equals(chars, t.chars) && Arrays.equals(attrs, t.attrs)
                && cursorRow == t.cursorRow && cursorColumn == t.cursorColumn && cursorVisible == t.cursorVisible
                && cursorStart == t.cursorStart && cursorEnd == t.cursorEnd && blinkEnabled == t.blinkEnabled
                && Arrays.equals(palette, t.palette);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars) * 31 + Arrays.hashCode(attrs);
    }

    @Override
    public String toString() {
        return toText();
    }
}
