package dev.ringmaster.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EventRingTest {

    @Test
    void capacityRoundsUpToPowerOfTwo() {
        assertEquals(8, new EventRing<Integer>(5).capacity());
        assertEquals(1, new EventRing<Integer>(1).capacity());
        assertEquals(1024, new EventRing<Integer>(1024).capacity());
        assertThrows(IllegalArgumentException.class, () -> new EventRing<Integer>(0));
    }

    @Test
    void drainsInOfferOrder() {
        EventRing<Integer> ring = new EventRing<>(16);
        for (int i = 0; i < 10; i++) {
            assertTrue(ring.offer(i));
        }
        List<Integer> out = new ArrayList<>();
        assertEquals(4, ring.drain(out::add, 4));
        assertEquals(6, ring.drain(out::add, 100));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), out);
        assertEquals(0, ring.size());
        assertNull(ring.poll());
    }

    @Test
    void overflowDropsNewestAndCountsThem() {
        EventRing<Integer> ring = new EventRing<>(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(99));
        assertFalse(ring.offer(100));
        assertEquals(2, ring.dropped());
        assertEquals(4, ring.size());
        assertEquals(0, ring.poll());
        assertTrue(ring.offer(4), "a freed slot is reused");
        List<Integer> out = new ArrayList<>();
        ring.drain(out::add, Integer.MAX_VALUE);
        assertEquals(List.of(1, 2, 3, 4), out);
        assertEquals(2, ring.dropped());
        assertEquals(5, ring.offered());
    }

    @Test
    void wrapsAroundManyTimes() {
        EventRing<Integer> ring = new EventRing<>(8);
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 1000; round++) {
            for (int k = 0; k < 5; k++) {
                assertTrue(ring.offer(next++));
            }
            int[] box = {expected};
            ring.drain(v -> assertEquals(box[0]++, v), 5);
            expected = box[0];
        }
        assertEquals(5000, expected);
        assertEquals(0, ring.dropped());
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> new EventRing<Integer>(4).offer(null));
    }

    /**
     * One producer thread offers as fast as it can while nobody drains: it must finish (never block)
     * and every element it could not store must be counted.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void producerNeverBlocksOnAFullRing() throws InterruptedException {
        EventRing<Long> ring = new EventRing<>(64);
        long total = 1_000_000;
        Thread producer = new Thread(() -> {
            for (long i = 0; i < total; i++) {
                ring.offer(i);
            }
        });
        producer.start();
        producer.join();
        assertEquals(64, ring.size());
        assertEquals(total - 64, ring.dropped());
    }

    /** SPSC under concurrency: what the consumer sees is strictly increasing, and seen + dropped = offered. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void concurrentConsumerSeesOrderedSubsequence() throws InterruptedException {
        EventRing<Long> ring = new EventRing<>(256);
        long total = 2_000_000;
        Thread producer = new Thread(() -> {
            for (long i = 0; i < total; i++) {
                ring.offer(i);
            }
        });
        long[] last = {-1};
        long[] seen = {0};
        boolean[] ordered = {true};
        producer.start();
        while (producer.isAlive() || ring.size() > 0) {
            ring.drain(v -> {
                if (v <= last[0]) {
                    ordered[0] = false;
                }
                last[0] = v;
                seen[0]++;
            }, 64);
            Thread.onSpinWait();
        }
        producer.join();
        ring.drain(v -> seen[0]++, Integer.MAX_VALUE);
        assertTrue(ordered[0], "consumer saw elements out of order");
        assertEquals(total, seen[0] + ring.dropped());
    }
}
