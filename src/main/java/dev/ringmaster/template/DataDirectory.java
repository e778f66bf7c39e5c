package dev.ringmaster.template;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The user's Ringmaster data directory, following the XDG base directory specification:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, when set (tests always set it, to a temporary directory);</li>
 *   <li>{@code $XDG_DATA_HOME/ringmaster} when {@code XDG_DATA_HOME} is set to an absolute path
 *       (the specification says to ignore a relative one);</li>
 *   <li>{@code ~/.local/share/ringmaster}.</li>
 * </ol>
 * VM definitions live in its {@code vms/} sub-directory.
 */
public final class DataDirectory {
    /** System property overriding the data directory. */
    public static final String PROPERTY = "ringmaster.data.dir";

    private DataDirectory() {
    }

    /** The data directory of this process. */
    public static Path resolve() {
        return resolve(System.getProperties(), System.getenv());
    }

    public static Path resolve(Properties props, Map<String, String> env) {
        String explicit = props.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "ringmaster").normalize();
        }
        String home = props.getProperty("user.home");
        return Path.of(home, ".local", "share", "ringmaster").toAbsolutePath().normalize();
    }

    /** Where the VM definitions of this data directory are: {@code <data>/vms}. */
    public static Path vmsDir(Path dataDir) {
        return dataDir.resolve("vms");
    }
}
