package dev.ringmaster.engine.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text reports of the cost model, for {@code ringmaster cost} and {@code ringmaster bench}:
 * a preset with the source of every number, the nanobenchmark table (each modelled figure beside
 * the published one), how each nanobenchmark is composed, and the calibration checks.
 */
public final class CostReport {
    private static final int WIDTH = 110;

    private CostReport() {
    }

    /** Everything about one preset: its numbers and sources, the nanobenchmark table and the checks. */
    public static String full(CostModel m, boolean withRecipes) {
        StringBuilder b = new StringBuilder();
        b.append(preset(m)).append('\n').append(nanobenchmarks(m)).append('\n');
        if (withRecipes) {
            b.append(recipes()).append('\n');
        }
        b.append(calibration(m));
        return b.toString();
    }

    /** The preset's header and every cost with its source, by category. */
    public static String preset(CostModel m) {
        StringBuilder b = new StringBuilder();
        b.append("Cost preset ").append(m.id()).append(": ").append(m.name()).append('\n');
        wrap(b, m.description(), "  ");
        b.append(String.format(Locale.ROOT, "  era: %s; clock: %s (%s)%n", m.era().title(), hz(m.clockHz()),
                m.clockSource().describe()));
        for (CostEvent.Category c : CostEvent.Category.values()) {
            b.append('\n').append("  ").append(c.title()).append('\n');
            for (CostEvent e : CostEvent.values()) {
                if (e.category() != c) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "    %-26s %8d  ", e.name(), m.cost(e)));
                wrap(b, m.source(e).describe(), " ".repeat(41));
            }
        }
        int[] byBasis = new int[Source.Basis.values().length];
        for (CostEvent e : CostEvent.values()) {
            byBasis[m.source(e).basis().ordinal()]++;
        }
        b.append(String.format(Locale.ROOT, "%n  %d numbers: %d published, %d derived from published figures, %d estimates%n",
                CostEvent.count(), byBasis[0], byBasis[1], byBasis[2]));
        return b.toString();
    }

    /** The nanobenchmarks of [AA06] under every setup, modelled cycles beside the published ones. */
    public static String nanobenchmarks(CostModel m) {
        StringBuilder b = new StringBuilder();
        b.append("Nanobenchmarks of [AA06] §6.3 (cycles per iteration; model, and in brackets the paper's figure on its "
                + "3.8 GHz Pentium 4 672)\n");
        List<VmmSetup> cols = List.of(VmmSetup.values());
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[cols.size() + 2];
        head[0] = "benchmark";
        for (int i = 0; i < cols.size(); i++) {
            head[i + 1] = cols.get(i).title();
        }
        head[head.length - 1] = "faster VMM: paper / model";
        rows.add(head);
        for (Nanobenchmark n : Nanobenchmark.values()) {
            Nanobenchmark.Published p = n.published();
            String[] row = new String[head.length];
            row[0] = n.paperName();
            for (int i = 0; i < cols.size(); i++) {
                VmmSetup s = cols.get(i);
                long cycles = NanobenchmarkModel.cycles(m, n, s);
                Nanobenchmark.Figure f = switch (s) {
                    case NATIVE -> p.nativeCycles();
                    case SOFTWARE_VMM -> p.softwareVmm();
                    case HARDWARE_VMM -> p.hardwareVmm();
                    default -> null;
                };
                row[i + 1] = cycles + (f == null ? "" : " (" + f.text() + ")");
            }
            long sw = NanobenchmarkModel.cycles(m, n, VmmSetup.SOFTWARE_VMM);
            long hw = NanobenchmarkModel.cycles(m, n, VmmSetup.HARDWARE_VMM);
            row[row.length - 1] = shortName(p.faster()) + " / " + (sw < hw ? "BT" : hw < sw ? "HW" : "tie");
            rows.add(row);
        }
        table(b, rows);
        b.append("  BT = software VMM (binary translation), HW = hardware VMM without EPT; trap, PV and EPT columns are "
                + "modelled only.\n");
        if (m.era() == CostModel.Era.MODERN) {
            b.append("  The paper's figures are for the 2006 machine; this preset models a modern CPU, so they are "
                    + "context, not targets.\n");
        }
        return b.toString();
    }

    /** How each nanobenchmark iteration is composed from cost events, per setup. */
    public static String recipes() {
        StringBuilder b = new StringBuilder("How the nanobenchmarks are composed from cost events\n");
        for (Nanobenchmark n : Nanobenchmark.values()) {
            b.append("  ").append(n.paperName()).append(": ").append(n.operation()).append('\n');
            for (VmmSetup s : VmmSetup.values()) {
                b.append(String.format(Locale.ROOT, "    %-20s ", s.title()));
                wrap(b, NanobenchmarkModel.recipe(n, s).describe(), " ".repeat(25));
            }
        }
        return b.toString();
    }

    /** The calibration checks of {@link Calibration#check} with PASS or FAIL. */
    public static String calibration(CostModel m) {
        List<Calibration.Result> results = Calibration.check(m);
        StringBuilder b = new StringBuilder();
        b.append("Calibration of ").append(m.id()).append(" (").append(m.era().title()).append("; tolerance ±")
                .append(Calibration.TOLERANCE_PERCENT).append("%)\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "check", "published", "model"});
        int failed = 0;
        for (Calibration.Result r : results) {
            rows.add(new String[] {r.passed() ? "PASS" : "FAIL", r.claim(), r.published(), r.modelled()});
            failed += r.passed() ? 0 : 1;
        }
        table(b, rows);
        b.append(String.format(Locale.ROOT, "  %d of %d checks pass%s%n", results.size() - failed, results.size(),
                failed == 0 ? "" : "; " + failed + " FAIL"));
        return b.toString();
    }

    private static String shortName(VmmSetup s) {
        return s == VmmSetup.SOFTWARE_VMM ? "BT" : "HW";
    }

    static String hz(long hz) {
        if (hz % 1_000_000 == 0 && hz >= 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f GHz", hz / 1e9);
        }
        return String.format(Locale.ROOT, "%,d Hz", hz);
    }

    /** Left-aligned columns separated by two spaces, indented by two. */
    private static void table(StringBuilder b, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < cols; i++) {
                line.append(r[i]);
                if (i < cols - 1) {
                    line.append(" ".repeat(w[i] - r[i].length() + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** Appends {@code text} wrapped at {@link #WIDTH}; continuation lines start with {@code indent}. */
    private static void wrap(StringBuilder b, String text, String indent) {
        int lineStart = b.lastIndexOf("\n") + 1;
        int col = b.length() - lineStart;
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && col + 1 + word.length() > WIDTH) {
                b.append('\n').append(indent);
                col = indent.length();
            } else if (!first) {
                b.append(' ');
                col++;
            } else if (col == 0) {
                b.append(indent);
                col = indent.length();
            }
            b.append(word);
            col += word.length();
            first = false;
        }
        b.append('\n');
    }
}
