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
 * The "Virtual machines" pane: one row per VM with its name, state and technique badge, sorted by
 * folder then name; an empty-state text when there is none. Selection is two-way with the model.
 */
public final class VmListPane extends BorderPane {
    private final ListView<VmEntry> list = new ListView<>();

    public VmListPane(VmListViewModel model) {
        setId("vmListPane");
        getStyleClass().add("vm-list-pane");
        list.setId("vmList");
        list.setItems(model.vms());
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
        setCenter(list);
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
