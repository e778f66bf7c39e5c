package dev.ringmaster.app.panes.console;

import dev.ringmaster.app.pulse.BatchList;
import dev.ringmaster.app.pulse.RefreshGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.ObservableList;

/**
 * The serial console as a plain (ANSI-less, "dumb") terminal: bytes from the guest's UART are
 * written at a cursor — carriage return goes to column 0, line feed to the next line (to its column
 * 0 in "new-line mode", the default, as most guests send a bare LF; to the same column otherwise,
 * as on a teletype), backspace moves one column left without erasing, tab
 * goes to the next multiple of 8, other control bytes and DEL are ignored, printable bytes are
 * Latin-1 characters that overwrite what is under the cursor. Lines are kept as scrollback, the
 * oldest removed beyond {@link #MAX_LINES} (and counted).
 *
 * <p>The bytes are taken at the pulse (the scrollback, {@link #text()} and the drop markers are
 * exact); the shown {@link #lines()} catch up when the {@link #gate()} is due.
 *
 * <p>Typing sends bytes as a terminal does: Enter sends CR, Backspace sends DEL (0x7F), other keys
 * their character (Latin-1; characters outside it are not sent).
 */
public final class SerialTerminalViewModel {
    public static final int MAX_LINES = 10_000;
    public static final int TAB = 8;

    /** Terminal refreshes per second at most while the Serial tab shows (typed echo comes within 50 ms). */
    public static final int REFRESH_HZ = 20;

    /** The finished lines of the scrollback, oldest first (the cursor's line is {@link #current}). */
    private final ArrayList<String> finished = new ArrayList<>();
    /** What the terminal shows: {@link #finished} and the cursor's line, as they were at the last refresh. */
    private final BatchList<String> lines = new BatchList<>();
    private final ReadOnlyLongWrapper trimmed = new ReadOnlyLongWrapper(this, "trimmed");
    private final Consumer<byte[]> input;
    private final BooleanProperty newLineMode = new SimpleBooleanProperty(this, "newLineMode", true);
    private final RefreshGate gate = new RefreshGate(REFRESH_HZ);
    private StringBuilder current = new StringBuilder();
    private int column;
    private long dropped;
    private long trimmedTotal;
    /** Lines removed from the front of {@link #finished} since the last refresh (still shown until then). */
    private int trimmedSinceRefresh;
    private boolean dirty;

    /** @param input where typed bytes go (the VM's UART receive side) */
    public SerialTerminalViewModel(Consumer<byte[]> input) {
        this.input = Objects.requireNonNull(input, "input");
        lines.append(List.of(""));
    }

    /** True (the default): a line feed also returns the carriage. */
    public BooleanProperty newLineModeProperty() {
        return newLineMode;
    }

    /**
     * When the terminal redraws: at most {@value #REFRESH_HZ} times a second while the Serial tab
     * shows, never while hidden, at once when it comes back.
     */
    public RefreshGate gate() {
        return gate;
    }

    /** Lines of the terminal as of the last refresh, oldest first; the last is the one the cursor is on. */
    public ObservableList<String> lines() {
        return lines;
    }

    /** The cursor's column on the last line. */
    public int column() {
        return column;
    }

    /** Lines removed from the top of the scrollback (as of the last refresh). */
    public ReadOnlyLongProperty trimmedProperty() {
        return trimmed.getReadOnlyProperty();
    }

    /** Writes bytes the guest sent, shown at once. */
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) {
        put(bytes, offset, length);
        if (dirty) {
            refreshNow();
        }
    }

    /**
     * One pulse's bytes from the guest and the serial ring's drop count (see {@link #noteDropped}):
     * the scrollback takes them at once, the shown lines catch up at the next due {@link #refresh}.
     */
    public void take(byte[] bytes, long droppedTotal) {
        put(bytes, 0, bytes.length);
        markLoss(droppedTotal);
    }

    /** At the pulse (time {@code nowNanos}): the shown lines catch up with the scrollback when the gate is due. */
    public void refresh(long nowNanos) {
        if (dirty && gate.due(nowNanos)) {
            refreshNow();
        }
    }

    private void put(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> column = 0;
                case '\n' -> {
                    finished.add(current.toString());
                    current = new StringBuilder();
                    if (newLineMode.get()) {
                        column = 0;
                    }
                    pad(column);
                }
                case '\b' -> column = Math.max(0, column - 1);
                case '\t' -> column = (column / TAB + 1) * TAB;
                default -> {
                    if (b >= 0x20 && b != 0x7F && (b < 0x80 || b >= 0xA0)) {
                        put((char) b);
                    }
                }
            }
        }
        // trimmed in chunks (to 90 % of the maximum): a removal at the top moves every line and cell
        int excess = finished.size() + 1 > MAX_LINES ? finished.size() + 1 - MAX_LINES + MAX_LINES / 10 : 0;
        if (excess > 0) {
            finished.subList(0, excess).clear();
            trimmedSinceRefresh += excess;
            trimmedTotal += excess;
        }
        dirty = true;
    }

    /**
     * The shown lines become the scrollback in one change: lines trimmed since the last refresh leave
     * the top, the line the cursor was on is replaced, the new lines are appended — the list view
     * then lays out the new lines, not the whole terminal.
     */
    private void refreshNow() {
        dirty = false;
        lines.batch(() -> {
            lines.removeHead(Math.min(trimmedSinceRefresh, lines.size()));
            int n = lines.size();
            // every shown line but the last is a finished line that cannot have changed
            if (n > 0) {
                String now = n - 1 < finished.size() ? finished.get(n - 1) : current.toString();
                if (!now.equals(lines.get(n - 1))) {
                    lines.replace(n - 1, now);
                }
            }
            List<String> added = new ArrayList<>(finished.subList(Math.min(n, finished.size()), finished.size()));
            if (n <= finished.size()) {
                added.add(current.toString());
            }
            lines.append(added);
        });
        trimmedSinceRefresh = 0;
        trimmed.set(trimmedTotal);
    }

    private void pad(int to) {
        while (current.length() < to) {
            current.append(' ');
        }
    }

    private void put(char c) {
        pad(column);
        if (column < current.length()) {
            current.setCharAt(column, c);
        } else {
            current.append(c);
        }
        column++;
    }

    /** The user typed {@code text} (a key's character); sends its bytes. @return true when anything was sent */
    public boolean type(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out[n++] = '\r';
            } else if (c == '\b' || c == 0x7F) {
                out[n++] = 0x7F;
            } else if (c <= 0xFF) {
                out[n++] = (byte) c;
            }
        }
        if (n == 0) {
            return false;
        }
        input.accept(java.util.Arrays.copyOf(out, n));
        return true;
    }

    /** Everything in the scrollback as text, lines separated by '\n', trailing blanks kept off. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String line : finished) {
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.append(current.toString().stripTrailing()).toString();
    }

    /**
     * The serial ring's drop count after a pulse: when it grew, output was lost here, and a marker
     * line says so (the terminal never silently joins text from before and after a gap).
     */
    public void noteDropped(long droppedTotal) {
        markLoss(droppedTotal);
        if (dirty) {
            refreshNow();
        }
    }

    private void markLoss(long droppedTotal) {
        if (droppedTotal > dropped) {
            long lost = droppedTotal - dropped;
            dropped = droppedTotal;
            String marker = "[" + lost + (lost == 1 ? " chunk" : " chunks") + " of serial output lost: the console could not keep up]";
            byte[] text = ((column == 0 && current.length() == 0 ? "" : "\r\n") + marker + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            put(text, 0, text.length);
        }
    }

    /** Chunks of serial output the ring dropped (as last noted). */
    public long dropped() {
        return dropped;
    }

    /** Empties the terminal (the guest's output so far is gone; the cursor goes to the top left). */
    public void clear() {
        finished.clear();
        current = new StringBuilder();
        column = 0;
        trimmedSinceRefresh = 0;
        dirty = false;
        lines.update(List.of(""));
    }
}
