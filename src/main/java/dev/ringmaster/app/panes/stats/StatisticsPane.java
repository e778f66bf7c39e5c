package dev.ringmaster.app.panes.stats;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The "Statistics" pane: three live charts of the last minute — guest instructions per second,
 * traps (VMM entries) per second and the simulated-cycle overhead against native — drawn on canvases twice a second (cheap enough for four VM windows
 * at once), the VMM's counters by kind with their rates, the overhead line and the drop counts of the
 * engine → UI rings.
 */
public final class StatisticsPane extends BorderPane {
    private final StatisticsViewModel model;
    private final Canvas ipsChart = new Canvas(300, 140);
    private final Canvas trapsChart = new Canvas(300, 140);
    private final Canvas overheadChart = new Canvas(300, 140);

    public StatisticsPane(StatisticsViewModel model) {
        this.model = model;
        setId("statsPane");
        ipsChart.setId("statsInstructionsChart");
        trapsChart.setId("statsTrapsChart");
        overheadChart.setId("statsOverheadChart");
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.add(holder(ipsChart), 0, 0);
        charts.add(holder(trapsChart), 1, 0);
        charts.add(holder(overheadChart), 2, 0);
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

    private Pane holder(Canvas c) {
        Pane p = new Pane(c);
        p.setMinSize(120, 80);
        p.setPrefSize(300, 140);
        c.widthProperty().bind(p.widthProperty());
        c.heightProperty().bind(p.heightProperty());
        c.widthProperty().addListener(o -> repaint());
        c.heightProperty().addListener(o -> repaint());
        return p;
    }

    private void repaint() {
        paint(ipsChart, "Guest instructions/s", model.instructionsPerSecond(), Color.web("#1565c0"));
        paint(trapsChart, model.technique() == dev.ringmaster.engine.vmm.Technique.NATIVE
                ? "Traps/s (native: no VMM)" : "Traps/s (VMM entries)", model.trapsPerSecond(), Color.web("#c62828"));
        paint(overheadChart, "Overhead vs native (×)", model.overhead(), Color.web("#6a1b9a"));
    }

    private static void paint(Canvas canvas, String title, StatisticsViewModel.Series s, Color color) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double left = 6;
        double top = 20;
        double plotW = Math.max(1, w - left - 6);
        double plotH = Math.max(1, h - top - 6);
        g.setFill(Color.gray(0.97));
        g.fillRect(left, top, plotW, plotH);
        g.setStroke(Color.gray(0.8));
        g.setLineWidth(1);
        g.strokeRect(left, top, plotW, plotH);
        double max = Math.max(1, s.max()) * 1.1;
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.gray(0.15));
        g.fillText(title + "  now " + StatisticsViewModel.si(s.latest()), left, 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(Color.gray(0.4));
        g.fillText("max " + StatisticsViewModel.si(s.max()) + " · last minute", w - 6, 3);
        if (s.size() < 2) {
            return;
        }
        double step = plotW / (s.capacity() - 1);
        double x0 = left + plotW - (s.size() - 1) * step;
        g.setStroke(color);
        g.setLineWidth(1.8);
        g.beginPath();
        for (int i = 0; i < s.size(); i++) {
            double x = x0 + i * step;
            double y = top + plotH - s.get(i) / max * plotH;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
