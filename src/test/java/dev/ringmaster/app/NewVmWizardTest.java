package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.VmEntry;
import dev.ringmaster.app.panes.VmStatus;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.VmDefinitionStore;
import javafx.scene.Node;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import org.testfx.matcher.control.LabeledMatchers;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/** Create a VM through the New VM wizard, point and click, then run it. */
class NewVmWizardTest extends GuiTestBase {
    private Button button(String text) {
        var found = robot.lookup(".button").match((Node n) -> n instanceof Button b && b.getText().strip().equals(text) && b.isVisible())
                .queryAll();
        if (found.isEmpty()) {
            throw new AssertionError("no visible button \"" + text + "\"; buttons: " + robot.lookup(".button").queryAll()
                    .stream().map(n -> ((Button) n).getText() + (n.isVisible() ? "" : " (hidden)")).toList());
        }
        return (Button) found.iterator().next();
    }

    @Test
    void wizardCreatesAVmThatRunsAtOnce() throws Exception {
        ManagerRunVmTest.helloTemplate();
        new VmDefinitionStore(DataDirectory.vmsDir(dataDir)).createFolder("Labs/Week 1");
        ManagerWindow w = open();
        robot.clickOn("#newVmButton");
        waitUntil("the wizard shows the templates", () -> !robot.lookup("#wizardTemplates").queryAll().isEmpty());
        ListView<?> templates = robot.lookup("#wizardTemplates").queryListView();
        assertEquals(1, templates.getItems().size());
        assertTrue(robot.lookup("#wizardTemplateDescription").queryLabeled().getText().contains("Prints a line on COM1"));
        robot.clickOn(button("Next"));

        waitUntil("the technique page", () -> !robot.lookup("#wizardTechniques").queryAll().isEmpty());
        ListView<?> techniques = robot.lookup("#wizardTechniques").queryListView();
        assertEquals(2, techniques.getItems().size(), "only the template's techniques: native and bt");
        assertTrue(robot.lookup("#wizardTechniqueDescription").queryLabeled().getText().contains("no VMM"));
        robot.clickOn(button("Next"));

        waitUntil("the memory page", () -> !robot.lookup("#wizardMemory").queryAll().isEmpty());
        TextField memory = robot.lookup("#wizardMemory").queryAs(TextField.class);
        assertEquals("1", memory.getText(), "the template's default");
        fx(() -> {
            memory.setText("4096");
            return null;
        });
        waitUntil("Next is disabled for a bad size", () -> button("Next").isDisabled());
        assertTrue(w.lastWizard().memoryError().get().contains("1–512"));
        fx(() -> {
            memory.setText("2");
            return null;
        });
        waitUntil("Next is enabled again", () -> !button("Next").isDisabled());
        robot.clickOn(button("Next"));

        waitUntil("the name page", () -> !robot.lookup("#wizardName").queryAll().isEmpty());
        TextField name = robot.lookup("#wizardName").queryAs(TextField.class);
        ComboBox<?> folder = robot.lookup("#wizardFolder").queryAs(ComboBox.class);
        assertEquals(List.of("Labs", "Labs/Week 1"), List.copyOf(folder.getItems()), "the existing folders are offered");
        robot.clickOn((Node) robot.from(folder).lookup(".arrow-button").query());
        robot.clickOn(robot.lookup(".list-cell").match(LabeledMatchers.hasText("Labs/Week 1")).queryLabeled());
        waitUntil("the folder picked is in the summary", () -> w.lastWizard().summary().get().contains("Folder: Labs/Week 1\n"));
        fx(() -> {
            name.setText("My first VM");
            folder.getEditor().setText("Lab 1"); // typed: a new folder
            return null;
        });
        waitUntil("the summary", () -> w.lastWizard().summary().get().contains("Name: My first VM")
                && w.lastWizard().summary().get().contains("Folder: Lab 1 (new)"));
        robot.clickOn(button("Finish"));

        waitUntil("the new VM is listed and selected", () -> {
            VmEntry e = w.vmList().selectedProperty().get();
            return e != null && e.name().equals("My first VM");
        });
        VmEntry e = w.vmList().selectedProperty().get();
        assertEquals("Lab 1", e.definition().folder());
        assertEquals(2, e.definition().memoryMiB());
        assertEquals(Technique.NATIVE, e.technique());
        assertTrue(new VmDefinitionStore(DataDirectory.vmsDir(dataDir)).findByName("My first VM").isPresent(), "saved");

        robot.clickOn("#runButton");
        waitUntil("it runs", () -> w.vmList().selectedProperty().get().status() == VmStatus.RUNNING);
        waitUntil("its console shows the guest", () -> w.runtime().window(e.definition().id())
                .map(win -> win.serial().text().contains("hello from the guest")).orElse(false));
        close(w);
    }
}
