package dev.ringmaster.cli;

import dev.ringmaster.engine.cpu.CpuFuzzer;
import dev.ringmaster.engine.cpu.CpuFuzzer.Mode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ringmaster fuzz}: runs random instruction streams through the CPU ({@link CpuFuzzer}) for
 * longer than the unit test does, in one mode or all, for a number of trials or seconds; prints the
 * outcomes by kind and every host exception with the seed and bytes that reproduce it.
 */
public final class FuzzCommand implements Command {
    /** Exit code when a trial threw on the host (a CPU bug). */
    static final int EXIT_HOST_EXCEPTION = 1;
    private static final int DEFAULT_TRIALS = 1000;

    @Override
    public String name() {
        return "fuzz";
    }

    @Override
    public String summary() {
        return "run random instruction streams through the CPU; report host exceptions";
    }

    static void usage(PrintStream out) {
        out.println("usage: ringmaster fuzz [--mode real|pm16|pm32|user|all] [--trials N | --seconds S] [--seed S]");
        out.println();
        out.println("Each trial runs " + CpuFuzzer.CODE_BYTES + " random bytes with random registers for at most "
                + CpuFuzzer.MAX_INSTRUCTIONS + " instructions");
        out.println("in real mode, 16-bit or 32-bit protected mode at CPL 0, or 32-bit user mode (CPL 3). A trial");
        out.println("must end in normal execution, HLT, a guest exception or a shutdown; a host exception is a bug.");
        out.println("  --mode M      the mode (default: all, round robin)");
        out.println("  --trials N    trials per mode (default " + DEFAULT_TRIALS + ")");
        out.println("  --seconds S   run for S seconds instead");
        out.println("  --seed S      seed of the first trial; trial k uses S + k in every mode (default: from the clock)");
        out.println("                `--mode M --trials 1 --seed S` repeats one trial");
        out.println("Exit codes: 0 no host exception, 1 host exceptions (listed), 64 usage.");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        EnumSet<Mode> modes = EnumSet.allOf(Mode.class);
        long trials = -1;
        double seconds = -1;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage(out);
                return 0;
            }
            if (!List.of("--mode", "--trials", "--seconds", "--seed").contains(a)) {
                return usageError(err, "unknown argument " + a);
            }
            if (++i >= args.length) {
                return usageError(err, a + " needs a value");
            }
            String v = args[i];
            switch (a) {
                case "--mode" -> {
                    if (v.equals("all")) {
                        modes = EnumSet.allOf(Mode.class);
                    } else if (Mode.fromId(v) != null) {
                        modes = EnumSet.of(Mode.fromId(v));
                    } else {
                        return usageError(err, "--mode must be real, pm16, pm32, user or all, not " + v);
                    }
                }
                case "--trials" -> {
                    trials = parseLong(v);
                    if (trials < 1) {
                        return usageError(err, "--trials needs a positive number, not " + v);
                    }
                }
                case "--seconds" -> {
                    try {
                        seconds = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        seconds = -1;
                    }
                    if (!(seconds > 0) || Double.isInfinite(seconds)) {
                        return usageError(err, "--seconds needs a positive number, not " + v);
                    }
                }
                default -> {
                    Long s = parseSeed(v);
                    if (s == null) {
                        return usageError(err, "--seed needs a number (decimal or 0x hex), not " + v);
                    }
                    seed = s;
                }
            }
        }
        if (trials > 0 && seconds > 0) {
            return usageError(err, "give --trials or --seconds, not both");
        }
        if (trials < 0 && seconds < 0) {
            trials = DEFAULT_TRIALS;
        }
        return fuzz(modes, trials, seconds, seed, out);
    }

    private static int fuzz(EnumSet<Mode> modes, long trials, double seconds, long seed, PrintStream out) {
        List<String> ids = new ArrayList<>();
        modes.forEach(m -> ids.add(m.id()));
        out.printf(Locale.ROOT, "fuzz: modes %s, seed %d, %s%n", String.join(", ", ids), seed,
                trials > 0 ? trials + " trial" + (trials == 1 ? "" : "s") + " per mode"
                        : String.format(Locale.ROOT, "for %.1f s", seconds));
        CpuFuzzer fuzzer = new CpuFuzzer();
        CpuFuzzer.Tally tally = new CpuFuzzer.Tally();
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        long t0 = System.nanoTime();
        for (long k = 0; trials > 0 ? k < trials : System.nanoTime() < deadline; k++) {
            for (Mode m : modes) {
                CpuFuzzer.Trial t = fuzzer.trial(m, seed + k);
                tally.add(t);
                if (t.hostException() != null) {
                    out.println("  HOST EXCEPTION: " + t.describe());
                    out.flush();
                }
            }
        }
        return report(tally, (System.nanoTime() - t0) / 1e9, out);
    }

    /** Prints the tally; the exit code: 0 when no trial threw on the host, 1 otherwise. */
    static int report(CpuFuzzer.Tally tally, double seconds, PrintStream out) {
        out.printf(Locale.ROOT, "trials: %,d in %.1f s", tally.trials(), seconds);
        for (Map.Entry<Mode, Long> e : tally.trialsByMode().entrySet()) {
            out.printf(Locale.ROOT, ", %s %,d", e.getKey().id(), e.getValue());
        }
        out.println();
        out.println("outcomes:");
        for (Map.Entry<String, Long> e : tally.outcomes().entrySet()) {
            out.printf(Locale.ROOT, "  %-40s %,10d%n", e.getKey(), e.getValue());
        }
        if (tally.hostExceptions().isEmpty()) {
            out.println("host exceptions: none");
            return 0;
        }
        out.printf(Locale.ROOT, "host exceptions: %d (reproduce with --mode M --trials 1 --seed S)%n",
                tally.hostExceptions().size());
        for (CpuFuzzer.Trial t : tally.hostExceptions()) {
            out.println("  " + t.describe());
        }
        return EXIT_HOST_EXCEPTION;
    }

    private static int usageError(PrintStream err, String message) {
        err.println("ringmaster fuzz: " + message);
        usage(err);
        return Cli.EXIT_USAGE;
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Long parseSeed(String v) {
        try {
            boolean neg = v.startsWith("-");
            String body = neg ? v.substring(1) : v;
            long s = body.startsWith("0x") || body.startsWith("0X") ? Long.parseUnsignedLong(body.substring(2), 16)
                    : Long.parseLong(body);
            return neg ? -s : s;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
