package dev.ringmaster.app.panes.registers;

import dev.ringmaster.app.panes.registers.RegisterRow.Shown;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.beans.value.ObservableValue;
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
    /**
     * Pseudo-class of a value cell whose register changed at the last snapshot ({@code :register-changed}
     * in base.css). A pseudo-class, not a style class: switching a style class makes JavaFX match the
     * cell's styles anew at once, a pseudo-class only has the next CSS pass move the cell to that state.
     */
    public static final String CHANGED = "register-changed";
    public static final PseudoClass CHANGED_STATE = PseudoClass.getPseudoClass(CHANGED);

    /** Whether {@code cell} shows its register highlighted as changed. */
    public static boolean highlighted(javafx.scene.Node cell) {
        return cell.getPseudoClassStates().contains(CHANGED_STATE);
    }

    public RegistersPane(RegistersViewModel model) {
        setId("registersPane");
        TableView<RegisterRow> table = new TableView<>(model.rows());
        table.setId("registersTable");
        table.setFixedCellSize(22);
        table.setPlaceholder(new Label("No registers yet: the VM has not published a CPU snapshot."));
        table.getColumns().add(text("Group", 62, RegisterRow::groupCell));
        table.getColumns().add(text("Register", 76, RegisterRow::nameCell));
        table.getColumns().add(text("Value", 80, RegisterRow::valueCell));
        TableColumn<RegisterRow, Shown> guest = text("Guest vCPU", 86, RegisterRow::guestValueCell);
        guest.visibleProperty().bind(model.hasGuestProperty());
        table.getColumns().add(guest);
        table.getColumns().add(text("Decoded", 320, RegisterRow::detailCell));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.getStyleClass().add("registers-table"); // the font and the highlight are in base.css
        setCenter(table);
        setMinSize(160, 100);
    }

    /**
     * A column whose cells show a property of the row: the cell listens to it, so a change of one
     * register's value redraws that cell alone (the rows themselves stay, see {@link RegisterRow}).
     */
    private static TableColumn<RegisterRow, Shown> text(String title, double width,
            Function<RegisterRow, ObservableValue<Shown>> cell) {
        TableColumn<RegisterRow, Shown> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(features -> cell.apply(features.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Shown item, boolean empty) {
                super.updateItem(item, empty);
                String text = empty || item == null ? null : item.text();
                if (!java.util.Objects.equals(text, getText())) {
                    setText(text);
                }
                // its colours are in base.css, not an inline style that would have to be parsed
                pseudoClassStateChanged(CHANGED_STATE, !empty && item != null && item.changed());
            }
        });
        return c;
    }
}
