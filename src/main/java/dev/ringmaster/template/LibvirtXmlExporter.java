package dev.ringmaster.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exports a {@link VmDefinition} as libvirt domain XML, so that the same guest can be run by
 * {@code virsh define} / virt-manager under QEMU (the differential oracle of DESIGN §2). The XML
 * is accepted by {@code virt-xml-validate FILE domain}.
 *
 * <p>The machine is the PC Ringmaster simulates: i686, the {@code pc} machine type, one vCPU, the
 * definition's memory, COM1 as a pty serial console, a VGA display (VNC on localhost), a PS/2
 * keyboard, no USB controller, no memory balloon, no ACPI (Ringmaster's PC has none), and
 * QEMU's {@code isa-debug-exit} device at port 0x501 (DESIGN §3) added through libvirt's QEMU
 * command-line namespace, which the schema accepts. A triple fault stops a Ringmaster VM;
 * QEMU turns it into a reset, so {@code on_reboot} is {@code destroy} (QEMU's {@code -no-reboot}).
 *
 * <p>Boot: a multiboot template becomes libvirt's direct kernel boot ({@code <kernel>},
 * {@code <initrd>}, {@code <cmdline>}). libvirt has a single {@code <initrd>}; QEMU's multiboot
 * loader splits its {@code -initrd} argument at commas into modules (a literal comma written as
 * ",,"), so several modules are exported as one comma-separated {@code <initrd>}. That is a QEMU
 * convention, not a libvirt one, and QEMU also cuts a module's file name at the first space, so a
 * module path containing a space cannot be exported. A ROM template becomes
 * {@code <loader type='rom'>} (QEMU's {@code -bios}).
 *
 * <p>libvirt runs the guest with QEMU's own CPU emulation (TCG), whatever the Ringmaster
 * technique; the technique, template, folder and options travel in
 * {@code <metadata><rm:ringmaster xmlns:rm="https://ringmaster.dev/xmlns/1">}.
 */
public final class LibvirtXmlExporter {
    /** XML namespace of Ringmaster's metadata element. */
    public static final String RINGMASTER_NS = "https://ringmaster.dev/xmlns/1";
    /** libvirt's namespace for extra QEMU command-line arguments. */
    public static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    /** The emulator libvirt should run. */
    public static final String DEFAULT_EMULATOR = "/usr/bin/qemu-system-i386";
    /** QEMU's isa-debug-exit at Ringmaster's debug-exit port (DESIGN §3). */
    public static final String DEBUG_EXIT_DEVICE = "isa-debug-exit,iobase=0x501,iosize=0x02";

    private final String emulator;

    public LibvirtXmlExporter() {
        this(DEFAULT_EMULATOR);
    }

    /** @param emulator absolute path of the QEMU binary written into {@code <emulator>} */
    public LibvirtXmlExporter(String emulator) {
        if (!Path.of(emulator).isAbsolute()) {
            throw new IllegalArgumentException("the emulator path must be absolute: " + emulator);
        }
        this.emulator = emulator;
    }

    /**
     * Exports a definition, finding its template in the catalog.
     *
     * @param definitionFile the file the definition came from, named in errors
     * @throws ConfigFileException     when the template is missing or invalid, or does not allow the technique
     * @throws LibvirtExportException when the definition cannot be expressed in libvirt XML
     */
    public String export(VmDefinition definition, TemplateCatalog catalog, Path definitionFile)
            throws ConfigFileException, LibvirtExportException {
        Template template = catalog.resolve(definition.templateId(), definitionFile, "template");
        try {
            VmDefinition.checkAllowed(template, definition.technique());
        } catch (InvalidFieldException e) {
            throw e.in(definitionFile);
        }
        return export(definition, template);
    }

    /**
     * Exports a definition made from {@code template}.
     *
     * @throws IllegalArgumentException when the definition is not of that template or uses a technique it does not allow
     * @throws LibvirtExportException  when the definition cannot be expressed in libvirt XML
     */
    public String export(VmDefinition d, Template template) throws LibvirtExportException {
        if (!d.templateId().equals(template.id())) {
            throw new IllegalArgumentException("definition of template \"" + d.templateId() + "\" exported with template \""
                    + template.id() + "\"");
        }
        VmDefinition.checkAllowed(template, d.technique());
        String memoryKiB = Long.toString(d.memoryMiB() * 1024L);

        XmlWriter x = new XmlWriter();
        x.comment(headerComment(template));
        x.start("domain", "type", "qemu", "xmlns:qemu", QEMU_NS);
        x.text("name", d.name());
        x.text("uuid", d.id().toString());
        x.text("title", template.name() + " (" + d.technique().displayName() + ")");
        if (!d.notes().isEmpty()) {
            x.text("description", d.notes());
        }
        metadata(x, d);
        x.text("memory", memoryKiB, "unit", "KiB");
        x.text("currentMemory", memoryKiB, "unit", "KiB");
        x.text("vcpu", "1", "placement", "static");
        os(x, template.boot());
        x.empty("features"); // no <acpi/>: Ringmaster's PC has no ACPI tables
        x.empty("clock", "offset", "utc");
        x.text("on_poweroff", "destroy");
        x.text("on_reboot", "destroy");
        x.text("on_crash", "destroy");
        devices(x);
        x.start("qemu:commandline");
        x.empty("qemu:arg", "value", "-device");
        x.empty("qemu:arg", "value", DEBUG_EXIT_DEVICE);
        x.end();
        x.end();
        return x.toString();
    }

    private static String headerComment(Template template) {
        List<String> lines = new ArrayList<>(List.of(
                "Exported by Ringmaster for libvirt/QEMU.",
                "QEMU runs this guest with its own CPU emulation; the Ringmaster technique,",
                "template and options are kept in <metadata> for Ringmaster only."));
        if (template.boot() instanceof Template.Multiboot mb && mb.modules().size() > 1) {
            lines.add("The " + mb.modules().size() + " Multiboot modules are one comma-separated <initrd>:");
            lines.add("QEMU's multiboot loader splits it into modules (libvirt has a single initrd).");
        }
        return String.join("\n", lines);
    }

    private static void metadata(XmlWriter x, VmDefinition d) {
        x.start("metadata");
        x.start("rm:ringmaster", "xmlns:rm", RINGMASTER_NS);
        x.text("rm:technique", d.technique().id());
        x.text("rm:template", d.templateId());
        if (!d.folder().isEmpty()) {
            x.text("rm:folder", d.folder());
        }
        VmDefinition.Options o = d.options();
        List<String> attrs = new ArrayList<>(List.of("enableEpt", Boolean.toString(o.enableEpt()), "costPreset", o.costPreset()));
        if (o.cpuHz().isPresent()) {
            attrs.add("cpuHz");
            attrs.add(Long.toString(o.cpuHz().getAsLong()));
        }
        x.empty("rm:options", attrs.toArray(String[]::new));
        x.text("rm:createdAt", d.createdAt().toString());
        x.end();
        x.end();
    }

    private static void os(XmlWriter x, Template.Boot boot) throws LibvirtExportException {
        x.start("os");
        x.text("type", "hvm", "arch", "i686", "machine", "pc");
        if (boot instanceof Template.Multiboot mb) {
            x.text("kernel", absolute(mb.kernel()));
            if (!mb.modules().isEmpty()) {
                x.text("initrd", initrd(mb.modules()));
            }
            if (!mb.cmdline().isEmpty()) {
                x.text("cmdline", mb.cmdline());
            }
        } else if (boot instanceof Template.Rom rom) {
            x.text("loader", absolute(rom.rom()), "readonly", "yes", "type", "rom");
        } else {
            throw new LibvirtExportException("boot kind \"" + boot.kind() + "\" cannot be exported to libvirt");
        }
        x.end();
    }

    /** QEMU's multiboot module list: paths joined with ',', a ',' inside a path doubled. */
    static String initrd(List<Template.GuestImage> modules) throws LibvirtExportException {
        List<String> parts = new ArrayList<>();
        for (Template.GuestImage m : modules) {
            String path = absolute(m);
            if (path.indexOf(' ') >= 0) {
                throw new LibvirtExportException("module " + path + " cannot be exported: QEMU's multiboot loader "
                        + "ends a module's file name at the first space (move vm-templates to a path without spaces)");
            }
            parts.add(path.replace(",", ",,"));
        }
        return String.join(",", parts);
    }

    private static String absolute(Template.GuestImage image) {
        return Objects.requireNonNull(image.path()).toAbsolutePath().normalize().toString();
    }

    private void devices(XmlWriter x) {
        x.start("devices");
        x.text("emulator", emulator);
        x.empty("controller", "type", "usb", "model", "none");
        x.start("serial", "type", "pty");
        x.empty("target", "port", "0");
        x.end();
        x.start("console", "type", "pty");
        x.empty("target", "type", "serial", "port", "0");
        x.end();
        x.empty("input", "type", "keyboard", "bus", "ps2");
        x.empty("graphics", "type", "vnc", "port", "-1", "autoport", "yes", "listen", "127.0.0.1");
        x.start("video");
        x.empty("model", "type", "vga", "vram", "16384", "heads", "1", "primary", "yes");
        x.end();
        x.empty("memballoon", "model", "none");
        x.end();
    }
}
