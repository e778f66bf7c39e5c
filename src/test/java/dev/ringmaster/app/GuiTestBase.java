package dev.ringmaster.app;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ringmaster.app.prefs.ConfigDirectory;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the GUI tests share: a toolkit (headless Monocle, see the pom's surefire settings), the
 * Ringmaster directories pointed at a temporary directory through their system properties (never
 * the real home), and opening/closing real manager windows.
 */
abstract class GuiTestBase {
    private static final String[] PROPERTIES = {ConfigDirectory.PROPERTY, DataDirectory.PROPERTY, TemplateLocator.PROPERTY};
    private final Map<String, String> saved = new HashMap<>();
    protected final FxRobot robot = new FxRobot();
    @TempDir
    Path temp;
    Path configDir;
    Path dataDir;

    @BeforeEach
    void startToolkitAndPointTheDirectoriesAtTemp() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        configDir = temp.resolve("config");
        dataDir = temp.resolve("data");
        Path templates = Files.createDirectories(temp.resolve("vm-templates"));
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
        }
        System.setProperty(ConfigDirectory.PROPERTY, configDir.toString());
        System.setProperty(DataDirectory.PROPERTY, dataDir.toString());
        System.setProperty(TemplateLocator.PROPERTY, templates.toString());
    }

    @AfterEach
    void closeWindowsAndRestoreTheProperties() throws Exception {
        FxToolkit.cleanupStages();
        for (String p : PROPERTIES) {
            if (saved.get(p) == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, saved.get(p));
            }
        }
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

    /** The node {@code query} finds (the first), as a {@code type}. */
    <T extends javafx.scene.Node> T lookup(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    /** Opens a VM window on {@code session} on a new stage, as the manager's Open does. */
    VmWindow openVm(VmSession session) throws Exception {
        VmWindow w = fx(() -> {
            VmWindow v = new VmWindow(new Stage(), session, AppEnvironment.fromSystem());
            v.show();
            return v;
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

    /** Waits (polling, never sleeping blindly) until {@code condition}, evaluated on the FX thread, holds. */
    static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            fail("timed out waiting until " + what);
        }
    }
}
