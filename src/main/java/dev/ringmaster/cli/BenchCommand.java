package dev.ringmaster.cli;

import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringmaster bench}: guest MIPS of the CPU core on a CPU-bound guest, and — when
 * {@code qemu-system-i386} is installed — QEMU's time for the same image in the same run, as a ratio.
 * Figures, never pass/fail: speed is measured here, not in unit tests.
 */
public final class BenchCommand implements Command {
    static final String BUILT_IN = "/dev/ringmaster/bench/bench.elf";

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure guest MIPS on a CPU-bound image, with QEMU's time as the baseline";
    }

    static void usage(PrintStream out) {
        out.println("usage: ringmaster bench [--image ELF] [--runs N] [--no-qemu]");
        out.println();
        out.println("Runs a CPU-bound Multiboot guest (default: the built-in bench image, src/guest/bench) N times");
        out.println("(default 3) in Ringmaster and prints guest instructions per host second; then, when");
        out.println("qemu-system-i386 is on the PATH, runs the same image in QEMU (TCG) and prints the ratio of the");
        out.println("times. Exit codes: 0 done, 1 the guest did not exit cleanly, 64 usage, 66 image not found.");
        out.println();
        WorkloadBench.usage(out);
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--workloads")) {
            return WorkloadBench.command(args, out, err);
        }
        Path image = null;
        int runs = 3;
        boolean qemu = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--image" -> {
                    if (++i >= args.length) {
                        err.println("ringmaster bench: --image needs a file");
                        return Cli.EXIT_USAGE;
                    }
                    image = Path.of(args[i]);
                }
                case "--runs" -> {
                    try {
                        runs = Integer.parseInt(args[++i]);
                    } catch (RuntimeException e) {
                        runs = -1;
                    }
                    if (runs < 1 || runs > 100) {
                        err.println("ringmaster bench: --runs needs a number from 1 to 100");
                        return Cli.EXIT_USAGE;
                    }
                }
                case "--no-qemu" -> qemu = false;
                case "--help", "-h" -> {
                    usage(out);
                    return 0;
                }
                default -> {
                    err.println("ringmaster bench: unknown argument " + args[i]);
                    usage(err);
                    return Cli.EXIT_USAGE;
                }
            }
        }
        Path temp = null;
        try {
            if (image == null) {
                temp = Files.createTempFile("ringmaster-bench", ".elf");
                try (InputStream in = BenchCommand.class.getResourceAsStream(BUILT_IN)) {
                    if (in == null) {
                        err.println("ringmaster bench: the built-in bench image is missing from the jar");
                        return RunCommand.EXIT_NOINPUT;
                    }
                    Files.write(temp, in.readAllBytes());
                }
                image = temp;
            } else if (!Files.isRegularFile(image)) {
                err.println("ringmaster bench: " + image + ": no such file");
                return RunCommand.EXIT_NOINPUT;
            }
            return bench(image, runs, qemu, out, err);
        } catch (IOException e) {
            err.println("ringmaster bench: " + e.getMessage());
            return RunCommand.EXIT_NOINPUT;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static int bench(Path image, int runs, boolean qemu, PrintStream out, PrintStream err) {
        out.printf(Locale.ROOT, "bench: %s, %d run%s in Ringmaster%s%n", image.getFileName().toString().startsWith("ringmaster-bench") ? "the built-in CPU-bound image (src/guest/bench)" : image.getFileName(), runs, runs == 1 ? "" : "s",
                qemu ? ", then QEMU as the baseline" : "");
        double bestSeconds = Double.MAX_VALUE;
        long instructions = 0;
        String transcript = null;
        for (int r = 1; r <= runs; r++) {
            Machine m = new Machine(Machine.DEFAULT_RAM);
            try {
                BootSpec.multiboot(image, List.of(), "").load(m);
            } catch (BootSpec.BootException e) {
                err.println("ringmaster bench: " + e.getMessage());
                return RunCommand.EXIT_DATAERR;
            }
            ByteArrayOutputStream serial = new ByteArrayOutputStream();
            m.devices().com1().setSink(serial::write);
            long t0 = System.nanoTime();
            RunResult result = m.run(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (result.kind() != RunResult.Kind.DEBUG_EXIT || result.exitCode() != 1) {
                err.println("ringmaster bench: the guest did not exit cleanly: " + result);
                return 1;
            }
            instructions = result.instructions();
            transcript = serial.toString(StandardCharsets.ISO_8859_1).trim();
            bestSeconds = Math.min(bestSeconds, seconds);
            out.printf(Locale.ROOT, "  ringmaster run %d: %,d instructions in %.3f s = %.1f MIPS%n", r, instructions,
                    seconds, instructions / seconds / 1e6);
        }
        double mips = instructions / bestSeconds / 1e6;
        out.printf(Locale.ROOT, "  ringmaster best: %.1f MIPS (guest said: %s)%n", mips, transcript);
        if (!qemu) {
            return 0;
        }
        Double q = qemuSeconds(image, out);
        if (q == null) {
            out.println("  qemu-system-i386: not installed (install qemu-system-x86 for the baseline)");
            return 0;
        }
        out.printf(Locale.ROOT, "  qemu-system-i386 (TCG, same image): %.3f s wall including its start-up%n", q);
        out.printf(Locale.ROOT, "  ratio: Ringmaster's best run takes %.2f x QEMU's time (QEMU equivalent %.1f MIPS)%n",
                bestSeconds / q, instructions / q / 1e6);
        return 0;
    }

    /** Wall time of QEMU running the image to its debug exit, or null when QEMU is not installed. */
    private static Double qemuSeconds(Path image, PrintStream out) {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-i386", "-cpu", "pentium3", "-m", "32", "-nodefaults",
                "-no-reboot", "-display", "none", "-serial", "null", "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                "-kernel", image.toString()));
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                out.println("  qemu-system-i386: did not finish in 600 s");
                return null;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 1) {
                out.println("  qemu-system-i386: exit status " + p.exitValue() + " (expected 1: debug exit 0)");
            }
            return s;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
