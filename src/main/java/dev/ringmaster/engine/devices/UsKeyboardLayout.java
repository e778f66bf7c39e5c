package dev.ringmaster.engine.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into the key strokes a person would type on a US keyboard: letters, digits, the
 * punctuation of the US layout (Shift for capitals and for the upper symbol of a key), space, Enter
 * for '\n' (and for '\r' not followed by '\n'), Tab, Backspace ('\b') and Escape (0x1B).
 */
public final class UsKeyboardLayout {
    /** One key to tap, with or without Shift held. */
    public record Stroke(Key key, boolean shift) {
    }

    private static final String DIGITS = "0123456789";
    private static final Key[] DIGIT_KEYS = {Key.DIGIT0, Key.DIGIT1, Key.DIGIT2, Key.DIGIT3, Key.DIGIT4, Key.DIGIT5,
        Key.DIGIT6, Key.DIGIT7, Key.DIGIT8, Key.DIGIT9};
    private static final String SHIFTED_DIGITS = ")!@#$%^&*(";
    private static final String PLAIN_SYMBOLS = "-=[]\\;'`,./ ";
    private static final String SHIFTED_SYMBOLS = "_+{}|:\"~<>?";
    private static final Key[] SYMBOL_KEYS = {Key.MINUS, Key.EQUALS, Key.OPEN_BRACKET, Key.CLOSE_BRACKET, Key.BACKSLASH,
        Key.SEMICOLON, Key.QUOTE, Key.BACK_QUOTE, Key.COMMA, Key.PERIOD, Key.SLASH, Key.SPACE};

    private UsKeyboardLayout() {
    }

    /** The strokes for {@code text}; throws {@link IllegalArgumentException} naming the first character a US keyboard cannot type. */
    public static List<Stroke> strokes(String text) {
        List<Stroke> out = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            out.add(stroke(ch, i));
        }
        return out;
    }

    private static Stroke stroke(char ch, int index) {
        if (ch >= 'a' && ch <= 'z') {
            return new Stroke(Key.valueOf(String.valueOf((char) (ch - 32))), false);
        }
        if (ch >= 'A' && ch <= 'Z') {
            return new Stroke(Key.valueOf(String.valueOf(ch)), true);
        }
        int d = DIGITS.indexOf(ch);
        if (d >= 0) {
            return new Stroke(DIGIT_KEYS[d], false);
        }
        d = SHIFTED_DIGITS.indexOf(ch);
        if (d >= 0) {
            return new Stroke(DIGIT_KEYS[d], true);
        }
        d = PLAIN_SYMBOLS.indexOf(ch);
        if (d >= 0) {
            return new Stroke(SYMBOL_KEYS[d], false);
        }
        d = SHIFTED_SYMBOLS.indexOf(ch);
        if (d >= 0) {
            return new Stroke(SYMBOL_KEYS[d], true);
        }
        return switch (ch) {
            case '\n', '\r' -> new Stroke(Key.ENTER, false);
            case '\t' -> new Stroke(Key.TAB, false);
            case '\b' -> new Stroke(Key.BACKSPACE, false);
            case 0x1B -> new Stroke(Key.ESCAPE, false);
            default -> throw new IllegalArgumentException(String.format(
                    "cannot type U+%04X at index %d on a US keyboard", (int) ch, index));
        };
    }
}
