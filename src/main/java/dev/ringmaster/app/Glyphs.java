package dev.ringmaster.app;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

/** Small vector icons for the toolbar (shapes, so they look the same with every font). */
final class Glyphs {
    private static final double S = 12;

    private Glyphs() {
    }

    static Node run() {
        return styled(new Polygon(1, 0, S, S / 2, 1, S));
    }

    static Node pause() {
        return styled(new Group(new Rectangle(1, 0, 4, S), new Rectangle(S - 5, 0, 4, S)));
    }

    static Node forceOff() {
        return styled(new Rectangle(1, 1, S - 2, S - 2));
    }

    static Node add() {
        return styled(new Group(new Rectangle(S / 2 - 1.5, 0, 3, S), new Rectangle(0, S / 2 - 1.5, S, 3)));
    }

    /** A screen: Open (the VM's console and panes). */
    static Node open() {
        Rectangle screen = new Rectangle(0, 1, S, S - 4);
        screen.getStyleClass().add("glyph-outline");
        return styled(new Group(screen, new Rectangle(S / 2 - 2, S - 3, 4, 3)));
    }

    /** A circular arrow: Reset. */
    static Node reset() {
        javafx.scene.shape.Arc arc = new javafx.scene.shape.Arc(S / 2, S / 2, S / 2 - 1.5, S / 2 - 1.5, 100, 280);
        arc.setType(javafx.scene.shape.ArcType.OPEN);
        arc.getStyleClass().add("glyph-outline");
        return styled(new Group(arc, new Polygon(S / 2 - 1, -1, S / 2 + 4, 1.5, S / 2 - 1, 4.5)));
    }

    /** A camera: Snapshot. */
    static Node snapshot() {
        javafx.scene.shape.Circle lens = new javafx.scene.shape.Circle(S / 2, S / 2 + 1, 2.6);
        lens.getStyleClass().add("glyph-hole");
        return styled(new Group(new Rectangle(0, 3, S, S - 4), new Rectangle(3, 1, 5, 3), lens));
    }

    private static Node styled(Node n) {
        n.getStyleClass().add("glyph");
        if (n instanceof Group g) {
            g.getChildren().forEach(c -> c.getStyleClass().add("glyph"));
        }
        return n;
    }
}
