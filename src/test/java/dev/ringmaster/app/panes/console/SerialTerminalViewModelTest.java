package dev.ringmaster.app.panes.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialTerminalViewModelTest {
    final ByteArrayOutputStream typed = new ByteArrayOutputStream();
    final SerialTerminalViewModel term = new SerialTerminalViewModel(typed::writeBytes);

    void write(String s) {
        term.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void crLfStartsANewLineAndTheLastLineHoldsTheCursor() {
        write("rmx 0.1\r\nlogin: ");
        assertEquals(List.of("rmx 0.1", "login: "), term.lines());
        assertEquals(7, term.column());
    }

    @Test
    void carriageReturnOverwritesAndBackspaceMovesLeftWithoutErasing() {
        write("12345\rab");
        assertEquals(List.of("ab345"), term.lines());
        write("\b\bX");
        assertEquals(List.of("Xb345"), term.lines());
        write("\b\b\b\bY");
        assertEquals(List.of("Yb345"), term.lines(), "backspace stops at column 0");
        write("\b\b \b");
        assertEquals(List.of(" b345"), term.lines(), "BS space BS erases, as shells do");
    }

    @Test
    void lineFeedAloneIsANewLineInNewLineModeAndGoesStraightDownOtherwise() {
        write("ab\ncd");
        assertEquals(List.of("ab", "cd"), term.lines());
        term.clear();
        term.newLineModeProperty().set(false);
        write("ab\ncd\r\nef");
        assertEquals(List.of("ab", "  cd", "ef"), term.lines());
    }

    @Test
    void tabsGoToMultiplesOfEightAndOtherControlBytesAreIgnored() {
        write("a\tb\u0007\u001b[1mc\u007f");
        assertEquals(List.of("a       b[1mc"), term.lines(), "ESC is not interpreted: this terminal has no ANSI");
    }

    @Test
    void latin1BytesShow() {
        term.write(new byte[] {(byte) 0xE9, (byte) 0x85, (byte) 0xB0});
        assertEquals(List.of("é°"), term.lines(), "C1 controls (0x80-0x9F) are not shown");
    }

    @Test
    void scrollbackKeepsTheNewestLines() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < SerialTerminalViewModel.MAX_LINES + 5; i++) {
            sb.append("line ").append(i).append("\r\n");
        }
        write(sb.toString());
        // MAX_LINES + 6 lines (the last one empty): trimmed at once to 90 % of the maximum
        int kept = SerialTerminalViewModel.MAX_LINES - SerialTerminalViewModel.MAX_LINES / 10;
        int removed = SerialTerminalViewModel.MAX_LINES + 6 - kept;
        assertEquals(kept, term.lines().size());
        assertEquals(removed, term.trimmedProperty().get());
        assertEquals("line " + removed, term.lines().get(0));
        assertEquals("", term.lines().get(term.lines().size() - 1));
    }

    @Test
    void typingSendsCrForEnterAndDelForBackspace() {
        assertTrue(term.type("ls"));
        assertTrue(term.type("\r"));
        assertTrue(term.type("\b"));
        assertFalse(term.type(""));
        assertFalse(term.type("€"), "outside Latin-1");
        assertArrayEquals(new byte[] {'l', 's', '\r', 0x7F}, typed.toByteArray());
    }

    @Test
    void textIsTheScrollbackWithoutTrailingBlanks() {
        write("a  \r\nb");
        assertEquals("a\nb", term.text());
    }

    @Test
    void lostOutputIsMarkedOnItsOwnLine() {
        write("abc");
        term.noteDropped(0);
        assertEquals(List.of("abc"), term.lines());
        term.noteDropped(3);
        write("def");
        assertEquals(List.of("abc", "[3 chunks of serial output lost: the console could not keep up]", "def"), term.lines());
        term.noteDropped(3);
        assertEquals(3, term.lines().size(), "the same total is no new loss");
    }

    static final long MS = 1_000_000L;

    void take(String s, long dropped) {
        term.take(s.getBytes(StandardCharsets.ISO_8859_1), dropped);
    }

    @Test
    void aHiddenTerminalKeepsTheScrollbackAndShowsItWhenItComesBack() {
        term.gate().setShowing(false);
        take("rmx login: ", 0);
        take("root\r\n# ", 2);
        term.refresh(0);
        assertEquals(List.of(""), term.lines(), "nothing shown while hidden");
        assertEquals("rmx login: root\n#\n[2 chunks of serial output lost: the console could not keep up]\n", term.text(),
                "but the scrollback has everything (Copy copies it)");
        term.gate().setShowing(true);
        term.refresh(MS);
        assertEquals(List.of("rmx login: root", "# ", "[2 chunks of serial output lost: the console could not keep up]", ""),
                term.lines());
    }

    @Test
    void aRefreshReplacesTheCursorsLineAndAppendsTheNewOnesInOneChangeAtMostTwentyTimesASecond() {
        take("abc", 0);
        term.refresh(0);
        assertEquals(List.of("abc"), term.lines());
        List<String> changes = new ArrayList<>();
        term.lines().addListener((javafx.collections.ListChangeListener<String>) c -> {
            StringBuilder sb = new StringBuilder();
            while (c.next()) {
                sb.append(c.getFrom()).append('-').append(c.getTo()).append(' ').append(c.getRemovedSize()).append(';');
            }
            changes.add(sb.toString());
        });
        take("def\r\nghi\r\n", 0);
        term.refresh(20 * MS);
        assertEquals(List.of("abc"), term.lines(), "20 ms after the last refresh: not yet");
        term.refresh(50 * MS);
        assertEquals(List.of("abcdef", "ghi", ""), term.lines());
        assertEquals(List.of("0-3 1;"), changes, "one change: the cursor's old line replaced, two lines added after it");
        take("x", 0);
        term.refresh(100 * MS);
        assertEquals(List.of("abcdef", "ghi", "x"), term.lines());
        assertEquals("0-3 1;", changes.get(0));
        assertEquals("2-3 1;", changes.get(1), "only the cursor's line");
    }
}
