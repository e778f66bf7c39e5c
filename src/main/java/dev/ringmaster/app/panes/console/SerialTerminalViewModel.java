package dev.ringmaster.app.panes.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
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
 * <p>Typing sends bytes as a terminal does: Enter sends CR, Backspace sends DEL (0x7F), other keys
 * their character (Latin-1; characters outside it are not sent).
 */
public final class SerialTerminalViewModel {
    public static final int MAX_LINES = 10_000;
    public static final int TAB = 8;

    private final ObservableList<String> lines = FXCollections.observableArrayList("");
    private final ObservableList<String> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyLongWrapper trimmed = new ReadOnlyLongWrapper(this, "trimmed");
    private final Consumer<byte[]> input;
    private final BooleanProperty newLineMode = new SimpleBooleanProperty(this, "newLineMode", true);
    private StringBuilder current = new StringBuilder();
    private int column;
    private long dropped;

    /** @param input where typed bytes go (the VM's UART receive side) */
    public SerialTerminalViewModel(Consumer<byte[]> input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /** True (the default): a line feed also returns the carriage. */
    public BooleanProperty newLineModeProperty() {
        return newLineMode;
    }

    /** Lines of the terminal, oldest first; the last is the one the cursor is on. */
    public ObservableList<String> lines() {
        return linesView;
    }

    /** The cursor's column on the last line. */
    public int column() {
        return column;
    }

    /** Lines removed from the top of the scrollback. */
    public ReadOnlyLongProperty trimmedProperty() {
        return trimmed.getReadOnlyProperty();
    }

    /** Writes bytes the guest sent. */
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        List<String> finished = new ArrayList<>();
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
        // One list change for the whole batch: the cursor's line is replaced, finished lines inserted before it.
        int last = lines.size() - 1;
        if (finished.isEmpty()) {
            lines.set(last, current.toString());
        } else {
            List<String> tail = new ArrayList<>(finished);
            tail.add(current.toString());
            lines.remove(last);
            lines.addAll(tail);
        }
        // trimmed in chunks (to 90 % of the maximum): a removal at the top moves every line and cell
        int excess = lines.size() > MAX_LINES ? lines.size() - MAX_LINES + MAX_LINES / 10 : 0;
        if (excess > 0) {
            lines.remove(0, excess);
            trimmed.set(trimmed.get() + excess);
        }
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
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(lines.get(i).stripTrailing());
        }
        return sb.toString();
    }

    /**
     * The serial ring's drop count after a pulse: when it grew, output was lost here, and a marker
     * line says so (the terminal never silently joins text from before and after a gap).
     */
    public void noteDropped(long droppedTotal) {
        if (droppedTotal > dropped) {
            long lost = droppedTotal - dropped;
            dropped = droppedTotal;
            String marker = "[" + lost + (lost == 1 ? " chunk" : " chunks") + " of serial output lost: the console could not keep up]";
            byte[] text = ((column == 0 && current.length() == 0 ? "" : "\r\n") + marker + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            write(text);
        }
    }

    /** Chunks of serial output the ring dropped (as last noted). */
    public long dropped() {
        return dropped;
    }

    /** Empties the terminal (the guest's output so far is gone; the cursor goes to the top left). */
    public void clear() {
        lines.setAll("");
        current = new StringBuilder();
        column = 0;
    }
}
