package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLocatorTest {
    @TempDir
    Path tmp;

    private static Properties props(String dir) {
        Properties p = new Properties();
        if (dir != null) {
            p.setProperty(TemplateLocator.PROPERTY, dir);
        }
        return p;
    }

    @Test
    void systemPropertyWinsAndMustExist() throws Exception {
        Path explicit = Files.createDirectories(tmp.resolve("mine"));
        Files.createDirectories(tmp.resolve("vm-templates"));
        assertEquals(explicit, TemplateLocator.locate(props(explicit.toString()), tmp, null));
        assertEquals(explicit, TemplateLocator.locate(props("mine"), tmp, null), "relative to the working directory");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> TemplateLocator.locate(props(tmp.resolve("gone").toString()), tmp, null));
        assertTrue(e.getMessage().contains("-Dringmaster.templates.dir"), e.getMessage());
    }

    @Test
    void projectDirectoryIsTheWorkingDirectory() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path templates = Files.createDirectories(project.resolve("vm-templates"));
        assertEquals(templates, TemplateLocator.locate(props(null), project, null));
    }

    @Test
    void nextToTheJarOrClasses() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path templates = Files.createDirectories(project.resolve("vm-templates"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertEquals(templates, TemplateLocator.locate(props(null), elsewhere, project.resolve("target/ringmaster.jar")));
        assertEquals(templates, TemplateLocator.locate(props(null), elsewhere, project.resolve("target/classes")));
        Path installed = Files.createDirectories(tmp.resolve("opt/ringmaster/vm-templates"));
        assertEquals(installed, TemplateLocator.locate(props(null), elsewhere, tmp.resolve("opt/ringmaster/ringmaster.jar")));
    }

    @Test
    void notFoundListsWhereItLooked() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> TemplateLocator.locate(props(null), elsewhere, tmp.resolve("p/target/ringmaster.jar")));
        assertTrue(e.getMessage().contains(elsewhere.resolve("vm-templates").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("p/vm-templates").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("-Dringmaster.templates.dir=DIR"), e.getMessage());
    }

    @Test
    void codeLocationOfThisBuildIsTargetClasses() {
        Path code = TemplateLocator.codeLocation().orElseThrow();
        assertTrue(code.endsWith(Path.of("target", "classes")), code.toString());
    }
}
