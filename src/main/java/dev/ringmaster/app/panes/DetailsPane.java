package dev.ringmaster.app.panes;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The "Details" pane: the selected VM's overview, or the model's empty-state text. */
public final class DetailsPane extends StackPane {
    private final GridPane grid = new GridPane();

    public DetailsPane(DetailsViewModel model) {
        setId("detailsPane");
        getStyleClass().add("details-pane");
        Label title = new Label();
        title.setId("detailsTitle");
        title.getStyleClass().add("details-title");
        title.textProperty().bind(model.titleProperty());
        grid.setId("detailsGrid");
        grid.getStyleClass().add("details-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, values);
        VBox content = new VBox(12, title, grid);
        content.getStyleClass().add("details-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.visibleProperty().bind(model.emptyMessageProperty().isEmpty());

        Label empty = new Label();
        empty.setId("detailsEmpty");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.textProperty().bind(model.emptyMessageProperty());
        empty.visibleProperty().bind(model.emptyMessageProperty().isNotEmpty());

        model.rows().addListener((ListChangeListener<DetailsViewModel.Row>) c -> fill(model));
        fill(model);
        setMinSize(80, 60);
        getChildren().addAll(scroll, empty);
    }

    private void fill(DetailsViewModel model) {
        grid.getChildren().clear();
        int r = 0;
        for (DetailsViewModel.Row row : model.rows()) {
            Label label = new Label(row.label());
            label.getStyleClass().add("details-label");
            Label value = new Label(row.value());
            value.getStyleClass().add("details-value");
            value.setWrapText(true);
            grid.addRow(r++, label, value);
        }
    }
}
