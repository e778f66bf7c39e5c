package dev.ringmaster.app.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/ann");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void theSystemPropertyWins() {
        assertEquals(Path.of("/tmp/t/cfg"), ConfigDirectory.resolve(
                props(ConfigDirectory.PROPERTY, "/tmp/t/./cfg"), Map.of("XDG_CONFIG_HOME", "/x")));
    }

    @Test
    void xdgConfigHomeWhenAbsolute() {
        assertEquals(Path.of("/x/conf/ringmaster"), ConfigDirectory.resolve(props(), Map.of("XDG_CONFIG_HOME", "/x/conf")));
    }

    @Test
    void aRelativeOrBlankXdgConfigHomeIsIgnored() {
        assertEquals(Path.of("/home/ann/.config/ringmaster"),
                ConfigDirectory.resolve(props(), Map.of("XDG_CONFIG_HOME", "relative/conf")));
        assertEquals(Path.of("/home/ann/.config/ringmaster"),
                ConfigDirectory.resolve(props(ConfigDirectory.PROPERTY, " "), Map.of("XDG_CONFIG_HOME", "")));
    }

    @Test
    void homeConfigByDefault() {
        assertEquals(Path.of("/home/ann/.config/ringmaster"), ConfigDirectory.resolve(props(), Map.of()));
    }
}
