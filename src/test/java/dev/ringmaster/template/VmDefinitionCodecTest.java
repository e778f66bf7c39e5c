package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.engine.vmm.Technique;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VmDefinitionCodecTest {
    static final String ID = "0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b";
    static final String GOOD = """
            {
              "formatVersion": 1,
              "id": "0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b",
              "name": "rmx under BT",
              "folder": "Labs/Week 1",
              "template": "rmx",
              "technique": "bt",
              "memoryMiB": 32,
              "options": { "enableEpt": true, "costPreset": "modern", "cpuHz": 1000000000 },
              "createdAt": "2025-11-25T09:30:00.123Z",
              "notes": "free text"
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void readsTheDocumentedFormat() throws Exception {
        VmDefinition d = VmDefinitionCodec.read(Files.writeString(tmp.resolve("d.json"), GOOD));
        assertEquals(new VmDefinition(UUID.fromString(ID), "rmx under BT", "Labs/Week 1", "rmx", Technique.BT, 32,
                new VmDefinition.Options(true, "modern", OptionalLong.of(1_000_000_000L)),
                Instant.parse("2025-11-25T09:30:00.123Z"), "free text"), d);
        assertEquals(d, VmDefinitionCodec.parse(tmp.resolve("x.json"), VmDefinitionCodec.toJson(d)), "writes what it reads");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("syntax", GOOD.replace("\"bt\",", "\"bt\""),
                        "d.json:8:3: field \"technique\": JSON syntax error: Unexpected character ('\"' (code 34)): "
                                + "was expecting comma to separate Object entries"),
                Arguments.of("unknown field", GOOD.replace("\"notes\"", "\"note\""),
                        "d.json:11:3: field \"note\": unknown field; did you mean \"notes\"? (known fields: createdAt, folder, "
                                + "formatVersion, id, memoryMiB, name, notes, options, technique, template)"),
                Arguments.of("unknown option", GOOD.replace("\"enableEpt\"", "\"ept\""),
                        "d.json:9:16: field \"options.ept\": unknown field (known fields: costPreset, cpuHz, enableEpt)"),
                Arguments.of("missing field", GOOD.replace("  \"technique\": \"bt\",\n", ""),
                        "d.json: field \"technique\": missing (required)"),
                Arguments.of("missing version", GOOD.replace("  \"formatVersion\": 1,\n", ""),
                        "d.json: field \"formatVersion\": missing (required)"),
                Arguments.of("newer version", GOOD.replace("\"formatVersion\": 1", "\"formatVersion\": 2"),
                        "d.json:2:3: field \"formatVersion\": version 2 was written by a newer Ringmaster; this one reads version 1"),
                Arguments.of("wrong type", GOOD.replace("\"enableEpt\": true", "\"enableEpt\": \"yes\""),
                        "d.json:9:16: field \"options.enableEpt\": expected true or false, found the string \"yes\""),
                Arguments.of("number for boolean", GOOD.replace("\"enableEpt\": true", "\"enableEpt\": 1"),
                        "d.json:9:16: field \"options.enableEpt\": expected true or false, found the number 1"),
                Arguments.of("null", GOOD.replace("\"free text\"", "null"),
                        "d.json:11:3: field \"notes\": null is not allowed (leave an optional field out instead)"),
                Arguments.of("bad id", GOOD.replace(ID, "1-2-3-4-5"),
                        "d.json:3:3: field \"id\": \"1-2-3-4-5\" is not a UUID like 0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b"),
                Arguments.of("unknown technique", GOOD.replace("\"bt\"", "\"vmware\""),
                        "d.json:7:3: field \"technique\": unknown technique \"vmware\" (known: native, trap, bt, pv, hw, container)"),
                Arguments.of("memory 0", GOOD.replace("\"memoryMiB\": 32", "\"memoryMiB\": 0"),
                        "d.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found 0"),
                Arguments.of("memory 513", GOOD.replace("\"memoryMiB\": 32", "\"memoryMiB\": 513"),
                        "d.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found 513"),
                Arguments.of("cpuHz 0", GOOD.replace("1000000000", "0"),
                        "d.json:9:59: field \"options.cpuHz\": must be between 1000 and 100000000000 Hz, found 0"),
                Arguments.of("bad preset", GOOD.replace("\"modern\"", "\"Modern 2025\""),
                        "d.json:9:35: field \"options.costPreset\": \"Modern 2025\" is not a preset id (1 to 32 lower-case "
                                + "letters, digits or '-', e.g. \"modern\")"),
                Arguments.of("bad time", GOOD.replace("2025-11-25T09:30:00.123Z", "yesterday"),
                        "d.json:10:3: field \"createdAt\": \"yesterday\" is not a UTC time like 2025-01-31T14:05:00Z"),
                Arguments.of("name with slash", GOOD.replace("rmx under BT", "rmx/BT"),
                        "d.json:4:3: field \"name\": must not contain '/' (folders are set separately)"),
                Arguments.of("name with spaces around", GOOD.replace("rmx under BT", " rmx "),
                        "d.json:4:3: field \"name\": must not start or end with spaces"),
                Arguments.of("name that is a UUID", GOOD.replace("rmx under BT", "11111111-2222-3333-4444-555555555555"),
                        "d.json:4:3: field \"name\": must not look like a VM id (UUID)"),
                Arguments.of("empty folder segment", GOOD.replace("Labs/Week 1", "Labs//Week 1"),
                        "d.json:5:3: field \"folder\": \"Labs//Week 1\" has an empty folder name (use \"\" for the top level "
                                + "and single '/' between names, none at the ends)"),
                Arguments.of("bad template id", GOOD.replace("\"rmx\"", "\"../rmx\""),
                        "d.json:6:3: field \"template\": \"../rmx\" is not a template id (letters, digits, '.', '_' or '-', "
                                + "as in the template's file name)"),
                Arguments.of("control character in notes", GOOD.replace("free text", "bell\\u0007"),
                        "d.json:11:3: field \"notes\": contains the control character U+0007 at position 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDefinitionGivesOneClearMessage(String what, String json, String expected) throws Exception {
        Path file = Files.writeString(tmp.resolve("d.json"), json);
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> VmDefinitionCodec.read(file), what);
        assertEquals(tmp + "/" + expected, e.getMessage(), what);
    }

    @Test
    void multiLineNotesAreFine() throws Exception {
        Path file = Files.writeString(tmp.resolve("d.json"), GOOD.replace("free text", "line 1\\n\\tline 2\\r\\n"));
        assertEquals("line 1\n\tline 2\r\n", VmDefinitionCodec.read(file).notes());
    }

    @Test
    void recordConstructorRejectsBadValuesNamingTheField() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new VmDefinition(UUID.randomUUID(), "",
                "", "rmx", Technique.BT, 32, VmDefinition.Options.DEFAULTS, Instant.now(), ""));
        assertEquals("name", e.field());
        e = assertThrows(InvalidFieldException.class, () -> new VmDefinition(UUID.randomUUID(), "ok", "/x", "rmx",
                Technique.BT, 32, VmDefinition.Options.DEFAULTS, Instant.now(), ""));
        assertEquals("folder", e.field());
        e = assertThrows(InvalidFieldException.class, () -> new VmDefinition(UUID.randomUUID(), "ok", "", "rmx",
                Technique.BT, 600, VmDefinition.Options.DEFAULTS, Instant.now(), ""));
        assertEquals("field \"memoryMiB\": must be between 1 and 512 MiB, found 600", e.getMessage());
        e = assertThrows(InvalidFieldException.class, () -> VmDefinition.Options.DEFAULTS.withCpuHz(OptionalLong.of(5)));
        assertEquals("options.cpuHz", e.field());
    }
}
