package dev.ringmaster.app.panes;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Virtual machines" pane: a tree of the library's folders above one row per VM with its name,
 * state and technique badge, sorted by folder then name; an empty-state text when there is none.
 * Selecting a folder lists the VMs in it and its subfolders (the root lists all); a VM dragged from
 * the list onto a folder is moved there. Selection is two-way with the model.
 */
public final class VmListPane extends BorderPane {
    /** The tree's root: every VM. */
    public static final String ALL_FOLDERS = "All virtual machines";
    private static final javafx.scene.input.DataFormat VM_ID = new javafx.scene.input.DataFormat("application/x-ringmaster-vm-id");
    private final ListView<VmEntry> list = new ListView<>();
    private final javafx.scene.control.TreeView<String> tree = new javafx.scene.control.TreeView<>();
    private final javafx.collections.transformation.FilteredList<VmEntry> shown;
    private final VmListViewModel model;
    private java.util.function.BiConsumer<VmEntry, String> onMoveToFolder;

    public VmListPane(VmListViewModel model) {
        this.model = model;
        setId("vmListPane");
        getStyleClass().add("vm-list-pane");
        list.setId("vmList");
        shown = new javafx.collections.transformation.FilteredList<>(model.vms());
        list.setItems(shown);
        tree.setId("folderTree");
        tree.setShowRoot(true);
        tree.setPrefHeight(150);
        tree.setMinHeight(60);
        tree.setCellFactory(v -> new FolderCell());
        rebuildTree();
        model.folders().addListener((javafx.collections.ListChangeListener<String>) c -> rebuildTree());
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, cur) -> {
            String filter = folderOf(cur);
            shown.setPredicate(e -> VmListViewModel.inFolder(e.definition().folder(), filter));
        });
        Label empty = new Label(VmListViewModel.EMPTY_TEXT);
        empty.setId("vmListEmpty");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        // The placeholder is laid out at its preferred size: tie that to the list's width so it wraps.
        empty.prefWidthProperty().bind(list.widthProperty().subtract(24));
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new VmCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, cur) -> {
            if (model.selectedProperty().get() != cur) {
                model.select(cur);
            }
        });
        model.selectedProperty().addListener((o, old, cur) -> {
            if (list.getSelectionModel().getSelectedItem() != cur) {
                if (cur == null) {
                    list.getSelectionModel().clearSelection();
                } else {
                    list.getSelectionModel().select(cur);
                }
            }
        });
        setMinSize(80, 60);
        // Not a SplitPane: the dock's own split panes are the only ones in the window.
        setTop(tree);
        setCenter(list);
    }

    /** What to do when a VM is dropped on a folder of the tree ("" for the root: the top level). */
    public void setOnMoveToFolder(java.util.function.BiConsumer<VmEntry, String> action) {
        this.onMoveToFolder = action;
    }

    /** Selects the folder {@code path} in the tree ("" for all VMs); the list then shows only that folder. */
    public void showFolder(String path) {
        tree.getSelectionModel().select(find(tree.getRoot(), path));
    }

    private static String folderOf(javafx.scene.control.TreeItem<String> item) {
        if (item == null || item.getParent() == null) {
            return "";
        }
        String parent = folderOf(item.getParent());
        return parent.isEmpty() ? item.getValue() : parent + "/" + item.getValue();
    }

    private static javafx.scene.control.TreeItem<String> find(javafx.scene.control.TreeItem<String> root, String path) {
        javafx.scene.control.TreeItem<String> at = root;
        if (path.isEmpty()) {
            return root;
        }
        for (String part : path.split("/")) {
            at = child(at, part);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    private static javafx.scene.control.TreeItem<String> child(javafx.scene.control.TreeItem<String> parent, String name) {
        return parent.getChildren().stream().filter(c -> c.getValue().equals(name)).findFirst().orElse(null);
    }

    /** Builds the folder tree from the model's paths, keeping the selected folder when it still exists. */
    private void rebuildTree() {
        String before = folderOf(tree.getSelectionModel().getSelectedItem());
        javafx.scene.control.TreeItem<String> root = new javafx.scene.control.TreeItem<>(ALL_FOLDERS);
        root.setExpanded(true);
        for (String path : model.folders()) {
            javafx.scene.control.TreeItem<String> at = root;
            for (String part : path.split("/")) {
                javafx.scene.control.TreeItem<String> next = child(at, part);
                if (next == null) {
                    next = new javafx.scene.control.TreeItem<>(part);
                    next.setExpanded(true);
                    at.getChildren().add(next);
                }
                at = next;
            }
        }
        tree.setRoot(root);
        javafx.scene.control.TreeItem<String> again = find(root, before);
        tree.getSelectionModel().select(again == null ? root : again);
    }

    /** A folder of the tree; a VM dragged from the list can be dropped on it. */
    private final class FolderCell extends javafx.scene.control.TreeCell<String> {
        FolderCell() {
            getStyleClass().add("folder-cell");
            setOnDragOver(e -> {
                if (!isEmpty() && e.getDragboard().hasContent(VM_ID)) {
                    e.acceptTransferModes(javafx.scene.input.TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                Object id = e.getDragboard().getContent(VM_ID);
                VmEntry vm = model.vms().stream().filter(v -> v.definition().id().toString().equals(id)).findFirst().orElse(null);
                boolean done = vm != null && onMoveToFolder != null && !isEmpty();
                if (done) {
                    String target = folderOf(getTreeItem());
                    javafx.application.Platform.runLater(() -> onMoveToFolder.accept(vm, target));
                }
                e.setDropCompleted(done);
                e.consume();
            });
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            setId(empty ? null : "folder-" + folderOf(getTreeItem()).replace('/', '_').replace(' ', '_'));
        }
    }

    /** The menu shown on a right click in the list (the manager's library actions). */
    public void setListContextMenu(javafx.scene.control.ContextMenu menu) {
        list.setContextMenu(menu);
    }

    /** Two lines: the name (and folder), then state and a technique badge. */
    private static final class VmCell extends ListCell<VmEntry> {
        private final Label name = new Label();
        private final Label folder = new Label();
        private final Label state = new Label();
        private final Label badge = new Label();
        private final VBox box;

        VmCell() {
            name.getStyleClass().add("vm-name");
            folder.getStyleClass().add("vm-folder");
            state.getStyleClass().add("vm-state");
            badge.getStyleClass().add("technique-badge");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox top = new HBox(6, name, gap, folder);
            top.setAlignment(Pos.BASELINE_LEFT);
            HBox bottom = new HBox(6, state, badge);
            bottom.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, top, bottom);
            // Fit the list's width (no horizontal scrolling): the folder path gives way with an ellipsis.
            setPrefWidth(0);
            folder.setMinWidth(0);
            name.setMinWidth(javafx.scene.control.Label.USE_PREF_SIZE);
            setOnDragDetected(e -> {
                if (getItem() != null) {
                    javafx.scene.input.Dragboard db = startDragAndDrop(javafx.scene.input.TransferMode.MOVE);
                    db.setContent(java.util.Map.of(VM_ID, getItem().definition().id().toString()));
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(VmEntry vm, boolean empty) {
            super.updateItem(vm, empty);
            setText(null);
            if (empty || vm == null) {
                setGraphic(null);
                return;
            }
            name.setText(vm.name());
            folder.setText(vm.definition().folder());
            state.setText(vm.status().label());
            state.getStyleClass().removeIf(c -> c.startsWith("state-"));
            state.getStyleClass().add("state-" + vm.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            badge.setText(vm.technique().id());
            setGraphic(box);
        }
    }
}
