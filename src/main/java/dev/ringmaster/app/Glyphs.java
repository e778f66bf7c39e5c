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

    private static Node styled(Node n) {
        n.getStyleClass().add("glyph");
        if (n instanceof Group g) {
            g.getChildren().forEach(c -> c.getStyleClass().add("glyph"));
        }
        return n;
    }
}
