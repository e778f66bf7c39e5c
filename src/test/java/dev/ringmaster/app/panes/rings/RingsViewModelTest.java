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
}
