package dev.ringmaster.app.panes;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The "Event log" pane: a table of {@link LogEntry}s, newest at the bottom, with counts below. */
public final class EventLogPane extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    public EventLogPane(EventLogViewModel model, ZoneId zone) {
        setId("eventLogPane");
        getStyleClass().add("event-log-pane");
        TableView<LogEntry> table = new TableView<>(model.entries());
        table.setId("eventLogTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing has happened yet."));
        table.getColumns().add(column("Time", 100, e -> TIME.format(e.time().atZone(zone))));
        table.getColumns().add(column("Level", 80, e -> e.severity().label()));
        table.getColumns().add(column("Source", 100, LogEntry::source));
        table.getColumns().add(column("Message", 500, LogEntry::message));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LogEntry item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("log-warning", "log-error");
                if (!empty && item != null && item.severity() != LogEntry.Severity.INFO) {
                    getStyleClass().add(item.severity() == LogEntry.Severity.ERROR ? "log-error" : "log-warning");
                }
            }
        });
        model.entries().addListener((ListChangeListener<LogEntry>) c -> {
            if (!model.entries().isEmpty()) {
                table.scrollTo(model.entries().size() - 1);
            }
        });
        Label summary = new Label();
        summary.setId("eventLogSummary");
        summary.getStyleClass().add("status-line");
        summary.textProperty().bind(model.summary());
        setMinSize(80, 60);
        setCenter(table);
        setBottom(summary);
    }

    private static TableColumn<LogEntry, String> column(String title, double width,
            Function<LogEntry, String> text) {
        TableColumn<LogEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }
}
