package dev.ringmaster.app.panes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.VmActivity.Rates;
import dev.ringmaster.app.panes.VmActivity.Sample;
import dev.ringmaster.app.panes.VmActivity.Series;
import dev.ringmaster.engine.vmm.Technique;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Samples with timestamps → sparkline rates, without a toolkit. */
class VmActivityTest {
    private static final long MS = 1_000_000L;

    @Test
    void ratesAreTheCountersDifferenceOverTheTimeThatReallyPassed() {
        VmActivity a = new VmActivity();
        assertFalse(a.sample(new Sample(0, 1_000, 10, 0)), "the first sample is a baseline");
        assertFalse(a.sample(new Sample(300 * MS, 9_000_000, 90, 100 * MS)), "less than a period: no point");
        // 600 ms after the baseline: 30 M instructions, 300 traps, 450 ms of the engine thread's CPU
        assertTrue(a.sample(new Sample(600 * MS, 30_001_000, 310, 450 * MS)));
        Rates r = a.latest();
        assertEquals(50.0, r.mips(), 1e-9);
        assertEquals(500.0, r.trapsPerSecond(), 1e-9);
        assertEquals(75.0, r.hostCpuPercent(), 1e-9);
        // the next period counts from that sample, not from the one in between
        assertTrue(a.sample(new Sample(1_100 * MS, 35_001_000, 310, 450 * MS)));
        assertEquals(10.0, a.latest().mips(), 1e-9);
        assertEquals(0.0, a.latest().trapsPerSecond(), 1e-9);
        assertEquals(0.0, a.latest().hostCpuPercent(), 1e-9, "a paused VM's thread uses no CPU");
        assertArrayEquals(new double[] {50, 10}, a.values(Series.MIPS), 1e-9);
        assertArrayEquals(new double[] {75, 0}, a.values(Series.HOST_CPU), 1e-9);
    }

    @Test
    void countersThatGoBackStartANewBaselineAndUnknownCpuTimeIsNaN() {
        VmActivity a = new VmActivity();
        a.sample(new Sample(0, 5_000_000, 0, -1));
        assertTrue(a.sample(new Sample(1_000 * MS, 7_000_000, 0, -1)));
        assertTrue(Double.isNaN(a.latest().hostCpuPercent()), "no thread CPU time: not a number, not 0");
        assertFalse(a.sample(new Sample(2_000 * MS, 100, 0, -1)), "reset: the counters restart");
        assertTrue(a.sample(new Sample(2_500 * MS, 1_000_100, 0, -1)));
        assertEquals(2.0, a.latest().mips(), 1e-9);
        assertEquals(2, a.values(Series.MIPS).length);
    }

    @Test
    void aStoppedVmFallsToZeroOncePerPeriodAndTheHistoryKeepsOneMinute() {
        VmActivity a = new VmActivity();
        assertFalse(a.idle(0), "a VM that never ran has no sparkline");
        assertEquals(0, a.values(Series.MIPS).length);
        long t = 0;
        a.sample(new Sample(t, 0, 0, 0));
        for (int i = 1; i <= VmActivity.POINTS + 30; i++) {
            t += VmActivity.PERIOD_NANOS;
            assertTrue(a.sample(new Sample(t, i * 1_000_000L, 0, 0)));
        }
        double[] mips = a.values(Series.MIPS);
        assertEquals(VmActivity.POINTS, mips.length, "one minute of points");
        assertEquals(2.0, mips[mips.length - 1], 1e-9);
        assertTrue(a.idle(t + VmActivity.PERIOD_NANOS));
        assertFalse(a.idle(t + VmActivity.PERIOD_NANOS + 100 * MS), "one point per period");
        assertEquals(0.0, a.latest().mips());
        assertEquals(0.0, a.values(Series.MIPS)[VmActivity.POINTS - 1]);
    }

    @Test
    void theListSamplesEveryVmAndCountsChangesForTheCells() {
        VmListViewModel list = new VmListViewModel();
        VmEntry on = VmViewModelsTest.entry("on", "", Technique.NATIVE, VmStatus.RUNNING);
        VmEntry off = VmViewModelsTest.entry("off", "", Technique.TRAP, VmStatus.SHUT_OFF);
        list.setVms(List.of(on, off));
        UUID onId = on.definition().id();
        assertFalse(list.sampleActivity(0, id -> id.equals(onId) ? new Sample(0, 0, 0, 0) : null));
        assertTrue(list.sampleActivity(VmActivity.PERIOD_NANOS,
                id -> id.equals(onId) ? new Sample(VmActivity.PERIOD_NANOS, 4_000_000, 1_000, 0) : null));
        assertEquals(1, list.activityVersionProperty().get());
        assertEquals(8.0, list.activity(onId).latest().mips(), 1e-9);
        assertEquals(2_000.0, list.activity(onId).latest().trapsPerSecond(), 1e-9);
        assertEquals(0, list.activity(off.definition().id()).values(Series.MIPS).length);
    }
}
