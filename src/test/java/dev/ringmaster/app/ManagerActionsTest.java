package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.VmActivity;
import dev.ringmaster.app.panes.VmEntry;
import dev.ringmaster.app.panes.VmStatus;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateLocator;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * The manager's lifecycle actions on real VMs (each on its own engine thread): multi-select Run,
 * Pause, Resume and Force off; Snapshot (a file, for a native and a trap-and-emulate VM alike); Open;
 * the sparklines fed from the running VM's counters.
 */
class ManagerActionsTest extends GuiTestBase {
    private VmDefinition define(String name, Technique technique) throws Exception {
        return define(name, "hello", technique);
    }

    /** A VM of template "hello" (ManagerRunVmTest's ROM) or "hello-metal" (the project's Multiboot kernel, copied). */
    private VmDefinition define(String name, String template, Technique technique) throws Exception {
        ManagerRunVmTest.helloTemplate();
        if (template.equals("hello-metal")) {
            Path project = Path.of(System.getProperty("ringmaster.project.dir", "."));
            Path templates = Path.of(System.getProperty(TemplateLocator.PROPERTY));
            Files.createDirectories(templates.resolve("images/hello-metal"));
            Files.copy(project.resolve("vm-templates/hello-metal.json"), templates.resolve("hello-metal.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(project.resolve("vm-templates/images/hello-metal/kernel.elf"),
                    templates.resolve("images/hello-metal/kernel.elf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        VmDefinition vm = new VmDefinition(UUID.randomUUID(), name, "", template, technique, 4,
                VmDefinition.Options.DEFAULTS, Instant.parse("2026-11-25T08:00:00Z"), "");
        Path vms = Files.createDirectories(DataDirectory.vmsDir(dataDir));
        Files.write(vms.resolve(vm.id() + ".json"), VmDefinitionCodec.toJson(vm));
        return vm;
    }

    private void click(String vmName) throws Exception {
        fx(() -> {
            robot.lookup("#vmTable").query().getScene().getWindow().requestFocus();
            ((javafx.stage.Stage) robot.lookup("#vmTable").query().getScene().getWindow()).toFront();
            return null;
        });
        robot.clickOn(robot.lookup(".vm-name").match(LabeledMatchers.hasText(vmName)).queryLabeled());
    }

    private static VmStatus status(ManagerWindow w, VmDefinition d) {
        return w.vmList().vms().stream().filter(e -> e.definition().id().equals(d.id())).findFirst()
                .map(VmEntry::status).orElseThrow();
    }

    /** Clicks a toolbar button of the manager (raised first: Run on one VM opens its window on top). */
    private void press(String buttonId) throws Exception {
        Button b = robot.lookup(buttonId).queryButton();
        fx(() -> {
            b.getScene().getWindow().requestFocus();
            ((javafx.stage.Stage) b.getScene().getWindow()).toFront();
            return null;
        });
        waitUntil(buttonId + " is enabled", () -> !b.isDisabled());
        robot.clickOn(b);
    }

    @Test
    void runPauseResumeAndForceOffApplyToEverySelectedVm() throws Exception {
        VmDefinition a = define("first", Technique.NATIVE);
        VmDefinition b = define("second", Technique.NATIVE);
        ManagerWindow w = open();
        click("first");
        robot.press(KeyCode.CONTROL);
        click("second");
        robot.release(KeyCode.CONTROL);
        waitUntil("both are selected", () -> w.vmList().selection().size() == 2);

        press("#runButton");
        waitUntil("both run", () -> status(w, a) == VmStatus.RUNNING && status(w, b) == VmStatus.RUNNING);
        assertTrue(fx(() -> w.runtime().window(a.id()).isEmpty() && w.runtime().window(b.id()).isEmpty()),
                "Run on several VMs opens no windows (Open does)");
        assertTrue(robot.lookup("#runButton").queryButton().isDisabled(), "nothing selected can run now");

        press("#pauseButton");
        waitUntil("both are paused", () -> status(w, a) == VmStatus.PAUSED && status(w, b) == VmStatus.PAUSED);
        long at = w.runtime().vm(a.id()).orElseThrow().outputs().registers().instructions();
        assertFalse(robot.lookup("#resumeButton").queryButton().isDisabled());
        assertEquals(at, w.runtime().vm(a.id()).orElseThrow().outputs().registers().instructions(), "paused");

        press("#resumeButton");
        waitUntil("both run again", () -> status(w, a) == VmStatus.RUNNING && status(w, b) == VmStatus.RUNNING);

        press("#forceOffButton");
        waitUntil("both are off", () -> status(w, a) == VmStatus.SHUT_OFF && status(w, b) == VmStatus.SHUT_OFF);
        assertTrue(w.runtime().reason(b.id()).contains("forced off"), w.runtime().reason(b.id()));
        close(w);
    }

    @Test
    void snapshotsOfRunningVmsAreWrittenWithTheirTechniquesState() throws Exception {
        VmDefinition vm = define("native", Technique.NATIVE);
        VmDefinition trap = define("trapped", "hello-metal", Technique.TRAP);
        ManagerWindow w = open();
        click("native");
        assertTrue(robot.lookup("#snapshotButton").queryButton().isDisabled(), "a shut-off VM has nothing to save");
        press("#runButton");
        waitUntil("it runs", () -> status(w, vm) == VmStatus.RUNNING);
        press("#snapshotButton");
        Path dir = w.runtime().snapshotDirectory(vm.id());
        waitUntil("a snapshot file is in the VM's directory (notices: " + w.notices().notices() + ")",
                () -> snapshots(dir).size() == 1);
        assertTrue(Files.size(snapshots(dir).get(0)) > 0);
        waitUntil("the log says where", () -> w.eventLog().entries().stream()
                .anyMatch(e -> e.message().contains("Snapshot of native saved")));

        click("trapped");
        press("#runButton");
        // hello-metal prints its banner, then halts with interrupts off: the VM pauses (saying so), or still runs
        waitUntil("the trap-and-emulate VM has started", () -> status(w, trap) == VmStatus.RUNNING
                || status(w, trap) == VmStatus.PAUSED);
        press("#snapshotButton");
        // trap-and-emulate VMs are snapshotted with their VMM's state (the engine refuses only what it cannot restore)
        waitUntil("a snapshot of the trap-and-emulate VM too (notices: " + w.notices().notices() + ")",
                () -> snapshots(w.runtime().snapshotDirectory(trap.id())).size() == 1);
        assertTrue(fx(() -> status(w, trap).allows(VmStatus.Action.FORCE_OFF)), "the VM is still there");
        close(w);
    }

    private static List<Path> snapshots(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".rmsnap")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void openShowsTheVmWindowAndRunStartsItThere() throws Exception {
        VmDefinition vm = define("opened", Technique.NATIVE);
        ManagerWindow w = open();
        click("opened");
        press("#openButton");
        waitUntil("its VM window is showing", () -> w.runtime().window(vm.id()).map(win -> win.stage().isShowing()).orElse(false));
        assertEquals(VmStatus.SHUT_OFF, fx(() -> status(w, vm)), "Open does not start it");
        VmWindow window = fx(() -> w.runtime().window(vm.id()).orElseThrow());
        press("#runButton");
        waitUntil("it runs in the window that was open", () -> status(w, vm) == VmStatus.RUNNING
                && window.serial().text().contains("hello from the guest"));
        assertTrue(fx(() -> w.runtime().window(vm.id()).orElseThrow() == window));
        close(w);
    }

    @Test
    void theSparklinesShowTheRunningVmsRates() throws Exception {
        VmDefinition vm = define("busy", Technique.NATIVE);
        ManagerWindow w = open();
        click("busy");
        press("#runButton");
        waitUntil("guest MIPS and host CPU are measured", () -> {
            VmActivity a = w.vmList().activity(vm.id());
            return a.values(VmActivity.Series.MIPS).length >= 2 && a.latest().mips() > 0
                    && a.latest().hostCpuPercent() > 0;
        });
        VmActivity.Rates r = fx(() -> w.vmList().activity(vm.id()).latest());
        assertTrue(r.hostCpuPercent() <= 100, "one thread: at most one core");
        assertEquals(0.0, r.trapsPerSecond(), "native: no VMM, no traps");
        waitUntil("the MIPS cell shows the figure", () -> robot.lookup("#mipsColumn").tryQuery().isPresent()
                && robot.lookup(".sparkline-mips .sparkline-value").queryAll().stream()
                        .anyMatch(n -> !((javafx.scene.control.Label) n).getText().isEmpty()));
        close(w);
    }

    @Test
    void aCrashedVmSaysWhyInTheStateTooltipAndResetStartsItAgain() throws Exception {
        // trap-and-emulate needs a protected-mode kernel: the hello ROM (real mode) crashes the VM at start
        VmDefinition vm = define("crasher", Technique.NATIVE);
        Path json = Path.of(System.getProperty(TemplateLocator.PROPERTY)).resolve("hello.json");
        Files.writeString(json, Files.readString(json).replace("[\"native\", \"bt\"]", "[\"native\", \"bt\", \"trap\"]"));
        VmDefinition crasher = new VmDefinition(vm.id(), vm.name(), "", "hello", Technique.TRAP, 1,
                VmDefinition.Options.DEFAULTS, vm.createdAt(), "");
        Files.write(DataDirectory.vmsDir(dataDir).resolve(vm.id() + ".json"), VmDefinitionCodec.toJson(crasher));
        ManagerWindow w = open();
        click("crasher");
        press("#runButton");
        waitUntil("it crashed", () -> status(w, vm) == VmStatus.CRASHED);
        javafx.scene.control.Label state = robot.lookup(".vm-state").queryAs(javafx.scene.control.Label.class);
        waitUntil("the state column says so", () -> state.getText().equals("✖  Crashed"));
        javafx.scene.control.Tooltip tip = ((javafx.scene.control.Control) state.getParent()).getTooltip();
        assertTrue(tip.getText().startsWith("Crashed: ") && tip.getText().contains("real mode"), tip.getText());
        assertFalse(robot.lookup("#runButton").queryButton().isDisabled(), "a crashed VM can be run again");
        assertFalse(robot.lookup("#resetButton").queryButton().isDisabled());
        assertTrue(robot.lookup("#pauseButton").queryButton().isDisabled());
        close(w);
    }

    @Test
    void resetPowerCyclesARunningVm() throws Exception {
        VmDefinition vm = define("cycled", Technique.NATIVE);
        ManagerWindow w = open();
        click("cycled");
        press("#runButton");
        waitUntil("it has run a while", () -> w.runtime().vm(vm.id()).map(v -> v.outputs().counters().instructions() > 3_000_000)
                .orElse(false));
        VmWindow window = fx(() -> w.runtime().window(vm.id()).orElseThrow());
        press("#resetButton");
        waitUntil("the guest starts again: its banner a second time", () -> window.serial().text()
                .split("hello from the guest", -1).length == 3);
        assertEquals(VmStatus.RUNNING, fx(() -> status(w, vm)));
        close(w);
    }
}
