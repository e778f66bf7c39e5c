package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.prefs.ConfigDirectory;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the GUI tests share: a toolkit (headless Monocle, see the pom's surefire settings), the
 * Ringmaster directories pointed at a temporary directory through their system properties (never
 * the real home), and opening/closing real manager windows.
 */
final class GuiTestSupport {
    private static final String[] PROPERTIES = {ConfigDirectory.PROPERTY, DataDirectory.PROPERTY, TemplateLocator.PROPERTY};
    private final Map<String, String> saved = new HashMap<>();
    final Path configDir;
    final Path dataDir;

    GuiTestSupport(Path root) throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        configDir = root.resolve("config");
        dataDir = root.resolve("data");
        Path templates = Files.createDirectories(root.resolve("vm-templates"));
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
        }
        System.setProperty(ConfigDirectory.PROPERTY, configDir.toString());
        System.setProperty(DataDirectory.PROPERTY, dataDir.toString());
        System.setProperty(TemplateLocator.PROPERTY, templates.toString());
    }

    /** Opens a manager window on a new stage, as the application does at start-up. */
    ManagerWindow open() throws Exception {
        ManagerWindow w = fx(() -> {
            ManagerWindow m = new ManagerWindow(new Stage(), AppEnvironment.fromSystem());
            m.show();
            return m;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return w;
    }

    /** Closes a window as the user does (its state is saved while it hides). */
    void close(ManagerWindow w) throws Exception {
        fx(() -> {
            w.stage().close();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    /** Waits (without sleeping blindly) until {@code condition}, evaluated on the FX thread, holds. */
    static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            assertTrue(false, "timed out waiting until " + what);
        }
    }

    /** Closes every window the test left open and restores the system properties. */
    void dispose() throws Exception {
        FxToolkit.cleanupStages();
        for (String p : PROPERTIES) {
            if (saved.get(p) == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, saved.get(p));
            }
        }
    }
}
