package dev.ringmaster.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void timersFireInDeadlineOrderOnlyWhenDue() {
        VirtualClock clock = new VirtualClock(1000);
        List<String> fired = new ArrayList<>();
        VirtualClock.Timer a = clock.newTimer("a", () -> fired.add("a@" + clock.now()));
        VirtualClock.Timer b = clock.newTimer("b", () -> fired.add("b@" + clock.now()));
        a.armAt(50);
        b.armAt(20);
        assertEquals(20, clock.nextDeadline());
        clock.advance(19);
        clock.runDue();
        assertEquals(List.of(), fired);
        clock.advance(40);
        clock.runDue();
        assertEquals(List.of("b@59", "a@59"), fired);
        assertEquals(Long.MAX_VALUE, clock.nextDeadline());
        assertFalse(a.armed());
    }

    @Test
    void periodicTimerRearmsFromItsCallback() {
        VirtualClock clock = new VirtualClock(1000);
        int[] count = {0};
        VirtualClock.Timer[] t = new VirtualClock.Timer[1];
        t[0] = clock.newTimer("tick", () -> {
            count[0]++;
            t[0].armAt(t[0].deadline() == Long.MAX_VALUE ? clock.now() + 10 : clock.now() + 10);
        });
        t[0].armAt(10);
        for (int i = 0; i < 100; i++) {
            clock.advance(1);
            clock.runDue();
        }
        assertEquals(10, count[0]);
    }

    @Test
    void deadlineListenerHearsOnlyEarlierDeadlines() {
        VirtualClock clock = new VirtualClock(1000);
        List<Long> heard = new ArrayList<>();
        clock.setDeadlineListener(heard::add);
        VirtualClock.Timer a = clock.newTimer("a", () -> { });
        VirtualClock.Timer b = clock.newTimer("b", () -> { });
        a.armAt(500);
        b.armAt(700); // later than the next deadline: nobody needs to know
        b.armAt(200);
        a.cancel();   // the next deadline stays 200
        assertEquals(List.of(500L, 200L), heard);
    }

    @Test
    void cancelledTimerDoesNotFire() {
        VirtualClock clock = new VirtualClock(1000);
        int[] count = {0};
        VirtualClock.Timer t = clock.newTimer("t", () -> count[0]++);
        t.armIn(5);
        t.cancel();
        clock.advance(10);
        clock.runDue();
        assertEquals(0, count[0]);
    }

    @Test
    void convertsBetweenCyclesAndNanos() {
        VirtualClock clock = new VirtualClock(2_000_000_000L);
        clock.advance(3_000_000_000L);
        assertEquals(1_500_000_000L, clock.nanos());
        assertEquals(2, clock.cyclesForNanos(1));
        assertEquals(2_000, clock.cyclesForNanos(1_000));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    }
}
