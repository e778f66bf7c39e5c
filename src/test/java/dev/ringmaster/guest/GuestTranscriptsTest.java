package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The transcript mask hides timing figures and nothing else. */
class GuestTranscriptsTest {
    @Test
    void masksEveryTimingFigure() {
        assertEquals("sysbench: 1000 getpid calls in {t:*} ticks\r\n",
                GuestTranscripts.mask("sysbench: 1000 getpid calls in {t:17} ticks\r\n"));
        assertEquals("{t:*}\n    2     1 S      5 wait    sh               {t:*}\n",
                GuestTranscripts.mask("{t:2025-11-25 04:14:00 UTC}\n    2     1 S      5 wait    sh               {t:0}\n"));
    }

    @Test
    void leavesEverythingElseAlone() {
        String text = "pid 7 {x:1} {t 2} t:3 {T:4} {t:\n5}\r\n";
        assertEquals(text, GuestTranscripts.mask(text));
    }

    @Test
    void differentCountsOrWordsStillDiffer() {
        assertNotEquals(GuestTranscripts.mask("sysbench: 1000 getpid calls in {t:1} ticks"),
                GuestTranscripts.mask("sysbench: 999 getpid calls in {t:1} ticks"));
        assertNotEquals(GuestTranscripts.mask("a {t:1}\r\n"), GuestTranscripts.mask("a {t:1}\n"));
    }
}
