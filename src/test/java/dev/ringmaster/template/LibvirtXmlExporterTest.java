package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.Technique;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LibvirtXmlExporterTest {
    @TempDir
    Path tmp;
    Path templates;
    TemplateCatalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        templates = Fixtures.templatesDir(tmp);
        Path images = templates.resolve("images");
        Files.createDirectories(images.resolve("odd,dir"));
        Files.write(images.resolve("odd,dir/m2.img"), new byte[] {2});
        Files.write(images.resolve("rmx/m3.img"), new byte[] {3});
        Fixtures.write(templates, "rmx.json", Fixtures.RMX);
        Fixtures.write(templates, "post.json", Fixtures.ROM);
        Fixtures.write(templates, "three.json", Fixtures.RMX
                .replace("[\"rmx/initrd.img\"]", "[\"rmx/initrd.img\", \"odd,dir/m2.img\", \"rmx/m3.img\"]"));
        Fixtures.write(templates, "bare.json", Fixtures.RMX.replace("  \"modules\": [\"rmx/initrd.img\"],\n", "")
                .replace("  \"cmdline\": \"console=ttyS0\",\n", ""));
        catalog = TemplateCatalog.load(templates);
        assertTrue(catalog.errors().isEmpty(), catalog.errors().toString());
    }

    private Template t(String id) {
        return catalog.find(id).orElseThrow();
    }

    /** Several definitions covering both boot kinds, module counts, odd names, notes and options. */
    private List<VmDefinition> definitions() {
        return List.of(
                VmDefinition.create("Lab 1: BT & <friends> \"quoted\" 'single' ünïcödé 🙂", t("rmx"), Technique.BT)
                        .withFolder("Labs/Week 1")
                        .withOptions(new VmDefinition.Options(false, "adams-2006", OptionalLong.of(2_000_000_000L)))
                        .withNotes("First line\n\tsecond line with ]]> and -- and <tags/> & \"quotes\""),
                VmDefinition.create("POST ROM under VT-x", t("post"), Technique.HW),
                VmDefinition.create("three modules", t("three"), Technique.PV).withMemoryMiB(512),
                VmDefinition.create("bare kernel", t("bare"), Technique.NATIVE).withMemoryMiB(1));
    }

    private Path export(VmDefinition d) throws Exception {
        String xml = new LibvirtXmlExporter().export(d, catalog, tmp.resolve("def.json"));
        Path file = tmp.resolve("out-" + d.id() + ".xml");
        Files.writeString(file, xml);
        return file;
    }

    @Test
    void virtXmlValidateAcceptsEveryExport() throws Exception {
        Path validate = ExternalTools.require("virt-xml-validate", "libvirt-clients");
        ExternalTools.require("xmllint", "libxml2-utils");
        for (VmDefinition d : definitions()) {
            Path file = export(d);
            ExternalTools.Result r = ExternalTools.run(60, List.of(validate.toString(), file.toString(), "domain"));
            assertEquals(0, r.exitCode(), d.name() + ": virt-xml-validate rejected\n" + Files.readString(file) + "\n" + r.output());
            assertTrue(r.output().contains("validates"), r.output());
        }
    }

    @Test
    void virtXmlValidateCanFail() throws Exception {
        // The oracle must be able to say no: the same export with a negative memory size is rejected.
        Path validate = ExternalTools.require("virt-xml-validate", "libvirt-clients");
        ExternalTools.require("xmllint", "libxml2-utils");
        Path file = export(definitions().get(0));
        Files.writeString(file, Files.readString(file).replace(">32768</memory>", ">-1</memory>"));
        ExternalTools.Result r = ExternalTools.run(60, List.of(validate.toString(), file.toString(), "domain"));
        assertNotEquals(0, r.exitCode(), r.output());
    }

    @Test
    void libvirtsOwnParserDefinesEveryExport() throws Exception {
        // virsh's built-in test driver runs libvirt's real domain parser (which also checks rules the
        // schema cannot, such as no '/' in names) without a daemon.
        Path virsh = ExternalTools.require("virsh", "libvirt-clients");
        for (VmDefinition d : definitions()) {
            Path file = export(d);
            ExternalTools.Result r = ExternalTools.run(60, List.of(virsh.toString(), "-q", "-c", "test:///default",
                    "define " + file + "; dumpxml " + d.id()));
            assertEquals(0, r.exitCode(), d.name() + ": virsh define failed\n" + r.output());
            assertTrue(r.output().contains(d.id().toString()), r.output());
            String memory = "<memory unit='KiB'>" + d.memoryMiB() * 1024L + "</memory>";
            assertTrue(r.output().contains(memory), "libvirt read the memory size back:\n" + r.output());
        }
    }

    @Test
    void structureOfAMultibootExport() throws Exception {
        VmDefinition d = definitions().get(0);
        Document doc = parse(Files.readString(export(d)));
        Element domain = doc.getDocumentElement();
        assertEquals("domain", domain.getTagName());
        assertEquals("qemu", domain.getAttribute("type"));
        assertEquals(d.name(), text(domain, "name"));
        assertEquals(d.id().toString(), text(domain, "uuid"));
        assertEquals(d.notes(), text(domain, "description"));
        assertEquals("32768", text(domain, "memory"));
        assertEquals("KiB", first(domain, "memory").getAttribute("unit"));
        assertEquals("32768", text(domain, "currentMemory"));
        assertEquals("1", text(domain, "vcpu"));
        Element type = first(domain, "type");
        assertEquals("hvm", type.getTextContent());
        assertEquals("i686", type.getAttribute("arch"));
        assertEquals("pc", type.getAttribute("machine"));
        Path kernel = Path.of(text(domain, "kernel"));
        assertTrue(kernel.isAbsolute());
        assertEquals(templates.resolve("images/rmx/kernel.elf").toAbsolutePath(), kernel);
        assertTrue(Files.isRegularFile(kernel));
        assertEquals(templates.resolve("images/rmx/initrd.img").toAbsolutePath().toString(), text(domain, "initrd"));
        assertEquals("console=ttyS0", text(domain, "cmdline"));
        assertEquals("/usr/bin/qemu-system-i386", text(domain, "emulator"));
        assertEquals("destroy", text(domain, "on_reboot"));
        assertEquals("vga", first(domain, "video").getElementsByTagName("model").item(0).getAttributes()
                .getNamedItem("type").getNodeValue());

        NodeList rm = domain.getElementsByTagNameNS(LibvirtXmlExporter.RINGMASTER_NS, "ringmaster");
        assertEquals(1, rm.getLength());
        Element meta = (Element) rm.item(0);
        assertEquals("metadata", meta.getParentNode().getNodeName());
        assertEquals("bt", textNs(meta, "technique"));
        assertEquals("rmx", textNs(meta, "template"));
        assertEquals("Labs/Week 1", textNs(meta, "folder"));
        Element options = (Element) meta.getElementsByTagNameNS(LibvirtXmlExporter.RINGMASTER_NS, "options").item(0);
        assertEquals("false", options.getAttribute("enableEpt"));
        assertEquals("adams-2006", options.getAttribute("costPreset"));
        assertEquals("2000000000", options.getAttribute("cpuHz"));
        assertEquals(d.createdAt().toString(), textNs(meta, "createdAt"));

        NodeList args = domain.getElementsByTagNameNS(LibvirtXmlExporter.QEMU_NS, "arg");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.getLength(); i++) {
            values.add(((Element) args.item(i)).getAttribute("value"));
        }
        assertEquals(List.of("-device", "isa-debug-exit,iobase=0x501,iosize=0x02"), values);
    }

    @Test
    void romTemplateBecomesARomLoader() throws Exception {
        Document doc = parse(Files.readString(export(definitions().get(1))));
        Element loader = first(doc.getDocumentElement(), "loader");
        assertEquals("rom", loader.getAttribute("type"));
        assertEquals("yes", loader.getAttribute("readonly"));
        assertEquals(templates.resolve("images/roms/post.bin").toAbsolutePath().toString(), loader.getTextContent());
        assertEquals(0, doc.getElementsByTagName("kernel").getLength());
        assertEquals("1024", text(doc.getDocumentElement(), "memory"));
        assertEquals(0, doc.getElementsByTagName("description").getLength(), "no notes, no description");
    }

    @Test
    void severalModulesAreOneCommaSeparatedInitrdWithCommasDoubled() throws Exception {
        Document doc = parse(Files.readString(export(definitions().get(2))));
        Path images = templates.resolve("images").toAbsolutePath();
        assertEquals(images.resolve("rmx/initrd.img") + "," + images.resolve("odd,,dir/m2.img") + "," + images.resolve("rmx/m3.img"),
                text(doc.getDocumentElement(), "initrd"));
        assertEquals(512 * 1024 + "", text(doc.getDocumentElement(), "memory"));
    }

    @Test
    void bareKernelHasNoInitrdNorCmdline() throws Exception {
        Document doc = parse(Files.readString(export(definitions().get(3))));
        assertEquals(1, doc.getElementsByTagName("kernel").getLength());
        assertEquals(0, doc.getElementsByTagName("initrd").getLength());
        assertEquals(0, doc.getElementsByTagName("cmdline").getLength());
    }

    @Test
    void aModulePathWithASpaceCannotBeExported() throws Exception {
        Files.createDirectories(templates.resolve("images/with space"));
        Files.write(templates.resolve("images/with space/m.img"), new byte[] {1});
        Fixtures.write(templates, "spaced.json", Fixtures.RMX.replace("rmx/initrd.img", "with space/m.img"));
        TemplateCatalog c = TemplateCatalog.load(templates);
        VmDefinition d = VmDefinition.create("spaced", c.find("spaced").orElseThrow(), Technique.BT);
        LibvirtExportException e = assertThrows(LibvirtExportException.class,
                () -> new LibvirtXmlExporter().export(d, c.find("spaced").orElseThrow()));
        assertTrue(e.getMessage().contains("QEMU's multiboot loader ends a module's file name at the first space"), e.getMessage());
    }

    @Test
    void techniqueTheTemplateNoLongerAllowsIsAnErrorNamingTheDefinitionFile() throws Exception {
        VmDefinition d = VmDefinition.create("x", t("rmx"), Technique.TRAP);
        Fixtures.write(templates, "rmx.json", Fixtures.RMX.replace("\"native\", \"trap\", ", ""));
        TemplateCatalog changed = TemplateCatalog.load(templates);
        Path def = tmp.resolve("x.json");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> new LibvirtXmlExporter().export(d, changed, def));
        assertEquals(def + ": field \"technique\": template \"rmx\" does not allow \"trap\" (allowed: bt, pv, hw, container)",
                e.getMessage());
    }

    @Test
    void xmlEscapingRoundTripsThroughAParser() throws Exception {
        VmDefinition d = definitions().get(0);
        String xml = new LibvirtXmlExporter().export(d, t("rmx"));
        assertTrue(xml.contains("&lt;friends&gt;") && xml.contains("&amp;"), xml);
        Document doc = parse(xml);
        assertEquals(d.name(), text(doc.getDocumentElement(), "name"));
        assertEquals(d.notes(), text(doc.getDocumentElement(), "description"));
    }

    @Test
    void xmlWriterEscapesAttributesAndRefusesWhatXmlCannotHold() throws Exception {
        XmlWriter w = new XmlWriter().start("a", "v", "x'\"<&>\n\ty").text("b", "1 < 2 & 'q' \"d\"").end();
        Element a = parse(w.toString()).getDocumentElement();
        assertEquals("x'\"<&>\n\ty", a.getAttribute("v"));
        assertEquals("1 < 2 & 'q' \"d\"", a.getElementsByTagName("b").item(0).getTextContent());
        assertThrows(IllegalArgumentException.class, () -> new XmlWriter().text("a", "bell\u0007"));
        assertThrows(IllegalArgumentException.class, () -> new XmlWriter().text("a", "half \uD800 surrogate"));
        assertThrows(IllegalArgumentException.class, () -> new XmlWriter().comment("no -- inside"));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element first(Element root, String tag) {
        NodeList l = root.getElementsByTagName(tag);
        assertEquals(1, l.getLength(), "exactly one <" + tag + ">");
        return (Element) l.item(0);
    }

    private static String text(Element root, String tag) {
        return first(root, tag).getTextContent();
    }

    private static String textNs(Element root, String local) {
        NodeList l = root.getElementsByTagNameNS(LibvirtXmlExporter.RINGMASTER_NS, local);
        assertEquals(1, l.getLength(), Arrays.asList("exactly one rm:", local).toString());
        return l.item(0).getTextContent();
    }
}
