package dev.ringmaster.app.panes.rings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.trace.TraceEvent.RingTransition;
import dev.ringmaster.engine.vmm.Technique;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingsViewModelTest {
    static final long SECOND = 1_000_000_000L;

    static RingTransition t(long instr, int from, int to, Cause cause) {
        return new RingTransition(instr, instr * 3, from, to, cause, 0xC0100000 + (int) instr);
    }

    @Test
    void theCplIsWhereTheLastTransitionWent() {
        RingsViewModel m = new RingsViewModel(Technique.TRAP);
        assertEquals(-1, m.cplProperty().get());
        m.onPulse(List.of(t(10, 3, 1, Cause.SYSCALL), t(20, 1, 0, Cause.TRAP_TO_VMM), t(30, 0, 1, Cause.VMM_RESUME)), 0, 0);
        assertEquals(1, m.cplProperty().get());
        m.onPulse(List.of(t(40, 1, 3, Cause.RETURN)), 0, SECOND / 30);
        assertEquals(3, m.cplProperty().get());
        assertEquals(4, m.totalTransitions());
        assertEquals(40, m.newestInstructionsProperty().get());
    }

    @Test
    void causesAreColouredInTheFiveClassroomKindsAndTheWaysBack() {
        assertEquals(TransitionKind.SYSCALL, TransitionKind.of(Cause.SYSCALL));
        assertEquals(TransitionKind.TRAP_TO_VMM, TransitionKind.of(Cause.HYPERCALL));
        assertEquals(TransitionKind.TRAP_TO_VMM, TransitionKind.of(Cause.VM_EXIT));
        assertEquals(TransitionKind.CALLOUT, TransitionKind.of(Cause.CALLOUT));
        assertEquals(TransitionKind.RETURN, TransitionKind.of(Cause.VMM_RESUME));
        assertEquals(TransitionKind.RETURN, TransitionKind.of(Cause.VM_ENTRY));
    }

    @Test
    void ratesCountTheLastSecondOfHostTime() {
        RingsViewModel m = new RingsViewModel(Technique.NATIVE);
        List<TraceEvent> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(t(2 * i, 3, 0, Cause.SYSCALL));
            batch.add(t(2 * i + 1, 0, 3, Cause.RETURN));
        }
        m.onPulse(batch, 0, 0);
        m.onPulse(List.of(t(200, 3, 0, Cause.INTERRUPT)), 0, SECOND / 2);
        assertEquals(50, m.rate(TransitionKind.SYSCALL), 1e-9);
        assertEquals(1, m.rate(TransitionKind.INTERRUPT), 1e-9);
        assertTrue(m.ratesTextProperty().get().startsWith("System call 50/s · Interrupt 1/s"), m.ratesTextProperty().get());
        m.onPulse(List.of(), 0, SECOND);
        assertEquals(0, m.rate(TransitionKind.SYSCALL), 1e-9, "the first batch is a second old");
        assertEquals(1, m.rate(TransitionKind.INTERRUPT), 1e-9);
        m.onPulse(List.of(), 7, 2 * SECOND);
        assertEquals("No ring transitions in the last second · 7 events dropped (timeline incomplete)",
                m.ratesTextProperty().get());
    }

    @Test
    void theTimelineWindowEndsAtTheNewestInstructionCount() {
        RingsViewModel m = new RingsViewModel(Technique.BT);
        m.windowInstructionsProperty().set(100);
        m.onPulse(List.of(t(10, 3, 1, Cause.SYSCALL), t(150, 1, 3, Cause.RETURN), t(190, 3, 1, Cause.INTERRUPT)), 0, 0);
        // Any event moves the right edge, not only transitions.
        m.onPulse(List.of(new TraceEvent.Interrupt(240, 720, 0, 0x20)), 0, 1);
        List<RingsViewModel.Mark> visible = m.visibleMarks();
        assertEquals(List.of(150L, 190L), visible.stream().map(RingsViewModel.Mark::instructions).toList());
        assertEquals(1, m.ringAtWindowStart(), "the CPU was in ring 1 since instruction 10");
    }

    @Test
    void whereTheVmmRunsDependsOnTheTechnique() {
        assertNull(new RingsViewModel(Technique.NATIVE).vmmRing());
        assertNull(new RingsViewModel(Technique.CONTAINER).vmmRing());
        assertEquals(0, new RingsViewModel(Technique.TRAP).vmmRing());
        assertEquals(1, new RingsViewModel(Technique.PV).guestKernelRing());
        assertEquals(-1, new RingsViewModel(Technique.HW).vmmRing());
        assertEquals(0, new RingsViewModel(Technique.HW).guestKernelRing());
    }

    @Test
    void everyEventIsTakenButPublishedAtMostThirtyTimesASecond() {
        RingsViewModel m = new RingsViewModel(Technique.TRAP);
        m.onPulse(List.of(t(10, 3, 1, Cause.SYSCALL)), 0, 0);
        assertEquals(1, m.versionProperty().get(), "the first batch is shown at once");
        assertEquals(1, m.cplProperty().get());
        long ms = 1_000_000L;
        m.onPulse(List.of(t(20, 1, 0, Cause.TRAP_TO_VMM)), 0, 5 * ms);
        assertEquals(1, m.versionProperty().get(), "5 ms later: not yet");
        assertEquals(1, m.cplProperty().get(), "the CPL shown is the published one");
        assertEquals(10, m.newestInstructionsProperty().get());
        assertEquals(List.of(10L), m.visibleMarks().stream().map(RingsViewModel.Mark::instructions).toList(),
                "the timeline ends where the published window ends");
        assertEquals(2, m.totalTransitions(), "but the transition was taken");
        assertEquals(1, m.rate(TransitionKind.TRAP_TO_VMM), 1e-9);
        m.pulse(20 * ms);
        assertEquals(1, m.versionProperty().get());
        m.pulse(SECOND / 30);
        assertEquals(2, m.versionProperty().get(), "a pulse without events publishes what waited");
        assertEquals(0, m.cplProperty().get());
        assertEquals(20, m.newestInstructionsProperty().get());
        m.pulse(SECOND);
        assertEquals(2, m.versionProperty().get(), "nothing new: no repaint");
    }

    @Test
    void aHiddenPaneTakesEverythingAndCatchesUpWhenShown() {
        RingsViewModel m = new RingsViewModel(Technique.TRAP);
        m.setShowing(false);
        List<TraceEvent> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(t(2 * i + 1, 3, 0, Cause.SYSCALL));
            batch.add(t(2 * i + 2, 0, 3, Cause.RETURN));
        }
        m.onPulse(batch, 4, 0);
        m.onPulse(List.of(t(100, 3, 0, Cause.INTERRUPT)), 9, SECOND);
        assertEquals(0, m.versionProperty().get(), "nothing published while hidden");
        assertEquals(-1, m.cplProperty().get());
        assertEquals(61, m.totalTransitions());
        assertEquals(1, m.rate(TransitionKind.INTERRUPT), 1e-9);
        assertEquals(0, m.rate(TransitionKind.SYSCALL), 1e-9, "the exact rate: the first batch is a second old");
        m.setShowing(true);
        m.pulse(SECOND + 1);
        assertEquals(1, m.versionProperty().get());
        assertEquals(0, m.cplProperty().get());
        assertEquals(100, m.newestInstructionsProperty().get());
        assertEquals(9, m.droppedProperty().get());
        assertEquals("Interrupt 1/s · 9 events dropped (timeline incomplete)", m.ratesTextProperty().get());

        m.setShowing(false);
        m.setShowing(true);
        m.pulse(2 * SECOND);
        assertEquals(2, m.versionProperty().get(), "back in front: repainted even with nothing new");
    }

    @Test
    void theRatesTextChangesAtMostFourTimesASecondAndCatchesUp() {
        RingsViewModel m = new RingsViewModel(Technique.TRAP);
        long ms = 1_000_000L;
        m.onPulse(List.of(t(10, 3, 1, Cause.SYSCALL)), 0, 0);
        assertEquals("System call 1/s", m.ratesTextProperty().get());
        m.onPulse(List.of(t(20, 1, 0, Cause.TRAP_TO_VMM)), 0, 100 * ms);
        assertEquals(2, m.versionProperty().get(), "the timeline moved on");
        assertEquals("System call 1/s", m.ratesTextProperty().get(), "the text waits");
        m.pulse(200 * ms);
        assertEquals("System call 1/s", m.ratesTextProperty().get());
        m.pulse(250 * ms);
        assertEquals("System call 1/s · Trap to VMM 1/s", m.ratesTextProperty().get(), "no new events: caught up");
        assertEquals(2, m.versionProperty().get());
    }

    @Test
    void theNewestMarksAreKeptWhenTheRingOverflowsAndEveryBatchOfTheLastSecondCounts() {
        RingsViewModel m = new RingsViewModel(Technique.TRAP);
        m.windowInstructionsProperty().set(1_000_000);
        int batches = 100; // more batches in a second than the buckets first made room for
        int perBatch = 100; // 10,000 transitions: the ring of MAX_MARKS wraps twice
        long instr = 0;
        for (int b = 0; b < batches; b++) {
            List<TraceEvent> batch = new ArrayList<>();
            for (int i = 0; i < perBatch / 2; i++) {
                batch.add(t(++instr, 3, 0, Cause.SYSCALL));
                batch.add(new TraceEvent.Interrupt(instr, instr * 3, 0, 0x20)); // not a transition
                batch.add(t(++instr, 0, 3, Cause.RETURN));
            }
            m.onPulse(batch, 0, b * 5_000_000L); // 200 batches a second
        }
        m.pulse(SECOND / 2);
        assertEquals(10_000, m.totalTransitions());
        assertEquals(5_000, m.rate(TransitionKind.SYSCALL), 1e-9, "every batch of the last second counted");
        assertEquals(5_000, m.rate(TransitionKind.RETURN), 1e-9);
        RingsViewModel.Marks v = m.visible();
        assertEquals(RingsViewModel.MAX_MARKS, v.size(), "the newest MAX_MARKS");
        long first = 10_000 - RingsViewModel.MAX_MARKS + 1;
        assertEquals(first, v.instructions(0));
        assertEquals(10_000, v.instructions(v.size() - 1));
        assertEquals(new RingsViewModel.Mark(10_000, 0, 3, TransitionKind.RETURN, 0xC0100000 + 10_000), v.get(v.size() - 1));
        assertEquals(first % 2 == 1 ? 3 : 0, v.ringAtStart(), "before the oldest kept: where it came from");
        assertEquals(v.size(), m.visibleMarks().size());
        for (int i = 1; i < v.size(); i++) {
            assertEquals(v.instructions(i - 1) + 1, v.instructions(i));
            assertEquals(v.to(i - 1), v.from(i));
        }
        m.windowInstructionsProperty().set(100);
        assertEquals(100, m.visible().size() - 1, "instructions 9,900 to 10,000: both edges in the window");
        assertEquals(0, m.ringAtWindowStart(), "instruction 9,899 went to ring 0");
        // a second later only the last batch counts
        m.onPulse(List.of(), 0, 99 * 5_000_000L + SECOND - 1);
        assertEquals(50, m.rate(TransitionKind.SYSCALL), 1e-9, "the batches before the last left the second");
        m.onPulse(List.of(), 0, 99 * 5_000_000L + SECOND);
        assertEquals(0, m.rate(TransitionKind.SYSCALL), 1e-9, "and then the last");
    }
}
