package dev.ringmaster.app.panes.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.devices.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class PcKeyboardTest {
    final List<String> sent = new ArrayList<>();
    final PcKeyboard keyboard = new PcKeyboard((k, down) -> sent.add(k + (down ? " down" : " up")));

    @Test
    void hostKeysBecomePcKeysWithMakeAndBreak() {
        assertTrue(keyboard.pressed(KeyCode.SHIFT));
        assertTrue(keyboard.pressed(KeyCode.A));
        assertTrue(keyboard.released(KeyCode.A));
        assertTrue(keyboard.released(KeyCode.SHIFT));
        assertEquals(List.of("LEFT_SHIFT down", "A down", "A up", "LEFT_SHIFT up"), sent);
    }

    @Test
    void everyMappedKeyIsARealPcKeyAndTheUsualOnesAreMapped() {
        assertEquals(Optional.of(Key.ENTER), PcKeyboard.keyFor(KeyCode.ENTER));
        assertEquals(Optional.of(Key.BACKSPACE), PcKeyboard.keyFor(KeyCode.BACK_SPACE));
        assertEquals(Optional.of(Key.KP7), PcKeyboard.keyFor(KeyCode.NUMPAD7));
        assertEquals(Optional.of(Key.F12), PcKeyboard.keyFor(KeyCode.F12));
        assertEquals(Optional.of(Key.UP), PcKeyboard.keyFor(KeyCode.UP));
        assertEquals(Optional.of(Key.RIGHT_ALT), PcKeyboard.keyFor(KeyCode.ALT_GRAPH));
        assertEquals(Optional.empty(), PcKeyboard.keyFor(KeyCode.F20), "no F20 on a PC keyboard");
        assertFalse(keyboard.pressed(KeyCode.F20));
        assertTrue(sent.isEmpty());
    }

    @Test
    void losingFocusReleasesHeldKeys() {
        keyboard.pressed(KeyCode.CONTROL);
        keyboard.pressed(KeyCode.C);
        keyboard.released(KeyCode.C);
        assertEquals(Set.of(Key.LEFT_CTRL), keyboard.held());
        sent.clear();
        keyboard.releaseAll();
        assertEquals(List.of("LEFT_CTRL up"), sent);
        assertTrue(keyboard.held().isEmpty());
    }

    @Test
    void pauseHasNoBreakCode() {
        keyboard.pressed(KeyCode.PAUSE);
        keyboard.released(KeyCode.PAUSE);
        assertEquals(List.of("PAUSE down"), sent);
    }
}
