package dev.ringmaster.app;

import dev.ringmaster.app.panes.LogEntry.Severity;
import dev.ringmaster.app.panes.VmEntry;
import dev.ringmaster.app.panes.VmListViewModel;
import dev.ringmaster.app.panes.VmStatus;
import dev.ringmaster.template.ConfigFileException;
import dev.ringmaster.template.InvalidFieldException;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;

/**
 * The manager's library actions on the user's definitions: Clone, Delete (confirmed, naming the
 * VM), Move to Folder, New Folder and Rename Folder. Each one changes the {@link VmDefinitionStore}
 * (atomic saves), then reloads the list with the affected VM selected; a refused change (a name
 * taken, an invalid folder, a corrupt file) is shown in an error dialog and changes nothing.
 * Deleting a VM that is running or paused is refused: force it off first.
 */
final class ManagerVmActions {
    private final ManagerWindow window;
    private final VmDefinitionStore store;
    /** Reloads the VM list from the store and selects the VM with this id (or keeps the selection for null). */
    private final Consumer<UUID> reload;
    private final VmListViewModel vms;

    ManagerVmActions(ManagerWindow window, VmDefinitionStore store, Consumer<UUID> reload) {
        this.window = window;
        this.store = store;
        this.reload = reload;
        this.vms = window.vmList();
    }

    /** Clone and Delete (one VM selected): toolbar buttons and menu items. */
    List<ManagerMenus.Act> vmActs() {
        BooleanBinding one = Bindings.size(vms.selection()).isEqualTo(1);
        return List.of(
                new ManagerMenus.Act("clone", "Clone", null, one, "Copy the selected VM under a new name", this::cloneSelected),
                new ManagerMenus.Act("delete", "Delete…", null, one, "Delete the selected VM's definition (asks first)",
                        this::deleteSelected));
    }

    /** Move to Folder (one VM selected), New Folder and Rename Folder: the toolbar's Folders menu and the menus. */
    List<ManagerMenus.Act> folderActs() {
        BooleanBinding one = Bindings.size(vms.selection()).isEqualTo(1);
        javafx.beans.binding.BooleanExpression always = new javafx.beans.property.SimpleBooleanProperty(true);
        return List.of(
                new ManagerMenus.Act("moveToFolder", "Move to Folder…", null, one, "Put the selected VM in another folder",
                        this::moveSelected),
                new ManagerMenus.Act("newFolder", "New Folder…", null, always, "Create a folder for VMs", this::newFolder),
                new ManagerMenus.Act("renameFolder", "Rename Folder…", null, always,
                        "Rename a folder, with its subfolders and VMs", this::renameFolder));
    }

    void cloneSelected() {
        VmEntry vm = vms.selectedProperty().get();
        if (vm != null) {
            change("Clone " + vm.name(), () -> store.clone(vm.definition().id()), d -> "Cloned " + vm.name() + " as " + d.name());
        }
    }

    void deleteSelected() {
        VmEntry vm = vms.selectedProperty().get();
        if (vm == null) {
            return;
        }
        if (vm.status() != VmStatus.SHUT_OFF) {
            error("Cannot delete " + vm.name(), vm.name() + " is " + vm.status().label().toLowerCase(java.util.Locale.ROOT)
                    + ". Force it off first.");
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.setTitle("Delete virtual machine");
        confirm.setHeaderText("Delete the virtual machine “" + vm.name() + "”?");
        confirm.setContentText("Its definition (" + store.fileOf(vm.definition().id()).getFileName()
                + ") is removed. The template and its images stay. This cannot be undone.");
        confirm.getDialogPane().setId("confirmDeleteDialog");
        confirm.getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText("Delete");
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
        prepare(confirm);
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        try {
            store.delete(vm.definition().id());
            window.logLibrary(Severity.INFO, "Deleted " + vm.name());
            reload.accept(null);
        } catch (IOException e) {
            error("Could not delete " + vm.name(), e.getMessage());
        }
    }

    void moveSelected() {
        VmEntry vm = vms.selectedProperty().get();
        if (vm == null) {
            return;
        }
        Optional<List<String>> folders = folders();
        if (folders.isEmpty()) {
            return;
        }
        ComboBox<String> choice = new ComboBox<>();
        choice.setId("moveToFolderChoice");
        choice.setEditable(true);
        choice.getItems().add("");
        choice.getItems().addAll(folders.get());
        choice.setValue(vm.definition().folder());
        choice.setPromptText("(top level)");
        Dialog<String> dialog = formDialog("moveToFolderDialog", "Move to Folder",
                "Move “" + vm.name() + "” to which folder? (empty: the top level; '/' separates subfolders)",
                new Label("Folder:"), choice);
        dialog.setResultConverter(b -> b == ButtonType.OK ? choice.getEditor().getText().strip() : null);
        dialog.showAndWait().ifPresent(folder -> move(vm, folder));
    }

    /** Moves {@code vm} to {@code folder}. */
    void move(VmEntry vm, String folder) {
        change("Move " + vm.name(), () -> store.moveToFolder(vm.definition().id(), folder),
                d -> "Moved " + vm.name() + " to " + (folder.isEmpty() ? "the top level" : folder));
    }

    /** Moves VMs dragged onto a folder of the tree-table, one by one (the first refusal stops and says why). */
    void move(List<VmEntry> dragged, String folder) {
        for (VmEntry vm : dragged) {
            move(vm, folder);
        }
    }

    void newFolder() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("New Folder");
        dialog.setHeaderText("Name of the new folder ('/' separates subfolders, e.g. Labs/Week 1)");
        dialog.getDialogPane().setId("newFolderDialog");
        dialog.getEditor().setId("newFolderName");
        prepare(dialog);
        dialog.showAndWait().map(String::strip).ifPresent(name -> {
            try {
                store.createFolder(name);
                window.logLibrary(Severity.INFO, "Created folder " + name);
                reload.accept(null);
            } catch (InvalidFieldException e) {
                error("Folder not created", e.problem());
            } catch (IOException | ConfigFileException e) {
                error("Folder not created", e.getMessage());
            }
        });
    }

    void renameFolder() {
        Optional<List<String>> folders = folders();
        if (folders.isEmpty()) {
            return;
        }
        if (folders.get().isEmpty()) {
            error("No folders", "There is no folder to rename yet: create one with New Folder….");
            return;
        }
        ComboBox<String> from = new ComboBox<>();
        from.setId("renameFolderFrom");
        from.getItems().setAll(folders.get());
        VmEntry vm = vms.selectedProperty().get();
        from.setValue(vm != null && !vm.definition().folder().isEmpty() ? vm.definition().folder() : folders.get().get(0));
        TextField to = new TextField();
        to.setId("renameFolderTo");
        to.setText(from.getValue());
        from.valueProperty().addListener((o, old, cur) -> to.setText(cur));
        Dialog<String[]> dialog = formDialog("renameFolderDialog", "Rename Folder",
                "Rename a folder; its subfolders and VMs go with it", new Label("Folder:"), from, new Label("New name:"), to);
        dialog.setResultConverter(b -> b == ButtonType.OK ? new String[] {from.getValue(), to.getText().strip()} : null);
        dialog.showAndWait().ifPresent(r -> {
            try {
                List<VmDefinition> moved = store.renameFolder(r[0], r[1]);
                window.logLibrary(Severity.INFO, "Renamed folder " + r[0] + " to " + r[1] + " (" + moved.size()
                        + (moved.size() == 1 ? " VM)" : " VMs)"));
                reload.accept(null);
            } catch (InvalidFieldException e) {
                error("Folder not renamed", e.problem());
            } catch (IOException | ConfigFileException e) {
                error("Folder not renamed", e.getMessage());
            }
        });
    }

    /** The folders of the store, or empty after showing why they cannot be read. */
    private Optional<List<String>> folders() {
        try {
            return Optional.of(List.copyOf(store.folders()));
        } catch (IOException | ConfigFileException e) {
            error("Cannot read the folders", e.getMessage());
            return Optional.empty();
        }
    }

    private interface StoreChange {
        VmDefinition apply() throws IOException, ConfigFileException;
    }

    /** Runs a store change; on success logs it and reloads with the changed VM selected. */
    private void change(String what, StoreChange change, java.util.function.Function<VmDefinition, String> done) {
        try {
            VmDefinition d = change.apply();
            window.logLibrary(Severity.INFO, done.apply(d));
            reload.accept(d.id());
        } catch (InvalidFieldException e) {
            error(what + " failed", e.problem());
        } catch (IOException | ConfigFileException e) {
            error(what + " failed", e.getMessage());
        }
    }

    private <R> Dialog<R> formDialog(String id, String title, String header, javafx.scene.Node... labelAndField) {
        Dialog<R> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        for (int i = 0; i + 1 < labelAndField.length; i += 2) {
            grid.addRow(i / 2, labelAndField[i], labelAndField[i + 1]);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        prepare(dialog);
        return dialog;
    }

    private void error(String title, String text) {
        window.logLibrary(Severity.ERROR, title + ": " + text);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(text);
        alert.getDialogPane().setId("libraryErrorDialog");
        prepare(alert);
        alert.showAndWait();
    }

    private void prepare(Dialog<?> dialog) {
        dialog.initOwner(window.stage());
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setResizable(true);
        dialog.getDialogPane().getStylesheets().setAll(ManagerWindow.stylesheets(window.themeProperty().get()));
    }
}
