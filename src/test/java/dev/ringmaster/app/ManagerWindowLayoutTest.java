package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.docking.DefaultLayouts;
import dev.ringmaster.app.docking.DockLayout;
import dev.ringmaster.app.docking.LayoutAssertions;
import dev.ringmaster.app.docking.LayoutNode;
import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;
import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.app.panes.LogEntry;
import dev.ringmaster.app.prefs.Theme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real manager window, headless: the user rearranges the dock, closes the window, opens it
 * again and finds it as left; a corrupt layout file gives the default layout, a notice naming the
 * kept backup, and is never written over.
 */
class ManagerWindowLayoutTest extends GuiTestBase {
    /** Divider positions are restored to within this fraction of the split's size. */
    private static final double TOLERANCE = 0.01;

    private static void assertLayout(LayoutNode expected, LayoutNode actual) {
        LayoutAssertions.assertSameLayout(expected, actual, TOLERANCE);
    }

    private <T extends Node> T find(String query) {
        return robot.lookup(query).query();
    }

    private Node node(String query) {
        return robot.lookup(query).query();
    }

    private static MenuItem menuItem(ManagerWindow w, String id) {
        MenuBar bar = (MenuBar) w.stage().getScene().lookup("#menuBar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    private static SplitPane split(ManagerWindow w, Orientation orientation) {
        return w.stage().getScene().getRoot().lookupAll(".container-branch").stream()
                .map(n -> (SplitPane) n).filter(s -> s.getOrientation() == orientation && !s.getItems().isEmpty()
                        && s.getDividers().size() == 1)
                .findFirst().orElseThrow(() -> new AssertionError("no " + orientation + " split"));
    }

    @Test
    void aRearrangedDockIsRestoredAfterARestart() throws Exception {
        ManagerWindow first = open();
        assertEquals(Set.of(PaneIds.VM_LIST, PaneIds.DETAILS, PaneIds.EVENT_LOG), fx(() -> Set.copyOf(first.docking().openPanes())));
        DockLayout initial = fx(() -> first.docking().capture());
        assertLayout(DefaultLayouts.manager().root(), initial.root());
        assertTrue(find("#vmListEmpty").isVisible(), "the empty VM list says so");

        // The user closes the event log with its header's close button ...
        robot.clickOn(robot.from(node("#dock-header-event-log")).lookup(".close-button").queryAs(Node.class));
        waitUntil("the event log is closed", () -> !first.docking().isOpen(PaneIds.EVENT_LOG));
        assertFalse(fx(() -> ((CheckMenuItem) menuItem(first, "viewPane-event-log")).isSelected()), "View menu follows");
        // ... and drags the divider between the VM list and the details 150 px to the right.
        SplitPane top = fx(() -> split(first, Orientation.HORIZONTAL));
        double before = fx(() -> top.getDividerPositions()[0]);
        Node divider = robot.from(top).lookup(".split-pane-divider").query();
        robot.drag(divider, MouseButton.PRIMARY).moveBy(150, 0).release(MouseButton.PRIMARY);
        double after = fx(() -> top.getDividerPositions()[0]);
        assertEquals(before + 150 / fx(top::getWidth), after, 0.02, "the drag moved the divider");

        DockLayout rearranged = fx(() -> first.docking().capture());
        assertEquals(List.of(PaneIds.VM_LIST, PaneIds.DETAILS), rearranged.panes());
        close(first);

        Path file = configDir.resolve("layout.json");
        assertTrue(Files.isRegularFile(file), "saved on close");
        assertLayout(rearranged.root(), DockLayout.CODEC.decode(Files.readAllBytes(file)).root());

        ManagerWindow second = open();
        assertLayout(rearranged.root(), fx(() -> second.docking().capture()).root());
        assertTrue(robot.lookup("#dock-header-event-log").tryQuery().isEmpty(), "the closed pane stays closed");
        assertNotNull(find("#dock-header-vm-list"));

        // View ▸ Event log brings it back where it belongs; View ▸ Reset layout restores everything.
        fx(() -> {
            menuItem(second, "viewPane-event-log").fire();
            return null;
        });
        assertTrue(fx(() -> second.docking().isOpen(PaneIds.EVENT_LOG)));
        assertEquals(List.of(PaneIds.VM_LIST, PaneIds.DETAILS, PaneIds.EVENT_LOG), fx(() -> second.docking().capture()).panes());
        fx(() -> {
            menuItem(second, "resetLayoutMenuItem").fire();
            return null;
        });
        assertLayout(DefaultLayouts.manager().root(), fx(() -> second.docking().capture()).root());
        close(second);
    }

    @Test
    void aMovedPaneTheThemeAndTheWindowBoundsAreRestoredAfterARestart() throws Exception {
        ManagerWindow first = open();
        fx(() -> {
            first.stage().setX(40);
            first.stage().setY(30);
            first.stage().setWidth(900);
            first.stage().setHeight(640);
            first.docking().movePaneTo(PaneIds.EVENT_LOG, PaneIds.DETAILS);
            first.docking().select(PaneIds.DETAILS);
            menuItem(first, "theme-dark").fire();
            return null;
        });
        assertEquals(Theme.DARK, fx(() -> first.themeProperty().get()));
        assertTrue(fx(() -> first.stage().getScene().getStylesheets().get(2).endsWith("/assets/themes/dark.css")));
        WaitForAsyncUtils.waitForFxEvents(); // let the window lay out at its new size
        DockLayout moved = fx(() -> first.docking().capture());
        assertEquals(new Tabs(List.of(PaneIds.DETAILS, PaneIds.EVENT_LOG), PaneIds.DETAILS, true),
                ((Split) moved.root()).children().get(1));
        close(first);

        ManagerWindow second = open();
        assertLayout(moved.root(), fx(() -> second.docking().capture()).root());
        assertEquals(PaneIds.DETAILS, fx(() -> second.docking().visibleBeside(PaneIds.EVENT_LOG).orElseThrow()));
        assertEquals(Theme.DARK, fx(() -> second.themeProperty().get()));
        assertEquals(List.of(40.0, 30.0, 900.0, 640.0), fx(() -> List.of(second.stage().getX(), second.stage().getY(),
                second.stage().getWidth(), second.stage().getHeight())));
        assertTrue(fx(() -> ((javafx.scene.control.RadioMenuItem) menuItem(second, "theme-dark")).isSelected()));
        assertTrue(fx(() -> second.stage().getScene().getRoot().getStyleClass().contains("theme-dark")));
        close(second);
    }

    @Test
    void aCorruptLayoutFileGivesTheDefaultLayoutAVisibleNoticeAndIsKept() throws Exception {
        byte[] corrupt = "{\"format\": 1, \"root\": {\"type\": \"tabs\", \"panes\": [\"vm-list\"".getBytes(StandardCharsets.UTF_8);
        Path file = Files.createDirectories(configDir).resolve("layout.json");
        Files.write(file, corrupt);

        ManagerWindow w = open();
        Path backup;
        try (Stream<Path> s = Files.list(configDir)) {
            backup = s.filter(p -> p.getFileName().toString().startsWith("layout.json.corrupt-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no backup of the corrupt layout"));
        }
        assertArrayEquals(corrupt, Files.readAllBytes(backup), "the backup holds the user's file as it was");
        assertFalse(Files.exists(file), "moved aside, not left in the way");
        assertLayout(DefaultLayouts.manager().root(), fx(() -> w.docking().capture()).root());

        Node bar = node("#noticeBar");
        assertTrue(bar.isVisible());
        Label message = robot.from(bar).lookup(".notice-message").query();
        assertTrue(message.getText().contains(backup.getFileName().toString()), message.getText());
        assertTrue(message.getText().contains("the default layout is shown"), message.getText());
        waitUntil("the event log shows the warning", () -> w.eventLog().entries().stream().anyMatch(e ->
                e.severity() == LogEntry.Severity.WARNING && e.message().contains(backup.getFileName().toString())));

        robot.clickOn(robot.from(bar).lookup(".notice-dismiss").queryAs(Node.class));
        waitUntil("the notice is dismissed", () -> !bar.isVisible());

        DockLayout shown = fx(() -> w.docking().capture()); // the dock grew by the notice's height
        close(w);
        assertArrayEquals(corrupt, Files.readAllBytes(backup), "the backup is never written over");
        assertLayout(shown.root(), DockLayout.CODEC.decode(Files.readAllBytes(file)).root());
        ManagerWindow again = open();
        assertTrue(fx(() -> again.notices().notices().isEmpty()), "the new file is good: no notice next time");
        close(again);
    }
}
