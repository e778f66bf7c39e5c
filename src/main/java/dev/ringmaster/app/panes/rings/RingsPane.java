package dev.ringmaster.app.panes.rings;

import dev.ringmaster.app.panes.PixelRaster;
import dev.ringmaster.app.panes.RasterImage;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
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
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Transform;
import javafx.util.StringConverter;

/**
 * The "Rings" pane: the classic picture of the four protection rings (ring 0 inside, ring 3
 * outside) with where the guest kernel, guest user code and the VMM run for the VM's technique and
 * a marker on the ring the CPU is in now; beside it a timeline with one lane per ring, each
 * transition drawn from the ring it left to the ring it entered and coloured by cause; below,
 * transitions per second by cause and a legend.
 *
 * <p>Cheap to keep on screen in several windows: the picture is drawn once per CPL (five images at
 * most, kept) and only swapped when the CPL changes; the timeline is rasterised into an ARGB buffer
 * ({@link PixelRaster}: rectangles, one-pixel lines, small dots, no anti-aliased shapes) and uploaded
 * in one piece to the image on screen, with the lane names and the footer as text nodes over it. It
 * repaints when its model publishes, which the window allows only while the pane is showing, at
 * most {@link RingsViewModel#REFRESH_HZ} times a second.
 */
public final class RingsPane extends BorderPane {
    static final double PICTURE = 260;
    /** The timeline spans the user can choose, in instructions. */
    static final List<Long> WINDOWS = List.of(10_000L, 50_000L, 200_000L, 1_000_000L, 10_000_000L);
    private final RingsViewModel model;
    /** Left of the lanes: room for the lane names. */
    static final int LANES_LEFT = 52;
    private static final Font SMALL = Font.font(10);
    private final ImageView picture = new ImageView();
    /** The picture for each CPL, -1 (unknown) to 3, drawn when first needed at {@link #pictureScale}. */
    private final Image[] pictures = new Image[5];
    private double pictureScale = 1;
    private final Pane timelineHolder = new Pane();
    private final ImageView timeline = new ImageView();
    private final PixelRaster raster = new PixelRaster(1, 1);
    private final RasterImage timelineImage = new RasterImage();
    private final Text[] laneNames = new Text[4];
    private final Text footer = new Text();
    /** For each kind, ring left and ring entered: the pixel column last drawn (one line and dot per column). */
    private final int[] drawnInColumn = new int[4 * 4 * TransitionKind.values().length];
    private static final int[] COLOURS = new int[TransitionKind.values().length];

    static {
        for (TransitionKind k : TransitionKind.values()) {
            COLOURS[k.ordinal()] = PixelRaster.opaque(k.rgb());
        }
    }

    public RingsPane(RingsViewModel model) {
        this.model = model;
        setId("ringsPane");
        picture.setId("ringsPicture");
        picture.setFitWidth(PICTURE);
        picture.setFitHeight(PICTURE);
        timeline.setId("ringsTimeline");
        timeline.setManaged(false); // sized by the holder, never the other way round
        timeline.setSmooth(false);
        timelineHolder.getChildren().add(timeline);
        for (int ring = 0; ring <= 3; ring++) {
            Text name = new Text("Ring " + ring);
            name.setFont(SMALL);
            name.setFill(Color.gray(0.2));
            name.setTextOrigin(VPos.CENTER);
            name.setManaged(false);
            laneNames[ring] = name;
            timelineHolder.getChildren().add(name);
        }
        footer.setId("ringsTimelineFooter");
        footer.setFont(SMALL);
        footer.setFill(Color.gray(0.3));
        footer.setTextOrigin(VPos.CENTER);
        footer.setManaged(false);
        timelineHolder.getChildren().add(footer);
        timelineHolder.setMinSize(120, 100);
        timelineHolder.setPrefSize(400, PICTURE);
        timelineHolder.widthProperty().addListener(o -> repaint());
        timelineHolder.heightProperty().addListener(o -> repaint());
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
        showPicture();
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

    /** Shows the picture for the CPL now published, drawing it the first time that CPL comes. */
    private void showPicture() {
        double scale = getScene() == null || getScene().getWindow() == null ? 1
                : Math.max(1, getScene().getWindow().getOutputScaleX());
        if (scale != pictureScale) {
            java.util.Arrays.fill(pictures, null); // sharp on a screen of another scale
            pictureScale = scale;
        }
        int cpl = Math.max(-1, Math.min(3, model.cplProperty().get()));
        if (pictures[cpl + 1] == null) {
            Canvas c = new Canvas(PICTURE, PICTURE);
            paintPicture(c.getGraphicsContext2D(), cpl);
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.TRANSPARENT);
            p.setTransform(Transform.scale(scale, scale));
            pictures[cpl + 1] = c.snapshot(p, null);
        }
        if (picture.getImage() != pictures[cpl + 1]) {
            picture.setImage(pictures[cpl + 1]);
        }
    }

    private void paintPicture(GraphicsContext g, int cpl) {
        double c = PICTURE / 2;
        g.clearRect(0, 0, PICTURE, PICTURE);
        double step = (PICTURE / 2 - 6) / 4;
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

    /** Rasterises the timeline and uploads it; places the lane names and the footer over it. */
    private void paintTimeline() {
        int w = (int) Math.floor(timelineHolder.getWidth());
        int h = (int) Math.floor(timelineHolder.getHeight());
        if (w <= 0 || h <= 0) {
            return;
        }
        paintTimeline(raster, w, h);
        WritableImage shown = timelineImage.show(raster); // one bulk copy, no conversion per pixel
        if (timeline.getImage() != shown) {
            timeline.setImage(shown);
        }
        for (int ring = 0; ring <= 3; ring++) {
            laneNames[ring].relocate(4, laneY(ring, h) - laneNames[ring].getLayoutBounds().getHeight() / 2);
        }
        footer.setText(String.format("instruction %,d  (window %,d)", model.newestInstructionsProperty().get(),
                Math.max(1, model.windowInstructionsProperty().get())));
        footer.relocate(w - 4 - footer.getLayoutBounds().getWidth(), h - 10 - footer.getLayoutBounds().getHeight() / 2);
    }

    /**
     * Draws the timeline {@code w} × {@code h} pixels: a band per ring, the dark line along the ring the
     * CPU was in, and for every pixel column one line (from the ring left to the ring entered) and dot
     * (on the ring entered) per kind of transition, however many there were: the cost is bounded by the
     * width, not by the number of transitions in the window.
     */
    void paintTimeline(PixelRaster r, int w, int h) {
        if (r.width() != w || r.height() != h) {
            r.resize(w, h);
        }
        r.clear(PixelRaster.TRANSPARENT);
        int left = LANES_LEFT;
        for (int ring = 0; ring <= 3; ring++) {
            int top = laneTop(ring, h);
            r.fillRect(left, top, w - left, laneTop(ring - 1, h) - top,
                    PixelRaster.gray(ring % 2 == 0 ? 0.96 : 0.92));
        }
        long end = model.newestInstructionsProperty().get();
        long span = Math.max(1, model.windowInstructionsProperty().get());
        long start = end - span;
        int plotW = Math.max(1, w - left - 4);
        RingsViewModel.Marks marks = model.visible(); // read in place, nothing copied
        int n = marks.size();
        // Where the CPU was: a dark line along the lane of the current ring between transitions.
        int cpuLine = PixelRaster.gray(0.25);
        int ring = marks.ringAtStart();
        int x = left;
        for (int i = 0; i < n; i++) {
            int mx = left + column(marks.instructions(i) - start, plotW, span);
            if (ring >= 0 && mx > x) { // many transitions in one pixel column: one segment
                r.horizontalLine(x, mx, laneY(ring, h) - 1, 2, cpuLine);
                x = mx;
            }
            ring = marks.to(i);
        }
        if (ring >= 0) { // also with no transition in the window: the CPU stayed in that ring
            r.horizontalLine(x, left + plotW, laneY(ring, h) - 1, 2, cpuLine);
        }
        int[] drawnInColumn = this.drawnInColumn;
        java.util.Arrays.fill(drawnInColumn, -1);
        int[] laneYs = {laneY(0, h), laneY(1, h), laneY(2, h), laneY(3, h)};
        for (int i = 0; i < n; i++) {
            int column = column(marks.instructions(i) - start, plotW, span);
            int from = marks.from(i) & 3;
            int to = marks.to(i) & 3;
            int kind = marks.kind(i).ordinal();
            int key = (kind * 4 + from) * 4 + to;
            if (drawnInColumn[key] == column) {
                continue;
            }
            drawnInColumn[key] = column;
            int mx = left + column;
            int colour = COLOURS[kind];
            r.verticalLine(mx, laneYs[from], laneYs[to], colour);
            r.dot(mx, laneYs[to], colour);
        }
    }

    /** The pixel column, from the left of the plot, of {@code offset} instructions into a window of {@code span}. */
    private static int column(long offset, int plotW, long span) {
        return (int) Math.floor(offset * (double) plotW / span);
    }

    /** The lane height of a timeline {@code h} pixels high. */
    private static double lane(int h) {
        return (h - 24) / 4.0;
    }

    /** The first row of ring {@code ring}'s lane (ring -1: the row below ring 0's lane). */
    static int laneTop(int ring, int h) {
        return (int) Math.round(4 + lane(h) * (3 - ring));
    }

    /** The middle row of ring {@code ring}'s lane, where the CPU line and the dots are. */
    static int laneY(int ring, int h) {
        return (int) Math.round(4 + lane(h) * (3 - ring) + lane(h) / 2);
    }

    /** The timeline as shown (for tests): null before the first repaint. */
    Image timelineImage() {
        return timelineImage.image();
    }
}
