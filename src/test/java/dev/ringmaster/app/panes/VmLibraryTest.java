package dev.ringmaster.app.panes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import dev.ringmaster.template.VmDefinitionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmLibraryTest {
    @TempDir
    Path dir;

    private VmDefinitionStore store() throws IOException {
        return new VmDefinitionStore(Files.createDirectories(dir.resolve("vms")));
    }

    private void write(VmDefinition d) throws IOException {
        Files.write(dir.resolve("vms").resolve(d.id() + ".json"), VmDefinitionCodec.toJson(d));
    }

    @Test
    void noDefinitionsNoProblemsAndTheCatalogIsNotEvenNeeded() throws IOException {
        VmLibrary.Contents c = VmLibrary.load(store(), () -> {
            throw new AssertionError("not needed");
        });
        assertEquals(List.of(), c.vms());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void definitionsAreListedShutOffAndBadFilesAreReportedNotFatal() throws IOException {
        VmDefinitionStore store = store();
        VmDefinition good = VmViewModelsTest.definition("rmx under BT", "", Technique.BT);
        write(good);
        Files.writeString(dir.resolve("vms").resolve("0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b.json"), "{ nope");
        Path templates = Files.createDirectories(dir.resolve("vm-templates"));

        VmLibrary.Contents c = VmLibrary.load(store, VmLibrary.catalogIn(templates));
        assertEquals(1, c.vms().size());
        VmEntry e = c.vms().get(0);
        assertEquals(good, e.definition());
        assertEquals(VmStatus.SHUT_OFF, e.status());
        assertNull(e.templateName());
        assertTrue(e.templateProblem().contains("there is no template \"rmx\""), e.templateProblem());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).startsWith("Skipped a virtual machine that cannot be read: "), c.problems().get(0));
    }

    @Test
    void withoutTemplatesTheVmsAreStillListed() throws IOException {
        VmDefinitionStore store = store();
        write(VmViewModelsTest.definition("a", "", Technique.NATIVE));
        VmLibrary.Contents c = VmLibrary.load(store, () -> {
            throw new NoSuchFileException("cannot find the vm-templates directory");
        });
        assertEquals(1, c.vms().size());
        assertTrue(c.vms().get(0).templateProblem().contains("cannot find the vm-templates directory"));
        assertTrue(c.problems().get(0).startsWith("Cannot load the VM templates"), c.problems().get(0));
    }
}
