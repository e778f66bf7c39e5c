package dev.ringmaster.app.panes;

import dev.ringmaster.app.panes.VmStatus.Action;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The VM list's model: the user's VMs (sorted by folder, then name), the selected one, and which
 * lifecycle actions the toolbar offers for it. Actions also need the engine; until it is part of
 * the application, {@link #engineAvailableProperty()} stays false and the buttons stay disabled.
 */
public final class VmListViewModel {
    public static final String EMPTY_TEXT = "No virtual machines yet — File ▸ New…";
    static final Comparator<VmEntry> ORDER = Comparator
            .comparing((VmEntry e) -> e.definition().folder().toLowerCase(Locale.ROOT))
            .thenComparing(e -> e.name().toLowerCase(Locale.ROOT));

    private final ObservableList<VmEntry> vms = FXCollections.observableArrayList();
    private final ObservableList<VmEntry> vmsView = FXCollections.unmodifiableObservableList(vms);
    private final ObservableList<String> folders = FXCollections.observableArrayList();
    private final ObjectProperty<VmEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty engineAvailable = new SimpleBooleanProperty(this, "engineAvailable");
    private final BooleanBinding canRun = allowed(Action.RUN);
    private final BooleanBinding canPause = allowed(Action.PAUSE);
    private final BooleanBinding canForceOff = allowed(Action.FORCE_OFF);

    private BooleanBinding allowed(Action action) {
        return Bindings.createBooleanBinding(() -> engineAvailable.get() && selected.get() != null
                && selected.get().status().allows(action), selected, engineAvailable);
    }

    /** Replaces the list; the selection follows the selected VM's id, or is cleared when it is gone. */
    public void setVms(List<VmEntry> entries) {
        VmEntry before = selected.get();
        vms.setAll(entries.stream().sorted(ORDER).toList());
        selected.set(before == null ? null : vms.stream()
                .filter(e -> e.definition().id().equals(before.definition().id())).findFirst().orElse(null));
    }

    /**
     * Updates every VM's status from {@code statusOf} (the running VMs); the list changes only when a
     * status did.
     */
    public void refreshStatuses(java.util.function.Function<java.util.UUID, VmStatus> statusOf) {
        boolean changed = false;
        java.util.List<VmEntry> updated = new java.util.ArrayList<>(vms.size());
        for (VmEntry e : vms) {
            VmStatus s = statusOf.apply(e.definition().id());
            if (s != e.status()) {
                changed = true;
                updated.add(new VmEntry(e.definition(), s, e.templateName(), e.templateProblem()));
            } else {
                updated.add(e);
            }
        }
        if (changed) {
            setVms(updated);
        }
    }

    /**
     * Every folder of the library (saved empty ones too), sorted, as paths such as {@code Labs/Week 1};
     * the pane draws them as a tree.
     */
    public ObservableList<String> folders() {
        return folders;
    }

    /** Replaces the folders (the manager sets them from the store). */
    public void setFolders(java.util.Collection<String> paths) {
        folders.setAll(paths.stream().sorted().toList());
    }

    /** True when a VM in {@code folder} is shown under {@code filter}: "" shows all, a folder shows itself and its subfolders. */
    public static boolean inFolder(String folder, String filter) {
        return filter.isEmpty() || folder.equals(filter) || folder.startsWith(filter + "/");
    }

    /** The VMs, in display order (read-only). */
    public ObservableList<VmEntry> vms() {
        return vmsView;
    }

    /** The selected VM, or null; the list view and the details pane both follow it. */
    public ObjectProperty<VmEntry> selectedProperty() {
        return selected;
    }

    /** Selects a VM of the list (or clears the selection with null). */
    public void select(VmEntry entry) {
        if (entry != null && !vms.contains(entry)) {
            throw new IllegalArgumentException("not in the list: " + entry.name());
        }
        selected.set(entry);
    }

    public BooleanProperty engineAvailableProperty() {
        return engineAvailable;
    }

    public BooleanBinding canRun() {
        return canRun;
    }

    public BooleanBinding canPause() {
        return canPause;
    }

    public BooleanBinding canForceOff() {
        return canForceOff;
    }

    /** Tooltip text of the lifecycle buttons: why they are disabled, or what they do. */
    public String actionHint(Action action) {
        Objects.requireNonNull(action);
        VmEntry vm = selected.get();
        if (vm == null) {
            return "Select a virtual machine first";
        }
        if (!engineAvailable.get()) {
            return "Running virtual machines needs the VM engine, which is not part of this build yet";
        }
        if (!vm.status().allows(action)) {
            return "Not possible while " + vm.name() + " is " + vm.status().label().toLowerCase(Locale.ROOT);
        }
        return switch (action) {
            case RUN -> (vm.status() == VmStatus.PAUSED ? "Resume " : "Start ") + vm.name();
            case PAUSE -> "Pause " + vm.name();
            case FORCE_OFF -> "Turn " + vm.name() + " off at once, like pulling the plug";
        };
    }
}
