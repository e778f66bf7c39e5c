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
        MenuBar bar = new MenuBar(fileMenu(), editMenu(), viewMenu(), vmMenu(), helpMenu());
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

    /**
     * One action of the manager, shown as a toolbar button ({@code <id>Button}), an item of the
     * Virtual Machine menu ({@code <id>MenuItem}) and of the VM list's context menu
     * ({@code <id>ContextItem}), all enabled by the same binding.
     *
     * @param glyph a toolbar icon, or null
     * @param tip   the tooltip's text (lifecycle actions: null, their tooltip says what {@code action} does now)
     */
    record Act(String id, String text, java.util.function.Supplier<Node> glyph, BooleanExpression enabled, String tip,
               Action action, Runnable run) {
        Act(String id, String text, java.util.function.Supplier<Node> glyph, BooleanExpression enabled, String tip,
                Runnable run) {
            this(id, text, glyph, enabled, tip, null, run);
        }
    }

    /** The lifecycle actions on the selected VMs, in toolbar order. */
    private java.util.List<Act> lifecycle() {
        VmListViewModel vms = window.vmList();
        return java.util.List.of(
                new Act("open", "Open", Glyphs::open, javafx.beans.binding.Bindings.isNotEmpty(vms.selection()),
                        "Show the console and panes of the selected VMs", () -> window.open(vms.selection())),
                lifecycle(Action.RUN, "run", Glyphs::run),
                lifecycle(Action.PAUSE, "pause", Glyphs::pause),
                lifecycle(Action.RESUME, "resume", Glyphs::run),
                lifecycle(Action.RESET, "reset", Glyphs::reset),
                lifecycle(Action.FORCE_OFF, "forceOff", Glyphs::forceOff),
                lifecycle(Action.SNAPSHOT, "snapshot", Glyphs::snapshot));
    }

    private Act lifecycle(Action action, String id, java.util.function.Supplier<Node> glyph) {
        return new Act(id, action.label(), glyph, window.vmList().can(action), null, action, () -> window.perform(action));
    }

    private Tooltip tooltip(Act a) {
        Tooltip tip = new Tooltip(a.tip());
        if (a.action() != null) {
            VmListViewModel vms = window.vmList();
            tip.textProperty().bind(Bindings.createStringBinding(() -> vms.actionHint(a.action()),
                    vms.selection(), vms.engineAvailableProperty()));
        }
        return tip;
    }

    ToolBar toolBar() {
        Button newVm = button("newVmButton", "New", Glyphs.add());
        newVm.setTooltip(new Tooltip("Create a virtual machine from a template"));
        newVm.setOnAction(e -> window.newVm());
        ToolBar bar = new ToolBar(newVm, new Separator());
        java.util.List<Act> life = lifecycle();
        for (int i = 0; i < life.size(); i++) {
            bar.getItems().add(button(life.get(i)));
            if (i == 0 || i == life.size() - 2) {
                bar.getItems().add(new Separator()); // Open | Run … Force Off | Snapshot
            }
        }
        bar.getItems().add(new Separator());
        window.library().vmActs().forEach(a -> bar.getItems().add(button(a)));
        javafx.scene.control.MenuButton folders = new javafx.scene.control.MenuButton("Folders");
        folders.setId("foldersMenuButton");
        folders.setTooltip(new Tooltip("Move the selected VM to a folder; create or rename folders"));
        window.library().folderActs().forEach(a -> folders.getItems().add(menuItem(a, "FolderItem")));
        bar.getItems().add(folders);
        bar.setId("toolBar");
        return bar;
    }

    private Button button(Act a) {
        Button b = button(a.id() + "Button", a.text(), a.glyph() == null ? null : a.glyph().get());
        b.disableProperty().bind(a.enabled().not());
        b.setTooltip(tooltip(a));
        b.setOnAction(e -> a.run().run());
        return b;
    }

    private MenuItem menuItem(Act a, String suffix) {
        MenuItem i = new MenuItem(a.text());
        i.setId(a.id() + suffix);
        i.disableProperty().bind(a.enabled().not());
        i.setOnAction(e -> a.run().run());
        return i;
    }

    /** The Virtual Machine menu (or, with {@code suffix} "ContextItem", the VM list's context menu items). */
    private java.util.List<MenuItem> vmItems(String suffix) {
        java.util.List<MenuItem> items = new java.util.ArrayList<>();
        java.util.List<Act> life = lifecycle();
        for (int i = 0; i < life.size(); i++) {
            items.add(menuItem(life.get(i), suffix));
            if (i == 0 || i == life.size() - 2) {
                items.add(new SeparatorMenuItem());
            }
        }
        items.add(new SeparatorMenuItem());
        window.library().vmActs().forEach(a -> items.add(menuItem(a, suffix)));
        items.add(new SeparatorMenuItem());
        window.library().folderActs().forEach(a -> items.add(menuItem(a, suffix)));
        return items;
    }

    private Menu vmMenu() {
        return menu("vmMenu", "_Virtual Machine", vmItems("MenuItem").toArray(MenuItem[]::new));
    }

    /** The VM list's context menu: the same actions as the Virtual Machine menu. */
    javafx.scene.control.ContextMenu contextMenu() {
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(vmItems("ContextItem").toArray(MenuItem[]::new));
        menu.setId("vmContextMenu");
        return menu;
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
