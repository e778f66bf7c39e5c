package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ringmaster.engine.cpu.Nasm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringmaster run} end to end on tiny ROM guests assembled with nasm: exit codes, serial, input, JSON. */
class RunCommandTest {
    @TempDir
    Path tmp;
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    /** A 4 KiB ROM: {@code body} runs in real mode from F000:F000, reached from the reset vector. */
    private Path rom(String body) throws IOException {
        byte[] image = Nasm.assemble("""
                bits 16
                org 0xF000
                start:
                %s
                times 0xFF0-($-$$) db 0
                    jmp 0xF000:start
                times 0x1000-($-$$) db 0
                """.formatted(body));
        Path p = tmp.resolve("guest.rom");
        Files.write(p, image);
        return p;
    }

    private int run(String... args) {
        try (PrintStream o = new PrintStream(outBytes, true, StandardCharsets.ISO_8859_1);
             PrintStream e = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Cli.run(args, o, e);
        }
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json(Path p) throws IOException {
        return JsonMapper.builder().build().readTree(p.toFile());
    }

    private static final String PUTS_HI = """
                mov dx, 0x3F8
                mov al, 'h'
                out dx, al
                mov al, 'i'
                out dx, al
                mov al, 10
                out dx, al
            """;

    @Test
    void debugExitGivesQemusExitCodeSerialAndReport() throws IOException {
        Path image = rom(PUTS_HI + """
                    mov al, 0x5A
                    out 0x80, al
                    mov dx, 0x501
                    mov al, 0x21
                    out dx, al
                    hlt
                """);
        Path serial = tmp.resolve("serial.txt");
        Path report = tmp.resolve("report.json");
        int exit = run("run", "--rom", image.toString(), "--serial-out", serial.toString(), "--json", report.toString());
        assertEquals(((0x21 << 1) | 1) & 0xFF, exit, err());
        assertEquals("hi\n", Files.readString(serial, StandardCharsets.ISO_8859_1));
        JsonNode j = json(report);
        assertEquals("debug_exit", j.get("reason").asText());
        assertEquals(0x21, j.get("debugExitValue").asInt());
        assertEquals(0x5A, j.get("postCode").asInt());
        assertEquals(3, j.get("serialBytes").asInt());
        assertEquals(13, j.get("instructions").asLong(), "jmp far + 12 instructions up to and including the OUT to 0x501");
    }

    @Test
    void serialGoesToStandardOutputByDefault() throws IOException {
        Path image = rom(PUTS_HI + """
                    mov dx, 0x501
                    xor al, al
                    out dx, al
                """);
        assertEquals(1, run("run", "--rom", image.toString()));
        assertEquals("hi\n", outBytes.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void instructionLimitStopsAnEndlessLoop() throws IOException {
        Path image = rom("spin: jmp spin");
        Path report = tmp.resolve("r.json");
        assertEquals(RunCommand.EXIT_LIMIT, run("run", "--rom", image.toString(), "--max-instructions", "1000",
                "--json", report.toString()));
        assertEquals("instruction_limit", json(report).get("reason").asText());
        assertEquals(1000, json(report).get("instructions").asLong());
    }

    @Test
    void hltWithInterruptsDisabledIsAHungGuest() throws IOException {
        assertEquals(RunCommand.EXIT_HUNG, run("run", "--rom", rom("cli\nhlt").toString()));
        assertTrue(err().contains("halted forever"), err());
    }

    @Test
    void tripleFaultIsAShutdownWithExitZero() throws IOException {
        Path image = rom("""
                    lidt [cs:empty]
                    int3
                empty: dw 0
                       dd 0
                """);
        Path report = tmp.resolve("r.json");
        assertEquals(0, run("run", "--rom", image.toString(), "--json", report.toString()));
        assertEquals("shutdown", json(report).get("reason").asText());
    }

    @Test
    void keyboardControllerResetEndsTheRunLikeNoReboot() throws IOException {
        Path image = rom("""
                    mov al, 0xFE
                    out 0x64, al
                    jmp $
                """);
        Path report = tmp.resolve("r.json");
        assertEquals(0, run("run", "--rom", image.toString(), "--json", report.toString(), "--max-instructions", "100000"));
        assertEquals("reset", json(report).get("reason").asText());
        assertTrue(json(report).get("detail").asText().contains("8042"), json(report).get("detail").asText());
    }

    @Test
    void inputIsTypedIntoCom1() throws IOException {
        // COM1 at 8N1 115200 (Roms sets it up), then echo every received byte until a newline, then exit
        Path image = dev.ringmaster.testsupport.Roms.write(tmp, "echo.rom", """
                next:
                    mov dx, 0x3FD
                poll:
                    in al, dx
                    test al, 1
                    jz poll
                    mov dx, 0x3F8
                    in al, dx
                    out dx, al
                    cmp al, 10
                    jne next
                    mov dx, 0x501
                    mov al, 2
                    out dx, al
                """);
        assertEquals(5, run("run", "--rom", image.toString(), "--input", "ls\\t\\x41\\n", "--max-instructions", "10000000"),
                err());
        assertEquals("ls\tA\n", outBytes.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void usageErrors() {
        assertEquals(Cli.EXIT_USAGE, run("run"));
        assertTrue(err().contains("nothing to run"), err());
        assertEquals(Cli.EXIT_USAGE, run("run", "--rom", "x.rom", "--frobnicate"));
        assertTrue(err().contains("unknown option --frobnicate"), err());
        assertEquals(Cli.EXIT_USAGE, run("run", "--rom", "x.rom", "--kernel", "k.elf"));
        assertEquals(Cli.EXIT_USAGE, run("run", "--rom", "x.rom", "--memory", "4096"));
        assertTrue(err().contains("out of range"), err());
        assertEquals(Cli.EXIT_USAGE, run("run", "--rom", "x.rom", "--input", "bad\\q"));
        assertEquals(Cli.EXIT_USAGE, run("run", "--rom", "x.rom", "--module", "m"));
        assertEquals(Cli.EXIT_USAGE, run("run", "--rom", "x.rom", "--technique", "Warp"));
        assertTrue(err().contains("unknown technique"), err());
    }

    @Test
    void missingAndMalformedImagesAreNamed() throws IOException {
        Path missing = tmp.resolve("nope.elf");
        assertEquals(RunCommand.EXIT_NOINPUT, run("run", "--kernel", missing.toString()));
        assertTrue(err().contains(missing.toString()) && err().contains("no such file"), err());

        Path notElf = tmp.resolve("junk.elf");
        Files.write(notElf, new byte[100]);
        errBytes.reset();
        assertEquals(RunCommand.EXIT_DATAERR, run("run", "--kernel", notElf.toString()));
        assertTrue(err().contains("junk.elf") && err().contains("Multiboot"), err());

        Path oddRom = tmp.resolve("odd.rom");
        Files.write(oddRom, new byte[1000]);
        errBytes.reset();
        assertEquals(RunCommand.EXIT_DATAERR, run("run", "--rom", oddRom.toString()));
        assertTrue(err().contains("odd.rom") && err().contains("4 KiB"), err());
    }

    @Test
    void techniquesOtherThanNativeAreRefusedUntilTheVmmExists() throws IOException {
        assertEquals(RunCommand.EXIT_DATAERR, run("run", "--rom", rom("hlt").toString(), "--technique", "pv"));
        assertTrue(err().contains("not implemented yet"), err());
        errBytes.reset();
        assertEquals(RunCommand.EXIT_DATAERR, run("run", "--rom", rom("hlt").toString(), "--technique", "bt"));
        assertTrue(err().contains("binary translation") && err().contains("real mode"), err());
    }

    @Test
    void runsAVmDefinitionFileWithItsTechniqueAndMemory() throws IOException {
        Path templates = tmp.resolve("vm-templates");
        Files.createDirectories(templates.resolve("images/exit"));
        Files.write(templates.resolve("images/exit/exit.rom"), Files.readAllBytes(rom("""
                    mov dx, 0x501
                    mov al, 4
                    out dx, al
                """)));
        Files.writeString(templates.resolve("exit.json"), """
                {"name": "Exit", "description": "Exits at once.", "boot": "rom", "rom": "exit/exit.rom",
                 "memoryMiB": 2, "techniques": ["native", "pv"]}
                """);
        String old = System.getProperty(dev.ringmaster.template.TemplateLocator.PROPERTY);
        String oldData = System.getProperty(dev.ringmaster.template.DataDirectory.PROPERTY);
        System.setProperty(dev.ringmaster.template.TemplateLocator.PROPERTY, templates.toString());
        System.setProperty(dev.ringmaster.template.DataDirectory.PROPERTY, tmp.resolve("data").toString());
        try {
            assertEquals(9, run("run", "exit", "--no-serial"), err());
            var vm = dev.ringmaster.template.VmDefinition.create("Quick exit",
                    dev.ringmaster.template.TemplateCatalog.load(templates).find("exit").orElseThrow(),
                    dev.ringmaster.engine.vmm.Technique.NATIVE).withMemoryMiB(3);
            Path file = tmp.resolve("quick.json");
            Files.write(file, dev.ringmaster.template.VmDefinitionCodec.toJson(vm));
            Path report = tmp.resolve("q.json");
            assertEquals(9, run("run", file.toString(), "--json", report.toString(), "--no-serial"), err());
            assertEquals(3, json(report).get("memoryMiB").asInt(), "the definition's memory");
            Files.write(file, dev.ringmaster.template.VmDefinitionCodec.toJson(vm.withTechnique(dev.ringmaster.engine.vmm.Technique.PV)));
            errBytes.reset();
            assertEquals(RunCommand.EXIT_DATAERR, run("run", file.toString()));
            assertTrue(err().contains("'pv' is not implemented yet"), err());
            errBytes.reset();
            assertEquals(RunCommand.EXIT_NOINPUT, run("run", "no-such-vm-or-template"));
            assertTrue(err().contains("no template \"no-such-vm-or-template\""), err());
        } finally {
            if (oldData == null) {
                System.clearProperty(dev.ringmaster.template.DataDirectory.PROPERTY);
            } else {
                System.setProperty(dev.ringmaster.template.DataDirectory.PROPERTY, oldData);
            }
            if (old == null) {
                System.clearProperty(dev.ringmaster.template.TemplateLocator.PROPERTY);
            } else {
                System.setProperty(dev.ringmaster.template.TemplateLocator.PROPERTY, old);
            }
        }
    }
}
