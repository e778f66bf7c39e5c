package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateLoaderTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Fixtures.templatesDir(tmp);
    }

    @Test
    void loadsTheTeamMdExample() throws Exception {
        Template t = TemplateLoader.load(Fixtures.write(dir, "rmx.json", Fixtures.RMX));
        assertEquals("rmx", t.id());
        assertEquals("rmx teaching Unix", t.name());
        assertEquals("A small Unix-like kernel with a shell.", t.description());
        assertEquals(32, t.memoryMiB());
        assertEquals(EnumSet.allOf(Technique.class), t.techniques());
        Template.Multiboot mb = assertInstanceOf(Template.Multiboot.class, t.boot());
        assertEquals("multiboot", mb.kind());
        assertEquals("rmx/kernel.elf", mb.kernel().relativePath());
        assertEquals(dir.resolve("images/rmx/kernel.elf").toAbsolutePath(), mb.kernel().path());
        assertEquals(List.of(dir.resolve("images/rmx/initrd.img").toAbsolutePath()),
                mb.modules().stream().map(Template.GuestImage::path).toList());
        assertEquals("console=ttyS0", mb.cmdline());
        assertEquals(2, mb.images().size());
    }

    @Test
    void loadsARomTemplateAndKeepsTechniquesInCanonicalOrder() throws Exception {
        Template t = TemplateLoader.load(Fixtures.write(dir, "post-rom.json",
                Fixtures.ROM.replace("[\"native\", \"hw\"]", "[\"hw\", \"native\"]")));
        assertEquals("post-rom", t.id());
        Template.Rom rom = assertInstanceOf(Template.Rom.class, t.boot());
        assertEquals(dir.resolve("images/roms/post.bin").toAbsolutePath(), rom.rom().path());
        assertEquals(List.of(Technique.NATIVE, Technique.HW), List.copyOf(t.techniques()));
        assertTrue(t.allows(Technique.HW));
        assertTrue(!t.allows(Technique.BT));
        assertEquals(1, t.memoryMiB());
    }

    @Test
    void optionalFieldsMayBeLeftOut() throws Exception {
        String minimal = Fixtures.RMX.replace("  \"modules\": [\"rmx/initrd.img\"],\n", "")
                .replace("  \"cmdline\": \"console=ttyS0\",\n", "");
        Template.Multiboot mb = (Template.Multiboot) TemplateLoader.load(Fixtures.write(dir, "rmx.json", minimal)).boot();
        assertEquals(List.of(), mb.modules());
        assertEquals("", mb.cmdline());
    }

    /** One malformed variation of the TEAM.md example and the exact message it must give. */
    static Stream<Arguments> malformed() {
        String techniques = "\"techniques\": [\"native\", \"trap\", \"bt\", \"pv\", \"hw\", \"container\"]";
        return Stream.of(
                Arguments.of("syntax error: missing comma", Fixtures.RMX.replace("\"memoryMiB\": 32,", "\"memoryMiB\": 32"),
                        "rmx.json:9:3: field \"memoryMiB\": JSON syntax error: Unexpected character ('\"' (code 34)): "
                                + "was expecting comma to separate Object entries"),
                Arguments.of("syntax error: unterminated object", "{\n  \"name\": \"x\"\n",
                        "rmx.json:3:1: field \"name\": JSON syntax error: Unexpected end-of-input: expected close marker "
                                + "for Object (opened at line 1, column 1)"),
                Arguments.of("unknown field", Fixtures.RMX.replace("\"memoryMiB\"", "\"memoryMib\""),
                        "rmx.json:8:3: field \"memoryMib\": unknown field; did you mean \"memoryMiB\"? (known fields: "
                                + "boot, cmdline, description, kernel, memoryMiB, modules, name, rom, techniques)"),
                Arguments.of("missing field", Fixtures.RMX.replace("  \"memoryMiB\": 32,\n", ""),
                        "rmx.json: field \"memoryMiB\": missing (required)"),
                Arguments.of("missing kernel", Fixtures.RMX.replace("  \"kernel\": \"rmx/kernel.elf\",\n", ""),
                        "rmx.json: field \"kernel\": missing (required)"),
                Arguments.of("wrong type: string for number", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": \"32\""),
                        "rmx.json:8:3: field \"memoryMiB\": expected a whole number, found the string \"32\""),
                Arguments.of("wrong type: fraction", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 32.5"),
                        "rmx.json:8:3: field \"memoryMiB\": expected a whole number, found the number 32.5"),
                Arguments.of("wrong type: number for string", Fixtures.RMX.replace("\"rmx teaching Unix\"", "7"),
                        "rmx.json:2:3: field \"name\": expected a string, found the number 7"),
                Arguments.of("wrong type: string for array", Fixtures.RMX.replace("[\"rmx/initrd.img\"]", "\"rmx/initrd.img\""),
                        "rmx.json:6:3: field \"modules\": expected an array, found the string \"rmx/initrd.img\""),
                Arguments.of("wrong type in array", Fixtures.RMX.replace("\"trap\", \"bt\"", "\"trap\", 3"),
                        "rmx.json:9:36: field \"techniques[2]\": expected a string, found the number 3"),
                Arguments.of("null", Fixtures.RMX.replace("\"console=ttyS0\"", "null"),
                        "rmx.json:7:3: field \"cmdline\": null is not allowed (leave an optional field out instead)"),
                Arguments.of("duplicate key", Fixtures.RMX.replace("\"memoryMiB\": 32,", "\"memoryMiB\": 32, \"memoryMiB\": 64,"),
                        "rmx.json:8:31: field \"memoryMiB\": appears more than once"),
                Arguments.of("not an object", "[1, 2]\n", "rmx.json: the file must hold one JSON object { ... }, found an array"),
                Arguments.of("empty file", "\n", "rmx.json: the file is empty (expected a JSON object)"),
                Arguments.of("trailing content", Fixtures.RMX + "{}\n",
                        "rmx.json:11:1: unexpected content after the end of the JSON object"),
                Arguments.of("missing image", Fixtures.RMX.replace("rmx/initrd.img", "rmx/initrd-v2.img"),
                        "rmx.json:6:15: field \"modules[0]\": image not found: IMAGES/rmx/initrd-v2.img"),
                Arguments.of("image is a directory", Fixtures.RMX.replace("rmx/kernel.elf", "rmx"),
                        "rmx.json:5:3: field \"kernel\": image IMAGES/rmx is not a regular file"),
                Arguments.of("image escaping with ..", Fixtures.RMX.replace("rmx/kernel.elf", "../rmx.json"),
                        "rmx.json:5:3: field \"kernel\": \"../rmx.json\" leaves the images folder ('..' is not allowed); "
                                + "image paths are relative to IMAGES"),
                Arguments.of("image escaping in the middle", Fixtures.RMX.replace("rmx/initrd.img", "rmx/../../../etc/passwd"),
                        "rmx.json:6:15: field \"modules[0]\": \"rmx/../../../etc/passwd\" leaves the images folder "
                                + "('..' is not allowed); image paths are relative to IMAGES"),
                Arguments.of("absolute image path", Fixtures.RMX.replace("rmx/kernel.elf", "/etc/passwd"),
                        "rmx.json:5:3: field \"kernel\": \"/etc/passwd\" is absolute; image paths are relative to IMAGES"),
                Arguments.of("backslashes", Fixtures.RMX.replace("rmx/kernel.elf", "rmx\\\\kernel.elf"),
                        "rmx.json:5:3: field \"kernel\": \"rmx\\kernel.elf\": use '/' to separate folders, not '\\'"),
                Arguments.of("memory 0", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 0"),
                        "rmx.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found 0"),
                Arguments.of("memory 513", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 513"),
                        "rmx.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found 513"),
                Arguments.of("memory negative", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": -32"),
                        "rmx.json:8:3: field \"memoryMiB\": must be between 1 and 512 MiB, found -32"),
                Arguments.of("memory beyond long", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 123456789012345678901234"),
                        "rmx.json:8:3: field \"memoryMiB\": the number 123456789012345678901234 is far too large"),
                Arguments.of("empty techniques", Fixtures.RMX.replace(techniques, "\"techniques\": []"),
                        "rmx.json:9:3: field \"techniques\": must list at least one technique "
                                + "(native, trap, bt, pv, hw, container)"),
                Arguments.of("unknown technique", Fixtures.RMX.replace(techniques, "\"techniques\": [\"native\", \"vtx\"]"),
                        "rmx.json:9:28: field \"techniques[1]\": unknown technique \"vtx\" "
                                + "(known: native, trap, bt, pv, hw, container)"),
                Arguments.of("technique in upper case", Fixtures.RMX.replace(techniques, "\"techniques\": [\"BT\"]"),
                        "rmx.json:9:18: field \"techniques[0]\": unknown technique \"BT\" "
                                + "(known: native, trap, bt, pv, hw, container); identifiers are lower case: \"bt\""),
                Arguments.of("duplicate technique", Fixtures.RMX.replace(techniques, "\"techniques\": [\"bt\", \"pv\", \"bt\"]"),
                        "rmx.json:9:30: field \"techniques[2]\": \"bt\" is listed twice"),
                Arguments.of("unknown boot kind", Fixtures.RMX.replace("\"multiboot\"", "\"grub\""),
                        "rmx.json:4:3: field \"boot\": unknown boot kind \"grub\" (known: multiboot, rom)"),
                Arguments.of("field of the other boot kind", Fixtures.ROM.replace("\"rom\": \"roms/post.bin\",",
                                "\"rom\": \"roms/post.bin\", \"cmdline\": \"x\","),
                        "rmx.json:5:27: field \"cmdline\": is not used with boot \"rom\"; remove it"),
                Arguments.of("blank name", Fixtures.RMX.replace("\"rmx teaching Unix\"", "\"  \""),
                        "rmx.json:2:3: field \"name\": must not be empty"),
                Arguments.of("multi-line name", Fixtures.RMX.replace("\"rmx teaching Unix\"", "\"rmx\\nUnix\""),
                        "rmx.json:2:3: field \"name\": contains the control character U+000A at position 4 "
                                + "(it must be one line)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedTemplateGivesOneClearMessage(String what, String json, String expected) throws IOException {
        Path file = Fixtures.write(dir, "rmx.json", json);
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> TemplateLoader.load(file), what);
        String images = dir.resolve("images").toAbsolutePath().toString();
        assertEquals(dir + "/" + expected.replace("IMAGES", images), e.getMessage(), what);
        assertEquals(file, e.file());
    }

    @Test
    void exceptionPartsAreAvailableSeparately() throws IOException {
        Path file = Fixtures.write(dir, "rmx.json", Fixtures.RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 4096"));
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> TemplateLoader.load(file));
        assertEquals("memoryMiB", e.field().orElseThrow());
        assertEquals(8, e.line());
        assertEquals(3, e.column());
        assertEquals("must be between 1 and 512 MiB, found 4096", e.problem());
    }

    @Test
    void fileNameMustBeAnId() throws IOException {
        Path file = Fixtures.write(dir, "my template.json", Fixtures.RMX);
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> TemplateLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": the file name must be <id>.json"), e.getMessage());
    }

    @Test
    void symlinkedImageDirectoryInsideImagesIsFollowed() throws Exception {
        Path images = dir.resolve("images");
        Files.createSymbolicLink(images.resolve("current"), images.resolve("rmx"));
        Template t = TemplateLoader.load(Fixtures.write(dir, "rmx.json", Fixtures.RMX.replace("rmx/kernel.elf", "current/kernel.elf")));
        assertEquals(images.resolve("current/kernel.elf").toAbsolutePath(), ((Template.Multiboot) t.boot()).kernel().path());
    }
}
