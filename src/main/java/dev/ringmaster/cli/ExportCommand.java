package dev.ringmaster.cli;

import dev.ringmaster.template.AtomicFiles;
import dev.ringmaster.template.ConfigFileException;
import dev.ringmaster.template.LibvirtExportException;
import dev.ringmaster.template.LibvirtXmlExporter;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.TemplateLocator;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import dev.ringmaster.template.VmDefinitionStore;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code ringmaster export DEFINITION [--format libvirt] [-o FILE]}: writes a VM definition as
 * libvirt domain XML. DEFINITION is a VM's name or id among the user's VMs, or a definition file
 * (an argument containing '/' or ending in {@code .json}). Exit codes follow sysexits.h: 0 done,
 * 64 usage, 65 invalid definition or template (EX_DATAERR), 66 definition, file or template
 * directory not found (EX_NOINPUT), 73 output cannot be written (EX_CANTCREAT), 74 read error (EX_IOERR).
 */
public final class ExportCommand implements Command {
    public static final int EXIT_DATAERR = 65;
    public static final int EXIT_NOINPUT = 66;
    public static final int EXIT_CANTCREAT = 73;
    public static final int EXIT_IOERR = 74;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Where the templates directory comes from; may fail with a message saying where it looked. */
    @FunctionalInterface
    public interface TemplatesDir {
        Path locate() throws NoSuchFileException;
    }

    private final TemplatesDir templatesDir;
    private final VmDefinitionStore store;

    /** The command as registered: templates found by {@link TemplateLocator}, the user's own VMs. */
    public ExportCommand() {
        this(TemplateLocator::locate, null);
    }

    /**
     * @param templatesDir where the templates are
     * @param store        the VM definitions to look names and ids up in; null for the user's default store
     */
    public ExportCommand(TemplatesDir templatesDir, VmDefinitionStore store) {
        this.templatesDir = templatesDir;
        this.store = store;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a VM definition as libvirt domain XML";
    }

    static void usage(PrintStream out) {
        out.println("usage: ringmaster export DEFINITION [--format libvirt] [-o FILE]");
        out.println();
        out.println("Writes a VM definition as libvirt domain XML (for virsh define / virt-manager).");
        out.println();
        out.println("  DEFINITION          a VM's name or id, or a definition file (a path with '/' or ending in .json)");
        out.println("  --format libvirt    the output format (libvirt domain XML, the only one so far)");
        out.println("  -o, --output FILE   write FILE (atomically) instead of standard output; '-' is standard output");
        out.println();
        out.println("Exit codes: 0 done, 64 usage, 65 invalid definition or template, 66 not found,");
        out.println("            73 cannot write the output, 74 read error.");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String definition = null;
        String format = "libvirt";
        String output = null;
        boolean optionsDone = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!optionsDone && (a.equals("-h") || a.equals("--help"))) {
                usage(out);
                return 0;
            } else if (!optionsDone && a.equals("--")) {
                optionsDone = true;
            } else if (!optionsDone && (a.equals("--format") || a.equals("-o") || a.equals("--output"))) {
                if (i + 1 >= args.length) {
                    return usageError(err, a + " needs a value");
                }
                String value = args[++i];
                if (a.equals("--format")) {
                    format = value;
                } else {
                    output = value;
                }
            } else if (!optionsDone && a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (!optionsDone && a.startsWith("--output=")) {
                output = a.substring("--output=".length());
            } else if (!optionsDone && a.startsWith("-") && !a.equals("-")) {
                return usageError(err, "unknown option '" + a + "'");
            } else if (definition == null) {
                definition = a;
            } else {
                return usageError(err, "one DEFINITION only (got '" + definition + "' and '" + a + "')");
            }
        }
        if (definition == null || definition.isEmpty()) {
            return usageError(err, "which VM? give its name, id or definition file");
        }
        if (!format.equals("libvirt")) {
            return usageError(err, "unknown format '" + format + "' (known: libvirt)");
        }
        if (output != null && output.isEmpty()) {
            return usageError(err, "-o needs a file name");
        }
        return export(definition, output, out, err);
    }

    private int export(String definition, String output, PrintStream out, PrintStream err) {
        TemplateCatalog catalog;
        try {
            catalog = TemplateCatalog.load(templatesDir.locate());
        } catch (NoSuchFileException e) {
            return fail(err, EXIT_NOINPUT, e.getMessage());
        } catch (IOException e) {
            return fail(err, EXIT_IOERR, "cannot read the templates: " + e);
        }
        VmDefinition vm;
        Path source;
        try {
            if (isFile(definition)) {
                source = Path.of(definition).toAbsolutePath();
                vm = VmDefinitionCodec.read(source);
            } else {
                VmDefinitionStore s = store != null ? store : VmDefinitionStore.openDefault();
                Optional<VmDefinition> found = find(s, definition, err);
                if (found.isEmpty()) {
                    return fail(err, EXIT_NOINPUT, "no VM " + (UUID_TEXT.matcher(definition).matches() ? "with id " : "named ")
                            + "\"" + definition + "\" in " + s.directory());
                }
                vm = found.get();
                source = s.fileOf(vm.id());
            }
        } catch (NoSuchFileException e) {
            return fail(err, EXIT_NOINPUT, "no such file: " + e.getFile());
        } catch (ConfigFileException e) {
            return fail(err, EXIT_DATAERR, e.getMessage());
        } catch (IOException e) {
            return fail(err, EXIT_IOERR, "cannot read " + definition + ": " + e);
        }
        String xml;
        try {
            xml = new LibvirtXmlExporter().export(vm, catalog, source);
        } catch (ConfigFileException | LibvirtExportException e) {
            return fail(err, EXIT_DATAERR, e.getMessage());
        }
        if (output == null || output.equals("-")) {
            out.print(xml);
            out.flush();
            return 0;
        }
        try {
            AtomicFiles.write(Path.of(output), xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail(err, EXIT_CANTCREAT, "cannot write " + output + ": " + e);
        }
        return 0;
    }

    /** By id (a UUID) or by name; unreadable definition files are mentioned, since the VM may be one of them. */
    static Optional<VmDefinition> find(VmDefinitionStore s, String nameOrId, PrintStream err)
            throws IOException, ConfigFileException {
        if (UUID_TEXT.matcher(nameOrId).matches()) {
            try {
                return Optional.of(s.load(UUID.fromString(nameOrId)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
        Optional<VmDefinition> byName = s.findByName(nameOrId);
        if (byName.isEmpty()) {
            for (ConfigFileException e : s.list().errors()) {
                err.println("ringmaster: warning: " + e.getMessage());
            }
        }
        return byName;
    }

    static boolean isFile(String arg) {
        return arg.indexOf('/') >= 0 || arg.indexOf(File.separatorChar) >= 0 || arg.endsWith(".json");
    }

    private static int usageError(PrintStream err, String message) {
        err.println("ringmaster export: " + message);
        usage(err);
        return Cli.EXIT_USAGE;
    }

    private static int fail(PrintStream err, int code, String message) {
        err.println("ringmaster export: " + message);
        return code;
    }
}
