package dev.ringmaster.app.panes.console;

import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.devices.TextScreen;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The VGA console's model: the latest {@link TextScreen} the VM published, and the two blink
 * phases a real VGA keeps in text mode 3 (70 frames a second): the cursor toggles every 8 frames,
 * characters whose attribute has bit 7 set (when blinking is enabled) every 16 frames. It decides
 * what each cell looks like — foreground and background RGB, whether the glyph is shown in this
 * blink phase, where the cursor's scan lines are — so that the pane only paints.
 */
public final class VgaScreenViewModel {
    /** Height of a character cell in scan lines (the VGA's 9×16 font of mode 3). */
    public static final int CELL_SCAN_LINES = 16;
    /** Width of a character cell in pixels (mode 3: 9 dots; the ninth repeats 0xC0–0xDF line glyphs). */
    public static final int CELL_WIDTH = 9;
    static final long FRAME_NANOS = 1_000_000_000L / 70;
    /** The cursor is on for 8 frames and off for 8. */
    public static final long CURSOR_HALF_PERIOD_NANOS = 8 * FRAME_NANOS;
    /** Blinking characters are shown for 16 frames and hidden for 16. */
    public static final long BLINK_HALF_PERIOD_NANOS = 16 * FRAME_NANOS;

    /** Screen refreshes per second at most while it shows: every pulse, so that a typed key echoes at once. */
    public static final int REFRESH_HZ = 30;

    private final ObjectProperty<TextScreen> screen = new SimpleObjectProperty<>(this, "screen");
    private final RefreshGate gate = new RefreshGate(REFRESH_HZ);
    /** The newest screen taken, shown when the gate allows. */
    private TextScreen latest;
    private final ReadOnlyBooleanWrapper cursorPhase = new ReadOnlyBooleanWrapper(this, "cursorPhase", true);
    private final ReadOnlyBooleanWrapper blinkPhase = new ReadOnlyBooleanWrapper(this, "blinkPhase", true);
    private long firstTick = Long.MIN_VALUE;

    /** The screen shown (null until the VM published one). */
    public ReadOnlyObjectProperty<TextScreen> screenProperty() {
        return screen;
    }

    public TextScreen screen() {
        return screen.get();
    }

    /**
     * When the screen repaints: at most {@value #REFRESH_HZ} times a second while the VGA tab shows,
     * never while it is hidden (the blink phases stand still too), at once when it comes back.
     */
    public RefreshGate gate() {
        return gate;
    }

    /** Shows {@code s} now when it differs from the screen shown. @return true when it changed */
    public boolean show(TextScreen s) {
        if (s != null) {
            latest = s;
        }
        return showLatest();
    }

    /**
     * The newest screen the VM published, at the pulse (time {@code nowNanos}): taken always, shown
     * when the gate is due.
     *
     * @return true when the shown screen changed
     */
    public boolean show(TextScreen s, long nowNanos) {
        if (s != null) {
            latest = s;
        }
        if (latest == null || latest == screen.get() || !gate.due(nowNanos)) {
            return false;
        }
        return showLatest();
    }

    private boolean showLatest() {
        if (latest == null || latest.equals(screen.get())) {
            return false;
        }
        screen.set(latest);
        return true;
    }

    /** The newest screen taken (shown or not yet). */
    public TextScreen latest() {
        return latest;
    }

    /** Advances the blink phases to host time {@code nanos} (from the frame timer), while the screen shows. */
    public void tick(long nanos) {
        if (firstTick == Long.MIN_VALUE) {
            firstTick = nanos;
        }
        if (!gate.isShowing()) {
            return; // nobody sees it blink: no repaints
        }
        long t = nanos - firstTick;
        cursorPhase.set((t / CURSOR_HALF_PERIOD_NANOS) % 2 == 0);
        blinkPhase.set((t / BLINK_HALF_PERIOD_NANOS) % 2 == 0);
    }

    /** True while the cursor's blink phase is "on". */
    public ReadOnlyBooleanProperty cursorPhaseProperty() {
        return cursorPhase.getReadOnlyProperty();
    }

    /** True while blinking characters are shown. */
    public ReadOnlyBooleanProperty blinkPhaseProperty() {
        return blinkPhase.getReadOnlyProperty();
    }

    /** RGB of the cell's foreground: attribute bits 0–3 through the screen's palette. */
    public static int foreground(TextScreen s, int row, int column) {
        return s.color(s.attributeAt(row, column) & 0x0F);
    }

    /**
     * RGB of the cell's background: attribute bits 4–6 when bit 7 means blink, bits 4–7 (bright
     * backgrounds) when blinking is disabled.
     */
    public static int background(TextScreen s, int row, int column) {
        int a = s.attributeAt(row, column);
        return s.color(s.blinkEnabled() ? (a >> 4) & 0x07 : (a >> 4) & 0x0F);
    }

    /** True when the cell's attribute asks it to blink (bit 7 with blinking enabled). */
    public static boolean blinks(TextScreen s, int row, int column) {
        return s.blinkEnabled() && (s.attributeAt(row, column) & 0x80) != 0;
    }

    /** True when the glyph of the cell is drawn now: always, except blinking cells in the "off" phase. */
    public boolean glyphShown(int row, int column) {
        TextScreen s = screen.get();
        return s != null && (!blinks(s, row, column) || blinkPhase.get());
    }

    /**
     * The cursor's scan lines within its cell, {@code [first, last]} clipped to the cell, or null
     * when no cursor is drawn now (disabled by the CRTC, off screen, or in the "off" blink phase).
     */
    public int[] cursorScanLines() {
        TextScreen s = screen.get();
        if (s == null || !s.cursorVisible() || !cursorPhase.get()) {
            return null;
        }
        int first = Math.min(s.cursorStart(), CELL_SCAN_LINES - 1);
        int last = Math.min(s.cursorEnd(), CELL_SCAN_LINES - 1);
        return first > last ? null : new int[] {first, last};
    }

    /** The screen as text (for Copy): 25 lines, trailing blanks removed. Empty before the first screen. */
    public String text() {
        TextScreen s = screen.get();
        return s == null ? "" : s.toText();
    }
}
