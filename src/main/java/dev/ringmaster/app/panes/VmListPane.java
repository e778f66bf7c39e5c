package dev.ringmaster.app.panes;

import dev.ringmaster.app.panes.VmActivity.Series;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.shape.SVGPath;

/**
 * The "Virtual machines" pane: one tree-table of the library's folders and VMs (virt-manager's main
 * list) with the columns name, state (glyph and text; the reason in a tooltip), technique badge and
 * sparklines of the last minute for host CPU, guest MIPS and VMM traps per second. Several VMs can be
 * selected (two-way with the model); VMs dragged onto a folder (or onto a VM in it, or below the
 * rows for the top level) are moved there through {@link VmListViewModel#drop}. A double click
 * opens the VM.
 */
public final class VmListPane extends BorderPane {
    private static final DataFormat VM_IDS = new DataFormat("application/x-ringmaster-vm-ids");
    private final TreeTableView<VmListRow> table = new TreeTableView<>();
    private final VmListViewModel model;
    private final Map<UUID, TreeItem<VmListRow>> vmItems = new HashMap<>();
    private final Set<String> collapsed = new HashSet<>();
    private List<Object> structure = List.of();
    private boolean syncing;
    private Consumer<VmEntry> onOpen = vm -> {
    };

    public VmListPane(VmListViewModel model) {
        this.model = model;
        setId("vmListPane");
        getStyleClass().add("vm-list-pane");
        table.setId("vmTable");
        table.setShowRoot(false);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(nameColumn(), stateColumn(), techniqueColumn(),
                sparkColumn("hostCpuColumn", "Host CPU", Series.HOST_CPU, 100),
                sparkColumn("mipsColumn", "Guest MIPS", Series.MIPS, 0),
                sparkColumn("trapsColumn", "Traps/s", Series.TRAPS, 0)));
        Label empty = new Label(VmListViewModel.EMPTY_TEXT);
        empty.setId("vmListEmpty");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.prefWidthProperty().bind(table.widthProperty().subtract(24));
        table.setPlaceholder(empty);
        table.setRowFactory(t -> new VmRow());
        // A drop below the rows: the top level.
        table.setOnDragOver(e -> acceptDrop(e, null));
        table.setOnDragDropped(e -> dropped(e, null));

        rebuild();
        model.vms().addListener((ListChangeListener<VmEntry>) c -> rebuild());
        model.folders().addListener((ListChangeListener<String>) c -> rebuild());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<VmListRow>>) c -> pushSelection());
        model.selection().addListener((ListChangeListener<VmEntry>) c -> pullSelection());
        model.selectedProperty().addListener((o, old, cur) -> pullSelection());
        setMinSize(80, 60);
        setCenter(table);
    }

    /** What a double click on a VM (virt-manager: Open) does. */
    public void setOnOpen(Consumer<VmEntry> action) {
        this.onOpen = action;
    }

    /** The menu shown on a right click in the list (the manager's actions). */
    public void setListContextMenu(ContextMenu menu) {
        table.setContextMenu(menu);
    }

    /** The tree-table (for tests). */
    public TreeTableView<VmListRow> table() {
        return table;
    }

    // ---- columns -------------------------------------------------------------------------------------

    private static <T> TreeTableColumn<VmListRow, VmListRow> column(String id, String title, double width) {
        TreeTableColumn<VmListRow, VmListRow> c = new TreeTableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue() == null ? null : f.getValue().getValue()));
        return c;
    }

    /** A cell that shows a graphic built from its row, or nothing for an empty row. */
    private abstract static class RowCell extends TreeTableCell<VmListRow, VmListRow> {
        @Override
        protected void updateItem(VmListRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
            } else {
                show(row);
            }
        }

        abstract void show(VmListRow row);
    }

    private TreeTableColumn<VmListRow, VmListRow> nameColumn() {
        TreeTableColumn<VmListRow, VmListRow> c = column("nameColumn", "Name", 200);
        c.setCellFactory(col -> new RowCell() {
            private final Label name = new Label();
            private final SVGPath folder = new SVGPath();

            {
                folder.setContent("M0 2 L5 2 L7 4 L14 4 L14 12 L0 12 Z");
                folder.getStyleClass().add("folder-glyph");
                name.setMinWidth(0);
            }

            @Override
            void show(VmListRow row) {
                name.getStyleClass().removeAll("vm-name", "folder-name");
                if (row instanceof VmListRow.Folder f) {
                    name.setText(f.name());
                    name.getStyleClass().add("folder-name");
                    name.setGraphic(folder);
                    setTooltip(null);
                } else if (row instanceof VmListRow.Vm v) {
                    name.setText(v.entry().name());
                    name.getStyleClass().add("vm-name");
                    name.setGraphic(null);
                    setTooltip(new Tooltip(v.entry().name() + v.entry().template().map(t -> " — " + t).orElse("")));
                }
                setGraphic(name);
            }
        });
        return c;
    }

    private TreeTableColumn<VmListRow, VmListRow> stateColumn() {
        return vmLabelColumn("stateColumn", "State", 100, "vm-state", (vm, state) -> {
            VmStatus s = vm.status();
            state.setText(s.glyph() + "  " + s.label());
            state.getStyleClass().removeIf(k -> k.startsWith("state-"));
            state.getStyleClass().add("state-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            return vm.statusReason().isEmpty() ? s.label() : s.label() + ": " + vm.statusReason();
        });
    }

    private TreeTableColumn<VmListRow, VmListRow> techniqueColumn() {
        return vmLabelColumn("techniqueColumn", "Technique", 90, "technique-badge", (vm, badge) -> {
            badge.setText(vm.technique().id());
            return vm.technique().displayName();
        });
    }

    /**
     * A column that shows one label for VM rows (nothing for folders).
     *
     * @param show fills the label for a VM and answers the cell's tooltip text
     */
    private static TreeTableColumn<VmListRow, VmListRow> vmLabelColumn(String id, String title, double width,
            String styleClass, java.util.function.BiFunction<VmEntry, Label, String> show) {
        TreeTableColumn<VmListRow, VmListRow> c = column(id, title, width);
        c.setCellFactory(col -> new RowCell() {
            private final Label label = new Label();

            {
                label.getStyleClass().add(styleClass);
            }

            @Override
            void show(VmListRow row) {
                if (row instanceof VmListRow.Vm v) {
                    setTooltip(new Tooltip(show.apply(v.entry(), label)));
                    setGraphic(label);
                } else {
                    setGraphic(null);
                    setTooltip(null);
                }
            }
        });
        return c;
    }

    private TreeTableColumn<VmListRow, VmListRow> sparkColumn(String id, String title, Series series, double fixedMax) {
        TreeTableColumn<VmListRow, VmListRow> c = column(id, title, Sparkline.WIDTH + 70);
        Function<Double, String> format = switch (series) {
            case HOST_CPU -> v -> v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v);
            case MIPS -> v -> String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
            case TRAPS -> v -> v < 10_000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.0fk", v / 1000);
        };
        c.setCellFactory(col -> new SparkCell(series, fixedMax, format));
        return c;
    }

    /** A sparkline cell: redraws when the model's activity changes (a weak listener: cells come and go). */
    private final class SparkCell extends RowCell {
        private final Sparkline spark;
        private final Series series;
        private final Function<Double, String> format;
        private final InvalidationListener redraw = o -> redraw();

        SparkCell(Series series, double fixedMax, Function<Double, String> format) {
            this.series = series;
            this.format = format;
            this.spark = new Sparkline(fixedMax);
            spark.getStyleClass().add("sparkline-" + series.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            setAlignment(Pos.CENTER_LEFT);
            model.activityVersionProperty().addListener(new WeakInvalidationListener(redraw));
        }

        @Override
        void show(VmListRow row) {
            redraw();
        }

        private void redraw() {
            VmListRow row = isEmpty() ? null : getItem();
            if (!(row instanceof VmListRow.Vm v)) {
                setGraphic(null);
                return;
            }
            VmActivity a = model.activity(v.entry().definition().id());
            double[] values = a.values(series);
            if (values.length == 0) {
                spark.clear();
            } else {
                VmActivity.Rates r = a.latest();
                double latest = switch (series) {
                    case HOST_CPU -> r.hostCpuPercent();
                    case MIPS -> r.mips();
                    case TRAPS -> r.trapsPerSecond();
                };
                spark.show(values, format.apply(latest));
            }
            setGraphic(spark);
        }
    }

    // ---- rows, drag and drop -------------------------------------------------------------------------

    private final class VmRow extends TreeTableRow<VmListRow> {
        VmRow() {
            setOnDragDetected(e -> {
                if (getItem() instanceof VmListRow.Vm v) {
                    List<String> ids = new ArrayList<>();
                    if (isSelected()) {
                        model.selection().forEach(s -> ids.add(s.definition().id().toString()));
                    }
                    if (ids.isEmpty()) {
                        ids.add(v.entry().definition().id().toString());
                    }
                    Dragboard db = startDragAndDrop(TransferMode.MOVE);
                    db.setContent(Map.of(VM_IDS, String.join("\n", ids)));
                    e.consume();
                }
            });
            setOnDragOver(e -> acceptDrop(e, getItem()));
            setOnDragDropped(e -> dropped(e, getItem()));
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() instanceof VmListRow.Vm v) {
                    onOpen.accept(v.entry());
                }
            });
        }

        @Override
        protected void updateItem(VmListRow item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("folder-row", "vm-row");
            if (!empty && item != null) {
                getStyleClass().add(item instanceof VmListRow.Folder ? "folder-row" : "vm-row");
            }
        }
    }

    private static List<String> draggedIds(DragEvent e) {
        Object content = e.getDragboard().getContent(VM_IDS);
        return content instanceof String s ? List.of(s.split("\n")) : List.of();
    }

    private void acceptDrop(DragEvent e, VmListRow onto) {
        if (e.getDragboard().hasContent(VM_IDS) && model.canDrop(draggedIds(e), onto)) {
            e.acceptTransferModes(TransferMode.MOVE);
        }
        e.consume();
    }

    private void dropped(DragEvent e, VmListRow onto) {
        List<String> ids = draggedIds(e);
        // After the gesture has ended: the move reloads the list (and rebuilds these rows).
        boolean done = !ids.isEmpty() && model.canDrop(ids, onto);
        if (done) {
            javafx.application.Platform.runLater(() -> model.drop(ids, onto));
        }
        e.setDropCompleted(done);
        e.consume();
    }

    // ---- the tree ------------------------------------------------------------------------------------

    /** Rebuilds the tree when folders or VMs came or went; otherwise updates the VM rows in place. */
    private void rebuild() {
        List<Object> now = new ArrayList<>(model.folders());
        model.vms().forEach(v -> now.add(List.of(v.definition().id(), v.definition().folder(), v.name())));
        if (now.equals(structure) && table.getRoot() != null) {
            syncing = true;
            try {
                for (VmEntry v : model.vms()) {
                    TreeItem<VmListRow> item = vmItems.get(v.definition().id());
                    if (item != null && !(item.getValue() instanceof VmListRow.Vm r && r.entry().equals(v))) {
                        item.setValue(new VmListRow.Vm(v));
                    }
                }
            } finally {
                syncing = false;
            }
            pullSelection();
            return;
        }
        structure = now;
        syncing = true;
        try {
            vmItems.clear();
            TreeItem<VmListRow> root = new TreeItem<>(null);
            root.setExpanded(true);
            Map<String, TreeItem<VmListRow>> folderItems = new HashMap<>();
            folderItems.put("", root);
            List<String> paths = new ArrayList<>(model.folders());
            model.vms().forEach(v -> paths.add(v.definition().folder()));
            for (String path : paths.stream().filter(p -> !p.isEmpty()).distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList()) {
                folder(path, folderItems);
            }
            for (VmEntry v : model.vms()) {
                TreeItem<VmListRow> item = new TreeItem<>(new VmListRow.Vm(v));
                vmItems.put(v.definition().id(), item);
                folder(v.definition().folder(), folderItems).getChildren().add(item);
            }
            table.setRoot(root);
        } finally {
            syncing = false;
        }
        pullSelection();
    }

    /** The folder item of {@code path}, made (with its parents) when missing; expanded unless the user collapsed it. */
    private TreeItem<VmListRow> folder(String path, Map<String, TreeItem<VmListRow>> items) {
        TreeItem<VmListRow> item = items.get(path);
        if (item != null) {
            return item;
        }
        int slash = path.lastIndexOf('/');
        TreeItem<VmListRow> parent = folder(slash < 0 ? "" : path.substring(0, slash), items);
        item = new TreeItem<>(new VmListRow.Folder(path));
        item.setExpanded(!collapsed.contains(path));
        TreeItem<VmListRow> it = item;
        item.expandedProperty().addListener((o, old, open) -> {
            if (open) {
                collapsed.remove(path);
            } else {
                collapsed.add(path);
            }
        });
        // Folders before VMs, as the items are made in sorted order.
        int at = (int) parent.getChildren().stream().filter(c -> c.getValue() instanceof VmListRow.Folder).count();
        parent.getChildren().add(at, it);
        items.put(path, item);
        return item;
    }

    /** The table's selection → the model. */
    private void pushSelection() {
        if (syncing) {
            return;
        }
        List<VmEntry> entries = new ArrayList<>();
        for (TreeItem<VmListRow> item : List.copyOf(table.getSelectionModel().getSelectedItems())) {
            if (item != null && item.getValue() instanceof VmListRow.Vm v) {
                entries.add(v.entry());
            }
        }
        TreeItem<VmListRow> focus = table.getSelectionModel().getSelectedItem();
        VmEntry lead = focus != null && focus.getValue() instanceof VmListRow.Vm v ? v.entry() : null;
        syncing = true;
        try {
            model.setSelection(entries, lead);
        } finally {
            syncing = false;
        }
    }

    /** The model's selection → the table (after a reload, or a VM selected by the manager). */
    private void pullSelection() {
        if (syncing) {
            return;
        }
        List<TreeItem<VmListRow>> want = new ArrayList<>();
        for (VmEntry e : model.selection()) {
            TreeItem<VmListRow> item = vmItems.get(e.definition().id());
            if (item != null) {
                want.add(item);
            }
        }
        TreeItem<VmListRow> lead = model.selectedProperty().get() == null ? null
                : vmItems.get(model.selectedProperty().get().definition().id());
        List<TreeItem<VmListRow>> have = table.getSelectionModel().getSelectedItems().stream()
                .filter(i -> i != null && i.getValue() instanceof VmListRow.Vm).toList();
        if (new HashSet<>(have).equals(new HashSet<>(want))
                && (lead == null || table.getSelectionModel().getSelectedItem() == lead)) {
            return;
        }
        syncing = true;
        try {
            table.getSelectionModel().clearSelection();
            for (TreeItem<VmListRow> item : want) {
                if (item != lead) {
                    table.getSelectionModel().select(item);
                }
            }
            if (lead != null) {
                table.getSelectionModel().select(lead); // last: the focused row
            }
        } finally {
            syncing = false;
        }
    }
}
