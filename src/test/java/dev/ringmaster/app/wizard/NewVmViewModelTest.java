package dev.ringmaster.app.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.VmDefinition;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewVmViewModelTest {
    private static Template template(String id, String name, int mem, EnumSet<Technique> techniques) {
        Path dir = Path.of("/templates");
        return new Template(id, dir.resolve(id + ".json"), name, "About " + name + ".",
                new Template.Rom(new Template.GuestImage(id + "/x.rom", dir.resolve("images/" + id + "/x.rom"))),
                mem, techniques);
    }

    private static final Template RMX = template("rmx", "rmx teaching Unix", 32,
            EnumSet.of(Technique.NATIVE, Technique.TRAP, Technique.BT, Technique.HW));
    private static final Template PV = template("rmx-pv", "rmx paravirtual", 16, EnumSet.of(Technique.PV));

    @Test
    void choosingATemplateOffersOnlyItsTechniquesAndItsDefaults() {
        NewVmViewModel m = new NewVmViewModel(List.of(RMX, PV), List.of());
        assertEquals(RMX, m.templateProperty().get(), "the first template is preselected");
        assertEquals(List.of(Technique.NATIVE, Technique.TRAP, Technique.BT, Technique.HW), m.techniques());
        assertEquals(Technique.NATIVE, m.techniqueProperty().get());
        assertEquals("32", m.memoryProperty().get());
        assertEquals("rmx teaching Unix", m.nameProperty().get());
        m.templateProperty().set(PV);
        assertEquals(List.of(Technique.PV), m.techniques());
        assertEquals(Technique.PV, m.techniqueProperty().get(), "native is not allowed: the first allowed one");
        assertEquals("16", m.memoryProperty().get());
        assertEquals("rmx paravirtual", m.nameProperty().get(), "the suggested name follows the template");
        m.techniqueProperty().set(Technique.BT);
        assertTrue(m.pageInvalid(1).get());
        assertTrue(m.techniqueError().get().contains("cannot run under Binary translation"), m.techniqueError().get());
    }

    @Test
    void memoryIsCheckedOnItsPage() {
        NewVmViewModel m = new NewVmViewModel(List.of(RMX), List.of());
        for (String bad : new String[] {"", "abc", "0", "513", "-1", "12.5", "99999999"}) {
            m.memoryProperty().set(bad);
            assertTrue(m.pageInvalid(2).get(), bad);
            assertFalse(m.memoryError().get().isEmpty(), bad);
        }
        m.memoryProperty().set(" 64 ");
        assertFalse(m.pageInvalid(2).get());
        assertEquals(64, m.definition().memoryMiB());
    }

    @Test
    void nameMustBeValidAndNewAndTheSummarySaysEverything() {
        NewVmViewModel m = new NewVmViewModel(List.of(RMX), List.of("rmx teaching Unix", "Lab 1"));
        assertEquals("rmx teaching Unix 2", m.nameProperty().get(), "a free name is suggested");
        m.nameProperty().set("LAB 1");
        assertTrue(m.nameError().get().contains("already exists"), m.nameError().get());
        m.nameProperty().set("a/b");
        assertTrue(m.nameError().get().startsWith("Name "), m.nameError().get());
        m.nameProperty().set("Lab 2");
        m.folderProperty().set("course//week1");
        assertTrue(m.nameError().get().startsWith("Folder "), m.nameError().get());
        m.folderProperty().set("course/week1");
        m.techniqueProperty().set(Technique.BT);
        assertTrue(m.allValid());
        String s = m.summary().get();
        assertTrue(s.contains("Name: Lab 2") && s.contains("Folder: course/week1") && s.contains("Binary translation")
                && s.contains("Memory: 32 MiB") && s.contains("rmx/x.rom"), s);
        VmDefinition d = m.definition();
        assertEquals("Lab 2", d.name());
        assertEquals("course/week1", d.folder());
        assertEquals(Technique.BT, d.technique());
        assertEquals("rmx", d.templateId());
    }

    @Test
    void theFolderIsPickedFromTheExistingOnesOrTypedAsANewOne() {
        NewVmViewModel m = new NewVmViewModel(List.of(RMX), List.of(), List.of("Labs/Week 1", "Demo", "", "Demo"));
        assertEquals(List.of("Demo", "Labs/Week 1"), m.folders(), "sorted, once each, no top level");
        assertEquals("", m.folderProperty().get());
        assertFalse(m.isNewFolder(), "the top level is not a new folder");
        assertTrue(m.summary().get().contains("Folder: (top level)"), m.summary().get());
        m.folderProperty().set("Labs/Week 1");
        assertFalse(m.isNewFolder());
        assertTrue(m.summary().get().contains("Folder: Labs/Week 1\n"), m.summary().get());
        m.folderProperty().set("Labs/Week 2");
        assertTrue(m.isNewFolder());
        assertTrue(m.summary().get().contains("Folder: Labs/Week 2 (new)"), m.summary().get());
        assertEquals("Labs/Week 2", m.definition().folder());
    }

    @Test
    void noTemplatesMeansNoWayForward() {
        NewVmViewModel m = new NewVmViewModel(List.of(), List.of());
        assertTrue(m.pageInvalid(0).get());
        assertTrue(m.templateError().get().contains("no templates"), m.templateError().get());
        assertThrows(IllegalStateException.class, m::definition);
    }
}
