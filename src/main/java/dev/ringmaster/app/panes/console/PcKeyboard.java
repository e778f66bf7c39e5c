package dev.ringmaster.app.panes.console;

import dev.ringmaster.engine.devices.Key;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.scene.input.KeyCode;

/**
 * Turns the host's key presses and releases (JavaFX {@link KeyCode}s) into the PC keyboard's
 * {@link Key}s for a {@link KeyboardSink}: the guest sees make and break codes for physical keys,
 * as a real keyboard sends them, and does its own layout and shift handling. A held key repeats as
 * the host repeats it (a make per repeat, as a PS/2 keyboard's typematic repeat does). Keys still
 * held when the console loses focus are released, so the guest never sees a stuck Shift or Ctrl.
 *
 * <p>The host reports no left/right distinction for Shift, Ctrl and Alt, so they are the left
 * keys (AltGr is the right Alt); the keypad's Enter is the main Enter.
 */
public final class PcKeyboard {
    private static final Map<KeyCode, Key> KEYS = new EnumMap<>(KeyCode.class);

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            KEYS.put(KeyCode.valueOf(String.valueOf(c)), Key.valueOf(String.valueOf(c)));
        }
        for (int d = 0; d <= 9; d++) {
            KEYS.put(KeyCode.valueOf("DIGIT" + d), Key.valueOf("DIGIT" + d));
            KEYS.put(KeyCode.valueOf("NUMPAD" + d), Key.valueOf("KP" + d));
        }
        for (int f = 1; f <= 12; f++) {
            KEYS.put(KeyCode.valueOf("F" + f), Key.valueOf("F" + f));
        }
        Object[][] pairs = {
            {KeyCode.ESCAPE, Key.ESCAPE}, {KeyCode.MINUS, Key.MINUS}, {KeyCode.EQUALS, Key.EQUALS},
            {KeyCode.BACK_SPACE, Key.BACKSPACE}, {KeyCode.TAB, Key.TAB}, {KeyCode.OPEN_BRACKET, Key.OPEN_BRACKET},
            {KeyCode.CLOSE_BRACKET, Key.CLOSE_BRACKET}, {KeyCode.ENTER, Key.ENTER}, {KeyCode.CONTROL, Key.LEFT_CTRL},
            {KeyCode.SEMICOLON, Key.SEMICOLON}, {KeyCode.QUOTE, Key.QUOTE}, {KeyCode.BACK_QUOTE, Key.BACK_QUOTE},
            {KeyCode.SHIFT, Key.LEFT_SHIFT}, {KeyCode.BACK_SLASH, Key.BACKSLASH}, {KeyCode.COMMA, Key.COMMA},
            {KeyCode.PERIOD, Key.PERIOD}, {KeyCode.SLASH, Key.SLASH}, {KeyCode.MULTIPLY, Key.KP_MULTIPLY},
            {KeyCode.ALT, Key.LEFT_ALT}, {KeyCode.ALT_GRAPH, Key.RIGHT_ALT}, {KeyCode.SPACE, Key.SPACE},
            {KeyCode.CAPS, Key.CAPS_LOCK}, {KeyCode.NUM_LOCK, Key.NUM_LOCK}, {KeyCode.SCROLL_LOCK, Key.SCROLL_LOCK},
            {KeyCode.SUBTRACT, Key.KP_SUBTRACT}, {KeyCode.ADD, Key.KP_ADD}, {KeyCode.DECIMAL, Key.KP_DECIMAL},
            {KeyCode.DIVIDE, Key.KP_DIVIDE}, {KeyCode.HOME, Key.HOME}, {KeyCode.UP, Key.UP},
            {KeyCode.PAGE_UP, Key.PAGE_UP}, {KeyCode.LEFT, Key.LEFT}, {KeyCode.RIGHT, Key.RIGHT},
            {KeyCode.END, Key.END}, {KeyCode.DOWN, Key.DOWN}, {KeyCode.PAGE_DOWN, Key.PAGE_DOWN},
            {KeyCode.INSERT, Key.INSERT}, {KeyCode.DELETE, Key.DELETE}, {KeyCode.WINDOWS, Key.LEFT_META},
            {KeyCode.META, Key.LEFT_META}, {KeyCode.CONTEXT_MENU, Key.MENU}, {KeyCode.PRINTSCREEN, Key.PRINT_SCREEN},
            {KeyCode.PAUSE, Key.PAUSE}, {KeyCode.LESS, Key.INTL_BACKSLASH},
        };
        for (Object[] p : pairs) {
            KEYS.put((KeyCode) p[0], (Key) p[1]);
        }
    }

    private final KeyboardSink sink;
    private final Set<Key> held = EnumSet.noneOf(Key.class);

    public PcKeyboard(KeyboardSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The PC key for a host key code, when the PC keyboard has one. */
    public static Optional<Key> keyFor(KeyCode code) {
        return Optional.ofNullable(KEYS.get(code));
    }

    /** A host key went down (or repeats). @return true when it was sent (the event should be consumed) */
    public boolean pressed(KeyCode code) {
        Key k = KEYS.get(code);
        if (k == null) {
            return false;
        }
        held.add(k);
        sink.key(k, true);
        return true;
    }

    /** A host key went up. @return true when it was sent */
    public boolean released(KeyCode code) {
        Key k = KEYS.get(code);
        if (k == null) {
            return false;
        }
        held.remove(k);
        if (k != Key.PAUSE) {
            sink.key(k, false);
        }
        return true;
    }

    /** Releases every key still held (the console lost focus). */
    public void releaseAll() {
        for (Key k : held) {
            if (k != Key.PAUSE) {
                sink.key(k, false);
            }
        }
        held.clear();
    }

    /** Keys currently held down. */
    public Set<Key> held() {
        return EnumSet.copyOf(held.isEmpty() ? EnumSet.noneOf(Key.class) : held);
    }
}
