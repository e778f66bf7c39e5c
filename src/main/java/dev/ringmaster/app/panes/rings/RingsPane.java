package dev.ringmaster.app.panes.rings;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.StringConverter;

/**
 * The "Rings" pane: the classic picture of the four protection rings (ring 0 inside, ring 3
 * outside) with where the guest kernel, guest user code and the VMM run for the VM's technique and
 * a marker on the ring the CPU is in now; beside it a timeline with one lane per ring, each
 * transition drawn from the ring it left to the ring it entered and coloured by cause; below,
 * transitions per second by cause and a legend.
 */
public final class RingsPane extends BorderPane {
    static final double PICTURE = 260;
    /** The timeline spans the user can choose, in instructions. */
    static final List<Long> WINDOWS = List.of(10_000L, 50_000L, 200_000L, 1_000_000L, 10_000_000L);
    private final RingsViewModel model;
    private final Canvas picture = new Canvas(PICTURE, PICTURE);
    private final Canvas timeline = new Canvas(400, PICTURE);

    public RingsPane(RingsViewModel model) {
        this.model = model;
        setId("ringsPane");
        picture.setId("ringsPicture");
        timeline.setId("ringsTimeline");
        Pane timelineHolder = new Pane(timeline);
        timelineHolder.setMinSize(120, 100);
        timeline.widthProperty().bind(timelineHolder.widthProperty());
        timeline.heightProperty().bind(timelineHolder.heightProperty());
        timeline.widthProperty().addListener(o -> repaint());
        timeline.heightProperty().addListener(o -> repaint());
        sceneProperty().addListener((o, a, n) -> repaint());
        visibleProperty().addListener((o, a, n) -> repaint());

        Label cplLabel = new Label();
        cplLabel.setId("ringsCpl");
        cplLabel.textProperty().bind(model.cplProperty().asString("CPL %d").map(s -> model.cplProperty().get() < 0
                ? "CPL unknown (no ring transition yet)" : s));
        cplLabel.setFont(Font.font(null, FontWeight.BOLD, 13));
        Label rates = new Label();
        rates.setId("ringsRates");
        rates.textProperty().bind(model.ratesTextProperty());
        FlowPane legend = new FlowPane(10, 4);
        for (TransitionKind k : TransitionKind.values()) {
            Rectangle swatch = new Rectangle(10, 10, color(k.rgb()));
            Label l = new Label(k.label(), swatch);
            legend.getChildren().add(l);
        }
        ComboBox<Long> span = new ComboBox<>();
        span.setId("ringsWindow");
        span.getItems().setAll(WINDOWS);
        span.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long n) {
                return n == null ? "" : String.format("%,d instructions", n);
            }

            @Override
            public Long fromString(String s) {
                return Long.parseLong(s.replaceAll("[^0-9]", ""));
            }
        });
        span.setValue(model.windowInstructionsProperty().get());
        span.valueProperty().addListener((o, a, n) -> {
            if (n != null) {
                model.windowInstructionsProperty().set(n);
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox line = new HBox(16, cplLabel, rates, gap, new Label("Timeline shows"), span);
        line.setAlignment(Pos.CENTER_LEFT);
        BorderPane bottom = new BorderPane();
        bottom.setTop(line);
        bottom.setBottom(legend);
        bottom.setPadding(new Insets(4, 8, 4, 8));

        BorderPane.setMargin(picture, new Insets(6));
        setLeft(picture);
        setCenter(timelineHolder);
        setBottom(bottom);
        setMinSize(200, 150);
        model.versionProperty().addListener(o -> repaint());
        model.windowInstructionsProperty().addListener(o -> repaint());
        repaint();
    }

    private void repaint() {
        if (!showing()) {
            return; // painted again when it is shown (a pane behind another tab costs nothing)
        }
        paintPicture();
        paintTimeline();
    }

    /** In a scene and not hidden (a pane in a tab that is not selected is neither). */
    private boolean showing() {
        if (getScene() == null) {
            return false;
        }
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static Color color(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /** What runs in ring {@code r} for this technique, e.g. "guest kernel + VMM". */
    String occupants(int ring) {
        StringBuilder sb = new StringBuilder();
        if (model.vmmRing() != null && model.vmmRing() == ring) {
            sb.append("VMM");
        }
        if (model.guestKernelRing() == ring) {
            sb.append(sb.length() > 0 ? " + " : "").append("guest kernel");
        }
        if (ring == 3) {
            sb.append(sb.length() > 0 ? " + " : "").append("guest user");
        }
        return sb.toString();
    }

    private void paintPicture() {
        GraphicsContext g = picture.getGraphicsContext2D();
        double c = PICTURE / 2;
        g.clearRect(0, 0, PICTURE, PICTURE);
        double step = (PICTURE / 2 - 6) / 4;
        int cpl = model.cplProperty().get();
        Color[] fills = {Color.web("#ffe0b2"), Color.web("#fff3e0"), Color.web("#e3f2fd"), Color.web("#e8f5e9")};
        for (int ring = 3; ring >= 0; ring--) {
            double r = step * (ring + 1);
            g.setFill(ring == cpl ? fills[ring].deriveColor(0, 1.6, 0.92, 1) : fills[ring]);
            g.fillOval(c - r, c - r, 2 * r, 2 * r);
            g.setStroke(ring == cpl ? Color.web("#d32f2f") : Color.gray(0.45));
            g.setLineWidth(ring == cpl ? 2.5 : 1);
            g.strokeOval(c - r, c - r, 2 * r, 2 * r);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.gray(0.15));
        for (int ring = 0; ring <= 3; ring++) {
            double y = ring == 0 ? c - 8 : c - step * ring - step / 2 - 4;
            g.setFont(Font.font(null, FontWeight.BOLD, 11));
            g.fillText("Ring " + ring, c, y);
            g.setFont(Font.font(10));
            g.fillText(occupants(ring), c, y + 12);
        }
        if (model.vmmRing() != null && model.vmmRing() < 0) {
            g.setFont(Font.font(null, FontWeight.BOLD, 10));
            g.setFill(Color.web("#bf360c"));
            g.fillText("VMM: VMX root mode", c, PICTURE - 4);
        } else if (model.vmmRing() == null) {
            g.setFont(Font.font(10));
            g.setFill(Color.gray(0.3));
            g.fillText("no VMM (" + model.technique().displayName() + ")", c, PICTURE - 4);
        }
        if (cpl >= 0) {
            // The marker: a red dot on the ring the CPU is in, at the top of that ring's band.
            // Ring 0's band is the inner disc, its label in the middle: its marker goes below the label.
            double r = cpl == 0 ? step * 0.75 : step * cpl + step * 0.5;
            double angle = Math.toRadians(cpl == 0 ? 90 : -40);
            g.setFill(Color.web("#d32f2f"));
            g.fillOval(c + r * Math.cos(angle) - 6, c + r * Math.sin(angle) - 6, 12, 12);
        }
    }

    private void paintTimeline() {
        GraphicsContext g = timeline.getGraphicsContext2D();
        double w = timeline.getWidth();
        double h = timeline.getHeight();
        g.clearRect(0, 0, w, h);
        double left = 52;
        double lane = (h - 24) / 4;
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int ring = 0; ring <= 3; ring++) {
            double y = laneY(ring, lane);
            g.setFill(ring % 2 == 0 ? Color.gray(0.96) : Color.gray(0.92));
            g.fillRect(left, y - lane / 2, w - left, lane);
            g.setFill(Color.gray(0.2));
            g.fillText("Ring " + ring, 4, y);
        }
        long end = model.newestInstructionsProperty().get();
        long span = Math.max(1, model.windowInstructionsProperty().get());
        long start = end - span;
        double plotW = Math.max(1, w - left - 4);
        List<RingsViewModel.Mark> marks = model.visibleMarks();
        // Where the CPU was: a dark line along the lane of the current ring between transitions.
        int ring = model.ringAtWindowStart();
        double x = left;
        g.setStroke(Color.gray(0.25));
        g.setLineWidth(2);
        for (RingsViewModel.Mark m : marks) {
            double mx = left + Math.floor((m.instructions() - start) * plotW / span);
            if (ring >= 0 && mx > x) { // many transitions in one pixel column: one segment
                g.strokeLine(x, laneY(ring, lane), mx, laneY(ring, lane));
                x = mx;
            }
            ring = m.to();
        }
        if (ring >= 0) { // also with no transition in the window: the CPU stayed in that ring
            g.strokeLine(x, laneY(ring, lane), left + plotW, laneY(ring, lane));
        }
        g.setLineWidth(1.5);
        // Drawn once per pixel column and kind of transition (from, to, cause), however many there were:
        // the cost is bounded by the width, not by the number of transitions in the window.
        int[] drawnInColumn = new int[4 * 4 * TransitionKind.values().length];
        java.util.Arrays.fill(drawnInColumn, -1);
        for (RingsViewModel.Mark m : marks) {
            int column = (int) ((m.instructions() - start) * plotW / span);
            int key = (m.kind().ordinal() * 4 + (m.from() & 3)) * 4 + (m.to() & 3);
            if (drawnInColumn[key] == column) {
                continue;
            }
            drawnInColumn[key] = column;
            double mx = left + column;
            Color col = color(m.kind().rgb());
            g.setStroke(col);
            g.strokeLine(mx, laneY(m.from(), lane), mx, laneY(m.to(), lane));
            g.setFill(col);
            g.fillOval(mx - 3, laneY(m.to(), lane) - 3, 6, 6);
        }
        g.setFill(Color.gray(0.3));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format("instruction %,d  (window %,d)", end, span), w - 4, h - 10);
    }

    private static double laneY(int ring, double lane) {
        return 4 + lane * (3 - ring) + lane / 2;
    }
}
