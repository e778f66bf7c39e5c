package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.TemplateLocator;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    private static final String RMX = """
            {"name": "rmx", "description": "Test kernel.", "boot": "multiboot", "kernel": "rmx/kernel.elf",
             "modules": ["rmx/initrd.img"], "cmdline": "console=ttyS0", "memoryMiB": 32,
             "techniques": ["native", "bt", "hw"]}
            """;

    @TempDir
    Path tmp;
    Path templates;
    VmDefinitionStore store;
    VmDefinition vm;
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        templates = Files.createDirectories(tmp.resolve("vm-templates"));
        Files.createDirectories(templates.resolve("images/rmx"));
        Files.write(templates.resolve("images/rmx/kernel.elf"), new byte[] {0x7f, 'E', 'L', 'F'});
        Files.write(templates.resolve("images/rmx/initrd.img"), new byte[] {1});
        Files.writeString(templates.resolve("rmx.json"), RMX);
        TemplateCatalog catalog = TemplateCatalog.load(templates);
        store = new VmDefinitionStore(tmp.resolve("data/vms"));
        vm = store.save(VmDefinition.create("Lab One", catalog.find("rmx").orElseThrow(), Technique.BT), catalog);
    }

    private int run(String... args) {
        return run(new ExportCommand(() -> templates, store), args);
    }

    private int run(ExportCommand c, String... args) {
        outBytes.reset();
        errBytes.reset();
        return c.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportsByNameIdOrFileToStandardOutput() {
        assertEquals(0, run("Lab One"), err());
        String byName = out();
        assertTrue(byName.contains("<name>Lab One</name>"), byName);
        assertTrue(byName.contains("<uuid>" + vm.id() + "</uuid>"), byName);
        assertEquals("", err());
        assertEquals(0, run("lab one"), "names are matched ignoring case");
        assertEquals(byName, out());
        assertEquals(0, run(vm.id().toString(), "--format", "libvirt"), err());
        assertEquals(byName, out());
        assertEquals(0, run(store.fileOf(vm.id()).toString(), "--format=libvirt", "-o", "-"), err());
        assertEquals(byName, out());
    }

    @Test
    void writesTheOutputFileAtomically() throws IOException {
        Path target = tmp.resolve("out/lab.xml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        assertEquals(0, run("Lab One", "-o", target.toString()), err());
        assertEquals("", out());
        assertTrue(Files.readString(target).contains("<name>Lab One</name>"));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "no temporary file left");
        }
        assertEquals(0, run("Lab One", "--output=" + tmp.resolve("second.xml")), err());
        assertTrue(Files.exists(tmp.resolve("second.xml")));
    }

    @Test
    void usageErrorsExit64() {
        assertEquals(64, run());
        assertTrue(err().contains("usage: ringmaster export"), err());
        assertEquals(64, run("Lab One", "--format", "ovf"));
        assertTrue(err().contains("unknown format 'ovf' (known: libvirt)"), err());
        assertEquals(64, run("Lab One", "--bogus"));
        assertTrue(err().contains("unknown option '--bogus'"), err());
        assertEquals(64, run("Lab One", "Lab Two"));
        assertEquals(64, run("Lab One", "-o"));
        assertTrue(err().contains("-o needs a value"), err());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("usage: ringmaster export"), out());
    }

    @Test
    void badInputExits65() throws IOException {
        Path corrupt = Files.writeString(tmp.resolve("corrupt.json"), "{\"formatVersion\": 1, \"id\": ");
        assertEquals(65, run(corrupt.toString()));
        assertTrue(err().startsWith("ringmaster export: " + corrupt + ":1:28: "), err());

        Path wrong = Files.writeString(tmp.resolve("wrong.json"),
                Files.readString(store.fileOf(vm.id())).replace("\"bt\"", "\"pv\""));
        assertEquals(65, run(wrong.toString()));
        assertEquals("ringmaster export: " + wrong + ": field \"technique\": template \"rmx\" does not allow \"pv\" "
                + "(allowed: native, bt, hw)\n", err());

        Files.writeString(templates.resolve("rmx.json"), RMX.replace("\"memoryMiB\": 32", "\"memoryMiB\": 0"));
        assertEquals(65, run("Lab One"));
        assertTrue(err().contains("field \"template\": template \"rmx\" cannot be used: " + templates.resolve("rmx.json")
                + ":2:61: field \"memoryMiB\": must be between 1 and 512 MiB, found 0"), err());
    }

    @Test
    void aCorruptDefinitionInTheStoreExits65ById() throws IOException {
        Path file = store.fileOf(vm.id());
        Files.writeString(file, "{");
        assertEquals(65, run(vm.id().toString()));
        assertTrue(err().startsWith("ringmaster export: " + file + ":1:2: JSON syntax error"), err());
        assertEquals("{", Files.readString(file), "left untouched");
        assertEquals(66, run("Lab One"), "by name it cannot be found, and the unreadable file is mentioned");
        assertTrue(err().contains("warning: " + file), err());
    }

    @Test
    void missingInputExits66() throws IOException {
        assertEquals(66, run("No Such VM"));
        assertEquals("ringmaster export: no VM named \"No Such VM\" in " + store.directory() + "\n", err());
        assertEquals(66, run("00000000-0000-0000-0000-000000000000"));
        assertTrue(err().contains("no VM with id \"00000000-0000-0000-0000-000000000000\""), err());
        assertEquals(66, run(tmp.resolve("nothing.json").toString()));
        assertEquals("ringmaster export: no such file: " + tmp.resolve("nothing.json") + "\n", err());
        ExportCommand noTemplates = new ExportCommand(() -> {
            throw new NoSuchFileException(null, null, "cannot find the vm-templates directory");
        }, store);
        assertEquals(66, run(noTemplates, "Lab One"));
        assertEquals("ringmaster export: cannot find the vm-templates directory\n", err());
    }

    @Test
    void unwritableOutputExits73() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(73, run("Lab One", "-o", blocker.resolve("sub/out.xml").toString()));
        assertTrue(err().startsWith("ringmaster export: cannot write "), err());
    }

    @Test
    void registeredInTheCliAndUsesTheSystemProperties() {
        String oldData = System.getProperty(DataDirectory.PROPERTY);
        String oldTemplates = System.getProperty(TemplateLocator.PROPERTY);
        System.setProperty(DataDirectory.PROPERTY, tmp.resolve("data").toString());
        System.setProperty(TemplateLocator.PROPERTY, templates.toString());
        try {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int code = Cli.run(new String[] {"export", "Lab One"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
            assertTrue(o.toString(StandardCharsets.UTF_8).contains("<uuid>" + vm.id() + "</uuid>"));
            o.reset();
            assertEquals(0, Cli.run(new String[] {"help"}, new PrintStream(o, true, StandardCharsets.UTF_8), System.err));
            assertTrue(o.toString(StandardCharsets.UTF_8).contains("ringmaster export"), o.toString(StandardCharsets.UTF_8));
        } finally {
            restore(DataDirectory.PROPERTY, oldData);
            restore(TemplateLocator.PROPERTY, oldTemplates);
        }
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), ".local/share/ringmaster/vms", vm.id() + ".json")));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
