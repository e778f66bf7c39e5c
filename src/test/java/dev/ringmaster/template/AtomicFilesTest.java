package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path f = tmp.resolve("a.json");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        assertEquals("one", Files.readString(f));
        AtomicFiles.write(f, "two, longer".getBytes(StandardCharsets.UTF_8));
        assertEquals("two, longer", Files.readString(f));
        assertEquals(List.of("a.json"), names(), "no temporary file left behind");
    }

    @Test
    void createsMissingParentDirectories() throws IOException {
        Path f = tmp.resolve("x/y/a.json");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    }

    @Test
    void aWriterThatDiesHalfwayLeavesTheOldFileWhole() throws IOException {
        Path f = tmp.resolve("a.json");
        Files.writeString(f, "the good old content");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("the good old content", Files.readString(f));
        assertEquals(List.of("a.json"), names(), "the partial temporary file is removed");
    }

    @Test
    void aFailedRenameLeavesTheOldFileWhole() throws IOException {
        Path f = tmp.resolve("a.json");
        Files.writeString(f, "the good old content");
        String[] tempContentAtMove = new String[1];
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> out.write("brand new content".getBytes(StandardCharsets.UTF_8)),
                (temp, target) -> {
                    // At rename time the temporary file is complete and beside the target; the target is untouched.
                    assertEquals(f.getParent(), temp.getParent());
                    tempContentAtMove[0] = Files.readString(temp);
                    assertEquals("the good old content", Files.readString(target));
                    throw new IOException("simulated crash before the rename");
                }));
        assertEquals("brand new content", tempContentAtMove[0]);
        assertEquals("the good old content", Files.readString(f));
        assertEquals(List.of("a.json"), names());
    }

    @Test
    void keepsThePermissionsOfTheFileItReplaces() throws IOException {
        Path f = tmp.resolve("a.json");
        AtomicFiles.write(f, new byte[] {1});
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(f, new byte[] {2});
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
}
