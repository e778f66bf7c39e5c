package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validates every template that is actually in the repository's {@code vm-templates/}, so that a
 * template added with a typo or a missing image fails the build.
 */
class RepositoryTemplatesTest {
    private static Path projectDir() {
        return Path.of(System.getProperty("ringmaster.project.dir", "")).toAbsolutePath();
    }

    @Test
    void everyTemplateInTheRepositoryIsValid() throws IOException {
        Path dir = projectDir().resolve(TemplateLocator.DIR_NAME);
        assumeTrue(Files.isDirectory(dir), "the repository has no vm-templates/ directory yet");
        TemplateCatalog catalog = TemplateCatalog.load(dir);
        String errors = catalog.errors().stream().map(Exception::getMessage).collect(Collectors.joining("\n"));
        assertTrue(catalog.errors().isEmpty(), "invalid templates:\n" + errors);
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertEquals(files, catalog.templates().stream().map(Template::id).toList(), "every *.json loaded as a template");
    }

    @Test
    void theLocatorFindsTheRepositoryTemplatesFromTheProjectDirectory() throws IOException {
        Path dir = projectDir().resolve(TemplateLocator.DIR_NAME);
        assumeTrue(Files.isDirectory(dir), "the repository has no vm-templates/ directory yet");
        assertEquals(dir.normalize(), TemplateLocator.locate(new java.util.Properties(), projectDir(), null));
    }
}
