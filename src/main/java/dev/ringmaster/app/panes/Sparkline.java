package dev.ringmaster.app.panes;

import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;

/**
 * A small line chart of the last minute (a {@link Polyline} over a filled area, styled by the theme)
 * and the newest value as text. Values are scaled to a fixed maximum (CPU %: 100) or to the largest
 * value shown.
 */
final class Sparkline extends HBox {
    static final double WIDTH = VmActivity.POINTS * 0.75;
    static final double HEIGHT = 18;
    private final Polyline line = new Polyline();
    private final Polygon area = new Polygon();
    private final Label value = new Label();
    private final double fixedMax;

    /** @param fixedMax the value drawn at the top, or 0 to scale to the largest value shown */
    Sparkline(double fixedMax) {
        this.fixedMax = fixedMax;
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        area.getStyleClass().add("sparkline-area");
        Line base = new Line(0, HEIGHT, WIDTH, HEIGHT);
        base.getStyleClass().add("sparkline-base");
        Pane plot = new Pane(area, base, line);
        plot.getStyleClass().add("sparkline-plot");
        plot.setMinSize(WIDTH, HEIGHT);
        plot.setPrefSize(WIDTH, HEIGHT);
        plot.setMaxSize(WIDTH, HEIGHT);
        value.getStyleClass().add("sparkline-value");
        value.setMinWidth(48);
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(plot, value);
    }

    /** Draws {@code values} (oldest first; the newest at the right edge) and shows {@code text}. */
    void show(double[] values, String text) {
        double max = fixedMax;
        if (max <= 0) {
            for (double v : values) {
                if (v > max) {
                    max = v;
                }
            }
        }
        double step = WIDTH / (VmActivity.POINTS - 1);
        double x0 = WIDTH - (values.length - 1) * step;
        Double[] points = new Double[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            double v = Double.isNaN(values[i]) ? 0 : values[i];
            points[2 * i] = x0 + i * step;
            points[2 * i + 1] = max > 0 ? HEIGHT - 1 - Math.min(1, v / max) * (HEIGHT - 2) : HEIGHT - 1;
        }
        line.getPoints().setAll(points);
        ObservableList<Double> a = area.getPoints();
        if (values.length < 2) {
            a.clear();
        } else {
            Double[] poly = new Double[points.length + 4];
            System.arraycopy(points, 0, poly, 0, points.length);
            poly[points.length] = points[points.length - 2];
            poly[points.length + 1] = HEIGHT;
            poly[points.length + 2] = x0;
            poly[points.length + 3] = HEIGHT;
            a.setAll(poly);
        }
        value.setText(text);
    }

    /** Nothing to draw (a folder row, a VM that never ran). */
    void clear() {
        line.getPoints().clear();
        area.getPoints().clear();
        value.setText("");
    }

    /** The text shown beside the line (for tests). */
    String text() {
        return value.getText();
    }
}
