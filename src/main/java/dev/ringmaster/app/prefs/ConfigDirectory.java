package dev.ringmaster.app.prefs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where Ringmaster keeps the user's GUI settings (preferences, window layouts), following the XDG
 * base directory specification:
 * <ol>
 *   <li>the system property {@value #PROPERTY} when set (tests always point it at a temporary directory);</li>
 *   <li>{@code $XDG_CONFIG_HOME/ringmaster} when {@code XDG_CONFIG_HOME} is an absolute path
 *       (the specification says a relative one is ignored);</li>
 *   <li>{@code ~/.config/ringmaster}.</li>
 * </ol>
 * The directory is created on the first save, not when it is resolved.
 */
public final class ConfigDirectory {
    /** System property overriding the configuration directory. */
    public static final String PROPERTY = "ringmaster.config.dir";

    private ConfigDirectory() {
    }

    /** The configuration directory of this process. */
    public static Path resolve() {
        return resolve(System.getProperties(), System.getenv());
    }

    public static Path resolve(Properties props, Map<String, String> env) {
        String explicit = props.getProperty(PROPERTY, "");
        if (!explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path base;
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        if (!xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            base = Path.of(props.getProperty("user.home"), ".config");
        }
        return base.resolve("ringmaster").toAbsolutePath().normalize();
    }
}
