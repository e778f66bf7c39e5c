package dev.ringmaster.app.panes.registers;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The "Registers" pane: one table of the CPU's registers (general, EFLAGS and its flags, segments
 * with descriptor caches and CPL, system and control registers), values that changed since the
 * previous snapshot highlighted; a "Guest (virtual CPU)" column appears when a VMM publishes its
 * virtual CPU for the guest.
 */
public final class RegistersPane extends BorderPane {
    /** Style class of a value cell whose register changed at the last snapshot. */
    public static final String CHANGED = "register-changed";

    public RegistersPane(RegistersViewModel model) {
        setId("registersPane");
        TableView<RegisterRow> table = new TableView<>(model.rows());
        table.setId("registersTable");
        table.setFixedCellSize(22);
        table.setPlaceholder(new Label("No registers yet: the VM has not published a CPU snapshot."));
        table.getColumns().add(text("Group", 62, RegisterRow::group, r -> false));
        table.getColumns().add(text("Register", 76, RegisterRow::name, r -> false));
        table.getColumns().add(text("Value", 80, RegisterRow::value, RegisterRow::changed));
        TableColumn<RegisterRow, String> guest = text("Guest vCPU", 86, RegisterRow::guestValue,
                RegisterRow::guestChanged);
        guest.visibleProperty().bind(model.hasGuestProperty());
        table.getColumns().add(guest);
        table.getColumns().add(text("Decoded", 320, RegisterRow::detail, RegisterRow::changed));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.getStyleClass().add("registers-table"); // the font and the highlight are in base.css
        setCenter(table);
        setMinSize(160, 100);
    }

    private static TableColumn<RegisterRow, String> text(String title, double width, Function<RegisterRow, String> value,
            Predicate<RegisterRow> highlighted) {
        TableColumn<RegisterRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                RegisterRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean on = row != null && highlighted.test(row);
                // touch the style class only when it changes: every change makes JavaFX apply CSS to the cell
                // again (its colours are in base.css, not an inline style that would have to be parsed too)
                boolean has = getStyleClass().contains(CHANGED);
                if (on && !has) {
                    getStyleClass().add(CHANGED);
                } else if (!on && has) {
                    getStyleClass().remove(CHANGED);
                }
            }
        });
        return c;
    }
}
