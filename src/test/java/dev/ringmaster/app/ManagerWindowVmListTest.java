package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.Test;

/** The manager lists the user's VM definitions; the details and the toolbar follow the selection. */
class ManagerWindowVmListTest extends GuiTestBase {
    @Test
    void selectingAVmShowsItsDetailsAndEnablesOnlyTheActionsItsStateAllows() throws Exception {
        VmDefinition vm = new VmDefinition(UUID.randomUUID(), "rmx under BT", "", "rmx", Technique.BT, 32,
                VmDefinition.Options.DEFAULTS, Instant.parse("2025-11-25T09:30:00Z"), "");
        Path vms = Files.createDirectories(DataDirectory.vmsDir(dataDir));
        Files.write(vms.resolve(vm.id() + ".json"), VmDefinitionCodec.toJson(vm));

        ManagerWindow w = open();
        Button run = robot.lookup("#runButton").queryButton();
        Button pause = robot.lookup("#pauseButton").queryButton();
        Button off = robot.lookup("#forceOffButton").queryButton();
        Label detailsTitle = robot.lookup("#detailsTitle").queryAs(Label.class);
        assertTrue(run.isDisabled() && pause.isDisabled() && off.isDisabled(), "nothing selected");
        assertFalse(robot.lookup("#newVmButton").queryButton().isDisabled(), "New is always possible");
        assertTrue(robot.lookup("#detailsEmpty").queryAs(Label.class).getText().startsWith("Select a virtual machine"));

        TreeTableView<?> table = robot.lookup("#vmTable").queryAs(TreeTableView.class);
        assertEquals(1, table.getExpandedItemCount());
        robot.clickOn(robot.lookup(".vm-name").queryLabeled());
        waitUntil("the details show the VM", () -> "rmx under BT".equals(detailsTitle.getText()));
        assertFalse(robot.lookup("#detailsEmpty").queryAs(Label.class).isVisible());
        assertFalse(run.isDisabled(), "a shut-off VM can run");
        assertTrue(pause.isDisabled() && off.isDisabled(), "but not pause or be forced off");
        assertEquals("Start rmx under BT", run.getTooltip().getText());

        fx(() -> {
            table.getSelectionModel().clearSelection();
            return null;
        });
        assertTrue(run.isDisabled());
        assertEquals("", detailsTitle.getText());
        close(w);
    }
}
