package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
    private static Properties props(String dataDir) {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/ann");
        if (dataDir != null) {
            p.setProperty(DataDirectory.PROPERTY, dataDir);
        }
        return p;
    }

    @Test
    void propertyThenXdgThenHome() {
        assertEquals(Path.of("/tmp/rm"), DataDirectory.resolve(props("/tmp/rm"), Map.of("XDG_DATA_HOME", "/xdg")));
        assertEquals(Path.of("/xdg/ringmaster"), DataDirectory.resolve(props(null), Map.of("XDG_DATA_HOME", "/xdg")));
        assertEquals(Path.of("/home/ann/.local/share/ringmaster"), DataDirectory.resolve(props(null), Map.of()));
    }

    @Test
    void relativeXdgDataHomeIsIgnoredAsTheSpecificationSays() {
        assertEquals(Path.of("/home/ann/.local/share/ringmaster"),
                DataDirectory.resolve(props(null), Map.of("XDG_DATA_HOME", "relative/dir")));
        assertEquals(Path.of("/home/ann/.local/share/ringmaster"),
                DataDirectory.resolve(props(null), Map.of("XDG_DATA_HOME", "")));
    }

    @Test
    void vmsLiveInASubdirectory() {
        assertEquals(Path.of("/d/vms"), DataDirectory.vmsDir(Path.of("/d")));
    }
}
