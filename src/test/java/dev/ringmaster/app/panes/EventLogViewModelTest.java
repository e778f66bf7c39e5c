package dev.ringmaster.app.panes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.LogEntry.Severity;
import dev.ringmaster.app.pulse.PulseDrainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The event log model without a toolkit: entries arrive on the pulse, in batches, with drops counted. */
class EventLogViewModelTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T09:30:05Z"), ZoneOffset.UTC);

    private static PulseDrainer drainer() {
        return new PulseDrainer(30, e -> {
            throw new AssertionError(e);
        });
    }

    @Test
    void postedEntriesAppearOnTheNextPulseNotBefore() {
        EventLogViewModel log = new EventLogViewModel(CLOCK);
        PulseDrainer pulse = drainer();
        log.attach(pulse);
        assertTrue(log.post(Severity.WARNING, "layout", "layout.json could not be used"));
        log.post(Severity.INFO, "vms", "No virtual machines");
        assertTrue(log.entries().isEmpty());
        assertEquals("0 entries · none dropped", log.summary().get());

        pulse.drainAll();
        assertEquals(2, log.entries().size());
        assertEquals(new LogEntry(CLOCK.instant(), Severity.WARNING, "layout", "layout.json could not be used"),
                log.entries().get(0));
        assertEquals("2 entries · none dropped", log.summary().get());
    }

    @Test
    void whatDoesNotFitInTheRingIsDroppedAndShownAsDropped() {
        EventLogViewModel log = new EventLogViewModel(CLOCK, 4);
        PulseDrainer pulse = drainer();
        log.attach(pulse);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += log.post(Severity.INFO, "test", "entry " + i) ? 1 : 0;
        }
        assertEquals(4, accepted);
        assertFalse(log.post(Severity.INFO, "test", "one more"));
        pulse.drainAll();
        assertEquals(4, log.entries().size());
        assertEquals("entry 3", log.entries().get(3).message());
        assertEquals(7, log.droppedProperty().get());
        assertEquals("4 entries · 7 dropped", log.summary().get());
    }

    @Test
    void theListKeepsTheNewestEntries() {
        EventLogViewModel log = new EventLogViewModel(CLOCK);
        PulseDrainer pulse = drainer();
        log.attach(pulse);
        int total = EventLogViewModel.MAX_ENTRIES + 300;
        for (int i = 0; i < total; i++) {
            log.post(Severity.INFO, "test", "entry " + i);
            if (i % EventLogViewModel.MAX_PER_PULSE == 0) {
                pulse.drainAll();
            }
        }
        pulse.drainAll();
        assertEquals(EventLogViewModel.MAX_ENTRIES, log.entries().size());
        assertEquals("entry 300", log.entries().get(0).message());
        assertEquals("entry " + (total - 1), log.entries().get(log.entries().size() - 1).message());
        assertEquals(EventLogViewModel.MAX_ENTRIES + " entries (300 older ones removed) · none dropped", log.summary().get());
    }
}
