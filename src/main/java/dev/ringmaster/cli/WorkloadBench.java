package dev.ringmaster.cli;

import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.TraceSink;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ringmaster bench --workloads}: the rmx guest's workloads (sysbench, pfbench, ptbench, ctxbench,
 * iobench, cpubench) under each technique, one table: the guest's own result line, the simulated cycles
 * the technique's cost ledger charged for the workload, the overhead against native (ratio of simulated
 * cycles, same preset), the traps and callouts that reached the VMM, and host time.
 *
 * <p>Per technique the guest boots once to its shell prompt, then each workload is typed as a command and
 * measured from the command to the next prompt (ledger snapshots before and after). A technique that is
 * not available says so; one whose guest stalls (trap-and-emulate and the kernel's {@code pushf; cli;
 * popf}) says where, and the next workload boots a fresh guest. Every run is bounded by an instruction
 * budget.
 */
final class WorkloadBench {
    /** One workload: the shell command and the prefix of the line it prints. */
    record Workload(String name, long count) {
        String command() {
            return name + " " + count;
        }
    }

    /** The default counts: each workload takes a few million guest instructions natively. */
    static final List<Workload> WORKLOADS = List.of(new Workload("sysbench", 20_000), new Workload("pfbench", 500),
            new Workload("ptbench", 500), new Workload("ctxbench", 500), new Workload("iobench", 20_000),
            new Workload("cpubench", 1_000));

    static final String PROMPT = "rmx:/# ";

    /** How one workload ended under one technique. */
    enum Status { DONE, NOT_AVAILABLE, STALLED, FAILED }

    /**
     * One cell group of the table.
     *
     * @param result   the guest's result line without the workload's name, or why there is none
     * @param cost     the ledger's figures for the workload (null unless DONE)
     * @param traps    events that reached the VMM during the workload
     * @param callouts callouts from translated code during the workload
     */
    record Row(Workload workload, Technique technique, Status status, String result, LedgerSnapshot cost, long traps,
               long callouts, long hostNanos) {
    }

    private final BootSpec boot;
    private final int memoryMiB;
    private final CostModel model;
    private final long budget;

    /**
     * @param budget instructions allowed for booting to the prompt, and again for each workload
     */
    WorkloadBench(BootSpec boot, int memoryMiB, CostModel model, long budget) {
        this.boot = boot;
        this.memoryMiB = memoryMiB;
        this.model = model;
        this.budget = budget;
    }

    /** Runs every workload under every technique (native first: the baseline). */
    List<Row> run(List<Workload> workloads, List<Technique> techniques) throws BootSpec.BootException {
        List<Row> rows = new ArrayList<>();
        for (Technique t : techniques) {
            if (!TechniqueFactory.isAvailable(t)) {
                for (Workload w : workloads) {
                    rows.add(new Row(w, t, Status.NOT_AVAILABLE, "not available", null, 0, 0, 0));
                }
                continue;
            }
            Session s = null;
            for (Workload w : workloads) {
                if (s == null || s.dead != null) {
                    s = new Session(t);
                    String why = s.runUntil(PROMPT);
                    if (why != null) {
                        rows.add(new Row(w, t, s.stalled ? Status.STALLED : Status.FAILED, "boot: " + why, null, 0, 0, 0));
                        continue;
                    }
                }
                rows.add(s.measure(w));
            }
        }
        return rows;
    }

    /** One booted guest under one technique. */
    private final class Session {
        final Technique technique;
        final Machine machine;
        final TechniqueRunner runner;
        final StringBuilder serial = new StringBuilder();
        int mark;
        String dead;
        boolean stalled;

        Session(Technique t) throws BootSpec.BootException {
            this.technique = t;
            this.machine = new Machine(memoryMiB << 20);
            boot.load(machine);
            machine.devices().com1().setSink(b -> serial.append((char) b));
            this.runner = TechniqueFactory.create(t, machine, TraceSink.NONE, model);
        }

        /** Runs until {@code text} appears after the mark; null when it did, else why not. */
        String runUntil(String text) {
            long start = machine.cpu().instructions();
            while (serial.indexOf(text, mark) < 0) {
                long left = budget - (machine.cpu().instructions() - start);
                if (left <= 0) {
                    dead = String.format(Locale.ROOT, "did not finish within %,d instructions", budget);
                    return dead;
                }
                RunResult r = runner.run(Math.min(left, 1_000_000));
                switch (r.kind()) {
                    case INSTRUCTION_LIMIT, TIME_LIMIT -> {
                    }
                    case STOPPED -> {
                        stalled = true;
                        dead = stallText(r.detail());
                        return dead;
                    }
                    default -> {
                        dead = r.kind() + ": " + r.detail();
                        return dead;
                    }
                }
            }
            mark = serial.indexOf(text, mark) + text.length();
            return null;
        }

        Row measure(Workload w) {
            LedgerSnapshot before = runner.costSnapshot();
            long traps = runner.counters().get(Kind.TRAPS);
            long callouts = runner.counters().get(Kind.CALLOUTS);
            int from = mark;
            machine.devices().com1().typeInput((w.command() + "\n").getBytes(StandardCharsets.ISO_8859_1));
            long t0 = System.nanoTime();
            String why = runUntil(PROMPT);
            long host = System.nanoTime() - t0;
            if (why != null) {
                return new Row(w, technique, stalled ? Status.STALLED : Status.FAILED, why, null, 0, 0, host);
            }
            LedgerSnapshot cost = runner.costSnapshot().minus(before);
            String result = resultLine(serial.substring(from, mark), w.name());
            return new Row(w, technique, result == null ? Status.FAILED : Status.DONE,
                    result == null ? "no result line from " + w.name() : result, cost,
                    runner.counters().get(Kind.TRAPS) - traps, runner.counters().get(Kind.CALLOUTS) - callouts, host);
        }
    }

    private static final Pattern GUILTY = Pattern.compile("(POPFD?|CLI|IRETD?) at ([0-9A-F]{8})");

    /** "stalled at 0xC0101234 (POPF)" from the VMM's stop reason, or the reason itself. */
    static String stallText(String detail) {
        Matcher m = GUILTY.matcher(detail == null ? "" : detail);
        if (detail != null && detail.contains("stalled") && m.find()) {
            String mnemonic = m.group(1).startsWith("POPF") ? "POPF" : m.group(1);
            return "stalled at 0x" + m.group(2) + " (" + mnemonic + ")";
        }
        return detail == null ? "stopped" : detail;
    }

    /** The workload's "NAME: ..." line without "NAME: ", or null. */
    static String resultLine(String output, String name) {
        for (String line : output.split("\r?\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2).strip();
            }
        }
        return null;
    }

    // ---- the command ---------------------------------------------------------------------------------------

    static final long DEFAULT_BUDGET = 400_000_000L;

    static void usage(PrintStream out) {
        out.println("usage: ringmaster bench --workloads [--technique native,trap,bt] [--preset modern|p4-vt1-2006]");
        out.println("                        [--workload NAME[=COUNT],...] [--max-instructions N]");
        out.println();
        out.println("Boots the rmx template (vm-templates/rmx.json) under each technique (native is always run: it is");
        out.println("the baseline) and runs its workloads from the shell, one table row per workload and technique:");
        out.println("the guest's result line, the simulated cycles the cost preset charged for it, the overhead against");
        out.println("native, the traps and callouts that reached the VMM, and host time. Workloads (default counts):");
        StringBuilder b = new StringBuilder();
        for (Workload w : WORKLOADS) {
            b.append(b.isEmpty() ? "" : ", ").append(w.name()).append('=').append(w.count());
        }
        out.println("  " + b);
        out.printf(Locale.ROOT, "--max-instructions bounds the boot and each workload (default %,d).%n", DEFAULT_BUDGET);
    }

    /** Parses {@code bench --workloads ...} and prints the table. */
    static int command(String[] args, PrintStream out, PrintStream err) {
        List<Technique> techniques = new ArrayList<>(List.of(Technique.NATIVE, Technique.TRAP, Technique.BT));
        CostModel model = dev.ringmaster.engine.cost.CostPresets.modern();
        List<Workload> workloads = WORKLOADS;
        long budget = DEFAULT_BUDGET;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--workloads")) {
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                usage(out);
                return 0;
            }
            if (!List.of("--technique", "--preset", "--workload", "--max-instructions").contains(a)) {
                err.println("ringmaster bench: unknown argument " + a);
                usage(err);
                return Cli.EXIT_USAGE;
            }
            if (++i >= args.length) {
                err.println("ringmaster bench: " + a + " needs a value");
                return Cli.EXIT_USAGE;
            }
            String v = args[i];
            switch (a) {
                case "--technique" -> {
                    techniques = new ArrayList<>(List.of(Technique.NATIVE));
                    for (String id : v.split(",")) {
                        var t = Technique.find(id.strip());
                        if (t.isEmpty()) {
                            err.println("ringmaster bench: " + Technique.unknownMessage(id.strip()));
                            return Cli.EXIT_USAGE;
                        }
                        if (!techniques.contains(t.get())) {
                            techniques.add(t.get());
                        }
                    }
                }
                case "--preset" -> {
                    var m = dev.ringmaster.engine.cost.CostPresets.byId(v);
                    if (m.isEmpty()) {
                        err.println("ringmaster bench: unknown cost preset \"" + v + "\" (known: "
                                + String.join(", ", dev.ringmaster.engine.cost.CostPresets.ids()) + ")");
                        return Cli.EXIT_USAGE;
                    }
                    model = m.get();
                }
                case "--workload" -> {
                    workloads = new ArrayList<>();
                    for (String spec : v.split(",")) {
                        String[] p = spec.strip().split("=", 2);
                        Workload known = WORKLOADS.stream().filter(w -> w.name().equals(p[0])).findFirst().orElse(null);
                        long count;
                        try {
                            count = p.length == 2 ? Long.parseLong(p[1]) : known == null ? 0 : known.count();
                        } catch (NumberFormatException e) {
                            count = 0;
                        }
                        if (known == null || count < 1 || count > 100_000_000) {
                            err.println("ringmaster bench: bad workload \"" + spec + "\" (NAME or NAME=COUNT, NAME one of "
                                    + String.join(", ", WORKLOADS.stream().map(Workload::name).toList()) + ")");
                            return Cli.EXIT_USAGE;
                        }
                        workloads.add(new Workload(p[0], count));
                    }
                }
                default -> {
                    try {
                        budget = Long.parseLong(v.replace("_", ""));
                    } catch (NumberFormatException e) {
                        budget = 0;
                    }
                    if (budget < 1) {
                        err.println("ringmaster bench: --max-instructions needs a positive number");
                        return Cli.EXIT_USAGE;
                    }
                }
            }
        }
        dev.ringmaster.template.Template rmx;
        try {
            var catalog = dev.ringmaster.template.TemplateCatalog.load(dev.ringmaster.template.TemplateLocator.locate());
            var found = catalog.find("rmx");
            if (found.isEmpty()) {
                err.println("ringmaster bench: no rmx template in " + catalog.directory());
                return RunCommand.EXIT_NOINPUT;
            }
            rmx = found.get();
        } catch (java.io.IOException e) {
            err.println("ringmaster bench: " + e.getMessage());
            return RunCommand.EXIT_NOINPUT;
        }
        out.printf(Locale.ROOT, "bench --workloads: %s under %s, cost preset %s%n", rmx.id(),
                String.join(", ", techniques.stream().map(Technique::id).toList()), model.id());
        List<Row> rows;
        try {
            rows = new WorkloadBench(rmx.bootSpec(), rmx.memoryMiB(), model, budget).run(workloads, techniques);
        } catch (BootSpec.BootException e) {
            err.println("ringmaster bench: " + e.getMessage());
            return e.notFound() ? RunCommand.EXIT_NOINPUT : RunCommand.EXIT_DATAERR;
        }
        print(rows, model, out);
        return 0;
    }

    // ---- the table ------------------------------------------------------------------------------------------

    static final String[] COLUMNS = {"workload", "technique", "guest result", "simulated cycles", "overhead", "traps",
        "callouts", "host ms"};

    /** Prints the rows as an aligned table; overhead is against the native row of the same workload. */
    static void print(List<Row> rows, CostModel model, PrintStream out) {
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            Row base = rows.stream().filter(b -> b.workload().equals(r.workload()) && b.technique() == Technique.NATIVE
                    && b.status() == Status.DONE).findFirst().orElse(null);
            if (r.status() != Status.DONE) {
                cells.add(new String[] {r.workload().name(), r.technique().id(), r.result(), "-", "-", "-", "-",
                    r.hostNanos() == 0 ? "-" : ms(r.hostNanos())});
                continue;
            }
            String overhead = base == null || base.cost().totalCycles() == 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.2f", r.cost().overheadVersus(base.cost()));
            cells.add(new String[] {r.workload().name(), r.technique().id(), r.result(),
                String.format(Locale.ROOT, "%,d", r.cost().totalCycles()), overhead, Long.toString(r.traps()),
                Long.toString(r.callouts()), ms(r.hostNanos())});
        }
        int[] width = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            width[i] = COLUMNS[i].length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        out.println(line(COLUMNS, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] c : cells) {
            out.println(line(c, width));
        }
        out.printf(Locale.ROOT, "simulated cycles: the %s cost preset (%s); overhead = simulated cycles / native's for "
                + "the same workload; host ms: wall time on this machine%n", model.id(), model.name());
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / 1e6);
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean numeric = i >= 3;
            String c = cells[i];
            if (i > 0) {
                b.append("  ");
            }
            String pad = " ".repeat(width[i] - c.length());
            b.append(numeric ? pad + c : c + (i == cells.length - 1 ? "" : pad));
        }
        return b.toString().stripTrailing();
    }
}
