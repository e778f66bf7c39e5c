package dev.ringmaster.app.panes.rings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.PixelRaster;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.trace.TraceEvent.RingTransition;
import dev.ringmaster.engine.vmm.Technique;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The rings pane on screen (headless): what its timeline image and its picture show. */
class RingsPaneTest {
    static final long SECOND = 1_000_000_000L;

    RingsViewModel model;
    RingsPane pane;
    Stage stage;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        fx(() -> {
            model = new RingsViewModel(Technique.TRAP);
            model.windowInstructionsProperty().set(10_000);
            pane = new RingsPane(model);
            stage = new Stage();
            stage.setScene(new Scene(pane, 900, 420));
            stage.show();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    static RingTransition t(long instr, int from, int to, Cause cause) {
        return new RingTransition(instr, instr * 3, from, to, cause, 0xC0100000);
    }

    /** The columns of row {@code y} of the timeline image with colour {@code argb}. */
    static List<Integer> columnsOf(Image image, int y, int argb) {
        PixelReader r = image.getPixelReader();
        List<Integer> out = new ArrayList<>();
        for (int x = 0; x < (int) image.getWidth(); x++) {
            if (r.getArgb(x, y) == argb) {
                out.add(x);
            }
        }
        return out;
    }

    @Test
    void theTimelineShowsEachTransitionAsALineBetweenLanesInTheColourOfItsCause() throws Exception {
        ImageView view = fx(() -> (ImageView) pane.lookup("#ringsTimeline"));
        Image before = fx(pane::timelineImage);
        assertNotNull(before, "painted when shown");
        int h = (int) before.getHeight();
        int syscall = PixelRaster.opaque(TransitionKind.SYSCALL.rgb());
        int trap = PixelRaster.opaque(TransitionKind.TRAP_TO_VMM.rgb());
        assertEquals(List.of(), columnsOf(before, RingsPane.laneY(3, h), syscall), "no transition yet");

        fx(() -> {
            model.onPulse(List.<TraceEvent>of(t(2_000, 3, 1, Cause.SYSCALL), t(5_000, 1, 0, Cause.TRAP_TO_VMM),
                    t(5_200, 0, 1, Cause.VMM_RESUME), t(8_000, 1, 3, Cause.RETURN),
                    new TraceEvent.Interrupt(10_000, 30_000, 0, 0x20)), 0, 0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Image image = fx(() -> view.getImage());
        assertEquals(h, (int) image.getHeight());
        // the system call: a line from ring 3 through ring 2 to a dot on ring 1, nowhere near ring 0
        List<Integer> inRing3 = columnsOf(image, RingsPane.laneY(3, h), syscall);
        assertEquals(1, inRing3.size(), "one column: " + inRing3);
        int x = inRing3.get(0);
        int plotW = (int) image.getWidth() - RingsPane.LANES_LEFT - 4;
        assertEquals(RingsPane.LANES_LEFT + 2_000 * plotW / 10_000, x, 1.0, "2,000 of 10,000 instructions in");
        assertEquals(List.of(x), columnsOf(image, RingsPane.laneY(2, h), syscall));
        assertEquals(List.of(x - 2, x - 1, x, x + 1, x + 2), columnsOf(image, RingsPane.laneY(1, h), syscall), "the dot");
        assertEquals(List.of(), columnsOf(image, RingsPane.laneY(0, h), syscall));
        // the trap to the VMM: from ring 1 to ring 0, further right
        List<Integer> trapInRing0 = columnsOf(image, RingsPane.laneY(0, h), trap);
        assertEquals(5, trapInRing0.size(), "the dot on ring 0: " + trapInRing0);
        assertTrue(trapInRing0.get(2) > x + 100, "half the window later");
        // where the CPU was: the dark line along ring 3 until the system call, then along ring 1
        PixelReader r = image.getPixelReader();
        int cpuLine = PixelRaster.gray(0.25);
        assertEquals(cpuLine, r.getArgb(RingsPane.LANES_LEFT + 5, RingsPane.laneY(3, h)));
        assertEquals(PixelRaster.gray(0.96), r.getArgb(RingsPane.LANES_LEFT + 5, RingsPane.laneY(2, h) - 5),
                "ring 2's lane, empty");
        assertEquals(cpuLine, r.getArgb(x + 20, RingsPane.laneY(1, h)));
        assertNotEquals(cpuLine, r.getArgb(x + 20, RingsPane.laneY(3, h)));
        assertEquals("instruction 10,000  (window 10,000)", fx(() -> ((Text) pane.lookup("#ringsTimelineFooter")).getText()));
    }

    @Test
    void thePictureIsDrawnOncePerCplAndSwappedWhenItChanges() throws Exception {
        ImageView picture = fx(() -> (ImageView) pane.lookup("#ringsPicture"));
        Image unknown = fx(picture::getImage);
        assertNotNull(unknown);
        fx(() -> {
            model.onPulse(List.of(t(10, 3, 0, Cause.SYSCALL)), 0, 0);
            return null;
        });
        Image ring0 = fx(picture::getImage);
        assertNotEquals(unknown, ring0);
        // The marker: red, just below the centre (ring 0's label is in the middle of the inner disc).
        int marker = ring0.getPixelReader().getArgb((int) (RingsPane.PICTURE / 2 * ring0.getWidth() / RingsPane.PICTURE),
                (int) ((RingsPane.PICTURE / 2 + (RingsPane.PICTURE / 2 - 6) / 4 * 0.75) * ring0.getHeight() / RingsPane.PICTURE));
        assertEquals(0xFFD32F2F, marker, Integer.toHexString(marker));
        fx(() -> {
            model.onPulse(List.of(t(20, 0, 3, Cause.RETURN)), 0, SECOND);
            model.onPulse(List.of(t(30, 3, 0, Cause.SYSCALL)), 0, 2 * SECOND);
            return null;
        });
        assertEquals(ring0, fx(picture::getImage), "the same image again: drawn once");
        fx(() -> {
            model.onPulse(List.of(t(40, 0, 3, Cause.RETURN)), 0, 2 * SECOND + 1_000_000);
            return null;
        });
        assertEquals(ring0, fx(picture::getImage), "not yet published: the picture waits for the refresh");
    }
}
