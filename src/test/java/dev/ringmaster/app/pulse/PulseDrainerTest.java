package dev.ringmaster.app.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.trace.EventRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pulse's draining logic, without any toolkit. */
class PulseDrainerTest {
    private static final long MS = 1_000_000L;

    /** Records what each pulse delivered. */
    private static final class Recorder implements PulseSink<Integer> {
        final List<List<Integer>> batches = new ArrayList<>();
        final List<Long> dropped = new ArrayList<>();

        @Override
        public void onPulse(List<Integer> batch, long droppedTotal) {
            batches.add(List.copyOf(batch));
            dropped.add(droppedTotal);
        }

        List<Integer> all() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    private static PulseDrainer drainer(int hz) {
        return new PulseDrainer(hz, e -> {
            throw new AssertionError("unexpected sink failure", e);
        });
    }

    @Test
    void eachPulseDeliversAtMostTheBudgetInOrderAndTheRestWaits() {
        EventRing<Integer> ring = new EventRing<>(64);
        PulseDrainer d = drainer(60);
        Recorder sink = new Recorder();
        d.register(ring, 10, sink);
        IntStream.range(0, 25).forEach(ring::offer);

        assertEquals(10, d.drainAll());
        assertEquals(10, d.drainAll());
        assertEquals(5, d.drainAll());
        assertEquals(0, d.drainAll());
        assertEquals(List.of(10, 10, 5), sink.batches.stream().map(List::size).toList(), "no call when nothing changed");
        assertEquals(IntStream.range(0, 25).boxed().toList(), sink.all());
    }

    @Test
    void overflowIsDroppedCountedAndReportedEvenWithoutNewElements() {
        EventRing<Integer> ring = new EventRing<>(8);
        PulseDrainer d = drainer(30);
        Recorder sink = new Recorder();
        d.register(ring, 100, sink);
        int stored = 0;
        for (int i = 0; i < 20; i++) {
            stored += ring.offer(i) ? 1 : 0;
        }
        assertEquals(8, stored);
        d.drainAll();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), sink.all(), "the oldest are kept, the overflow is dropped");
        assertEquals(List.of(12L), sink.dropped);

        ring.offer(100);
        d.drainAll();
        assertEquals(List.of(100), sink.batches.get(1));
        for (int i = 0; i < 9; i++) {
            ring.offer(200 + i);
        }
        d.drainAll();
        assertEquals(13L, sink.dropped.get(2));
        assertEquals(8, sink.batches.get(2).size());
    }

    @Test
    void theProducerNeverBlocksOnAConsumerThatDoesNotDrain() {
        EventRing<Integer> ring = new EventRing<>(16);
        drainer(60).register(ring, 4, new Recorder());
        // No pulse at all: a million offers still return (and are dropped), they never wait.
        long dropped = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 1_000_000; i++) {
                ring.offer(i);
            }
            return ring.dropped();
        });
        assertEquals(1_000_000 - 16, dropped);
    }

    @Test
    void aProducerThreadAndThePulseAgreeOnOrderAndCounts() throws InterruptedException {
        EventRing<Integer> ring = new EventRing<>(256);
        PulseDrainer d = drainer(60);
        Recorder sink = new Recorder();
        d.register(ring, 64, sink);
        int n = 200_000;
        AtomicBoolean done = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                ring.offer(i);
            }
            done.set(true);
        }, "producer");
        producer.start();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            while (!done.get() || ring.size() > 0) {
                d.drainAll();
            }
        });
        producer.join();
        d.drainAll();
        List<Integer> got = sink.all();
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1), "out of order at " + i);
        }
        assertEquals(n, got.size() + ring.dropped(), "every element is either delivered or counted as dropped");
        assertEquals(ring.dropped(), (long) sink.dropped.get(sink.dropped.size() - 1));
    }

    @Test
    void ticksDrainAtTheConfiguredRateTolerantOfFrameJitter() {
        PulseDrainer at30 = drainer(30);
        assertTrue(at30.tick(1000 * MS), "the first frame drains");
        assertFalse(at30.tick(1000 * MS + 16_700_000L), "a 60 Hz frame later is too early for 30 Hz");
        assertTrue(at30.tick(1000 * MS + 33_000_000L), "two frames later, slightly early, drains");
        assertEquals(2, at30.pulses());

        PulseDrainer at60 = drainer(60);
        long t = 5000 * MS;
        int drains = 0;
        for (int frame = 0; frame < 60; frame++) {
            t += frame % 2 == 0 ? 15_500_000L : 17_800_000L; // jittery 60 Hz frames
            drains += at60.tick(t) ? 1 : 0;
        }
        assertEquals(60, drains, "at 60 Hz every frame drains despite jitter");
        assertEquals(16_666_666L, at60.periodNanos());
    }

    @Test
    void ratesOutside30To60HzAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> drainer(29));
        assertThrows(IllegalArgumentException.class, () -> drainer(61));
        assertThrows(IllegalArgumentException.class, () -> drainer(60).register(new EventRing<Integer>(4), 0, new Recorder()));
    }

    @Test
    void aFailingSinkIsReportedAndTheOthersStillGetTheirBatches() {
        List<RuntimeException> errors = new ArrayList<>();
        PulseDrainer d = new PulseDrainer(60, errors::add);
        EventRing<Integer> bad = new EventRing<>(4);
        EventRing<Integer> good = new EventRing<>(4);
        d.register(bad, 4, (batch, dropped) -> {
            throw new IllegalStateException("broken pane");
        });
        Recorder sink = new Recorder();
        d.register(good, 4, sink);
        bad.offer(1);
        good.offer(2);
        assertEquals(2, d.drainAll());
        assertEquals(1, errors.size());
        assertEquals("broken pane", errors.get(0).getMessage());
        assertEquals(List.of(2), sink.all());
    }

    @Test
    void anUnregisteredRingIsNoLongerDrained() {
        PulseDrainer d = drainer(60);
        EventRing<Integer> ring = new EventRing<>(4);
        Recorder sink = new Recorder();
        PulseDrainer.Registration r = d.register(ring, 4, sink);
        assertEquals(1, d.registered());
        r.close();
        assertEquals(0, d.registered());
        ring.offer(1);
        assertEquals(0, d.drainAll());
        assertEquals(1, ring.size());
        assertTrue(sink.batches.isEmpty());
    }
}
