package dev.ringmaster.app;

import dev.ringmaster.app.docking.DefaultLayouts;
import dev.ringmaster.app.docking.DockLayout;
import dev.ringmaster.app.docking.DockingManager;
import dev.ringmaster.app.docking.LayoutStore;
import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.app.docking.PaneRegistry;
import dev.ringmaster.app.panes.DetailsPane;
import dev.ringmaster.app.panes.DetailsViewModel;
import dev.ringmaster.app.panes.EventLogPane;
import dev.ringmaster.app.panes.EventLogViewModel;
import dev.ringmaster.app.panes.LogEntry.Severity;
import dev.ringmaster.app.panes.VmLibrary;
import dev.ringmaster.app.panes.VmListPane;
import dev.ringmaster.app.panes.VmListViewModel;
import dev.ringmaster.app.prefs.ConfigFile;
import dev.ringmaster.app.prefs.ConfigRead;
import dev.ringmaster.app.prefs.Preferences;
import dev.ringmaster.app.prefs.Theme;
import dev.ringmaster.app.prefs.WindowGeometry;
import dev.ringmaster.app.pulse.FxPulse;
import dev.ringmaster.app.pulse.PulseDrainer;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.VmDefinitionStore;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The manager window (virt-manager's main window): menu bar, lifecycle toolbar, notice bar and a
 * dock with the VM list, the selected VM's details and the event log. Its layout, geometry and
 * the theme are restored from the configuration directory when it opens and saved when it closes;
 * a settings file that cannot be used is moved aside and reported in the notice bar and the log.
 */
public final class ManagerWindow {
    /** The window id of the manager: its layout file is {@code layout.json}. */
    public static final String WINDOW_ID = LayoutStore.MANAGER_WINDOW;
    static final double DEFAULT_WIDTH = 1100;
    static final double DEFAULT_HEIGHT = 720;
    /** Drains per second of the event log (and, later, the VMs' trace rings). */
    static final int PULSE_HZ = 30;

    private final Stage stage;
    private final AppEnvironment env;
    private final ConfigFile<Preferences> prefsFile;
    private final LayoutStore layouts;
    private final NoticesViewModel notices = new NoticesViewModel();
    private final EventLogViewModel eventLog;
    private final VmListViewModel vmList = new VmListViewModel();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final FxPulse pulse;
    private final DockingManager docking;
    private final Scene scene;
    private final WindowPlacement placement;
    private Preferences prefs;
    private final VmRuntime runtime;
    private ManagerMenus menus;
    private PaneRegistry paneRegistry;
    private final VmDefinitionStore store;
    private final ManagerVmActions library;

    /** Builds the window on {@code stage} (FX thread); {@link #show()} shows it. */
    public ManagerWindow(Stage stage, AppEnvironment env) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.env = Objects.requireNonNull(env, "env");
        ZoneId zone = env.clock().getZone();
        eventLog = new EventLogViewModel(env.clock());
        pulse = new FxPulse(new PulseDrainer(PULSE_HZ, e -> eventLog.post(Severity.ERROR, "ui",
                "A pane failed to take its events: " + e)));
        eventLog.attach(pulse.drainer());
        log(Severity.INFO, "app", "Ringmaster started; settings in " + env.configDir());

        prefsFile = Preferences.file(env.configDir(), env.clock());
        prefs = readPreferences();
        theme.set(prefs.theme());

        DetailsViewModel details = new DetailsViewModel(vmList, zone);
        store = new VmDefinitionStore(DataDirectory.vmsDir(env.dataDir()));
        library = new ManagerVmActions(this, store, this::reloadVms);
        vmList.setMover(library::move);
        PaneRegistry panes = new PaneRegistry()
                .register(PaneIds.VM_LIST, "Virtual machines", () -> {
                    VmListPane pane = new VmListPane(vmList);
                    pane.setListContextMenu(menus().contextMenu());
                    pane.setOnOpen(vm -> open(java.util.List.of(vm)));
                    return pane;
                })
                .register(PaneIds.DETAILS, "Details", () -> new DetailsPane(details))
                .register(PaneIds.EVENT_LOG, "Event log", () -> new EventLogPane(eventLog, zone));
        paneRegistry = panes;
        docking = new DockingManager(WINDOW_ID, panes, DefaultLayouts.manager());
        layouts = new LayoutStore(env.configDir(), env.clock());
        docking.apply(readLayout());
        loadVms();
        runtime = new VmRuntime(env, (title, text) -> {
            notices.show(new Notice(title, text));
            log(Severity.ERROR, "vm", title + ": " + text);
        });
        vmList.engineAvailableProperty().set(true);
        // Each pulse: the VMs' states, and (every half second) a point of their sparklines.
        pulse.drainer().everyPulse(now -> {
            vmList.refreshStatuses(runtime::status, runtime::reason);
            vmList.sampleActivity(now, id -> runtime.sample(id, now));
        });

        VBox top = new VBox(menus().menuBar(), menus().toolBar(), new NoticeBar(notices));
        BorderPane root = new BorderPane(docking.view());
        root.setTop(top);
        root.setId("managerRoot");
        placement = new WindowPlacement(stage, prefs.window(WINDOW_ID).orElse(null));
        scene = placement.createScene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        applyTheme(theme.get());
        theme.addListener((o, old, cur) -> {
            applyTheme(cur);
            prefs = prefs.withTheme(cur);
            savePreferences();
        });

        stage.setTitle("Ringmaster");
        placement.place();
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> pulse.start());
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> saveState());
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            pulse.stop();
            runtime.shutdown(); // the manager is the application: its VMs go with it
        });
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    public DockingManager docking() {
        return docking;
    }

    public NoticesViewModel notices() {
        return notices;
    }

    public EventLogViewModel eventLog() {
        return eventLog;
    }

    /** The running VMs and their windows. */
    public VmRuntime runtime() {
        return runtime;
    }

    /** Opens the New VM wizard; a finished wizard saves the definition and selects the new VM. */
    void newVm() {
        dev.ringmaster.template.TemplateCatalog catalog;
        try {
            catalog = env.templates().load();
        } catch (IOException | RuntimeException e) {
            notices.show(new Notice("No templates", "The VM templates cannot be loaded: " + e.getMessage()));
            log(Severity.ERROR, "vms", "The VM templates cannot be loaded: " + e.getMessage());
            return;
        }
        var model = new dev.ringmaster.app.wizard.NewVmViewModel(catalog.templates(),
                vmList.vms().stream().map(dev.ringmaster.app.panes.VmEntry::name).toList());
        wizardOpened(model);
        var result = new dev.ringmaster.app.wizard.NewVmWizard(stage, model).showAndWait();
        if (result.isEmpty()) {
            return;
        }
        VmDefinitionStore store = new VmDefinitionStore(DataDirectory.vmsDir(env.dataDir()));
        try {
            var saved = store.save(model.definition(), catalog);
            log(Severity.INFO, "vms", "Created " + saved.name() + " (" + saved.technique().displayName() + ") in "
                    + store.fileOf(saved.id()));
            loadVms();
            vmList.vms().stream().filter(e -> e.definition().id().equals(saved.id())).findFirst().ifPresent(vmList::select);
        } catch (IOException | RuntimeException | dev.ringmaster.template.ConfigFileException e) {
            notices.show(new Notice("Not created", "The virtual machine could not be saved: " + e.getMessage()));
            log(Severity.ERROR, "vms", "The virtual machine could not be saved: " + e.getMessage());
        }
    }

    /** Test hook: the model of the wizard being shown (set before it opens). */
    private final javafx.beans.property.ObjectProperty<dev.ringmaster.app.wizard.NewVmViewModel> openWizard =
            new javafx.beans.property.SimpleObjectProperty<>(this, "openWizard");

    private void wizardOpened(dev.ringmaster.app.wizard.NewVmViewModel model) {
        openWizard.set(model);
    }

    /** The model of the last New VM wizard opened (for tests), or null. */
    public dev.ringmaster.app.wizard.NewVmViewModel lastWizard() {
        return openWizard.get();
    }

    /** The menus, toolbar and context menu (made once, when the VM list or the window first needs them). */
    private ManagerMenus menus() {
        if (menus == null) {
            menus = new ManagerMenus(this, paneRegistry);
        }
        return menus;
    }

    /**
     * A lifecycle action on every selected VM whose state allows it (virt-manager's multi-select).
     * Run on one VM also opens its window.
     */
    void perform(dev.ringmaster.app.panes.VmStatus.Action action) {
        java.util.List<dev.ringmaster.app.panes.VmEntry> targets = vmList.targets(action);
        for (dev.ringmaster.app.panes.VmEntry vm : targets) {
            log(Severity.INFO, "vm", action.label() + " " + vm.name());
            switch (action) {
                case RUN -> runtime.run(vm, targets.size() == 1);
                case PAUSE -> runtime.pause(vm);
                case RESUME -> runtime.resume(vm);
                case RESET -> runtime.reset(vm);
                case FORCE_OFF -> runtime.forceOff(vm);
                case SNAPSHOT -> runtime.snapshot(vm, info -> log(Severity.INFO, "vm", "Snapshot of " + vm.name()
                        + " saved: " + info.file()));
            }
        }
        vmList.refreshStatuses(runtime::status, runtime::reason);
    }

    /** Open: the VM window of each of {@code vms}. */
    void open(java.util.List<dev.ringmaster.app.panes.VmEntry> vms) {
        for (dev.ringmaster.app.panes.VmEntry vm : vms) {
            runtime.open(vm);
        }
        vmList.refreshStatuses(runtime::status, runtime::reason);
    }

    public VmListViewModel vmList() {
        return vmList;
    }

    /** The theme of this window; setting it restyles the window and saves the preference. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    AppEnvironment environment() {
        return env;
    }

    /** View ▸ Reset layout. */
    public void resetLayout() {
        docking.reset();
        log(Severity.INFO, "layout", "Layout reset to the default");
    }

    /** This window's stylesheets for {@code t}, in order: Bento's, the shared base, the theme's colours. */
    static List<String> stylesheets(Theme t) {
        return List.of(DockingManager.stylesheet(), resource(Theme.BASE_STYLESHEET), resource(t.stylesheet()));
    }

    private static String resource(String path) {
        return Objects.requireNonNull(ManagerWindow.class.getResource(path), path).toExternalForm();
    }

    private void applyTheme(Theme t) {
        scene.getStylesheets().setAll(stylesheets(t));
        scene.getRoot().getStyleClass().removeIf(c -> c.startsWith("theme-"));
        scene.getRoot().getStyleClass().add("theme-" + t.id());
    }

    private void log(Severity severity, String source, String message) {
        eventLog.post(severity, source, message);
    }

    private void report(String source, String title, ConfigRead.Unusable<?> unusable, String what, String fallback) {
        String text = unusable.describe(what, fallback);
        notices.show(new Notice(title, text));
        log(Severity.WARNING, source, text);
    }

    private Preferences readPreferences() {
        ConfigRead<Preferences> read = prefsFile.read();
        if (read instanceof ConfigRead.Unusable<Preferences> u) {
            report("preferences", "Preferences reset", u, "preferences", "the default preferences are used");
        }
        return read.orElse(Preferences.DEFAULTS);
    }

    private DockLayout readLayout() {
        ConfigRead<DockLayout> read = layouts.load(WINDOW_ID);
        if (read instanceof ConfigRead.Unusable<DockLayout> u) {
            report("layout", "Window layout reset", u, "window layout", "the default layout is shown");
        } else if (read instanceof ConfigRead.Loaded<DockLayout> loaded) {
            log(Severity.INFO, "layout", "Layout restored from " + loaded.file());
        }
        return read.orElse(docking.homeLayout());
    }

    /** Library actions (clone, delete, folders) of the toolbar and the VM list's context menu. */
    ManagerVmActions library() {
        return library;
    }

    void logLibrary(Severity severity, String message) {
        log(severity, "vms", message);
    }

    /** Lists the store again (statuses from the runtime) and selects the VM {@code select}, if given. */
    void reloadVms(java.util.UUID select) {
        VmLibrary.Contents contents = VmLibrary.load(store, env.templates());
        vmList.setVms(contents.vms());
        vmList.refreshStatuses(runtime::status, runtime::reason);
        loadFolders();
        contents.problems().forEach(p -> log(Severity.WARNING, "vms", p));
        if (select != null) {
            vmList.vms().stream().filter(e -> e.definition().id().equals(select)).findFirst().ifPresent(vmList::select);
        }
    }

    private void loadFolders() {
        try {
            vmList.setFolders(store.folders());
        } catch (IOException | dev.ringmaster.template.ConfigFileException e) {
            vmList.setFolders(vmList.vms().stream().map(v -> v.definition().folder()).filter(f -> !f.isEmpty())
                    .distinct().toList());
            log(Severity.WARNING, "vms", "Cannot read the saved folders, so empty folders are not shown: " + e.getMessage());
        }
    }

    private void loadVms() {
        VmLibrary.Contents contents = VmLibrary.load(store, env.templates());
        vmList.setVms(contents.vms());
        loadFolders();
        contents.problems().forEach(p -> log(Severity.WARNING, "vms", p));
        int n = contents.vms().size();
        log(Severity.INFO, "vms", (n == 0 ? "No virtual machines" : n == 1 ? "1 virtual machine" : n + " virtual machines")
                + " in " + store.directory());
    }

    private void savePreferences() {
        try {
            prefsFile.write(prefs);
        } catch (IOException e) {
            saveFailed("preferences", "preferences", e);
        }
    }

    /** Saves layout, geometry and preferences; called when the window is about to close. */
    void saveState() {
        WindowGeometry g = placement.current();
        if (g != null) {
            prefs = prefs.withWindow(WINDOW_ID, g);
        }
        savePreferences();
        try {
            layouts.save(WINDOW_ID, docking.capture());
        } catch (IOException e) {
            saveFailed("layout", "window layout", e);
        }
    }

    private void saveFailed(String source, String what, IOException e) {
        String text = "Could not save the " + what + ": " + e.getMessage();
        log(Severity.ERROR, source, text);
        notices.show(new Notice("Not saved", text));
        System.err.println("ringmaster: " + text);
    }
}
