package dev.ringmaster.app;

import dev.ringmaster.app.prefs.WindowGeometry;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts a window back where it was and remembers where it is. The size kept is the content's (the
 * scene's), not the frame's: the scene is created at that size, so the dock is first laid out at
 * exactly the size it was saved at, and panes that keep their size when the window is resized
 * (the VM list, the event log) come back with the same pixel size whatever the window decorations.
 * While the window is maximized or iconified the last normal bounds are kept.
 */
final class WindowPlacement {
    private final Stage stage;
    private final WindowGeometry saved;
    private Scene scene;
    private WindowGeometry normal;

    /**
     * @param saved where the window was last time, or null; ignored unless its title bar would be
     *              on one of the current screens (a monitor may have gone away)
     */
    WindowPlacement(Stage stage, WindowGeometry saved) {
        this.stage = stage;
        this.saved = saved != null && onSomeScreen(saved) ? saved : null;
    }

    /** The window's scene, of the saved content size or else {@code width} × {@code height}. */
    Scene createScene(Parent root, double width, double height) {
        scene = saved == null ? new Scene(root, width, height) : new Scene(root, saved.width(), saved.height());
        return scene;
    }

    /** Sets the scene on the stage and places it: at the saved position, or centred. */
    void place() {
        stage.setScene(scene);
        if (saved == null) {
            stage.centerOnScreen();
        } else {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setMaximized(saved.maximized());
            normal = saved;
        }
        List<ObservableValue<Number>> watched = List.of(stage.xProperty(), stage.yProperty(),
                scene.widthProperty(), scene.heightProperty());
        for (ObservableValue<Number> v : watched) {
            v.addListener((o, old, cur) -> {
                if (stage.isShowing() && !stage.isMaximized() && !stage.isIconified()) {
                    WindowGeometry now = bounds(false);
                    if (now != null) {
                        normal = now;
                    }
                }
            });
        }
    }

    /** Where the window is now (its normal bounds when maximized), or null before it was ever shown. */
    WindowGeometry current() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            WindowGeometry now = bounds(false);
            if (now != null) {
                normal = now;
            }
        }
        return normal == null ? null
                : new WindowGeometry(normal.x(), normal.y(), normal.width(), normal.height(), stage.isMaximized());
    }

    private WindowGeometry bounds(boolean maximized) {
        try {
            return new WindowGeometry(stage.getX(), stage.getY(), scene.getWidth(), scene.getHeight(), maximized);
        } catch (IllegalArgumentException notUsable) {
            return null; // NaN before the window is shown, or smaller than a usable window
        }
    }

    /** At least a corner of the title bar must be on a screen, or the window could not be moved back. */
    private static boolean onSomeScreen(WindowGeometry g) {
        Rectangle2D titleBar = new Rectangle2D(g.x(), g.y(), Math.min(g.width(), 200), 30);
        return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
    }
}
