package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.TemplateLocator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code bench --workloads}: the rmx workloads under each technique, as a table of simulated-cycle overheads. */
class BenchWorkloadsCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Cli.run(args, o, e);
        }
    }

    /** The row of {@code workload} under {@code technique}: its cells split on two or more spaces. */
    private static String[] row(String table, String workload, String technique) {
        for (String line : table.split("\n")) {
            String[] cells = line.strip().split(" {2,}");
            if (cells.length >= 3 && cells[0].equals(workload) && cells[1].equals(technique)) {
                return cells;
            }
        }
        throw new AssertionError("no row " + workload + "/" + technique + " in\n" + table);
    }

    @Test
    void oneSmallWorkloadUnderEveryTechnique() {
        assertEquals(0, run("bench", "--workloads", "--workload", "cpubench=50", "--technique", "trap,bt,pv",
                "--max-instructions", "200000000"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*workload +technique +guest result +simulated cycles +overhead +traps +callouts +host ms\n.*"),
                text);
        String[] nat = row(text, "cpubench", "native");
        assertEquals("50 primes (the last is 229) in {t:0} ticks", nat[2]);
        assertEquals("1.00", nat[4], "native is the baseline, exactly");
        assertEquals("0", nat[5], "nothing reaches a VMM natively");
        String[] trap = row(text, "cpubench", "trap");
        assertEquals(nat[2], trap[2], "the guest computes the same under trap-and-emulate");
        assertTrue(Double.parseDouble(trap[4]) > 1.0, "trap-and-emulate costs more: " + String.join("|", trap));
        long nc = Long.parseLong(nat[3].replace(",", ""));
        long tc = Long.parseLong(trap[3].replace(",", ""));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", (double) tc / nc), trap[4], "overhead = cycles / native's");
        assertTrue(Long.parseLong(trap[5]) > 0, "traps counted");
        String[] bt = row(text, "cpubench", "bt");
        assertEquals(nat[2], bt[2], "and under binary translation");
        assertTrue(Long.parseLong(bt[6]) > 0, "callouts counted: " + String.join("|", bt));
        assertTrue(Double.parseDouble(bt[4]) > 0, String.join("|", bt));
        assertEquals("not available", row(text, "cpubench", "pv")[2], "paravirtualization is not built yet");
        assertTrue(text.contains("cost preset modern"), text);
    }

    @Test
    void aStallIsReportedWithTheGuiltyInstruction() throws Exception {
        Template rmx = TemplateCatalog.load(TemplateLocator.locate()).find("rmx").orElseThrow();
        // ringcheck is not a workload, but it runs the kernel's pushf; cli; ...; popf probe: the classic stall
        List<WorkloadBench.Row> rows = new WorkloadBench(rmx.bootSpec(), rmx.memoryMiB(), CostPresets.modern(),
                200_000_000L).run(List.of(new WorkloadBench.Workload("ringcheck", 1)), List.of(Technique.TRAP));
        WorkloadBench.Row r = rows.get(0);
        assertEquals(WorkloadBench.Status.STALLED, r.status(), r.result());
        Matcher m = Pattern.compile("stalled at 0x([0-9A-F]{8}) \\(POPF\\)").matcher(r.result());
        assertTrue(m.matches(), r.result());
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        WorkloadBench.print(rows, CostPresets.modern(), new PrintStream(table, true, StandardCharsets.UTF_8));
        assertTrue(table.toString(StandardCharsets.UTF_8).contains(r.result()), table.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stallTextFromTheVmmsReason() {
        assertEquals("stalled at 0xC0101234 (POPF)", WorkloadBench.stallText("trap-and-emulate: guest stalled: virtual IF "
                + "clear for 50 ms while 1 interrupt(s) wait; POPFD at C0101234 tried to set IF and was ignored"));
        assertEquals("stalled at 0x00100010 (CLI)", WorkloadBench.stallText("trap-and-emulate: guest stalled: ...; CLI at "
                + "00100010 cleared it and nothing set it again"));
        assertEquals("something else", WorkloadBench.stallText("something else"));
        assertNotNull(WorkloadBench.resultLine("x\r\ncpubench: 5 primes\r\n", "cpubench"));
    }

    @Test
    void badArguments() {
        assertEquals(Cli.EXIT_USAGE, run("bench", "--workloads", "--preset", "pentium"));
        assertTrue(err.toString().contains("modern"), err.toString());
        assertEquals(Cli.EXIT_USAGE, run("bench", "--workloads", "--workload", "nosuchbench"));
        assertEquals(Cli.EXIT_USAGE, run("bench", "--workloads", "--workload", "cpubench=0"));
        assertEquals(Cli.EXIT_USAGE, run("bench", "--workloads", "--technique", "warp"));
        assertEquals(Cli.EXIT_USAGE, run("bench", "--workloads", "--max-instructions"));
        assertEquals(0, run("bench", "--workloads", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("sysbench=20000"), out.toString(StandardCharsets.UTF_8));
    }

    @Tag("long")
    @Test
    void theWholeTableOnBothPresets() {
        for (String preset : CostPresets.ids()) {
            out.reset();
            assertEquals(0, run("bench", "--workloads", "--preset", preset), err.toString());
            String text = out.toString(StandardCharsets.UTF_8);
            for (WorkloadBench.Workload w : WorkloadBench.WORKLOADS) {
                assertEquals("1.00", row(text, w.name(), "native")[4], text);
                String[] bt = row(text, w.name(), "bt");
                assertEquals(row(text, w.name(), "native")[2], bt[2], "BT computes what native does: " + text);
                String[] trap = row(text, w.name(), "trap");
                // (iobench may come out below 1: the VMM's device model is cheaper than a legacy port access)
                assertTrue(trap[2].startsWith("stalled at 0x") || Double.parseDouble(trap[4]) > 0, text);
                if (w.name().equals("sysbench") || w.name().equals("ctxbench")) {
                    assertTrue(Double.parseDouble(trap[4]) > 1.5, "system calls and context switches pay: " + text);
                }
            }
        }
    }
}
