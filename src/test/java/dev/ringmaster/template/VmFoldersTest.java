package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of the user's VMs: created empty, renamed with their VMs, VMs moved, empty ones deleted. */
class VmFoldersTest {
    @TempDir
    Path tmp;
    TemplateCatalog catalog;
    VmDefinitionStore store;
    Template rmx;

    @BeforeEach
    void setUp() throws IOException {
        Path dir = Fixtures.templatesDir(tmp);
        Fixtures.write(dir, "rmx.json", Fixtures.RMX);
        catalog = TemplateCatalog.load(dir);
        rmx = catalog.find("rmx").orElseThrow();
        store = new VmDefinitionStore(tmp.resolve("data/vms"));
    }

    private VmDefinition vm(String name, String folder) throws Exception {
        return store.save(VmDefinition.create(name, rmx, Technique.TRAP).withFolder(folder), catalog);
    }

    @Test
    void emptyFolderSurvivesANewStoreAndIsNotTakenForADefinition() throws Exception {
        store.createFolder("Labs/Week 1");
        VmDefinitionStore reopened = new VmDefinitionStore(store.directory());
        assertEquals(List.of("Labs", "Labs/Week 1"), List.copyOf(reopened.folders()));
        assertTrue(reopened.list().errors().isEmpty(), "the folder file is not a broken definition");
        assertTrue(reopened.list().definitions().isEmpty());
        InvalidFieldException dup = assertThrows(InvalidFieldException.class, () -> reopened.createFolder("Labs"));
        assertEquals("folder", dup.field());
        assertThrows(InvalidFieldException.class, () -> reopened.createFolder("Bad//name"));
        assertThrows(InvalidFieldException.class, () -> reopened.createFolder(""));
    }

    @Test
    void foldersOfDefinitionsAreListedWithTheirParents() throws Exception {
        vm("a", "Course/Week 2");
        vm("b", "");
        assertEquals(List.of("Course", "Course/Week 2"), List.copyOf(store.folders()));
    }

    @Test
    void renamingAFolderMovesItsSubfoldersAndVms() throws Exception {
        VmDefinition a = vm("a", "Labs");
        VmDefinition b = vm("b", "Labs/Week 1");
        VmDefinition c = vm("c", "Labsmore");
        store.createFolder("Labs/Empty");
        List<VmDefinition> moved = store.renameFolder("Labs", "Courses/2026");
        assertEquals(2, moved.size());
        assertEquals("Courses/2026", store.load(a.id()).folder());
        assertEquals("Courses/2026/Week 1", store.load(b.id()).folder());
        assertEquals("Labsmore", store.load(c.id()).folder(), "a folder that only starts with the name stays");
        assertEquals(List.of("Courses", "Courses/2026", "Courses/2026/Empty", "Courses/2026/Week 1", "Labsmore"),
                List.copyOf(new VmDefinitionStore(store.directory()).folders()));
    }

    @Test
    void renameRefusesClashesAndMovingIntoItself() throws Exception {
        vm("a", "Labs");
        store.createFolder("Other");
        assertThrows(InvalidFieldException.class, () -> store.renameFolder("Labs", "Other"));
        assertThrows(InvalidFieldException.class, () -> store.renameFolder("Labs", "Labs/Inner"));
        assertThrows(InvalidFieldException.class, () -> store.renameFolder("Missing", "New"));
        assertEquals(List.of("Labs", "Other"), List.copyOf(store.folders()), "nothing changed");
    }

    @Test
    void movingTheLastVmOutKeepsTheFolder() throws Exception {
        VmDefinition a = vm("a", "Labs");
        store.createFolder("Demo");
        VmDefinition after = store.moveToFolder(a.id(), "Demo");
        assertEquals("Demo", after.folder());
        assertEquals("Demo", store.load(a.id()).folder());
        assertEquals(List.of("Demo", "Labs"), List.copyOf(store.folders()));
        assertEquals("", store.moveToFolder(a.id(), "").folder());
    }

    @Test
    void deleteOnlyEmptyFolders() throws Exception {
        vm("a", "Labs/Week 1");
        store.createFolder("Spare/Inner");
        InvalidFieldException busy = assertThrows(InvalidFieldException.class, () -> store.deleteFolder("Labs"));
        assertTrue(busy.getMessage().contains("still holds 1 virtual machine"), busy.getMessage());
        store.deleteFolder("Spare");
        assertEquals(List.of("Labs", "Labs/Week 1"), List.copyOf(store.folders()));
    }

    @Test
    void corruptFolderFileIsReportedAndNotOverwritten() throws Exception {
        Files.createDirectories(store.directory());
        Path file = store.directory().resolve(".folders.json");
        Files.writeString(file, "{ \"formatVersion\": 1, \"folders\": [\"a//b\"] }");
        ConfigFileException e = assertThrows(ConfigFileException.class, store::folders);
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
        assertThrows(ConfigFileException.class, () -> store.createFolder("X"));
        assertEquals("{ \"formatVersion\": 1, \"folders\": [\"a//b\"] }", Files.readString(file));
    }
}
