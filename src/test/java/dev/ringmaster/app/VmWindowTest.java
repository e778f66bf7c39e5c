package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.docking.DockLayout;
import dev.ringmaster.app.docking.LayoutAssertions;
import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.app.panes.console.Screens;
import dev.ringmaster.app.panes.console.VgaScreenView;
import dev.ringmaster.app.panes.registers.RegisterRow;
import dev.ringmaster.app.panes.registers.RegistersPane;
import dev.ringmaster.app.panes.traps.TrapRow;
import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.devices.Key;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.trace.TraceEvent.Handler;
import dev.ringmaster.engine.vmm.Technique;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The VM window, headless, fed by a test session as a running VM would feed it. */
class VmWindowTest extends GuiTestBase {
    static final int CELL_W = 9;
    static final int CELL_H = 16;

    static TraceEvent.Trap trap(long instr, String dis) {
        return new TraceEvent.Trap(instr, instr * 10, 13, 0, 0xC0100000 + (int) instr, new byte[] {(byte) 0xFA}, dis,
                Handler.VMM, "emulated");
    }

    /** ARGB of a canvas pixel, from a snapshot of the canvas as drawn. */
    static int pixel(Canvas canvas, int x, int y) throws Exception {
        return fx(() -> {
            PixelReader r = ((VgaScreenView) canvas).image().getPixelReader();
            return r.getArgb(x, y) & 0xFFFFFF;
        });
    }

    /** How many pixels of a cell have colour {@code rgb}. */
    static int pixelsOf(Canvas canvas, int row, int col, int rgb) throws Exception {
        return fx(() -> {
            PixelReader r = ((VgaScreenView) canvas).image().getPixelReader();
            int n = 0;
            for (int y = row * CELL_H; y < (row + 1) * CELL_H; y++) {
                for (int x = col * CELL_W; x < (col + 1) * CELL_W; x++) {
                    if ((r.getArgb(x, y) & 0xFFFFFF) == rgb) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Pixels of a cell that are (antialiased) yellow: much red and green, little blue. */
    static int yellowish(Canvas canvas, int row, int col) throws Exception {
        return fx(() -> yellowishNow(canvas, row, col));
    }

    /** As {@link #yellowish}, on the FX thread. */
    static int yellowishNow(Canvas canvas, int row, int col) {
        PixelReader r = ((VgaScreenView) canvas).image().getPixelReader();
        int n = 0;
        for (int y = row * CELL_H; y < (row + 1) * CELL_H; y++) {
            for (int x = col * CELL_W; x < (col + 1) * CELL_W; x++) {
                int p = r.getArgb(x, y);
                if (((p >> 16) & 0xFF) > 0x90 && ((p >> 8) & 0xFF) > 0x90 && (p & 0xFF) < 0xA0) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theConsoleDrawsTheScreenInItsColoursWithTheCursorAtTheCrtcPosition() throws Exception {
        TestVmSession session = new TestVmSession("console-test", Technique.NATIVE);
        session.publish(new Screens().print(0, 0, "RINGMASTER", 0x1E).print(2, 0, "$ ", 0x07).cursor(2, 2).snapshot());
        VmWindow w = openVm(session);
        waitUntil("the screen is shown", () -> w.vga().screen() != null);
        Canvas canvas = lookup("#vgaCanvas", Canvas.class);
        assertEquals(720, canvas.getWidth());
        assertEquals(400, canvas.getHeight());
        assertEquals(0x0000AA, pixel(canvas, 1, 1), "row 0 has a blue background");
        assertTrue(yellowish(canvas, 0, 0) > 10, "the R is drawn in yellow");
        assertEquals(0, yellowish(canvas, 0, 10), "nothing after the text");
        assertEquals(CELL_W * CELL_H, pixelsOf(canvas, 0, 10, 0x000000), "a cleared cell is black");
        assertEquals(0x000000, pixel(canvas, 1, CELL_H + 1), "on black");
        assertTrue(w.vga().text().startsWith("RINGMASTER\n\n$"));
        // The cursor (scan lines 13-14 of the cell at row 2, column 2) blinks: wait for each phase.
        int cx = 2 * CELL_W + 4;
        int cy = 2 * CELL_H + 13;
        waitUntil("the cursor is drawn", () -> w.vga().cursorScanLines() != null);
        waitUntil("the cursor is painted", () -> pixelNow(canvas, cx, cy) == 0xAAAAAA);
        waitUntil("the cursor blinks off", () -> pixelNow(canvas, cx, cy) == 0x000000);
    }

    @Test
    void aNewScreenRepaintsTheRowsThatChangedAndKeepsTheOthers() throws Exception {
        TestVmSession session = new TestVmSession("repaint-test", Technique.NATIVE);
        session.publish(new Screens().print(0, 0, "RINGMASTER", 0x1E).print(3, 0, "kept", 0x0E).cursor(24, 0).snapshot());
        VmWindow w = openVm(session);
        Canvas canvas = lookup("#vgaCanvas", Canvas.class);
        waitUntil("the first screen is painted", () -> yellowishNow(canvas, 0, 0) > 10 && yellowishNow(canvas, 3, 0) > 10);
        // row 0 loses its text and colour, row 5 gains text; row 3 is the same as before
        session.publish(new Screens().print(3, 0, "kept", 0x0E).print(5, 2, "NEW", 0x0E).cursor(24, 0).snapshot());
        waitUntil("the changed rows are painted again", () -> yellowishNow(canvas, 5, 2) > 10);
        assertEquals(CELL_W * CELL_H, pixelsOf(canvas, 0, 0, 0x000000), "row 0 was cleared: no blue, no R");
        assertEquals(0x000000, pixel(canvas, 1, 1));
        assertTrue(yellowish(canvas, 3, 0) > 10, "the unchanged row still shows its text");
        assertTrue(w.vga().text().contains("NEW"));
    }


    static int pixelNow(Canvas canvas, int x, int y) {
        return ((VgaScreenView) canvas).image().getPixelReader().getArgb(x, y) & 0xFFFFFF;
    }

    @Test
    void keysPressedOnTheScreenGoToTheVmsKeyboard() throws Exception {
        TestVmSession session = new TestVmSession("keys-test", Technique.NATIVE);
        session.publish(new Screens().snapshot());
        openVm(session);
        robot.clickOn("#vgaCanvas");
        robot.type(KeyCode.L);
        robot.press(KeyCode.SHIFT).type(KeyCode.DIGIT4).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(new TestVmSession.KeyStroke(Key.L, true), new TestVmSession.KeyStroke(Key.L, false),
                new TestVmSession.KeyStroke(Key.LEFT_SHIFT, true), new TestVmSession.KeyStroke(Key.DIGIT4, true),
                new TestVmSession.KeyStroke(Key.DIGIT4, false), new TestVmSession.KeyStroke(Key.LEFT_SHIFT, false)),
                session.keys);
    }

    @Test
    void theSerialTabIsATerminal() throws Exception {
        TestVmSession session = new TestVmSession("serial-test", Technique.NATIVE);
        session.guestWrites("rmx login: ");
        session.guestWrites("root\r\n# ");
        VmWindow w = openVm(session);
        fx(() -> {
            lookup("#consoleTabs", TabPane.class).getSelectionModel().select(1);
            return null;
        });
        @SuppressWarnings("unchecked")
        ListView<String> terminal = lookup("#serialTerminal", ListView.class);
        waitUntil("the guest's output is shown", () -> terminal.getItems().equals(List.of("rmx login: root", "# ")));
        robot.clickOn("#serialTerminal");
        robot.write("ls");
        robot.type(KeyCode.ENTER);
        robot.type(KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(new byte[] {'l', 's', '\r', 0x7F}, session.typedBytes());
        assertEquals("rmx login: root\n#", fx(() -> w.consolePane().shownText()));
    }

    @Test
    void trapsAreListedWithTheirCostAndTheRingsFollowTheCpu() throws Exception {
        TestVmSession session = new TestVmSession("traps-test", Technique.TRAP);
        VmWindow w = openVm(session);
        session.emit(new TraceEvent.RingTransition(5, 50, 3, 1, Cause.SYSCALL, 0x08048000),
                trap(10, "cli"),
                new TraceEvent.RingTransition(10, 100, 1, 0, Cause.TRAP_TO_VMM, 0xC010000A),
                new TraceEvent.RingTransition(11, 160, 0, 1, Cause.VMM_RESUME, 0xC010000B),
                trap(20, "sti"),
                new TraceEvent.RingTransition(21, 210, 1, 0, Cause.TRAP_TO_VMM, 0xC0100014));
        @SuppressWarnings("unchecked")
        TableView<TrapRow> table = lookup("#trapsTable", TableView.class);
        waitUntil("both traps are listed", () -> table.getItems().size() == 2);
        assertEquals(List.of("cli", "sti"), table.getItems().stream().map(TrapRow::disassembly).toList());
        assertEquals(60, table.getItems().get(0).cost());
        assertTrue(lookup("#trapsSummary", Label.class).getText().startsWith("2 of 2 shown"));
        List<Integer> selected = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            w.traps().onSelectedProperty().set(r -> selected.add(r.eip()));
            return null;
        });
        robot.clickOn("#trapsFilter").write("sti");
        waitUntil("the filter applies", () -> table.getItems().size() == 1);
        robot.clickOn(robot.lookup("#trapsTable .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.isVisible() && r.getItem() != null)
                .queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(0xC0100014), selected, "the selection callback gets the row (for the disassembly pane)");

        fx(() -> w.docking().select(PaneIds.RINGS));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil("the CPL marker is on ring 0", () -> "CPL 0".equals(lookup("#ringsCpl", Label.class).getText()));
        assertTrue(lookup("#ringsRates", Label.class).getText().contains("Trap to VMM"));
    }

    @Test
    void droppedEventsAreShownInTheTrapsPane() throws Exception {
        TestVmSession session = new TestVmSession("drops-test", Technique.TRAP, 8);
        for (int i = 0; i < 10; i++) {
            session.emit(trap(i, "hlt"));
        }
        openVm(session);
        waitUntil("the drops are reported", () -> lookup("#trapsSummary", Label.class).getText()
                .endsWith("2 trace events dropped: the table is incomplete"));
    }

    @Test
    void registersShowTheSnapshotAndHighlightWhatAStepChanged() throws Exception {
        Cpu cpu = new Machine(1 << 20).cpu();
        TestVmSession session = new TestVmSession("regs-test", Technique.NATIVE);
        session.publish(CpuRegisters.of(cpu), null);
        VmWindow w = openVm(session);
        @SuppressWarnings("unchecked")
        TableView<RegisterRow> table = lookup("#registersTable", TableView.class);
        waitUntil("the registers are listed", () -> !table.getItems().isEmpty());
        assertTrue(robot.lookup(RegistersPane::highlighted).queryAll().isEmpty(), "nothing changed yet");
        cpu.setReg(CpuState.EAX, 0xCAFE);
        session.publish(CpuRegisters.of(cpu), null);
        waitUntil("EAX is highlighted", () -> robot.lookup(RegistersPane::highlighted).queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && "0000CAFE".equals(l.getText())
                        // base.css styles the highlight: dark red on yellow
                        && javafx.scene.paint.Color.web("#b71c1c").equals(l.getTextFill())));
        assertEquals(java.util.Set.of("EAX"), w.registers().changed());
        cpu.setReg(CpuState.EBX, 1);
        session.publish(CpuRegisters.of(cpu), null);
        waitUntil("the next step moves the highlight to EBX", () -> robot.lookup(RegistersPane::highlighted).queryAll()
                .stream().noneMatch(n -> n instanceof javafx.scene.control.Labeled l && "0000CAFE".equals(l.getText()))
                && robot.lookup(RegistersPane::highlighted).queryAll().stream()
                        .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && "00000001".equals(l.getText())));
    }

    @Test
    void theLayoutIsSavedPerVmAndTheScreenshotIsAPng() throws Exception {
        TestVmSession session = new TestVmSession("layout-test", Technique.BT);
        session.publish(new Screens().print(0, 0, "X", 0x4F).snapshot());
        VmWindow w = openVm(session);
        waitUntil("the screen is shown", () -> w.vga().screen() != null);
        Path png = temp.resolve("shots/screen.png");
        fx(() -> {
            w.consolePane().saveScreenshot(png);
            return null;
        });
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(720, image.getWidth());
        assertEquals(400, image.getHeight());
        assertEquals(0xAA0000, image.getRGB(1, 1) & 0xFFFFFF, "the red background of the first cell");

        fx(() -> {
            w.docking().movePaneTo(PaneIds.RINGS, PaneIds.REGISTERS);
            return null;
        });
        DockLayout moved = fx(() -> w.docking().capture());
        fx(() -> {
            w.stage().close();
            return null;
        });
        assertTrue(Files.isRegularFile(configDir.resolve("layouts/vm-layout-test.json")));
        VmWindow again = openVm(new TestVmSession("layout-test", Technique.BT));
        LayoutAssertions.assertSameLayout(moved.root(), fx(() -> again.docking().capture()).root(), 0.01);
        VmWindow other = openVm(new TestVmSession("other-vm", Technique.BT));
        // Another VM keeps its own (the default) layout.
        LayoutAssertions.assertSameLayout(other.docking().homeLayout().root(), fx(() -> other.docking().capture()).root(),
                0.01);
    }

    @Test
    void onlyTheFrontPaneOfATabGroupIsShowingAndAHiddenTableCatchesUpWhenItComesToTheFront() throws Exception {
        TestVmSession session = new TestVmSession("showing-test", Technique.TRAP);
        VmWindow w = openVm(session);
        // the default layout: traps in front of rings and statistics in the bottom group
        assertTrue(fx(() -> w.docking().isShowing(PaneIds.TRAPS)), "the front pane of its group");
        assertTrue(!fx(() -> w.docking().isShowing(PaneIds.RINGS)), "behind the traps table");
        assertTrue(!fx(() -> w.docking().isShowing(PaneIds.STATISTICS)));
        assertTrue(fx(() -> w.docking().isShowing(PaneIds.CONSOLE)), "alone in its group");
        @SuppressWarnings("unchecked")
        TableView<TrapRow> table = lookup("#trapsTable", TableView.class);
        fx(() -> w.docking().select(PaneIds.RINGS));
        assertTrue(fx(() -> w.docking().isShowing(PaneIds.RINGS)));
        assertTrue(!fx(() -> w.docking().isShowing(PaneIds.TRAPS)), "behind the rings now");
        waitUntil("the window tells the traps table it is hidden", () -> !w.traps().gate().isShowing());

        session.emit(trap(10, "cli"), trap(20, "sti"));
        waitUntil("both traps are taken", () -> w.traps().total() == 2);
        assertTrue(fx(() -> table.getItems().isEmpty()), "but not shown while the table is hidden");
        fx(() -> w.docking().select(PaneIds.TRAPS));
        waitUntil("both traps are listed once the table is in front", () -> table.getItems().size() == 2);
        assertTrue(fx(() -> w.traps().gate().isShowing()));
    }
}
