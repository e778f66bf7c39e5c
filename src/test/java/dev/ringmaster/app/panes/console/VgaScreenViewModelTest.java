package dev.ringmaster.app.panes.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.devices.TextScreen;
import org.junit.jupiter.api.Test;

class VgaScreenViewModelTest {
    @Test
    void coloursComeFromTheAttributeThroughThePalette() {
        TextScreen s = new Screens().print(0, 0, "Hi", 0x1E).print(1, 0, "x", 0x4F).snapshot();
        assertEquals(0xFFFF55, VgaScreenViewModel.foreground(s, 0, 0), "yellow on");
        assertEquals(0x0000AA, VgaScreenViewModel.background(s, 0, 0), "blue");
        assertEquals(0xFFFFFF, VgaScreenViewModel.foreground(s, 1, 0), "bright white on");
        assertEquals(0xAA0000, VgaScreenViewModel.background(s, 1, 0), "red");
        assertEquals(0xAAAAAA, VgaScreenViewModel.foreground(s, 5, 5), "a cleared cell is light grey");
        assertEquals(0x000000, VgaScreenViewModel.background(s, 5, 5), "on black");
    }

    @Test
    void bit7BlinksWhenBlinkingIsEnabledAndBrightensTheBackgroundWhenNot() {
        Screens screens = new Screens().print(0, 0, "B", 0xC7);
        TextScreen blinking = screens.snapshot();
        assertTrue(VgaScreenViewModel.blinks(blinking, 0, 0));
        assertEquals(0xAA0000, VgaScreenViewModel.background(blinking, 0, 0), "bits 4-6 only: red");
        TextScreen bright = screens.blink(false).snapshot();
        assertFalse(VgaScreenViewModel.blinks(bright, 0, 0));
        assertEquals(0xFF5555, VgaScreenViewModel.background(bright, 0, 0), "bits 4-7: light red");
    }

    @Test
    void blinkingGlyphsAndTheCursorFollowTheirPhases() {
        VgaScreenViewModel m = new VgaScreenViewModel();
        assertTrue(m.show(new Screens().print(0, 0, "B", 0x87).print(0, 1, "n", 0x07).cursor(3, 10).snapshot()));
        m.tick(0);
        assertTrue(m.glyphShown(0, 0));
        assertArrayEquals(new int[] {0x0D, 0x0E}, m.cursorScanLines(), "the BIOS's underline cursor");
        m.tick(VgaScreenViewModel.CURSOR_HALF_PERIOD_NANOS);
        assertNull(m.cursorScanLines(), "cursor off in its second half period");
        assertTrue(m.glyphShown(0, 0), "characters blink at half the cursor's rate");
        m.tick(VgaScreenViewModel.BLINK_HALF_PERIOD_NANOS);
        assertFalse(m.glyphShown(0, 0), "a blinking character is hidden");
        assertTrue(m.glyphShown(0, 1), "a steady one is not");
        assertArrayEquals(new int[] {0x0D, 0x0E}, m.cursorScanLines(), "cursor on again after two half periods");
        assertEquals(3, m.screen().cursorRow());
        assertEquals(10, m.screen().cursorColumn());
    }

    @Test
    void aDisabledCursorIsNotDrawnAndABlockCursorIsClippedToTheCell() {
        VgaScreenViewModel m = new VgaScreenViewModel();
        m.show(new Screens().cursorShape(0x20, 0x0F).snapshot());
        assertNull(m.cursorScanLines(), "CRTC 0x0A bit 5 disables it");
        m.show(new Screens().cursorShape(0x00, 0x1F).snapshot());
        assertArrayEquals(new int[] {0, 15}, m.cursorScanLines());
    }

    @Test
    void anEqualScreenIsNoChangeAndTheTextIsTheScreensText() {
        VgaScreenViewModel m = new VgaScreenViewModel();
        assertEquals("", m.text());
        Screens screens = new Screens().print(2, 4, "Ringmaster", 0x0A);
        assertTrue(m.show(screens.snapshot()));
        assertFalse(m.show(screens.snapshot()), "same content");
        assertFalse(m.show(null));
        assertEquals("\n\n    Ringmaster" + "\n".repeat(22), m.text());
    }

    @Test
    void aHiddenScreenIsTakenButNotShownAndItsBlinkStandsStill() {
        VgaScreenViewModel m = new VgaScreenViewModel();
        m.gate().setShowing(false);
        TextScreen s = new Screens().print(0, 0, "ok", 0x07).cursor(0, 2).snapshot();
        assertFalse(m.show(s, 0));
        assertNull(m.screen(), "nothing shown while hidden");
        assertEquals(s, m.latest(), "but the newest screen is kept");
        m.tick(0);
        m.tick(VgaScreenViewModel.CURSOR_HALF_PERIOD_NANOS);
        assertTrue(m.cursorPhaseProperty().get(), "no blinking (no repaints) while hidden");
        m.gate().setShowing(true);
        assertTrue(m.show(null, 1), "shown at the first pulse in front, even when the VM published nothing new");
        assertEquals(s, m.screen());
        m.tick(VgaScreenViewModel.CURSOR_HALF_PERIOD_NANOS);
        assertFalse(m.cursorPhaseProperty().get(), "the blink phase follows the clock again");
    }

    @Test
    void aShowingScreenFollowsEveryPulse() {
        VgaScreenViewModel m = new VgaScreenViewModel();
        TextScreen a = new Screens().print(0, 0, "a", 0x07).snapshot();
        TextScreen b = new Screens().print(0, 0, "b", 0x07).snapshot();
        assertTrue(m.show(a, 0));
        assertTrue(m.show(b, 33_333_333L), "30 Hz: a typed key's echo is shown at the next pulse");
        assertEquals(b, m.screen());
        assertFalse(m.show(b, 66_666_666L), "the same screen is no change");
    }
}
