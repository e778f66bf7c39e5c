package dev.ringmaster.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The budget's arithmetic, on made-up CPU and wall times (no thread is measured or made to wait). */
class HostCpuBudgetTest {
    private static final long MS = 1_000_000L;

    @Test
    void unlimitedNeverAsksToRest() {
        HostCpuBudget budget = new HostCpuBudget();
        HostCpuBudget.Account a = budget.open();
        assertFalse(budget.isLimited());
        assertEquals(0, a.afterSlice(0, 0));
        assertEquals(0, a.afterSlice(100 * MS, 100 * MS), "a whole core for 100 ms: no limit, no rest");
        assertEquals(0, a.rested());
    }

    @Test
    void oneVmOnHalfACoreRestsAsLongAsItRan() {
        HostCpuBudget budget = new HostCpuBudget();
        budget.setCores(0.5);
        HostCpuBudget.Account a = budget.open();
        assertEquals(0, a.afterSlice(0, 0), "the first slice only anchors the account");
        // flat out, 10 ms slices: each earns 5 ms at half a core; the 20 ms banked at the start last four slices
        assertEquals(0, a.afterSlice(10 * MS, 10 * MS)); // 20 (the bank is full) - 10 = 10
        assertEquals(0, a.afterSlice(20 * MS, 20 * MS)); // 10 + 5 - 10 = 5
        assertEquals(0, a.afterSlice(30 * MS, 30 * MS)); // 5 + 5 - 10 = 0
        // 5 ms in debt, paid back at half a core: rest 10 ms
        assertEquals(10 * MS, a.afterSlice(40 * MS, 40 * MS));
        // it rested 10 ms and ran 10 ms: 20 ms of wall time earned 10, the slice spent 10: still 5 in debt
        assertEquals(10 * MS, a.afterSlice(50 * MS, 60 * MS));
        // flat out for long: over any long stretch its CPU time is half the wall time
        long cpu = 50 * MS;
        long wall = 70 * MS;
        for (int i = 0; i < 100; i++) {
            cpu += 10 * MS;
            wall += 10 * MS;
            wall += a.afterSlice(cpu, wall);
        }
        double share = (cpu - 50.0 * MS) / (wall - 70.0 * MS);
        assertTrue(Math.abs(share - 0.5) < 0.03, "share " + share);
    }

    @Test
    void runningVmsShareTheBudgetAndAnIdleOneGivesItsShareBack() {
        HostCpuBudget budget = new HostCpuBudget();
        budget.setCores(1);
        HostCpuBudget.Account a = budget.open();
        HostCpuBudget.Account b = budget.open();
        a.afterSlice(0, 0);
        b.afterSlice(0, 0);
        assertEquals(2, budget.active(0));
        // both flat out for a second: each gets half the core
        long[] cpu = {0, 0};
        long wall = 0;
        for (int i = 0; i < 100; i++) {
            wall += 10 * MS;
            cpu[0] += 10 * MS;
            cpu[1] += 10 * MS;
            long ra = a.afterSlice(cpu[0], wall);
            long rb = b.afterSlice(cpu[1], wall);
            assertEquals(ra, rb, "equal shares, equal rests");
            wall += ra;
        }
        assertTrue(a.rested() > 0);
        // b stops (paused): after the active window a alone may use the whole core
        long quiet = wall + (HostCpuBudget.ACTIVE_WINDOW_MS + 1) * MS;
        a.afterSlice(cpu[0], quiet);
        assertEquals(1, budget.active(quiet));
        long rest = 0;
        for (int i = 0; i < 10; i++) {
            quiet += 10 * MS;
            cpu[0] += 10 * MS;
            rest += a.afterSlice(cpu[0], quiet);
        }
        assertEquals(0, rest, "alone with a whole core: no rest");
        b.close();
        assertEquals(1, budget.active(quiet));
    }

    @Test
    void restsAreBoundedAndUnmeasurableCpuIsNotLimited() {
        HostCpuBudget budget = new HostCpuBudget();
        budget.setCores(0.01);
        HostCpuBudget.Account a = budget.open();
        a.afterSlice(0, 0);
        assertEquals(HostCpuBudget.MAX_REST_NANOS, a.afterSlice(1000 * MS, 1000 * MS), "never rests for seconds");
        HostCpuBudget.Account blind = budget.open();
        blind.afterSlice(-1, 0);
        assertEquals(0, blind.afterSlice(-1, 10 * MS));
        assertThrows(IllegalArgumentException.class, () -> budget.setCores(Double.NaN));
        assertEquals(1.0, HostCpuBudget.forDesktop(2));
        assertEquals(0.5, HostCpuBudget.forDesktop(1));
        assertEquals(7.0, HostCpuBudget.forDesktop(8));
    }

    @Test
    void noMoreSlicesRunAtOnceThanTheBudgetHasProcessorsRoundedUp() throws Exception {
        HostCpuBudget budget = new HostCpuBudget();
        HostCpuBudget.Account a = budget.open();
        HostCpuBudget.Account b = budget.open();
        HostCpuBudget.Account c = budget.open();
        assertTrue(a.enter(0) && b.enter(0) && c.enter(0), "unlimited: every slice runs");
        a.leave();
        b.leave();
        c.leave();
        budget.setCores(1);
        assertTrue(a.enter(0));
        assertFalse(b.enter(1_000_000), "one processor: one slice at a time");
        a.leave();
        assertTrue(b.enter(0), "its turn once the other slice is over");
        b.leave();
        budget.setCores(1.5);
        assertTrue(a.enter(0) && b.enter(0), "1.5 processors: two slices at once (the averages keep it to 1.5)");
        assertFalse(c.enter(0));
        a.close(); // a closed account gives its turn back
        assertTrue(c.enter(0));
        b.leave();
        c.leave();
        c.leave(); // leaving twice is harmless
        assertTrue(b.enter(0) && c.enter(0));
    }
}
