package dev.ringmaster.app.panes.tc;

import dev.ringmaster.engine.vmm.bt.TranslationCacheView;
import dev.ringmaster.engine.vmm.bt.TranslatedInstruction;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * The "Translation cache" pane (binary translation): the statistics on top, the live blocks on the left
 * (guest address, size, translation address, identical instructions), and the selected block on the right —
 * each guest instruction beside its translation, rewritten instructions tinted amber and callouts red.
 */
public final class TranslationCachePane extends BorderPane {
    public TranslationCachePane(TranslationCacheViewModel model) {
        setId("tcPane");
        Label stats = new Label();
        stats.setId("tcStats");
        stats.textProperty().bind(model.statsProperty());
        stats.setWrapText(true);
        Label callouts = new Label();
        callouts.setId("tcCallouts");
        callouts.textProperty().bind(model.calloutsProperty());
        callouts.setWrapText(true);
        Label status = new Label();
        status.setId("tcStatus");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        TextField filter = new TextField();
        filter.setId("tcFilter");
        filter.setPromptText("guest address (hex)");
        filter.textProperty().bindBidirectional(model.filterProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("tcRefresh");
        refresh.setOnAction(e -> model.refresh());
        refresh.setTooltip(new Tooltip("Read the cache again now (it is read every second while the VM runs)"));
        HBox tools = new HBox(6, new Label("Filter:"), filter, refresh);
        HBox.setHgrow(filter, Priority.SOMETIMES);
        VBox top = new VBox(2, stats, callouts, status, tools);
        top.setPadding(new Insets(4, 8, 4, 8));

        TableView<TranslationCacheView.Block> blocks = new TableView<>(model.blocks());
        blocks.setId("tcBlocks");
        blocks.setPlaceholder(new Label("No translated blocks"));
        blocks.getColumns().add(column("Guest", b -> String.format("%08X", b.guestAddress()), 80));
        blocks.getColumns().add(column("Bytes", b -> Integer.toString(b.guestLength()), 50));
        blocks.getColumns().add(column("Translation", b -> String.format("%08X", b.tcAddress()), 80));
        blocks.getColumns().add(column("Identical", b -> b.identical() + "/" + b.lines().size(), 65));
        blocks.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != model.selectedProperty().get()) {
                model.selectedProperty().set(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && blocks.getSelectionModel().getSelectedItem() != b) {
                blocks.getSelectionModel().select(b);
                blocks.scrollTo(b);
            }
        });

        TableView<TranslationCacheView.Line> lines = new TableView<>(model.lines());
        lines.setId("tcLines");
        lines.setPlaceholder(new Label("Select a block"));
        lines.getColumns().add(column("Guest", l -> String.format("%08X", l.guestAddress()), 80));
        lines.getColumns().add(column("Guest bytes", TranslationCacheView.Line::guestBytes, 130));
        lines.getColumns().add(column("Guest instruction", TranslationCacheView.Line::text, 210));
        lines.getColumns().add(column("", TranslationCacheView.Line::mark, 24));
        lines.getColumns().add(column("Translation", l -> String.format("%08X", l.tcAddress()), 80));
        lines.getColumns().add(column("Translated bytes", TranslationCacheView.Line::tcBytes, 170));
        lines.getColumns().add(column("Translated code", TranslationCacheView.Line::tcText, 260));
        lines.getColumns().add(column("Callout", TranslationCacheView.Line::calloutText, 110));
        lines.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TranslationCacheView.Line l, boolean empty) {
                super.updateItem(l, empty);
                setStyle(empty || l == null || l.kind() == TranslatedInstruction.Kind.IDENTICAL ? ""
                        : l.kind() == TranslatedInstruction.Kind.REWRITTEN ? "-fx-background-color: #fff3cd;"
                        : "-fx-background-color: #fde2e1;");
            }
        });
        lines.setStyle("-fx-font-family: monospace;");
        SplitPane split = new SplitPane(blocks, lines);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.3);
        setTop(top);
        setCenter(split);
        setMinSize(200, 150);
        stats.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 12));
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> text, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue() == null ? "" : text.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
