package dev.ringmaster.app.wizard;

import dev.ringmaster.engine.vmm.Technique;
import javafx.geometry.VPos;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The protection rings as concentric circles (ring 0 inside, ring 3 outside) with where a technique
 * runs the guest's kernel, the guest's user code and the VMM — the small picture of the New VM
 * wizard's technique page.
 */
public final class RingsDiagram extends Pane {
    static final double SIZE = 190;
    private static final Color[] FILL = {Color.web("#f6d7b0"), Color.web("#fbe9d2"), Color.web("#dde9f7"), Color.web("#e3f1e0")};

    public RingsDiagram() {
        setMinSize(SIZE, SIZE + 34);
        setPrefSize(SIZE, SIZE + 34);
        setMaxSize(SIZE, SIZE + 34);
        getStyleClass().add("rings-diagram");
    }

    /** Redraws for {@code t} (nothing for null). */
    public void show(Technique t) {
        getChildren().clear();
        if (t == null) {
            return;
        }
        double c = SIZE / 2;
        for (int ring = 3; ring >= 0; ring--) {
            Circle circle = new Circle(c, c, radius(ring), FILL[ring]);
            circle.setStroke(Color.gray(0.45));
            getChildren().add(circle);
            Text label = text("ring " + ring, 9, Color.gray(0.35));
            label.setX(c - 14);
            label.setY(c - radius(ring) + 9);
            getChildren().add(label);
        }
        int kernel = t.guestKernelRing();
        boolean container = t == Technique.CONTAINER;
        place(3, container ? "containers" : "guest user", Color.web("#2e7d32"), 0);
        place(kernel, container ? "shared kernel" : "guest kernel", Color.web("#c62828"), kernel == 0 ? -8 : 0);
        switch (t) {
            case TRAP, BT, PV -> place(0, "VMM", Color.web("#1565c0"), 8);
            case HW -> {
                Rectangle root = new Rectangle(20, SIZE + 6, SIZE - 40, 24);
                root.setArcWidth(8);
                root.setArcHeight(8);
                root.setFill(Color.web("#1565c0"));
                Text vmm = text("VMM in VMX root mode", 11, Color.WHITE);
                vmm.setX(c - 58);
                vmm.setY(SIZE + 22);
                getChildren().addAll(root, vmm);
            }
            default -> {
                Text none = text(container ? "no VMM: one kernel for all" : "no VMM", 11, Color.gray(0.3));
                none.setX(c - (container ? 68 : 22));
                none.setY(SIZE + 22);
                getChildren().add(none);
            }
        }
    }

    private static double radius(int ring) {
        return 26 + ring * 22;
    }

    private void place(int ring, String what, Color color, double dy) {
        double c = SIZE / 2;
        double y = ring == 0 ? c + dy : c + radius(ring) - 11 + dy;
        Text t = text(what, 11, color);
        t.setStyle("-fx-font-weight: bold");
        t.setTextAlignment(TextAlignment.CENTER);
        t.setX(c - what.length() * 3.1);
        t.setY(y);
        getChildren().add(t);
    }

    private static Text text(String s, double size, Color color) {
        Text t = new Text(s);
        t.setFont(Font.font(size));
        t.setFill(color);
        t.setTextOrigin(VPos.CENTER);
        return t;
    }
}
