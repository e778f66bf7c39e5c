package dev.ringmaster.app.panes;

import dev.ringmaster.app.panes.VmStatus.Action;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The VM list's model: the user's VMs (sorted by folder, then name) and folders, the selected VMs
 * (several at once; {@link #selectedProperty()} is the one the details pane shows), which lifecycle
 * actions the toolbar offers for them, and where a dragged VM goes. Actions also need the engine:
 * while {@link #engineAvailableProperty()} is false the lifecycle buttons stay disabled.
 *
 * <p>Multi-select follows virt-manager: an action is enabled when at least one selected VM's state
 * allows it, and applies to each selected VM whose state allows it ({@link #targets}).
 */
public final class VmListViewModel {
    public static final String EMPTY_TEXT = "No virtual machines yet — File ▸ New…";
    static final Comparator<VmEntry> ORDER = Comparator
            .comparing((VmEntry e) -> e.definition().folder().toLowerCase(Locale.ROOT))
            .thenComparing(e -> e.name().toLowerCase(Locale.ROOT));

    private final ObservableList<VmEntry> vms = FXCollections.observableArrayList();
    private final ObservableList<VmEntry> vmsView = FXCollections.unmodifiableObservableList(vms);
    private final ObservableList<String> folders = FXCollections.observableArrayList();
    private final ObservableList<VmEntry> selection = FXCollections.observableArrayList();
    private final ObservableList<VmEntry> selectionView = FXCollections.unmodifiableObservableList(selection);
    private final ObjectProperty<VmEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty engineAvailable = new SimpleBooleanProperty(this, "engineAvailable");
    private final Map<Action, BooleanBinding> allowed = new EnumMap<>(Action.class);
    private final Map<UUID, VmActivity> activity = new java.util.HashMap<>();
    private final javafx.beans.property.LongProperty activityVersion =
            new javafx.beans.property.SimpleLongProperty(this, "activityVersion");
    private BiConsumer<List<VmEntry>, String> mover = (v, f) -> {
    };

    public VmListViewModel() {
        for (Action a : Action.values()) {
            allowed.put(a, Bindings.createBooleanBinding(() -> engineAvailable.get() && !targets(a).isEmpty(),
                    selection, engineAvailable));
        }
        selected.addListener((o, old, cur) -> {
            if (cur == null) {
                if (!selection.isEmpty()) {
                    selection.clear();
                }
            } else if (!selection.contains(cur)) {
                selection.setAll(cur);
            }
        });
    }

    /** Replaces the list; the selection follows the selected VMs' ids, dropping those that are gone. */
    public void setVms(List<VmEntry> entries) {
        List<UUID> before = selection.stream().map(e -> e.definition().id()).toList();
        VmEntry lead = selected.get();
        vms.setAll(entries.stream().sorted(ORDER).toList());
        Map<UUID, VmEntry> byId = vms.stream().collect(Collectors.toMap(e -> e.definition().id(), e -> e));
        List<VmEntry> again = before.stream().map(byId::get).filter(Objects::nonNull).toList();
        VmEntry leadAgain = lead == null ? null : byId.get(lead.definition().id());
        setSelection(again, leadAgain);
    }

    /**
     * Updates every VM's status and its reason from the running VMs; the list changes only when one did.
     */
    public void refreshStatuses(Function<UUID, VmStatus> statusOf, Function<UUID, String> reasonOf) {
        boolean changed = false;
        List<VmEntry> updated = new ArrayList<>(vms.size());
        for (VmEntry e : vms) {
            UUID id = e.definition().id();
            VmStatus s = statusOf.apply(id);
            String reason = reasonOf.apply(id);
            if (s != e.status() || !Objects.equals(reason == null ? "" : reason, e.statusReason())) {
                changed = true;
                updated.add(e.withStatus(s, reason));
            } else {
                updated.add(e);
            }
        }
        if (changed) {
            setVms(updated);
        }
    }

    /** As {@link #refreshStatuses(Function, Function)} with no reasons. */
    public void refreshStatuses(Function<UUID, VmStatus> statusOf) {
        refreshStatuses(statusOf, id -> "");
    }

    /**
     * Every folder of the library (saved empty ones too), sorted, as paths such as {@code Labs/Week 1};
     * the pane draws them as a tree.
     */
    public ObservableList<String> folders() {
        return folders;
    }

    /** Replaces the folders (the manager sets them from the store). */
    public void setFolders(Collection<String> paths) {
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

    /** The VM the details pane shows (the last one selected), or null. */
    public ObjectProperty<VmEntry> selectedProperty() {
        return selected;
    }

    /** Every selected VM, in list order (read-only). */
    public ObservableList<VmEntry> selection() {
        return selectionView;
    }

    /** Selects one VM of the list (or clears the selection with null). */
    public void select(VmEntry entry) {
        setSelection(entry == null ? List.of() : List.of(entry), entry);
    }

    /**
     * Selects these VMs (the tree-table's selection); {@code lead} is the one the details show, or
     * null for the first of them.
     */
    public void setSelection(List<VmEntry> entries, VmEntry lead) {
        for (VmEntry e : entries) {
            if (!vms.contains(e)) {
                throw new IllegalArgumentException("not in the list: " + e.name());
            }
        }
        List<VmEntry> ordered = vms.stream().filter(entries::contains).toList();
        if (!ordered.equals(selection)) {
            selection.setAll(ordered);
        }
        VmEntry l = lead != null && ordered.contains(lead) ? lead : ordered.isEmpty() ? null : ordered.get(0);
        selected.set(l);
    }

    public BooleanProperty engineAvailableProperty() {
        return engineAvailable;
    }

    /** True while at least one selected VM allows {@code action} (and the engine is there). */
    public BooleanBinding can(Action action) {
        return allowed.get(action);
    }

    public BooleanBinding canRun() {
        return can(Action.RUN);
    }

    public BooleanBinding canPause() {
        return can(Action.PAUSE);
    }

    public BooleanBinding canForceOff() {
        return can(Action.FORCE_OFF);
    }

    /** The selected VMs whose state allows {@code action}: what the action applies to. */
    public List<VmEntry> targets(Action action) {
        return selection.stream().filter(e -> e.status().allows(action)).toList();
    }

    /** Tooltip text of the lifecycle buttons: why they are disabled, or what they do. */
    public String actionHint(Action action) {
        Objects.requireNonNull(action);
        if (selection.isEmpty()) {
            return "Select a virtual machine first";
        }
        if (!engineAvailable.get()) {
            return "Running virtual machines needs the VM engine, which is not part of this build yet";
        }
        List<VmEntry> targets = targets(action);
        if (targets.isEmpty()) {
            VmEntry vm = selection.get(0);
            return selection.size() == 1
                    ? "Not possible while " + vm.name() + " is " + vm.status().label().toLowerCase(Locale.ROOT)
                    : "Not possible in the states of the selected virtual machines";
        }
        String who = targets.size() == 1 ? targets.get(0).name() : targets.size() + " virtual machines";
        return switch (action) {
            case RUN -> "Start " + who;
            case PAUSE -> "Pause " + who;
            case RESUME -> "Resume " + who;
            case RESET -> "Reset " + who + ": power-cycle, like pressing the reset button";
            case FORCE_OFF -> "Turn " + who + " off at once, like pulling the plug";
            case SNAPSHOT -> "Save a snapshot of " + who + " in its directory";
        };
    }

    /** Tells the library to move VMs to a folder: (the VMs, the folder; "" for the top level). */
    public void setMover(BiConsumer<List<VmEntry>, String> mover) {
        this.mover = Objects.requireNonNull(mover, "mover");
    }

    /**
     * A drop of dragged VMs (by id, as the drag carries them) on a row of the tree-table (null: the
     * empty area below the rows, the top level). Moves the VMs that are not in the target folder yet.
     *
     * @return the folder they went to, or null when nothing moved (unknown ids, all already there)
     */
    public String drop(Collection<String> vmIds, VmListRow onto) {
        String folder = VmListRow.dropFolder(onto);
        Set<String> ids = Set.copyOf(vmIds);
        List<VmEntry> moving = vms.stream()
                .filter(e -> ids.contains(e.definition().id().toString()) && !e.definition().folder().equals(folder))
                .toList();
        if (moving.isEmpty()) {
            return null;
        }
        mover.accept(moving, folder);
        return folder;
    }

    /** Whether a drop of {@code vmIds} on {@code onto} would move anything (the drag-over feedback). */
    public boolean canDrop(Collection<String> vmIds, VmListRow onto) {
        String folder = VmListRow.dropFolder(onto);
        return vms.stream().anyMatch(e -> vmIds.contains(e.definition().id().toString())
                && !e.definition().folder().equals(folder));
    }

    /** The sparkline data of a VM (empty until it has run). */
    public VmActivity activity(UUID id) {
        return activity.computeIfAbsent(id, k -> new VmActivity());
    }

    /** Grows by one each time any VM's sparklines got a point (the cells redraw then). */
    public javafx.beans.property.ReadOnlyLongProperty activityVersionProperty() {
        return activityVersion;
    }

    /**
     * One pulse of the manager: samples every listed VM's counters at {@code nowNanos}.
     *
     * @param countersOf a VM's counters now, or null when it is not started (no engine thread)
     * @return true when a sparkline changed
     */
    public boolean sampleActivity(long nowNanos, Function<UUID, VmActivity.Sample> countersOf) {
        boolean changed = false;
        for (VmEntry e : vms) {
            UUID id = e.definition().id();
            VmActivity.Sample s = countersOf.apply(id);
            VmActivity a = activity(id);
            changed |= s == null ? a.idle(nowNanos) : a.sample(s);
        }
        activity.keySet().retainAll(vms.stream().map(e -> e.definition().id()).toList());
        if (changed) {
            activityVersion.set(activityVersion.get() + 1);
        }
        return changed;
    }
}
