package dev.ringmaster.app.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefreshGateTest {
    private static final long MS = 1_000_000L;

    @Test
    void refreshesAtMostAtItsRateWhileShowing() {
        RefreshGate gate = new RefreshGate(10); // every 100 ms
        assertTrue(gate.due(0), "the first pulse refreshes");
        assertFalse(gate.due(33 * MS));
        assertFalse(gate.due(66 * MS));
        assertTrue(gate.due(100 * MS));
        assertFalse(gate.due(133 * MS));
        // a frame a little early (jitter) still counts
        assertTrue(gate.due(190 * MS));
        assertEquals(3, gate.refreshes());
    }

    @Test
    void aHiddenPaneNeverRefreshesAndCatchesUpWhenShownAgain() {
        RefreshGate gate = new RefreshGate(5);
        assertTrue(gate.due(0));
        gate.setShowing(false);
        assertFalse(gate.due(1000 * MS));
        assertFalse(gate.due(2000 * MS));
        gate.setShowing(true);
        assertTrue(gate.due(2001 * MS), "coming to the front shows what arrived while hidden");
        assertFalse(gate.due(2034 * MS));
        // shown again at once even when it was hidden for less than a period
        gate.setShowing(false);
        assertFalse(gate.due(2050 * MS));
        gate.setShowing(true);
        assertTrue(gate.due(2060 * MS));
    }

    @Test
    void forcedRefreshesComeAtTheNextPulseButNotWhileHidden() {
        RefreshGate gate = new RefreshGate(2);
        assertTrue(gate.due(0));
        assertFalse(gate.due(33 * MS));
        gate.force(); // a step: its registers are shown at once
        assertTrue(gate.due(66 * MS));
        assertFalse(gate.due(99 * MS));
        gate.setShowing(false);
        gate.force();
        assertFalse(gate.due(132 * MS));
        gate.setShowing(true);
        assertTrue(gate.due(165 * MS));
    }

    @Test
    void ratesOutsideOneToSixtyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RefreshGate(0));
        assertThrows(IllegalArgumentException.class, () -> new RefreshGate(61));
        assertEquals(1_000_000_000L / 60, new RefreshGate(60).periodNanos());
    }
}
