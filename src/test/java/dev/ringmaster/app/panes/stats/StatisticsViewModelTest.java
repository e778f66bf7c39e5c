package dev.ringmaster.app.panes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vm.VmOutputs;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.VmmCounters;
import org.junit.jupiter.api.Test;

class StatisticsViewModelTest {
    static final long MS = 1_000_000L;

    static VmOutputs.Counters counters(long instructions) {
        return new VmOutputs.Counters(instructions, instructions * 2, 0, 0, 0);
    }

    static VmmCounters.Snapshot traps(int n) {
        VmmCounters c = new VmmCounters();
        for (int i = 0; i < n; i++) {
            c.add(VmmCounters.Kind.TRAPS);
        }
        c.emulated("cli");
        return c.snapshot();
    }

    @Test
    void ratesComeFromCounterDeltasOverHostTime() {
        StatisticsViewModel m = new StatisticsViewModel(Technique.TRAP);
        assertFalse(m.update(counters(0), traps(0), 0, 0, 0), "the first call only anchors");
        assertFalse(m.update(counters(1_000_000), traps(50), 0, 0, 200 * MS), "too soon for a sample");
        assertTrue(m.update(counters(2_000_000), traps(400), 0, 0, 500 * MS));
        assertEquals(4_000_000, m.instructionsPerSecond().latest(), 1e-6, "2 M instructions in half a second");
        assertEquals(800, m.trapsPerSecond().latest(), 1e-6);
        assertTrue(m.rateTextProperty().get().startsWith("4.00 M guest instructions/s · 800 traps/s · one trap every 5.0 k"),
                m.rateTextProperty().get());
        StatisticsViewModel.CounterRow trapsRow = m.counterRows().stream().filter(r -> r.name().equals("Traps"))
                .findFirst().orElseThrow();
        assertEquals(400, trapsRow.count());
        assertEquals(800, trapsRow.perSecond(), 1e-6);
        assertTrue(m.overheadTextProperty().get().contains("not available"), "no cost ledger yet: said so");
    }

    @Test
    void theHistoryKeepsTheLastMinuteAndAResetGivesNoNegativeRate() {
        StatisticsViewModel m = new StatisticsViewModel(Technique.NATIVE);
        m.update(counters(0), null, 0, 0, 0);
        for (int i = 1; i <= StatisticsViewModel.HISTORY + 10; i++) {
            m.update(counters(i * 1000L), null, 0, 0, i * 500 * MS);
        }
        assertEquals(StatisticsViewModel.HISTORY, m.instructionsPerSecond().size());
        assertEquals(2000, m.instructionsPerSecond().get(0), 1e-6);
        m.update(counters(10), null, 0, 0, (StatisticsViewModel.HISTORY + 11) * 500 * MS);
        assertEquals(0, m.instructionsPerSecond().latest(), "the VM was reset: counters start again");
        assertTrue(m.rateTextProperty().get().contains("no VMM (native)"), m.rateTextProperty().get());
    }

    @Test
    void dropCountsAreShownAtOnce() {
        StatisticsViewModel m = new StatisticsViewModel(Technique.TRAP);
        assertEquals("Engine → UI rings: nothing dropped.", m.dropsTextProperty().get());
        m.update(null, null, 1234, 5, 0);
        assertTrue(m.dropsTextProperty().get().contains("dropped 1,234 trace events and 5 serial chunks"),
                m.dropsTextProperty().get());
    }

    static dev.ringmaster.engine.cost.LedgerSnapshot ledger(long instructionCycles, long vmmCycles) {
        long[] counts = new long[dev.ringmaster.engine.cost.CostEvent.count()];
        long[] cycles = new long[counts.length];
        cycles[dev.ringmaster.engine.cost.CostEvent.INSN_SIMPLE.ordinal()] = instructionCycles;
        cycles[VMM_EVENT.ordinal()] = vmmCycles;
        counts[dev.ringmaster.engine.cost.CostEvent.INSN_SIMPLE.ordinal()] = instructionCycles;
        counts[VMM_EVENT.ordinal()] = vmmCycles / 100;
        return dev.ringmaster.engine.cost.LedgerSnapshot.of("test-preset", 1_000_000_000L, instructionCycles + vmmCycles, 0,
                counts, cycles);
    }

    static final dev.ringmaster.engine.cost.CostEvent VMM_EVENT = java.util.Arrays.stream(
            dev.ringmaster.engine.cost.CostEvent.values()).filter(e -> e.category()
            == dev.ringmaster.engine.cost.CostEvent.Category.SOFTWARE_VMM).findFirst().orElseThrow();

    @Test
    void theOverheadAgainstNativeComesFromTheCyclesTheLedgerChargedToTheVmm() {
        StatisticsViewModel m = new StatisticsViewModel(Technique.TRAP);
        m.update(counters(0), traps(0), ledger(1000, 0), 0, 0, 0);
        assertEquals(0, m.overhead().size());
        // the interval: 4000 instruction cycles and 2000 VMM cycles → 6000 / 4000 = 1.5× native
        assertTrue(m.update(counters(1000), traps(10), ledger(5000, 2000), 0, 0, 500 * MS));
        assertEquals(1.5, m.overhead().latest(), 1e-9);
        assertTrue(m.overheadTextProperty().get().startsWith("Simulated-cycle overhead vs native: 1.50× now, 1.40× since power-on"),
                m.overheadTextProperty().get());
        // nothing charged in the next interval: the ratio holds
        m.update(counters(1000), traps(10), ledger(5000, 2000), 0, 0, 1000 * MS);
        assertEquals(1.5, m.overhead().latest(), 1e-9);
        assertEquals(1.0, StatisticsViewModel.overheadOf(ledger(300, 0)), 1e-9, "native: no overhead");
    }

    @Test
    void aHiddenPaneKeepsSamplingAndPublishesWhenShownAtMostTwiceASecond() {
        StatisticsViewModel m = new StatisticsViewModel(Technique.TRAP);
        m.update(counters(0), traps(0), 0, 0, 0);
        long v0 = m.versionProperty().get();
        m.setShowing(false);
        assertTrue(m.update(counters(1_000_000), traps(10), 3, 0, 500 * MS));
        assertTrue(m.update(counters(3_000_000), traps(30), 7, 0, 1000 * MS));
        assertEquals(2, m.instructionsPerSecond().size(), "the history is complete");
        assertEquals(4_000_000, m.instructionsPerSecond().latest(), 1e-6);
        assertEquals(v0, m.versionProperty().get(), "no repaint while hidden");
        assertEquals("Engine → UI rings: nothing dropped.", m.dropsTextProperty().get());
        assertEquals("No samples yet.", m.rateTextProperty().get());

        m.setShowing(true);
        assertFalse(m.update(counters(3_100_000), traps(30), 7, 0, 1100 * MS));
        assertEquals(v0 + 1, m.versionProperty().get(), "back in front: published at once");
        assertTrue(m.rateTextProperty().get().startsWith("4.00 M guest instructions/s · 40 traps/s"),
                m.rateTextProperty().get());
        assertTrue(m.dropsTextProperty().get().contains("dropped 7 trace events"), m.dropsTextProperty().get());
        assertEquals(30, m.counterRows().stream().filter(r -> r.name().equals("Traps")).findFirst().orElseThrow().count());

        m.update(counters(3_100_000), traps(30), 9, 0, 1200 * MS);
        assertEquals(v0 + 1, m.versionProperty().get(), "a tenth of a second later: waits");
        assertTrue(m.dropsTextProperty().get().contains("dropped 7 trace events"));
        m.update(counters(3_100_000), traps(30), 9, 0, 1600 * MS);
        assertEquals(v0 + 2, m.versionProperty().get());
        assertTrue(m.dropsTextProperty().get().contains("dropped 9 trace events"));
        m.update(counters(3_100_000), traps(30), 9, 0, 2100 * MS);
        assertEquals(v0 + 3, m.versionProperty().get(), "the sample at 2.1 s");
        m.update(null, null, 9, 0, 2700 * MS);
        assertEquals(v0 + 3, m.versionProperty().get(), "nothing new: no repaint");
    }
}
