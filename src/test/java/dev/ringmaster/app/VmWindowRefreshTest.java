package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.vm.VmOutputs;
import dev.ringmaster.engine.vmm.Technique;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;

/**
 * The rings and statistics panes of a VM window redraw only while they are showing: behind another
 * tab their models take everything in and publish nothing; brought to the front they catch up.
 */
class VmWindowRefreshTest extends GuiTestBase {
    @Test
    void theRingsPaneBehindTheTrapsTableTakesTheTransitionsAndShowsThemWhenSelected() throws Exception {
        TestVmSession session = new TestVmSession("rings-refresh", Technique.TRAP);
        VmWindow w = openVm(session);
        waitUntil("the window knows the rings pane is behind the traps table", () -> !w.rings().refresh().isShowing());
        long version = fx(() -> w.rings().versionProperty().get());
        session.emit(new TraceEvent.RingTransition(5, 50, 3, 1, Cause.SYSCALL, 0x08048000),
                new TraceEvent.Trap(10, 100, 13, 0, 0xC010000A, new byte[] {(byte) 0xFA}, "cli",
                        TraceEvent.Handler.VMM, "emulated"),
                new TraceEvent.RingTransition(10, 100, 1, 0, Cause.TRAP_TO_VMM, 0xC010000A));
        @SuppressWarnings("unchecked")
        TableView<Object> traps = lookup("#trapsTable", TableView.class);
        waitUntil("the traps table took the batch", () -> traps.getItems().size() == 1);
        assertEquals(2, (long) fx(() -> w.rings().totalTransitions()), "the rings model took the transitions");
        assertEquals(version, (long) fx(() -> w.rings().versionProperty().get()), "but did not publish them");
        assertEquals(-1, (int) fx(() -> w.rings().cplProperty().get()));

        fx(() -> w.docking().select(PaneIds.RINGS));
        waitUntil("the rings pane caught up", () -> "CPL 0".equals(lookup("#ringsCpl", Label.class).getText()));
        assertTrue(fx(() -> w.rings().refresh().isShowing()));
        assertTrue(fx(() -> lookup("#ringsTimeline", ImageView.class).getImage() != null), "the timeline is drawn");
    }

    @Test
    void theStatisticsBehindAnotherTabKeepSamplingAndShowWhenSelected() throws Exception {
        TestVmSession session = new TestVmSession("stats-refresh", Technique.TRAP);
        VmWindow w = openVm(session);
        waitUntil("the window knows the statistics are behind the traps table",
                () -> !w.statistics().refresh().isShowing());
        long version = fx(() -> w.statistics().versionProperty().get());
        session.counters = new VmOutputs.Counters(5_000_000, 10_000_000, 0, 0, 0);
        waitUntil("a sample was taken", () -> w.statistics().instructionsPerSecond().size() >= 1);
        assertEquals(version, (long) fx(() -> w.statistics().versionProperty().get()), "the charts were not redrawn");
        assertEquals("No samples yet.", fx(() -> w.statistics().rateTextProperty().get()));

        fx(() -> w.docking().select(PaneIds.STATISTICS));
        waitUntil("the statistics caught up", () -> lookup("#statsRates", Label.class).getText()
                .contains("guest instructions/s"));
        assertTrue(fx(() -> w.statistics().versionProperty().get()) > version);
    }
}
