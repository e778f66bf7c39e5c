package dev.ringmaster.app.prefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T09:30:05Z"), ZoneOffset.UTC);
    private static final String BACKUP = "prefs.json.corrupt-20251125-093005";

    @TempDir
    Path dir;

    private ConfigFile<Preferences> file() {
        return new ConfigFile<>(dir.resolve("prefs.json"), Preferences.CODEC, CLOCK);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMissingFileIsMissingAndNothingIsCreated() throws IOException {
        ConfigRead<Preferences> read = file().read();
        assertInstanceOf(ConfigRead.Missing.class, read);
        assertEquals(Preferences.DEFAULTS, read.orElse(Preferences.DEFAULTS));
        assertEquals(List.of(), names());
    }

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        Preferences p = Preferences.DEFAULTS.withTheme(Theme.DARK)
                .withWindow("manager", new WindowGeometry(10, 20, 800, 600, true));
        file().write(p);
        ConfigRead<Preferences> read = file().read();
        assertEquals(new ConfigRead.Loaded<>(dir.resolve("prefs.json"), p), read);
        assertEquals(List.of("prefs.json"), names(), "no temporary file left behind");
    }

    @Test
    void aCorruptFileIsMovedAsideBeforeAnythingIsWrittenAndKeptAfterwards() throws IOException {
        byte[] garbage = "{\"format\": 1, \"theme\": \"da".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("prefs.json"), garbage);
        ConfigFile<Preferences> f = file();

        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, f.read());
        assertEquals(dir.resolve(BACKUP), u.backup());
        assertNull(u.backupProblem());
        assertTrue(u.problem().contains("line 1"), u.problem());
        assertEquals(List.of(BACKUP), names(), "moved, not copied: the corrupt file is no longer in the way");
        assertArrayEquals(garbage, Files.readAllBytes(dir.resolve(BACKUP)));

        f.write(Preferences.DEFAULTS);
        assertEquals(List.of("prefs.json", BACKUP), names());
        assertArrayEquals(garbage, Files.readAllBytes(dir.resolve(BACKUP)), "the backup is never written over");
        assertInstanceOf(ConfigRead.Loaded.class, file().read());
    }

    @Test
    void theMessageSaysWhatWasWrongWhereTheFileWentAndWhatIsShown() throws IOException {
        Files.writeString(dir.resolve("prefs.json"), "{\"format\": 1, \"theme\": \"purple\"}");
        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, file().read());
        String text = u.describe("preferences", "the default preferences are used");
        assertTrue(text.startsWith("The saved preferences (" + dir.resolve("prefs.json") + ") could not be used: "), text);
        assertTrue(text.contains("unknown theme \"purple\""), text);
        assertTrue(text.endsWith("It was kept as " + BACKUP + " and the default preferences are used."), text);
    }

    @Test
    void secondBackupOfTheSameSecondGetsItsOwnName() throws IOException {
        Files.writeString(dir.resolve("prefs.json"), "not json");
        assertInstanceOf(ConfigRead.Unusable.class, file().read());
        Files.writeString(dir.resolve("prefs.json"), "still not json");
        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, file().read());
        assertEquals(dir.resolve(BACKUP + "-2"), u.backup());
        assertEquals("not json", Files.readString(dir.resolve(BACKUP)));
        assertEquals("still not json", Files.readString(dir.resolve(BACKUP + "-2")));
    }

    @Test
    void anUnreadableFileIsMovedAsideToo() throws IOException {
        // A directory where the file should be: reading fails with an I/O error whoever runs the test.
        Files.createDirectory(dir.resolve("prefs.json"));
        Files.writeString(dir.resolve("prefs.json").resolve("inside"), "x");
        ConfigFile<Preferences> f = file();
        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, f.read());
        assertEquals("it is not a regular file", u.problem());
        assertTrue(Files.isRegularFile(dir.resolve(BACKUP).resolve("inside")), "kept with its content");
        f.write(Preferences.DEFAULTS);
        assertTrue(Files.isRegularFile(dir.resolve("prefs.json")));
    }

    @Test
    void whenTheFileCannotBeMovedAsideItIsNeverWrittenOver() throws IOException {
        Files.writeString(dir.resolve("prefs.json"), "{ broken");
        ConfigFile<Preferences> f = new ConfigFile<>(dir.resolve("prefs.json"), Preferences.CODEC, CLOCK,
                (from, to) -> {
                    throw new AccessDeniedException(to.toString());
                });
        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, f.read());
        assertNull(u.backup());
        assertTrue(u.backupProblem().startsWith("AccessDeniedException"), u.backupProblem());
        assertTrue(f.isProtected());
        assertTrue(u.describe("window layout", "the default layout is shown")
                .contains("will not save over it in this session"));

        IOException e = assertThrows(IOException.class, () -> f.write(Preferences.DEFAULTS));
        assertTrue(e.getMessage().startsWith("not saving over"), e.getMessage());
        assertEquals("{ broken", Files.readString(dir.resolve("prefs.json")));
        assertEquals(List.of("prefs.json"), names());
    }

    @Test
    void aHugeFileIsNotReadIntoMemory() throws IOException {
        Path p = dir.resolve("prefs.json");
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(ConfigFile.MAX_BYTES);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'}'}));
        }
        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, file().read());
        assertEquals("it is larger than 4 MiB", u.problem());
        assertFalse(Files.exists(p));
    }
}
