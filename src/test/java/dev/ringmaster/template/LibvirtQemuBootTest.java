package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.engine.vmm.Technique;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The exported XML really boots: its boot elements are handed to QEMU the way libvirt maps them
 * ({@code <kernel>} → -kernel, {@code <initrd>} → -initrd, {@code <cmdline>} → -append,
 * {@code <loader type='rom'>} → -bios, {@code <memory>} → -m, {@code <qemu:arg>} appended,
 * {@code on_reboot=destroy} → -no-reboot) and tiny guests built with nasm report, through the
 * exported isa-debug-exit device, what they received. This checks the multi-module convention
 * (comma-separated {@code <initrd>}, commas doubled) against QEMU itself.
 */
class LibvirtQemuBootTest {
    @TempDir
    Path tmp;

    /**
     * Multiboot kernel: exits through port 0x501 with mods_count | 0x10 if the command line ends in
     * "probe" | 0x20 if the first module starts with 'A' | 0x40 if the last module starts with 'Z'.
     * (QEMU, like GRUB, puts the kernel's file name before the command line.)
     */
    private static final String KERNEL = """
            bits 32
            section .text
            align 4
                dd 0x1BADB002, 0, -0x1BADB002
            global _start
            _start:
                mov ecx, [ebx+20]          ; mods_count
                test dword [ebx], 4        ; cmdline valid?
                jz .mods
                mov esi, [ebx+16]
            .end:
                cmp byte [esi], 0
                je .ended
                inc esi
                jmp .end
            .ended:
                cmp dword [esi-4], 'robe'
                jne .mods
                cmp byte [esi-5], 'p'
                jne .mods
                or ecx, 0x10
            .mods:
                test dword [ebx], 8        ; modules valid?
                jz .out
                cmp dword [ebx+20], 0
                je .out
                mov esi, [ebx+24]          ; mods_addr
                mov edi, [esi]             ; first module's mod_start
                cmp byte [edi], 'A'
                jne .last
                or ecx, 0x20
            .last:
                mov eax, [ebx+20]
                dec eax
                shl eax, 4                 ; 16 bytes per module entry
                mov edi, [esi+eax]
                cmp byte [edi], 'Z'
                jne .out
                or ecx, 0x40
            .out:
                mov eax, ecx
                mov dx, 0x501
                out dx, al
                hlt
                jmp $
            """;

    /** 64 KiB ROM: at the reset vector, writes 0x2A to port 0x501. */
    private static final String ROM = """
            bits 16
            times 0xFFF0 db 0
                mov dx, 0x501
                mov al, 0x2A
                out dx, al
                hlt
            times 0x10000 - ($ - $$) db 0
            """;

    @Test
    void multibootExportWithSeveralModulesBootsInQemu() throws Exception {
        Path nasm = ExternalTools.require("nasm", "nasm");
        Path ld = ExternalTools.require("ld", "binutils");
        Path templates = Files.createDirectories(tmp.resolve("vm-templates"));
        Path images = Files.createDirectories(templates.resolve("images/k,1"));
        Path asm = Files.writeString(tmp.resolve("k.asm"), KERNEL);
        Path obj = tmp.resolve("k.o");
        check(ExternalTools.run(60, List.of(nasm.toString(), "-f", "elf32", asm.toString(), "-o", obj.toString())));
        check(ExternalTools.run(60, List.of(ld.toString(), "-m", "elf_i386", "-Ttext", "0x100000", "-e", "_start",
                "-o", images.resolve("kernel.elf").toString(), obj.toString())));
        Files.writeString(images.resolve("first,module.img"), "A first");
        Files.writeString(images.resolve("middle.img"), "M middle");
        Files.writeString(images.resolve("last.img"), "Z last");
        Files.writeString(templates.resolve("probe.json"), """
                {"name": "probe", "description": "Reports what it was given.", "boot": "multiboot",
                 "kernel": "k,1/kernel.elf", "modules": ["k,1/first,module.img", "k,1/middle.img", "k,1/last.img"],
                 "cmdline": "console=ttyS0 probe", "memoryMiB": 16, "techniques": ["native"]}
                """);
        TemplateCatalog catalog = TemplateCatalog.load(templates);
        VmDefinition d = VmDefinition.create("probe", catalog.find("probe").orElseThrow(), Technique.NATIVE);
        String xml = new LibvirtXmlExporter().export(d, catalog, tmp.resolve("probe-def.json"));

        int value = 3 | 0x10 | 0x20 | 0x40;
        assertEquals((value << 1) | 1, runLikeLibvirt(xml), "3 modules, in order, and the command line reached the guest");
    }

    @Test
    void romExportBootsInQemu() throws Exception {
        Path nasm = ExternalTools.require("nasm", "nasm");
        Path templates = Files.createDirectories(tmp.resolve("vm-templates"));
        Path images = Files.createDirectories(templates.resolve("images"));
        Path asm = Files.writeString(tmp.resolve("rom.asm"), ROM);
        check(ExternalTools.run(60, List.of(nasm.toString(), "-f", "bin", asm.toString(), "-o",
                images.resolve("rom.bin").toString())));
        Files.writeString(templates.resolve("rom.json"), """
                {"name": "rom", "description": "Exits at once.", "boot": "rom", "rom": "rom.bin",
                 "memoryMiB": 1, "techniques": ["native"]}
                """);
        TemplateCatalog catalog = TemplateCatalog.load(templates);
        VmDefinition d = VmDefinition.create("rom", catalog.find("rom").orElseThrow(), Technique.NATIVE);
        assertEquals((0x2A << 1) | 1, runLikeLibvirt(new LibvirtXmlExporter().export(d, catalog, tmp.resolve("rom-def.json"))));
    }

    private static void check(ExternalTools.Result r) {
        assertEquals(0, r.exitCode(), r.output());
    }

    /** Runs the domain's emulator with the arguments libvirt derives from these elements; returns QEMU's exit code. */
    private static int runLikeLibvirt(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element domain = doc.getDocumentElement();
        String emulator = text(domain, "emulator");
        ExternalTools.require(Path.of(emulator).getFileName().toString(), "qemu-system-x86");
        Element type = (Element) domain.getElementsByTagName("type").item(0);
        List<String> cmd = new ArrayList<>(List.of(emulator, "-machine", type.getAttribute("machine"),
                "-m", Long.parseLong(text(domain, "memory")) / 1024 + "M", "-display", "none", "-serial", "none",
                "-monitor", "none", "-no-reboot"));
        assertEquals("destroy", text(domain, "on_reboot"));
        add(cmd, "-kernel", domain, "kernel");
        add(cmd, "-initrd", domain, "initrd");
        add(cmd, "-append", domain, "cmdline");
        add(cmd, "-bios", domain, "loader");
        NodeList args = domain.getElementsByTagNameNS(LibvirtXmlExporter.QEMU_NS, "arg");
        for (int i = 0; i < args.getLength(); i++) {
            cmd.add(((Element) args.item(i)).getAttribute("value"));
        }
        return ExternalTools.run(120, cmd).exitCode();
    }

    private static void add(List<String> cmd, String option, Element domain, String tag) {
        NodeList l = domain.getElementsByTagName(tag);
        if (l.getLength() > 0) {
            cmd.add(option);
            cmd.add(l.item(0).getTextContent());
        }
    }

    private static String text(Element domain, String tag) {
        return domain.getElementsByTagName(tag).item(0).getTextContent();
    }
}
