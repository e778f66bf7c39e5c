package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmConfig;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.bt.CalloutKind;
import dev.ringmaster.engine.vmm.bt.TranslationCacheView;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.testsupport.TestGuests;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The VM window on the real rmx kernel under binary translation: the guest boots to its shell, the
 * translation-cache pane lists translated kernel blocks with their callouts, and the traps pane shows the
 * callouts the translated kernel made.
 */
class VmWindowBinaryTranslationTest extends GuiTestBase {
    private VirtualMachine vm;

    @AfterEach
    void closeTheVm() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void rmxUnderBtShowsItsTranslationsAndCallouts() throws Exception {
        Template rmx = TemplateCatalog.load(TestGuests.projectDir().resolve("vm-templates")).find("rmx").orElseThrow();
        vm = new VirtualMachine(new VmConfig("rmx_bt", "rmx (BT)", rmx.bootSpec(), rmx.memoryMiB(), Technique.BT));
        VirtualMachineSession session = new VirtualMachineSession(vm);
        VmWindow w = openVm(session);
        assertTrue(w.docking().isOpen(PaneIds.TRANSLATION_CACHE), "a BT VM's window has the translation-cache pane");
        robot.clickOn("#vmStart");
        waitUntil("the shell's prompt", () -> w.vga().text().contains("rmx:/#"));
        fx(() -> w.docking().select(PaneIds.TRANSLATION_CACHE));
        waitUntil("the translation-cache pane is shown", () -> robot.lookup("#tcBlocks").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<TranslationCacheView.Block> blocks = robot.lookup("#tcBlocks").queryAs(TableView.class);
        waitUntil("translated blocks are listed", () -> blocks.getItems().size() > 10);
        waitUntil("the statistics are shown", () -> robot.lookup("#tcStats").queryAs(Label.class).getText()
                .contains("live blocks"));
        TranslationCacheView.Block withCallout = fx(() -> blocks.getItems().stream()
                .filter(b -> b.lines().stream().anyMatch(l -> l.callout() != null
                        && l.callout() != CalloutKind.BLOCK_EXIT)).findFirst().orElseThrow());
        fx(() -> {
            blocks.getSelectionModel().select(withCallout);
            return null;
        });
        @SuppressWarnings("unchecked")
        TableView<TranslationCacheView.Line> lines = robot.lookup("#tcLines").queryAs(TableView.class);
        waitUntil("the block's instructions beside their translations", () -> lines.getItems().equals(withCallout.lines()));
        waitUntil("the traps pane shows the kernel's callouts", () -> w.traps().rows().stream()
                .anyMatch(r -> r.action().startsWith("callout:")));

        VmResult answer = vm.submit(new dev.ringmaster.engine.vm.VmCommand.ReadTranslations(5)).get(30, TimeUnit.SECONDS);
        TranslationCacheView v = assertInstanceOf(VmResult.Translations.class, answer).view();
        assertTrue(v.blocks().size() <= 5 && v.omitted() > 0, "at most the blocks asked for: " + v.blocks().size());
    }
}
