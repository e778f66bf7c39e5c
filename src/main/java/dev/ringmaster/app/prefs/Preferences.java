package dev.ringmaster.app.prefs;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The user's GUI preferences ({@code preferences.json} in the {@link ConfigDirectory}):
 * <pre>{@code
 * { "format": 1, "theme": "dark",
 *   "windows": { "manager": { "x": 80, "y": 60, "width": 1100, "height": 720, "maximized": false } } }
 * }</pre>
 *
 * @param format  {@link #FORMAT}; a file with another number is not used (it is moved aside)
 * @param theme   the colour theme of every window
 * @param windows last geometry of each window, by window id (the same ids as the layout files)
 */
@JsonPropertyOrder({"format", "theme", "windows"})
public record Preferences(int format, Theme theme, Map<String, WindowGeometry> windows) {
    public static final int FORMAT = 1;
    public static final String FILE_NAME = "preferences.json";
    public static final Preferences DEFAULTS = new Preferences(FORMAT, Theme.LIGHT, Map.of());

    public Preferences {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not " + FORMAT
                    + " (written by another version of Ringmaster)");
        }
        if (theme == null) {
            throw new IllegalArgumentException("theme is missing");
        }
        TreeMap<String, WindowGeometry> sorted = new TreeMap<>();
        if (windows != null) {
            windows.forEach((id, geometry) -> {
                if (id == null || id.isBlank() || geometry == null) {
                    throw new IllegalArgumentException("windows: an entry without an id or a geometry");
                }
                sorted.put(id, geometry);
            });
        }
        windows = Collections.unmodifiableMap(sorted);
    }

    public Preferences withTheme(Theme newTheme) {
        return new Preferences(format, newTheme, windows);
    }

    public Optional<WindowGeometry> window(String windowId) {
        return Optional.ofNullable(windows.get(windowId));
    }

    public Preferences withWindow(String windowId, WindowGeometry geometry) {
        Map<String, WindowGeometry> copy = new TreeMap<>(windows);
        copy.put(windowId, geometry);
        return new Preferences(format, theme, copy);
    }

    /** The preferences file of a configuration directory: {@code <dir>/preferences.json}. */
    public static ConfigFile<Preferences> file(Path configDir, Clock clock) {
        return new ConfigFile<>(configDir.resolve(FILE_NAME), CODEC, clock);
    }

    /** The file codec: strict JSON, see {@link ConfigJson}. */
    public static final ConfigFile.Codec<Preferences> CODEC = ConfigJson.codec(Preferences.class);
}
