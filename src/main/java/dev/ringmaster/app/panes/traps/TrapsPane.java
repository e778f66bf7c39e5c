package dev.ringmaster.app.panes.traps;

import dev.ringmaster.app.pulse.BatchList;
import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/**
 * The "Traps" pane: a table of trapped instructions, VM exits and hypercalls with a kind and text
 * filter, counts by reason beside it, export to CSV or JSON, and a status line with the totals and
 * the trace ring's drop count. Selecting a row tells the model's selection callback.
 */
public final class TrapsPane extends BorderPane {
    /** Style class of the status line while trace events were dropped (the table is incomplete). */
    public static final String INCOMPLETE = "traps-incomplete";
    private final TrapsViewModel model;
    private final Label status = new Label();
    private final Label exportStatus = new Label();

    public TrapsPane(TrapsViewModel model) {
        this.model = model;
        setId("trapsPane");
        // A selection the table moves by itself while its rows change (old rows trimmed, costs settled, rows
        // appended in one change) is not the user's: only the user's choice goes to the disassembly. This
        // listener runs before the table's selection model hears of a change, the one below after it.
        boolean[] rowsChanging = {false};
        model.filteredRows().addListener((ListChangeListener<TrapRow>) c -> rowsChanging[0] = true);
        TableView<TrapRow> table = new TableView<>(model.filteredRows());
        table.setId("trapsTable");
        table.getStyleClass().add("traps-table"); // its backgrounds are in base.css
        table.setPlaceholder(new Label("No traps yet."));
        table.setFixedCellSize(24);
        table.getColumns().add(longColumn("Instr #", 100, TrapRow::instructions));
        table.getColumns().add(longColumn("Cycles", 125, TrapRow::cycles));
        table.getColumns().add(column("Kind", 70, TrapRow::kind));
        table.getColumns().add(column("Address", 80, TrapRow::address));
        table.getColumns().add(column("Bytes", 110, TrapRow::bytes));
        table.getColumns().add(column("Instruction", 150, TrapRow::disassembly));
        table.getColumns().add(column("Reason", 120, TrapRow::reason));
        table.getColumns().add(column("By", 50, TrapRow::handler));
        table.getColumns().add(column("Action", 240, TrapRow::action));
        table.getColumns().add(column("Cost (cycles)", 90, r -> r.cost() < 0 ? "" : Long.toString(r.cost())));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!rowsChanging[0]) {
                model.select(row);
            }
        });
        // Follow the newest rows while nothing is selected: one scroll per refresh that appended rows
        // (a refresh is one change), none for a refresh that only settled costs or trimmed old rows.
        model.filteredRows().addListener((ListChangeListener<TrapRow>) c -> {
            if (BatchList.appendedAtEnd(c) && table.getSelectionModel().isEmpty()) {
                table.scrollTo(model.filteredRows().size() - 1);
            }
            rowsChanging[0] = false;
        });

        ListView<TrapsViewModel.Count> counts = new ListView<>(model.counts());
        counts.setId("trapsCounts");
        counts.setFixedCellSize(22); // no measuring cells each time the counts change
        counts.setPlaceholder(new Label("No counts yet."));
        counts.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TrapsViewModel.Count item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.count() + "  " + item.reason());
            }
        });
        SplitPane split = new SplitPane(table, counts);
        split.setDividerPositions(0.8);

        TextField filter = new TextField();
        filter.setId("trapsFilter");
        filter.setPromptText("Filter (any column)");
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("trapsKind");
        kind.getItems().setAll(TrapsViewModel.KINDS);
        kind.valueProperty().bindBidirectional(model.kindProperty());
        Button export = new Button("Export…");
        export.setId("trapsExport");
        export.setOnAction(e -> chooseAndExport());
        setTop(new ToolBar(new Label("Show"), kind, filter, export, exportStatus));
        setCenter(split);
        status.setId("trapsSummary");
        status.textProperty().bind(model.summaryProperty());
        model.droppedProperty().addListener((o, a, n) -> {
            boolean incomplete = n.longValue() > 0;
            if (incomplete != status.getStyleClass().contains(INCOMPLETE)) {
                if (incomplete) {
                    status.getStyleClass().add(INCOMPLETE);
                } else {
                    status.getStyleClass().remove(INCOMPLETE);
                }
            }
        });
        setBottom(status);
        setMinSize(200, 100);
    }

    private static TableColumn<TrapRow, String> column(String title, double width, Function<TrapRow, String> text) {
        TableColumn<TrapRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    private static TableColumn<TrapRow, Long> longColumn(String title, double width, Function<TrapRow, Long> value) {
        TableColumn<TrapRow, Long> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export traps");
        chooser.setInitialFileName("traps.csv");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                new FileChooser.ExtensionFilter("JSON", "*.json"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            int n = model.export(f.toPath());
            exportStatus.setText("Exported " + n + " rows to " + f.getName());
        } catch (IOException ex) {
            exportStatus.setText("Could not export: " + ex.getMessage());
            return;
        }
    }
}
