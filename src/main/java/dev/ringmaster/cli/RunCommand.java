package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.TraceSink;
import dev.ringmaster.template.AtomicFiles;
import dev.ringmaster.template.ConfigFileException;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import dev.ringmaster.template.VmDefinitionStore;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.TemplateLocator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ringmaster run}: boots a guest headless and runs it until it writes the debug-exit port,
 * shuts down (triple fault, reset), hangs (HLT with nothing to wake it), crashes, or reaches the
 * instruction limit. See {@link #usage} for the arguments and exit codes.
 */
public final class RunCommand implements Command {
    /** The run reached --max-instructions. */
    public static final int EXIT_LIMIT = 2;
    /** The guest stopped for good without exiting: HLT with interrupts disabled, or idle with nothing to wake it. */
    public static final int EXIT_HUNG = 4;
    /** A host-side error in the engine (a bug): the report says what. */
    public static final int EXIT_HOST_ERROR = 70;
    /** An image, template or definition not found. */
    public static final int EXIT_NOINPUT = 66;
    /** An image or template that cannot be used (malformed, not Multiboot, too large...). */
    public static final int EXIT_DATAERR = 68;
    /** An output file that cannot be written. */
    public static final int EXIT_CANTCREAT = 72;

    private static final int DEFAULT_MEMORY_MIB = Machine.DEFAULT_RAM >> 20;

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "boot a guest headless (template, --kernel ELF or --rom IMAGE)";
    }

    static void usage(PrintStream out) {
        out.println("usage: ringmaster run TEMPLATE [options]");
        out.println("       ringmaster run --kernel ELF [--module FILE]... [--cmdline TEXT] [options]");
        out.println("       ringmaster run --rom IMAGE [options]");
        out.println();
        out.println("  TEMPLATE               a template id from vm-templates/ (e.g. rmx)");
        out.println("  --kernel ELF           a Multiboot v1 kernel, as qemu -kernel; --module as -initrd, --cmdline as -append");
        out.println("  --rom IMAGE            a raw ROM image ending at 4 GiB (reset vector F000:FFF0), as qemu -bios");
        out.println("  --technique T          native (default) or trap (trap-and-emulate); bt, pv, hw, container not yet");
        out.println("  --memory MIB           guest RAM, 1-512 (default: the template's, else 32)");
        out.println("  --serial-out FILE|-    COM1 output to FILE or standard output (default -); --no-serial discards it");
        out.println("  --input TEXT           bytes typed into COM1 at power-on (escapes \\n \\r \\t \\\\ \\xHH)");
        out.println("  --max-instructions N   stop after N instructions");
        out.println("  --json FILE|-          write a JSON report (reason, counters, last POST code)");
        out.println();
        out.println("Exit codes: (v<<1)|1 (odd) the guest wrote v to the debug-exit port 0x501, as QEMU's");
        out.println("isa-debug-exit; 0 shutdown (triple fault or reset, as qemu -no-reboot); 2 instruction limit;");
        out.println("4 guest hung (HLT with nothing to wake it, or a VMM stopped it); 64 usage; 66 file or template not found;");
        out.println("68 image or template unusable; 70 engine error; 72 output cannot be written.");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                usage(out);
                return 0;
            }
        }
        RunOptions o;
        try {
            o = RunOptions.parse(args);
        } catch (RunOptions.UsageException e) {
            err.println("ringmaster run: " + e.getMessage());
            usage(err);
            return Cli.EXIT_USAGE;
        }
        if (o.technique() != null) {
            Optional<Technique> t = Technique.find(o.technique());
            if (t.isEmpty()) {
                err.println("ringmaster run: " + Technique.unknownMessage(o.technique()));
                return Cli.EXIT_USAGE;
            }
            if (!TechniqueFactory.isAvailable(t.get())) {
                err.println("ringmaster run: technique '" + o.technique() + "' is not implemented yet (native, trap and bt run)");
                return EXIT_DATAERR;
            }
        }
        BootSpec boot;
        int memoryMiB = o.memoryMiB();
        if (o.kernel() != null) {
            boot = BootSpec.multiboot(o.kernel(), o.modules(), o.cmdline());
        } else if (o.rom() != null) {
            boot = BootSpec.rom(o.rom());
        } else {
            TemplateCatalog catalog;
            try {
                catalog = TemplateCatalog.load(TemplateLocator.locate());
            } catch (IOException e) {
                err.println("ringmaster run: " + e.getMessage());
                return EXIT_NOINPUT;
            }
            Optional<Template> found = ExportCommand.isFile(o.target()) ? Optional.empty() : catalog.find(o.target());
            Technique definitionTechnique = null;
            if (found.isEmpty() && catalog.errorFor(o.target()).isEmpty()) {
                // not a template: a VM definition (name, id or file)
                VmDefinition d;
                try {
                    if (ExportCommand.isFile(o.target())) {
                        d = VmDefinitionCodec.read(Path.of(o.target()).toAbsolutePath());
                    } else {
                        VmDefinitionStore store = VmDefinitionStore.openDefault();
                        Optional<VmDefinition> byName = ExportCommand.find(store, o.target(), err);
                        if (byName.isEmpty()) {
                            err.println("ringmaster run: no template \"" + o.target() + "\" in " + catalog.directory()
                                    + " and no VM of that name or id in " + store.directory());
                            return EXIT_NOINPUT;
                        }
                        d = byName.get();
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    err.println("ringmaster run: no such file: " + e.getFile());
                    return EXIT_NOINPUT;
                } catch (ConfigFileException e) {
                    err.println("ringmaster run: " + e.getMessage());
                    return EXIT_DATAERR;
                } catch (IOException e) {
                    err.println("ringmaster run: cannot read " + o.target() + ": " + e.getMessage());
                    return EXIT_NOINPUT;
                }
                try {
                    found = Optional.of(catalog.resolve(d.templateId(), Path.of(o.target()), "template"));
                } catch (ConfigFileException e) {
                    err.println("ringmaster run: " + e.getMessage());
                    return EXIT_DATAERR;
                }
                definitionTechnique = d.technique();
                if (memoryMiB == 0) {
                    memoryMiB = d.memoryMiB();
                }
            } else if (found.isEmpty()) {
                err.println("ringmaster run: " + catalog.errorFor(o.target()).get().getMessage());
                return EXIT_DATAERR;
            }
            Template t = found.get();
            Technique technique = o.technique() != null ? Technique.fromId(o.technique())
                    : definitionTechnique != null ? definitionTechnique : Technique.NATIVE;
            if (!t.allows(technique)) {
                err.println("ringmaster run: template " + t.id() + " does not allow technique " + technique.id());
                return EXIT_DATAERR;
            }
            if (!TechniqueFactory.isAvailable(technique)) {
                err.println("ringmaster run: technique '" + technique.id() + "' is not implemented yet (native, trap and bt run)");
                return EXIT_DATAERR;
            }
            o = o.withTechnique(technique.id());
            boot = t.bootSpec();
            if (memoryMiB == 0) {
                memoryMiB = t.memoryMiB();
            }
        }
        if (memoryMiB == 0) {
            memoryMiB = DEFAULT_MEMORY_MIB;
        }
        return execute(o, boot, memoryMiB, out, err);
    }

    private static int execute(RunOptions o, BootSpec boot, int memoryMiB, PrintStream out, PrintStream err) {
        Machine m = new Machine(memoryMiB << 20);
        try {
            boot.load(m);
        } catch (BootSpec.BootException e) {
            err.println("ringmaster run: " + e.getMessage());
            return e.notFound() ? EXIT_NOINPUT : EXIT_DATAERR;
        }
        OutputStream serial;
        try {
            serial = openSerial(o.serialOut(), out);
        } catch (IOException e) {
            err.println("ringmaster run: cannot write serial output " + o.serialOut() + ": " + e.getMessage());
            return EXIT_CANTCREAT;
        }
        m.devices().com1().setSink(b -> {
            try {
                serial.write(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (o.input() != null) {
            m.devices().com1().typeInput(o.input());
        }
        TechniqueRunner runner;
        try {
            runner = TechniqueFactory.create(o.technique() == null ? Technique.NATIVE : Technique.fromId(o.technique()), m,
                    TraceSink.NONE);
        } catch (RuntimeException e) {
            err.println("ringmaster run: " + e.getMessage());
            return EXIT_DATAERR;
        }
        long started = System.nanoTime();
        RunResult r = runner.run(o.maxInstructions());
        long hostNanos = System.nanoTime() - started;
        try {
            serial.flush();
            if (serial != out) {
                serial.close();
            }
        } catch (IOException e) {
            err.println("ringmaster run: cannot write serial output " + o.serialOut() + ": " + e.getMessage());
            return EXIT_CANTCREAT;
        }
        int exit = exitCode(r);
        String summary = String.format(Locale.ROOT, "ringmaster run: %s (%s) after %d instructions, %d cycles, %.3f s host",
                r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.detail(), r.instructions(), r.cycles(),
                hostNanos / 1e9);
        err.println(summary);
        if (o.json() != null) {
            ObjectNode j = JsonMapper.builder().build().createObjectNode();
            j.put("reason", r.kind().name().toLowerCase(Locale.ROOT));
            j.put("detail", r.detail());
            j.put("exitCode", exit);
            if (r.kind() == RunResult.Kind.DEBUG_EXIT) {
                j.put("debugExitValue", r.exitCode() >>> 1);
            }
            j.put("instructions", r.instructions());
            j.put("cycles", r.cycles());
            j.put("hostSeconds", hostNanos / 1e9);
            j.put("serialBytes", m.devices().com1().transmittedCount());
            j.put("postCode", m.devices().post().lastValue());
            j.put("postWrites", m.devices().post().writeCount());
            j.put("memoryMiB", memoryMiB);
            j.put("technique", o.technique() == null ? "native" : o.technique());
            try {
                String text = j.toPrettyString() + "\n";
                if (o.json().equals("-")) {
                    out.print(text);
                    out.flush();
                } else {
                    AtomicFiles.write(Path.of(o.json()), text.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                err.println("ringmaster run: cannot write " + o.json() + ": " + e.getMessage());
                return EXIT_CANTCREAT;
            }
        }
        return exit;
    }

    private static OutputStream openSerial(String serialOut, PrintStream out) throws IOException {
        if (serialOut == null) {
            return OutputStream.nullOutputStream();
        }
        if (serialOut.equals("-")) {
            return out;
        }
        return new BufferedOutputStream(Files.newOutputStream(Path.of(serialOut)));
    }

    /** The process exit code for a run result (see {@link #usage}). */
    static int exitCode(RunResult r) {
        return switch (r.kind()) {
            case DEBUG_EXIT -> r.exitCode() & 0xFF;
            case SHUTDOWN, RESET -> 0;
            case INSTRUCTION_LIMIT, TIME_LIMIT -> EXIT_LIMIT;
            case HALTED_FOREVER, IDLE -> EXIT_HUNG;
            case STOPPED -> EXIT_HUNG; // a VMM stopped the guest: trap-and-emulate's stall report says where
            case BREAKPOINT, HOST_ERROR -> EXIT_HOST_ERROR;
        };
    }
}
