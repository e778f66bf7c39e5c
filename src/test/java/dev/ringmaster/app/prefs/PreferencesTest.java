package dev.ringmaster.app.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreferencesTest {
    private static Preferences decode(String json) throws ConfigFormatException {
        return Preferences.CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(String json) {
        return assertThrows(ConfigFormatException.class, () -> decode(json)).getMessage();
    }

    @Test
    void theFileFormatIsStableAndReadable() throws ConfigFormatException {
        Preferences p = Preferences.DEFAULTS.withTheme(Theme.DARK)
                .withWindow("manager", new WindowGeometry(80, 60, 1100, 720, false));
        String json = new String(Preferences.CODEC.encode(p), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "format" : 1,
                  "theme" : "dark",
                  "windows" : {
                    "manager" : {
                      "x" : 80.0,
                      "y" : 60.0,
                      "width" : 1100.0,
                      "height" : 720.0,
                      "maximized" : false
                    }
                  }
                }
                """, json);
        assertEquals(p, decode(json));
        assertEquals(Optional.of(new WindowGeometry(80, 60, 1100, 720, false)), p.window("manager"));
    }

    @Test
    void onlyTheKnownThemesAreAccepted() {
        assertTrue(problem("{\"format\":1,\"theme\":\"Dark\"}").contains("unknown theme \"Dark\" (known: light, dark)"));
        assertTrue(problem("{\"format\":1}").contains("theme is missing"));
    }

    @Test
    void otherFormatsUnknownFieldsAndBadGeometryAreRejectedWithTheField() {
        assertTrue(problem("{\"format\":2,\"theme\":\"light\"}").contains("format 2 is not 1"));
        assertTrue(problem("{\"format\":1,\"theme\":\"light\",\"colour\":3}").contains("colour"));
        String tiny = problem("{\"format\":1,\"theme\":\"light\",\"windows\":{\"manager\":"
                + "{\"x\":0,\"y\":0,\"width\":5,\"height\":600,\"maximized\":false}}}");
        assertTrue(tiny.contains("window size out of range"), tiny);
        assertTrue(tiny.contains("windows.manager"), tiny);
        assertTrue(problem("[]").startsWith("line 1, column 1: "), problem("[]"));
        assertTrue(problem("{\"format\":1,\"theme\":\"light\"} trailing").contains("line 1"));
        assertTrue(problem("{\"format\":1,\"format\":1,\"theme\":\"light\"}").contains("Duplicate field"));
    }

    @Test
    void eachThemeHasItsStylesheetOnTheClasspath() {
        assertTrue(Theme.class.getResource(Theme.BASE_STYLESHEET) != null, Theme.BASE_STYLESHEET);
        for (Theme t : Theme.values()) {
            assertTrue(Theme.class.getResource(t.stylesheet()) != null, t.stylesheet());
            assertEquals(t, Theme.fromId(t.id()));
        }
    }
}
