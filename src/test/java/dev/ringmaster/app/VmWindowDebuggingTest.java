package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.disasm.DisassemblyPane;
import dev.ringmaster.app.panes.disasm.DisassemblyRow;
import dev.ringmaster.app.panes.registers.RegistersPane;
import dev.ringmaster.app.panes.traps.TrapRow;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmConfig;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateLoader;
import dev.ringmaster.testsupport.Roms;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The VM window's debugging flows on real VMs, driven as a user would: a breakpoint set in the
 * disassembly pane's gutter pauses the running VM there, a step highlights what changed, and a
 * trap-and-emulate rmx guest fills the traps table, whose selected row shows its instruction in the
 * disassembly pane.
 */
class VmWindowDebuggingTest extends GuiTestBase {
    private VirtualMachine vm;

    @AfterEach
    void closeTheVm() {
        if (vm != null) {
            vm.close();
        }
    }

    private VmWindow open(VirtualMachine machine) throws Exception {
        return openVm(new VirtualMachineSession(machine));
    }

    private String state() {
        return robot.lookup("#vmState").queryAs(Label.class).getText();
    }

    /** Slow machines (and rmx booting under trap-and-emulate) need more than the base class's 10 s. */
    static void waitLong(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what);
        }
    }

    private Optional<Node> gutterOf(int address) {
        return robot.lookup("." + DisassemblyPane.GUTTER).queryAll().stream().filter(n -> n instanceof TableCell<?, ?> c
                && c.getItem() instanceof DisassemblyRow r && r.address() == address).findFirst();
    }

    @Test
    void aBreakpointSetInTheGutterPausesTheVmThereAndAStepHighlightsTheChange() throws Exception {
        Path rom = Roms.write(temp, "poll.rom", """
                    xor cx, cx
                poll:
                    inc cx
                    mov dx, 0x3FD
                    in al, dx
                    test al, 1
                    jz poll
                    jmp poll
                """);
        vm = new VirtualMachine(new VmConfig("poll", "Poll", BootSpec.rom(rom), 1, Technique.NATIVE));
        VmWindow w = open(vm);
        robot.clickOn("#vmStart");
        waitLong("the VM runs", () -> state().startsWith("Running"));
        robot.clickOn("#disasmPause");
        waitLong("the VM is paused", () -> state().startsWith("Paused"));
        waitLong("the listing shows the instruction at EIP", () -> w.disassembly().currentRowProperty().get() != null);
        DisassemblyRow test = fx(() -> w.disassembly().rows().stream().filter(r -> r.text().equals("test al,0x1"))
                .findFirst().orElseThrow(() -> new AssertionError("no test al,0x1 in " + w.disassembly().rows())));
        assertEquals("a8 01", test.bytes());
        DisassemblyRow jz = fx(() -> w.disassembly().rows().get(w.disassembly().rows().indexOf(test) + 1));
        assertTrue(jz.text().startsWith("je "), jz.text());
        assertTrue(jz.branchTarget() >= 0 && jz.targetText().endsWith("↑"), "the loop's branch goes back: " + jz.targetText());

        waitLong("the row's gutter is on screen", () -> gutterOf(test.address()).isPresent());
        robot.clickOn(gutterOf(test.address()).orElseThrow());
        waitLong("the VM confirms the breakpoint", () -> vm.outputs().breakpoints().contains(test.address()));
        robot.clickOn("#disasmResume");
        String where = String.format("breakpoint at %08X", test.address());
        waitLong("the VM stops at the breakpoint", () -> state().startsWith("Paused") && state().contains(where)
                && w.disassembly().currentRowProperty().get() != null
                && w.disassembly().currentRowProperty().get().address() == test.address());
        DisassemblyRow at = fx(() -> w.disassembly().currentRowProperty().get());
        assertTrue(at.breakpoint() && at.current(), "the row shows both the breakpoint and EIP");
        assertTrue(fx(() -> !robot.lookup("." + DisassemblyPane.CURRENT).queryAll().isEmpty()), "the EIP row is highlighted");
        waitLong("the registers show the paused CPU", () -> w.registers().rows().stream()
                .anyMatch(r -> r.name().equals("EIP") && Integer.parseInt(r.value(), 16) == test.offset()));

        // a step from the breakpoint executes TEST: EIP and the flags change, and are highlighted
        robot.clickOn("#disasmStep");
        waitLong("the step's changes are highlighted", () -> w.registers().changed().contains("EIP")
                && !robot.lookup(RegistersPane::highlighted).queryAll().isEmpty()
                && w.disassembly().currentRowProperty().get() != null
                && w.disassembly().currentRowProperty().get().address() == jz.address());
        assertEquals("", w.commandAnswerProperty().get(), "the step was allowed");

        // clear it in the gutter: the VM runs on
        robot.clickOn(gutterOf(test.address()).orElseThrow());
        waitLong("the VM drops the breakpoint", () -> vm.outputs().breakpoints().isEmpty());
        robot.clickOn("#disasmResume");
        waitLong("the VM runs", () -> state().startsWith("Running"));
    }

    @Test
    void trapsAppearForATrapAndEmulateVmAndASelectedTrapShowsItsInstruction() throws Exception {
        Path templateFile = Path.of(System.getProperty("ringmaster.project.dir", "."), "vm-templates", "rmx.json");
        Template rmx = TemplateLoader.load(templateFile);
        vm = new VirtualMachine(new VmConfig("rmx-trap", "rmx (trap)", rmx.bootSpec(), rmx.memoryMiB(), Technique.TRAP));
        VmWindow w = open(vm);
        assertTrue(w.stage().getTitle().contains("rap"), w.stage().getTitle());
        robot.clickOn("#vmStart");
        waitLong("the traps table has rows", () -> !w.traps().rows().isEmpty());
        // rmx's kernel loads its descriptor tables in ring 0: under trap-and-emulate LGDT faults into the VMM
        // (counted by reason: the row itself may be trimmed from the table by the traps that follow it)
        waitLong("a privileged instruction is counted as trapped", () -> w.traps().counts().stream()
                .anyMatch(c -> c.reason().equals("#GP(0) LGDT")));
        @SuppressWarnings("unchecked")
        TableView<TrapRow> table = robot.lookup("#trapsTable").queryAs(TableView.class);
        assertTrue(robot.lookup("#trapsSummary").queryAs(Label.class).getText().contains("shown"));
        robot.clickOn("#vmPause");
        waitLong("the VM is paused", () -> state().startsWith("Paused"));
        // the newest trapped instruction the table shows (rmx's LGDT is long trimmed from a busy table by now)
        TrapRow trapped = fx(() -> {
            List<TrapRow> shown = w.traps().filteredRows();
            for (int i = shown.size() - 1; i >= 0; i--) {
                TrapRow r = shown.get(i);
                if (r.kind().equals("trap") && r.handler().equals("VMM") && !r.disassembly().isEmpty()) {
                    return r;
                }
            }
            throw new AssertionError("no trapped instruction among " + shown.size() + " rows");
        });
        String mnemonic = trapped.disassembly().split(" ")[0];
        fx(() -> {
            table.getSelectionModel().select(trapped);
            return null;
        });
        try {
            waitLong("the disassembly shows the trapped instruction", () -> w.disassembly().rows().stream()
                    .anyMatch(r -> r.marked() && r.address() == trapped.eip() && r.text().startsWith(mnemonic)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + trapped + "; listing " + fx(() -> w.disassembly().statusProperty().get()
                    + " " + w.disassembly().rows()), e);
        }
        assertTrue(fx(() -> !w.disassembly().followEipProperty().get()), "it stays there instead of following EIP");
        waitLong("the marked row is shown", () -> robot.lookup("." + DisassemblyPane.MARKED).tryQuery().isPresent());
        // the registers pane shows the guest's virtual CPU beside the real one
        // (the guest kernel in ring 0 runs in real ring 1; its user code in ring 3 in both)
        waitLong("the guest column shows the virtual CPL", () -> w.registers().hasGuestProperty().get()
                && w.registers().rows().stream().anyMatch(r -> r.name().equals("CPL")
                && (r.guestValue().equals("0") ? r.value().equals("1") : r.guestValue().equals("3"))));
    }
}
