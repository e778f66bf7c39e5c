package dev.ringmaster.app.panes.stats;

import dev.ringmaster.app.panes.PixelRaster;
import dev.ringmaster.app.panes.RasterImage;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The "Statistics" pane: three live charts of the last minute — guest instructions per second,
 * traps (VMM entries) per second and the simulated-cycle overhead against native — the VMM's counters
 * by kind with their rates, the overhead line and the drop counts of the engine → UI rings. The
 * charts are rasterised ({@link PixelRaster}) into images with their titles as text over them, and
 * redrawn when the model publishes: at most twice a second, only while the pane is showing.
 */
public final class StatisticsPane extends BorderPane {
    private final StatisticsViewModel model;
    private final Chart ipsChart = new Chart();
    private final Chart trapsChart = new Chart();
    private final Chart overheadChart = new Chart();

    /** One chart: the plot as an image, its title and its maximum as text above it. */
    static final class Chart extends Pane {
        final ImageView plot = new ImageView();
        final Text title = new Text();
        final Text max = new Text();
        final PixelRaster raster = new PixelRaster(1, 1);
        final RasterImage image = new RasterImage();

        Chart() {
            setMinSize(120, 40); // a short window squeezes the charts, rather than the table hiding them
            setPrefSize(300, 140);
            plot.setSmooth(false);
            title.setFont(Font.font(11));
            title.setFill(Color.gray(0.15));
            max.setFont(Font.font(11));
            max.setFill(Color.gray(0.4));
            for (javafx.scene.Node n : new javafx.scene.Node[] {plot, title, max}) {
                n.setManaged(false); // placed by paint(), never sizing the chart
                getChildren().add(n);
            }
        }
    }

    public StatisticsPane(StatisticsViewModel model) {
        this.model = model;
        setId("statsPane");
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.add(holder(ipsChart), 0, 0);
        charts.add(holder(trapsChart), 1, 0);
        charts.add(holder(overheadChart), 2, 0);
        ipsChart.plot.setId("statsInstructionsChart");
        trapsChart.plot.setId("statsTrapsChart");
        overheadChart.plot.setId("statsOverheadChart");
        for (int i = 0; i < 3; i++) {
            javafx.scene.layout.ColumnConstraints third = new javafx.scene.layout.ColumnConstraints();
            third.setPercentWidth(100.0 / 3);
            charts.getColumnConstraints().add(third);
        }
        javafx.scene.layout.RowConstraints grow = new javafx.scene.layout.RowConstraints();
        grow.setVgrow(Priority.ALWAYS);
        charts.getRowConstraints().add(grow);

        TableView<StatisticsViewModel.CounterRow> table = new TableView<>(model.counterRows());
        table.setId("statsCounters");
        table.setFixedCellSize(22);
        table.setPlaceholder(new Label(model.technique().displayName() + ": no VMM counters yet."));
        TableColumn<StatisticsViewModel.CounterRow, String> name = new TableColumn<>("VMM counter");
        name.setPrefWidth(220);
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        TableColumn<StatisticsViewModel.CounterRow, Long> count = new TableColumn<>("Count");
        count.setPrefWidth(110);
        count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        TableColumn<StatisticsViewModel.CounterRow, String> rate = new TableColumn<>("Per second");
        rate.setPrefWidth(100);
        rate.setCellValueFactory(c -> new ReadOnlyStringWrapper(StatisticsViewModel.si(c.getValue().perSecond())));
        table.getColumns().add(name);
        table.getColumns().add(count);
        table.getColumns().add(rate);
        table.setPrefHeight(160);

        Label rates = label("statsRates", model.rateTextProperty());
        rates.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 12));
        Label overhead = label("statsOverhead", model.overheadTextProperty());
        Label drops = label("statsDrops", model.dropsTextProperty());
        drops.textProperty().addListener((o, a, n) -> drops.setStyle(n.startsWith("Engine → UI rings dropped")
                ? "-fx-text-fill: #c62828;" : ""));
        VBox top = new VBox(2, rates, overhead, drops);
        top.setPadding(new Insets(4, 8, 4, 8));
        setTop(top);
        setCenter(charts);
        setBottom(table);
        BorderPane.setMargin(charts, new Insets(4, 8, 4, 8));
        setMinSize(200, 150);
        model.versionProperty().addListener(o -> repaint());
        repaint();
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        return l;
    }

    private Pane holder(Chart c) {
        c.widthProperty().addListener(o -> repaint());
        c.heightProperty().addListener(o -> repaint());
        return c;
    }

    private void repaint() {
        paint(ipsChart, "Guest instructions/s", model.instructionsPerSecond(), 0x1565c0);
        paint(trapsChart, model.technique() == dev.ringmaster.engine.vmm.Technique.NATIVE
                ? "Traps/s (native: no VMM)" : "Traps/s (VMM entries)", model.trapsPerSecond(), 0xc62828);
        paint(overheadChart, "Overhead vs native (×)", model.overhead(), 0x6a1b9a);
    }

    private static void paint(Chart chart, String title, StatisticsViewModel.Series s, int rgb) {
        int w = (int) Math.floor(chart.getWidth());
        int h = (int) Math.floor(chart.getHeight());
        if (w <= 0 || h <= 0) {
            return;
        }
        chart.title.setText(title + "  now " + StatisticsViewModel.si(s.latest()));
        chart.title.relocate(SeriesPlot.LEFT, 3);
        chart.max.setText("max " + StatisticsViewModel.si(s.max()) + " · last minute");
        chart.max.relocate(w - 6 - chart.max.getLayoutBounds().getWidth(), 3);
        SeriesPlot.draw(chart.raster, w, h, s, rgb);
        WritableImage shown = chart.image.show(chart.raster); // one bulk copy, no conversion per pixel
        if (chart.plot.getImage() != shown) {
            chart.plot.setImage(shown);
        }
    }
}
