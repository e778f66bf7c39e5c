package dev.ringmaster.app.docking;

import dev.ringmaster.app.prefs.ConfigFile;
import dev.ringmaster.app.prefs.ConfigRead;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The saved dock layouts of a configuration directory, one file per window: the manager window's
 * is {@code <config>/layout.json}, any other window's (a VM window: {@code vm-<uuid>}) is
 * {@code <config>/layouts/<window id>.json}. Reading an unusable file moves it aside first and
 * saving over a file that could not be moved aside is refused: see {@link ConfigFile}.
 */
public final class LayoutStore {
    /** The manager window's id. */
    public static final String MANAGER_WINDOW = "manager";
    public static final String MANAGER_FILE = "layout.json";
    public static final String WINDOWS_DIR = "layouts";
    private static final Pattern WINDOW_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Path configDir;
    private final Clock clock;
    /** One file object per window, so that a refused (protected) file stays refused for the session. */
    private final Map<String, ConfigFile<DockLayout>> files = new HashMap<>();

    public LayoutStore(Path configDir, Clock clock) {
        this.configDir = configDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The layout file of a window. */
    public Path fileFor(String windowId) {
        if (windowId == null || !WINDOW_ID.matcher(windowId).matches()) {
            throw new IllegalArgumentException("\"" + windowId + "\" is not a window id (lower-case letters, digits, '-')");
        }
        return windowId.equals(MANAGER_WINDOW)
                ? configDir.resolve(MANAGER_FILE)
                : configDir.resolve(WINDOWS_DIR).resolve(windowId + ".json");
    }

    private ConfigFile<DockLayout> file(String windowId) {
        return files.computeIfAbsent(windowId, id -> new ConfigFile<>(fileFor(id), DockLayout.CODEC, clock));
    }

    /** Reads a window's layout; see {@link ConfigFile#read()}. */
    public ConfigRead<DockLayout> load(String windowId) {
        return file(windowId).read();
    }

    /** Saves a window's layout atomically; refused when its unusable file could not be moved aside. */
    public void save(String windowId, DockLayout layout) throws IOException {
        file(windowId).write(layout);
    }
}
