package dev.ringmaster.app;

import dev.ringmaster.app.docking.DockingManager;
import dev.ringmaster.app.docking.PaneRegistry;
import dev.ringmaster.app.panes.VmListViewModel;
import dev.ringmaster.app.panes.VmStatus.Action;
import dev.ringmaster.app.prefs.Theme;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.collections.SetChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * The manager window's menu bar (File, Edit, View, Help) and lifecycle toolbar. Every item has a
 * node id (menu items: {@code MenuItem#getId}) so that tests find them.
 */
final class ManagerMenus {

    private final ManagerWindow window;
    private final PaneRegistry panes;

    ManagerMenus(ManagerWindow window, PaneRegistry panes) {
        this.window = window;
        this.panes = panes;
    }

    MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu(), editMenu(), viewMenu(), helpMenu());
        bar.setId("menuBar");
        return bar;
    }

    private Menu fileMenu() {
        MenuItem newVm = item("newVmMenuItem", "New Virtual Machine…", "Shortcut+N");
        newVm.setOnAction(e -> window.newVm());
        MenuItem quit = item("quitMenuItem", "Quit", "Shortcut+Q");
        quit.setOnAction(e -> window.stage().close());
        return menu("fileMenu", "_File", newVm, new SeparatorMenuItem(), quit);
    }

    private Menu editMenu() {
        MenuItem preferences = item("preferencesMenuItem", "Preferences…", "Shortcut+Comma");
        preferences.setOnAction(e -> Dialogs.preferences(window));
        return menu("editMenu", "_Edit", preferences);
    }

    private Menu viewMenu() {
        Menu view = menu("viewMenu", "_View");
        DockingManager docking = window.docking();
        for (PaneRegistry.PaneSpec spec : panes.specs()) {
            CheckMenuItem toggle = new CheckMenuItem(spec.title());
            toggle.setId("viewPane-" + spec.id());
            toggle.setSelected(docking.isOpen(spec.id()));
            docking.openPanes().addListener((SetChangeListener<String>) c -> toggle.setSelected(docking.isOpen(spec.id())));
            toggle.setOnAction(e -> {
                // Follow the dock, not the check mark: the menu toggles what is there.
                docking.setOpen(spec.id(), !docking.isOpen(spec.id()));
                toggle.setSelected(docking.isOpen(spec.id()));
            });
            view.getItems().add(toggle);
        }
        ToggleGroup themes = new ToggleGroup();
        view.getItems().add(new SeparatorMenuItem());
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.displayName() + " theme");
            item.setId("theme-" + t.id());
            item.setToggleGroup(themes);
            item.setSelected(window.themeProperty().get() == t);
            item.setOnAction(e -> window.themeProperty().set(t));
            window.themeProperty().addListener((o, old, cur) -> item.setSelected(cur == t));
            view.getItems().add(item);
        }
        MenuItem reset = item("resetLayoutMenuItem", "Reset Layout", null);
        reset.setOnAction(e -> window.resetLayout());
        view.getItems().addAll(new SeparatorMenuItem(), reset);
        return view;
    }

    private Menu helpMenu() {
        MenuItem about = item("aboutMenuItem", "About Ringmaster", null);
        about.setOnAction(e -> Dialogs.about(window));
        return menu("helpMenu", "_Help", about);
    }

    ToolBar toolBar() {
        VmListViewModel vms = window.vmList();
        Button newVm = button("newVmButton", "New", Glyphs.add());
        newVm.setTooltip(new Tooltip("Create a virtual machine from a template"));
        newVm.setOnAction(e -> window.newVm());
        Button run = lifecycle("runButton", "Run", Glyphs.run(), vms, Action.RUN, vms.canRun());
        Button pause = lifecycle("pauseButton", "Pause", Glyphs.pause(), vms, Action.PAUSE, vms.canPause());
        Button off = lifecycle("forceOffButton", "Force Off", Glyphs.forceOff(), vms, Action.FORCE_OFF, vms.canForceOff());
        run.setOnAction(e -> window.perform(Action.RUN));
        pause.setOnAction(e -> window.perform(Action.PAUSE));
        off.setOnAction(e -> window.perform(Action.FORCE_OFF));
        ToolBar bar = new ToolBar(newVm, new Separator(), run, pause, off, new Separator());
        bar.getItems().addAll(window.library().buttons());
        bar.setId("toolBar");
        return bar;
    }

    private static Button lifecycle(String id, String text, Node glyph, VmListViewModel vms, Action action,
            BooleanExpression allowed) {
        Button b = button(id, text, glyph);
        b.disableProperty().bind(allowed.not());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> vms.actionHint(action),
                vms.selectedProperty(), vms.engineAvailableProperty()));
        b.setTooltip(tip);
        return b;
    }

    private static Button button(String id, String text, Node glyph) {
        Button b = new Button(text, glyph);
        b.setId(id);
        return b;
    }

    private static Menu menu(String id, String text, MenuItem... items) {
        Menu m = new Menu(text, null, items);
        m.setId(id);
        return m;
    }

    private static MenuItem item(String id, String text, String accelerator) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        return i;
    }
}
