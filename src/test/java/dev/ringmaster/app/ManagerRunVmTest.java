package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.VmStatus;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateLocator;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import dev.ringmaster.testsupport.Roms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Run, Pause and Force off in the manager drive a real VM on its own thread, shown in its VM window. */
class ManagerRunVmTest extends GuiTestBase {
    /** A template "hello" (a ROM that prints a line on COM1, then spins) in the test's templates directory. */
    static void helloTemplate() throws Exception {
        Path templates = Path.of(System.getProperty(TemplateLocator.PROPERTY));
        Files.createDirectories(templates.resolve("images/hello"));
        Roms.write(templates.resolve("images/hello"), "hello.rom", """
                    mov si, msg
                next:
                    mov al, [cs:si]
                    test al, al
                    jz spin
                    call putc
                    inc si
                    jmp next
                spin:
                    inc eax
                    jmp spin
                msg: db "hello from the guest", 13, 10, 0
                """);
        Files.writeString(templates.resolve("hello.json"), """
                {"name": "Hello ROM", "description": "Prints a line on COM1, then spins.", "boot": "rom",
                 "rom": "hello/hello.rom", "memoryMiB": 1, "techniques": ["native", "pv"]}
                """);
    }

    private VmDefinition define(String name, Technique technique) throws Exception {
        helloTemplate();
        VmDefinition vm = new VmDefinition(UUID.randomUUID(), name, "", "hello", technique, 1,
                VmDefinition.Options.DEFAULTS, Instant.parse("2026-11-25T08:00:00Z"), "");
        Path vms = Files.createDirectories(DataDirectory.vmsDir(dataDir));
        Files.write(vms.resolve(vm.id() + ".json"), VmDefinitionCodec.toJson(vm));
        return vm;
    }

    private void select(ManagerWindow w) throws Exception {
        robot.clickOn(robot.lookup(".vm-name").queryLabeled());
        waitUntil("a VM is selected", () -> w.vmList().selectedProperty().get() != null);
    }

    @Test
    void runOpensTheVmWindowWithTheGuestsOutputThenPauseAndForceOff() throws Exception {
        VmDefinition vm = define("hello", Technique.NATIVE);
        ManagerWindow w = open();
        select(w);
        robot.clickOn("#runButton");
        waitUntil("the VM runs", () -> w.vmList().selectedProperty().get().status() == VmStatus.RUNNING);
        waitUntil("the VM window shows the guest's serial output", () -> w.runtime().window(vm.id())
                .map(win -> win.serial().text().contains("hello from the guest")).orElse(false));
        waitUntil("registers are shown", () -> w.runtime().vm(vm.id()).get().outputs().registers() != null);

        fx(() -> {
            w.stage().toFront();
            return null;
        });
        robot.clickOn("#pauseButton");
        waitUntil("the VM is paused", () -> w.vmList().selectedProperty().get().status() == VmStatus.PAUSED);
        long at = w.runtime().vm(vm.id()).get().outputs().registers().instructions();
        assertEquals(at, w.runtime().vm(vm.id()).get().outputs().registers().instructions(), "a paused VM does not run");
        robot.clickOn("#forceOffButton");
        waitUntil("the VM is off", () -> w.vmList().selectedProperty().get().status() == VmStatus.SHUT_OFF);
        assertTrue(w.runtime().reason(vm.id()).contains("forced off"), w.runtime().reason(vm.id()));
        close(w);
    }

    @Test
    void aTechniqueWithoutItsVmmSaysSoInsteadOfRunning() throws Exception {
        VmDefinition vm = define("hello pv", Technique.PV);
        ManagerWindow w = open();
        select(w);
        robot.clickOn("#runButton");
        waitUntil("a notice says why", () -> w.notices().notices().stream()
                .anyMatch(n -> n.message().contains("not implemented yet")));
        assertEquals(VmStatus.SHUT_OFF, w.vmList().selectedProperty().get().status());
        assertTrue(w.runtime().vm(vm.id()).isEmpty());
        close(w);
    }
}
