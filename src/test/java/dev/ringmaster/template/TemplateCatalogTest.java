package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {
    @TempDir
    Path tmp;

    @Test
    void listsGoodTemplatesAndOneErrorPerBadFile() throws Exception {
        Path dir = Fixtures.templatesDir(tmp);
        Fixtures.write(dir, "rmx.json", Fixtures.RMX);
        Fixtures.write(dir, "post.json", Fixtures.ROM);
        Fixtures.write(dir, "big.json", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 4096"));
        Fixtures.write(dir, "broken.json", "{ \"name\": ");
        Fixtures.write(dir, ".rmx.json.123.tmp", "partial");
        Fixtures.write(dir, ".hidden.json", "not even json");
        Fixtures.write(dir, "README.txt", "not a template");
        Files.createDirectories(dir.resolve("sub.json"));

        TemplateCatalog c = TemplateCatalog.load(dir);
        assertEquals(List.of("post", "rmx"), c.templates().stream().map(Template::id).toList());
        assertEquals(List.of(dir.resolve("big.json"), dir.resolve("broken.json")),
                c.errors().stream().map(ConfigFileException::file).toList());
        assertEquals(dir + "/big.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found 4096",
                c.errors().get(0).getMessage());
        assertTrue(c.errors().get(1).getMessage().startsWith(dir + "/broken.json:1:11: field \"name\": JSON syntax error: "),
                c.errors().get(1).getMessage());
        assertEquals("rmx", c.find("rmx").orElseThrow().id());
        assertTrue(c.find("big").isEmpty());
        assertTrue(c.errorFor("big").isPresent());
        assertTrue(c.errorFor("rmx").isEmpty());
    }

    @Test
    void resolveNamesTheReferringFileAndTheTemplateProblem() throws Exception {
        Path dir = Fixtures.templatesDir(tmp);
        Fixtures.write(dir, "rmx.json", Fixtures.RMX);
        Fixtures.write(dir, "big.json", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 4096"));
        TemplateCatalog c = TemplateCatalog.load(dir);
        Path def = tmp.resolve("vm.json");

        assertEquals("rmx", c.resolve("rmx", def, "template").id());
        ConfigFileException missing = assertThrows(ConfigFileException.class, () -> c.resolve("nope", def, "template"));
        assertEquals(def + ": field \"template\": no template \"nope\" in " + dir + " (available: rmx)", missing.getMessage());
        ConfigFileException bad = assertThrows(ConfigFileException.class, () -> c.resolve("big", def, "template"));
        assertEquals(def + ": field \"template\": template \"big\" cannot be used: " + dir
                + "/big.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found 4096", bad.getMessage());
    }

    @Test
    void emptyDirectoryIsAnEmptyCatalog() throws Exception {
        TemplateCatalog c = TemplateCatalog.load(tmp);
        assertTrue(c.templates().isEmpty());
        assertTrue(c.errors().isEmpty());
    }

    @Test
    void missingDirectoryIsNoSuchFile() throws Exception {
        assertThrows(NoSuchFileException.class, () -> TemplateCatalog.load(tmp.resolve("nowhere")));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(NotDirectoryException.class, () -> TemplateCatalog.load(file));
    }
}
