package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmDefinitionStoreTest {
    @TempDir
    Path tmp;
    TemplateCatalog catalog;
    VmDefinitionStore store;
    Template rmx;

    @BeforeEach
    void setUp() throws IOException {
        Path dir = Fixtures.templatesDir(tmp);
        Fixtures.write(dir, "rmx.json", Fixtures.RMX);
        Fixtures.write(dir, "post.json", Fixtures.ROM);
        catalog = TemplateCatalog.load(dir);
        rmx = catalog.find("rmx").orElseThrow();
        store = new VmDefinitionStore(tmp.resolve("data/vms"));
    }

    private VmDefinition full() {
        return VmDefinition.create("Lab 1: BT & <friends>", rmx, Technique.BT)
                .withFolder("Labs/Week 1")
                .withMemoryMiB(64)
                .withOptions(new VmDefinition.Options(false, "adams-2006", OptionalLong.of(1_000_000_000L)))
                .withNotes("Line one\n\tLine \"two\" ünïcödé 🙂");
    }

    @Test
    void roundTripsEveryField() throws Exception {
        VmDefinition d = full();
        store.save(d, catalog);
        assertEquals(d, store.load(d.id()));
        assertEquals(List.of(d), store.list().definitions());
        assertTrue(store.list().errors().isEmpty());
        assertEquals(d, VmDefinitionCodec.read(store.fileOf(d.id())));
        String json = Files.readString(store.fileOf(d.id()));
        assertTrue(json.startsWith("{\n  \"formatVersion\" : 1,\n  \"id\" : \"" + d.id() + "\""), json);
        assertTrue(json.contains("\"technique\" : \"bt\""), json);
        assertTrue(json.contains("\"template\" : \"rmx\""), json);
        assertTrue(json.contains("\"cpuHz\" : 1000000000"), json);
    }

    @Test
    void defaultsOfANewDefinition() throws Exception {
        VmDefinition d = VmDefinition.create("plain", rmx, Technique.HW);
        assertEquals(32, d.memoryMiB(), "the template's default memory");
        assertEquals("", d.folder());
        assertEquals("", d.notes());
        assertEquals(VmDefinition.Options.DEFAULTS, d.options());
        assertTrue(d.options().enableEpt());
        assertEquals("modern", d.options().costPreset());
        assertTrue(d.options().cpuHz().isEmpty());
        store.save(d, catalog);
        assertFalse(Files.readString(store.fileOf(d.id())).contains("cpuHz"), "an absent cpuHz is left out");
        assertEquals(d, store.load(d.id()));
    }

    @Test
    void optionalFieldsMayBeLeftOutOfAFile() throws Exception {
        UUID id = UUID.randomUUID();
        Files.createDirectories(store.directory());
        Files.writeString(store.fileOf(id), """
                {"formatVersion": 1, "id": "%s", "name": "hand written", "template": "rmx", "technique": "pv",
                 "memoryMiB": 16, "createdAt": "2025-01-31T14:05:00Z"}
                """.formatted(id));
        VmDefinition d = store.load(id);
        assertEquals("", d.folder());
        assertEquals("", d.notes());
        assertEquals(VmDefinition.Options.DEFAULTS, d.options());
        assertEquals(Instant.parse("2025-01-31T14:05:00Z"), d.createdAt());
        assertEquals(Technique.PV, d.technique());
    }

    @Test
    void namesAreUniqueIgnoringCase() throws Exception {
        VmDefinition a = store.save(VmDefinition.create("Lab", rmx, Technique.BT), catalog);
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> store.save(VmDefinition.create("lab", rmx, Technique.PV), catalog));
        assertEquals("field \"name\": a VM named \"Lab\" already exists", e.getMessage());
        assertEquals("name", e.field());
        VmDefinition b = store.save(VmDefinition.create("Lab 2", rmx, Technique.PV), catalog);
        assertThrows(InvalidFieldException.class, () -> store.rename(b.id(), "LAB"));
        store.save(a.withNotes("saving itself again is fine"), catalog);
        assertEquals(2, store.list().definitions().size());
    }

    @Test
    void renameKeepsEverythingElse() throws Exception {
        VmDefinition d = store.save(full(), catalog);
        VmDefinition renamed = store.rename(d.id(), "Renamed");
        assertEquals(d.withName("Renamed"), renamed);
        assertEquals(renamed, store.load(d.id()));
        assertEquals(renamed, store.findByName("renamed").orElseThrow());
        assertTrue(store.findByName(d.name()).isEmpty());
    }

    @Test
    void cloneGetsANewIdAndAFreeName() throws Exception {
        VmDefinition d = store.save(full(), catalog);
        VmDefinition c1 = store.clone(d.id());
        VmDefinition c2 = store.clone(d.id());
        assertNotEquals(d.id(), c1.id());
        assertNotEquals(c1.id(), c2.id());
        assertEquals(d.name() + " (clone)", c1.name());
        assertEquals(d.name() + " (clone 2)", c2.name());
        assertEquals(d.withName(c1.name()), new VmDefinition(d.id(), c1.name(), c1.folder(), c1.templateId(), c1.technique(),
                c1.memoryMiB(), c1.options(), d.createdAt(), c1.notes()), "same template, technique, memory, options, notes");
        assertEquals(c1, store.load(c1.id()));
        assertEquals(3, store.list().definitions().size());
    }

    @Test
    void cloneNameStaysWithinTheLengthLimit() {
        String longName = "x".repeat(VmDefinition.MAX_NAME);
        String name = VmDefinitionStore.cloneName(longName, new VmDefinitionStore.Listing(List.of(), List.of()));
        assertEquals(VmDefinition.MAX_NAME, name.length());
        assertTrue(name.endsWith(" (clone)"));
    }

    @Test
    void deleteRemovesTheFile() throws Exception {
        VmDefinition d = store.save(full(), catalog);
        assertTrue(store.delete(d.id()));
        assertFalse(Files.exists(store.fileOf(d.id())));
        assertFalse(store.delete(d.id()));
        assertThrows(NoSuchFileException.class, () -> store.load(d.id()));
    }

    @Test
    void techniqueMustBeAllowedByTheTemplate() {
        Template post = catalog.find("post").orElseThrow();
        assertThrows(InvalidFieldException.class, () -> VmDefinition.create("x", post, Technique.BT));
        VmDefinition sneaky = VmDefinition.create("x", post, Technique.HW).withTechnique(Technique.BT);
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> store.save(sneaky, catalog));
        assertEquals("field \"technique\": template \"post\" does not allow \"bt\" (allowed: native, hw)", e.getMessage());
        assertFalse(Files.exists(store.fileOf(sneaky.id())));
    }

    @Test
    void templateMustExistToSave() {
        VmDefinition d = new VmDefinition(UUID.randomUUID(), "orphan", "", "gone", Technique.BT, 8,
                VmDefinition.Options.DEFAULTS, Instant.now(), "");
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> store.save(d, catalog));
        assertEquals("template", e.field());
        assertTrue(e.problem().startsWith("no template \"gone\" in "), e.problem());
    }

    @Test
    void aDefinitionWhoseTemplateWentAwayStillLoadsAndCanBeRenamed() throws Exception {
        VmDefinition d = store.save(full(), catalog);
        Files.delete(catalog.directory().resolve("rmx.json"));
        TemplateCatalog without = TemplateCatalog.load(catalog.directory());
        assertEquals(d, store.load(d.id()));
        assertEquals("Still here", store.rename(d.id(), "Still here").name());
        ConfigFileException e = assertThrows(ConfigFileException.class,
                () -> new LibvirtXmlExporter().export(store.load(d.id()), without, store.fileOf(d.id())));
        assertTrue(e.getMessage().startsWith(store.fileOf(d.id()) + ": field \"template\": no template \"rmx\""), e.getMessage());
    }

    @Test
    void aCorruptDefinitionIsReportedAndNeverOverwritten() throws Exception {
        VmDefinition good = store.save(VmDefinition.create("good", rmx, Technique.BT), catalog);
        VmDefinition victim = store.save(VmDefinition.create("victim", rmx, Technique.BT), catalog);
        Path file = store.fileOf(victim.id());
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(file), 60);
        Files.write(file, truncated);
        FileTime mtime = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, mtime);

        VmDefinitionStore.Listing listing = store.list();
        assertEquals(List.of(good), listing.definitions(), "the good definitions are still listed");
        assertEquals(1, listing.errors().size());
        String message = listing.errors().get(0).getMessage();
        assertTrue(message.startsWith(file + ":"), message);
        assertTrue(message.contains("JSON syntax error: Unexpected end-of-input"), message);

        ConfigFileException loadError = assertThrows(ConfigFileException.class, () -> store.load(victim.id()));
        assertEquals(message, loadError.getMessage());
        ConfigFileException saveError = assertThrows(ConfigFileException.class, () -> store.save(victim, catalog));
        assertTrue(saveError.getMessage().startsWith(file + ": refusing to replace a definition file that cannot be read"),
                saveError.getMessage());
        assertThrows(ConfigFileException.class, () -> store.rename(victim.id(), "other"));
        assertThrows(ConfigFileException.class, () -> store.clone(victim.id()));

        assertArrayEquals(truncated, Files.readAllBytes(file), "the corrupt file is left exactly as it was");
        assertEquals(mtime, Files.getLastModifiedTime(file));
    }

    @Test
    void filesThatAreNotDefinitionsAreReportedNotIgnored() throws Exception {
        Files.createDirectories(store.directory());
        Files.writeString(store.directory().resolve("notes.json"), "{}");
        UUID id = UUID.randomUUID();
        VmDefinition other = VmDefinition.create("x", rmx, Technique.BT);
        Files.write(store.fileOf(id), VmDefinitionCodec.toJson(other));
        Files.writeString(store.directory().resolve(".tmp-of-a-crashed-save.json.123.tmp"), "{");
        VmDefinitionStore.Listing listing = store.list();
        assertTrue(listing.definitions().isEmpty());
        assertEquals(List.of(store.directory().resolve("notes.json") + ": not a VM definition file name: definitions are "
                        + "named <id>.json after their UUID",
                store.fileOf(id) + ":3:3: field \"id\": \"" + other.id() + "\" does not match the file name"),
                listing.errors().stream().map(Exception::getMessage).sorted(
                        java.util.Comparator.comparing((String m) -> !m.contains("notes.json"))).toList());
    }

    @Test
    void missingDirectoryIsAnEmptyStore() throws Exception {
        VmDefinitionStore empty = new VmDefinitionStore(tmp.resolve("nothing/here"));
        assertTrue(empty.list().definitions().isEmpty());
        assertTrue(empty.list().errors().isEmpty());
    }

    @Test
    void theDefaultStoreFollowsTheDataDirectoryProperty() {
        String old = System.getProperty(DataDirectory.PROPERTY);
        System.setProperty(DataDirectory.PROPERTY, tmp.resolve("d").toString());
        try {
            assertEquals(tmp.resolve("d/vms"), VmDefinitionStore.openDefault().directory());
        } finally {
            if (old == null) {
                System.clearProperty(DataDirectory.PROPERTY);
            } else {
                System.setProperty(DataDirectory.PROPERTY, old);
            }
        }
    }
}
