package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.registers.RegistersPane;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmConfig;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.testsupport.Roms;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The VM window on a real {@link VirtualMachine} (through {@link VirtualMachineSession}): a ROM guest
 * writes to the VGA text memory and COM1 and echoes what it receives; the window starts it, shows
 * both consoles, sends typed bytes, pauses, steps and highlights the registers the step changed.
 */
class VmWindowVirtualMachineTest extends GuiTestBase {
    private VirtualMachine vm;

    @AfterEach
    void closeTheVm() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void startTypePauseAndStepARealVm() throws Exception {
        Path rom = Roms.write(temp, "echo.rom", """
                    mov ax, 0xB800
                    mov es, ax
                    mov word [es:0], 0x1E48
                    mov word [es:2], 0x1E49
                    mov al, 'O'
                    call putc
                    mov al, 'K'
                    call putc
                echo:
                    mov dx, 0x3FD
                    in al, dx
                    test al, 1
                    jz echo
                    mov dx, 0x3F8
                    in al, dx
                    call putc
                    jmp echo
                """);
        vm = new VirtualMachine(new VmConfig("Echo_VM", "Echo", BootSpec.rom(rom), 1, Technique.NATIVE));
        VirtualMachineSession session = new VirtualMachineSession(vm);
        assertEquals("echo-vm", session.id());
        VmWindow w = openVm(session);
        waitUntil("the toolbar shows the VM defined", () -> robot.lookup("#vmState").queryAs(Label.class).getText().equals("Defined"));

        robot.clickOn("#vmStart");
        waitUntil("the guest's VGA text is shown", () -> w.vga().text().startsWith("HI"));
        fx(() -> {
            robot.lookup("#consoleTabs").queryAs(TabPane.class).getSelectionModel().select(1);
            return null;
        });
        @SuppressWarnings("unchecked")
        ListView<String> terminal = robot.lookup("#serialTerminal").queryAs(ListView.class);
        waitUntil("the guest's serial output is shown", () -> terminal.getItems().equals(List.of("OK")));
        robot.clickOn("#serialTerminal");
        robot.write("ring");
        waitUntil("the guest echoed what was typed", () -> terminal.getItems().equals(List.of("OKring")));

        robot.clickOn("#vmPause");
        waitUntil("the VM is paused", () -> robot.lookup("#vmState").queryAs(Label.class).getText().startsWith("Paused"));
        waitUntil("the paused registers are shown", () -> !w.registers().rows().isEmpty());
        robot.clickOn("#vmStep");
        waitUntil("the step's changes are highlighted", () -> w.registers().changed().contains("EIP")
                && !robot.lookup(RegistersPane::highlighted).queryAll().isEmpty());
        assertEquals("", w.commandAnswerProperty().get(), "the step was allowed");
        robot.clickOn("#vmStep");
        robot.clickOn("#vmResume");
        waitUntil("the VM runs again", () -> robot.lookup("#vmState").queryAs(Label.class).getText().startsWith("Running"));
        assertTrue(robot.lookup("#vmStep").query().isDisabled(), "no stepping while it runs");
    }
}
