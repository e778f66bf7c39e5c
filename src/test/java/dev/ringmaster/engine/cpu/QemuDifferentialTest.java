package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ringmaster.cli.Cli;
import dev.ringmaster.testsupport.TestGuests;
import dev.ringmaster.testsupport.TestGuests.Guest;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the CPU against QEMU (src/test/guest/README.md): every test guest runs
 * (1) in qemu-system-i386, whose transcript and exit code must equal the committed golden files
 * (so the goldens stay fresh), and (2) in Ringmaster through {@code ringmaster run}, whose serial
 * transcript and return value must equal the same goldens.
 */
class QemuDifferentialTest {
    private static final Path GOLDEN = TestGuests.projectDir().resolve("src/test/resources/golden/cpu");
    private static final boolean SKIP_QEMU = Boolean.getBoolean("ringmaster.skipQemu");
    private static final long QEMU_TIMEOUT_SECONDS = 90;
    private static final Duration RINGMASTER_TIMEOUT = Duration.ofMinutes(5);
    private static final String MAX_INSTRUCTIONS = "200000000";
    private static final int CONTEXT = 3;

    @TestFactory
    Stream<DynamicNode> guests() throws Exception {
        List<Guest> guests = TestGuests.guests();
        Path outDir = TestGuests.build().resolve("out");
        Files.createDirectories(outDir);
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("every guest has golden files and every golden a guest",
                () -> checkGoldenSet(guests)));
        for (Guest g : guests) {
            nodes.add(DynamicContainer.dynamicContainer(g.name(), Stream.of(
                    DynamicTest.dynamicTest("qemu", () -> runQemu(g, outDir)),
                    DynamicTest.dynamicTest("ringmaster", () -> runRingmaster(g, outDir)))));
        }
        return nodes.stream();
    }

    private static void checkGoldenSet(List<Guest> guests) throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Guest g : guests) {
            expected.add(g.name() + ".txt");
            expected.add(g.name() + ".exit");
        }
        Set<String> actual = new TreeSet<>();
        if (Files.isDirectory(GOLDEN)) {
            try (Stream<Path> s = Files.list(GOLDEN)) {
                s.forEach(p -> actual.add(p.getFileName().toString()));
            }
        }
        assertEquals(expected, actual, "golden files in " + GOLDEN + " do not match the guests built; "
                + "run src/test/guest/regen-golden.sh");
    }

    private static void runQemu(Guest g, Path outDir) throws Exception {
        Assumptions.assumeFalse(SKIP_QEMU, "QEMU part skipped (-Dringmaster.skipQemu=true)");
        if (!onPath("qemu-system-i386")) {
            fail("qemu-system-i386 is not installed: install qemu-system-x86 (.ci/run does), or run with "
                    + "-Dringmaster.skipQemu=true to skip the check of the goldens against QEMU");
        }
        Path transcript = outDir.resolve(g.name() + ".qemu.txt");
        Path log = outDir.resolve(g.name() + ".qemu.log");
        Process p = new ProcessBuilder("bash", TestGuests.guestSources().resolve("run-qemu.sh").toString(),
                g.kind(), g.image().toString(), transcript.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(QEMU_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("QEMU did not finish " + g.name() + " in " + QEMU_TIMEOUT_SECONDS + " s");
        }
        int exit = p.exitValue();
        if (exit == 124 || exit == 2 || exit == 4) {
            fail("run-qemu.sh failed for " + g.name() + " (status " + exit + "):\n" + Files.readString(log));
        }
        compare(g, "QEMU", transcript, exit);
    }

    private static void runRingmaster(Guest g, Path outDir) throws IOException {
        Path transcript = outDir.resolve(g.name() + ".ringmaster.txt");
        Files.deleteIfExists(transcript);
        String[] args = {"run", g.isRom() ? "--rom" : "--kernel", g.image().toString(),
            "--serial-out", transcript.toString(), "--max-instructions", MAX_INSTRUCTIONS};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Assertions.assertTimeoutPreemptively(RINGMASTER_TIMEOUT, () -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return Cli.run(args, o, e);
            }
        }, "ringmaster run of " + g.name() + " did not finish in " + RINGMASTER_TIMEOUT);
        String errText = err.toString(StandardCharsets.UTF_8);
        if (exit == Cli.EXIT_USAGE && errText.contains("unknown command 'run'")) {
            fail("Ringmaster has no 'run' command yet (it comes with the CPU core): cannot run " + g.name());
        }
        if (!Files.exists(transcript)) {
            fail("ringmaster run of " + g.name() + " returned " + exit + " without writing " + transcript
                    + "\nstdout:\n" + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n" + errText);
        }
        try {
            compare(g, "Ringmaster", transcript, exit);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nringmaster stdout:\n" + tail(out.toString(StandardCharsets.UTF_8))
                    + "\nringmaster stderr:\n" + tail(errText), e);
        }
    }

    /** Transcript first (the more useful message), then the exit code. */
    private static void compare(Guest g, String who, Path transcript, int exit) throws IOException {
        Path goldenText = GOLDEN.resolve(g.name() + ".txt");
        Path goldenExit = GOLDEN.resolve(g.name() + ".exit");
        assertTrue(Files.exists(goldenText) && Files.exists(goldenExit),
                "no golden transcript for " + g.name() + ": run src/test/guest/regen-golden.sh");
        byte[] want = Files.readAllBytes(goldenText);
        byte[] got = Files.exists(transcript) ? Files.readAllBytes(transcript) : new byte[0];
        int wantExit = Integer.parseInt(Files.readString(goldenExit).trim());
        if (!java.util.Arrays.equals(want, got)) {
            fail(who + " transcript of " + g.name() + " differs from " + TestGuests.projectDir().relativize(goldenText)
                    + " (" + who.toLowerCase() + " exit code " + exit + ", golden " + wantExit + "; full transcript: "
                    + transcript + ")\n" + firstDifference(want, got)
                    + (who.equals("QEMU") ? "\nIf the change is intended, run src/test/guest/regen-golden.sh." : ""));
        }
        assertEquals(wantExit, exit, who + " exit code of " + g.name() + " (transcripts agree); "
                + "(v<<1)|1 = debug exit with value v, 0 = shutdown after a triple fault");
    }

    /** The first differing line ("-" golden, "+" actual) with a few lines of context. */
    static String firstDifference(byte[] want, byte[] got) {
        List<String> a = lines(want);
        List<String> b = lines(got);
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        StringBuilder s = new StringBuilder();
        s.append("first difference at line ").append(n + 1).append(" (golden has ").append(a.size())
                .append(" lines, actual ").append(b.size()).append("):\n");
        int from = Math.max(0, n - CONTEXT);
        for (int i = from; i < n; i++) {
            s.append("    ").append(a.get(i)).append('\n');
        }
        s.append("  - ").append(n < a.size() ? a.get(n) : "<end of golden transcript>").append('\n');
        s.append("  + ").append(n < b.size() ? b.get(n) : "<end of actual transcript>").append('\n');
        for (int i = n + 1; i < Math.min(n + 1 + CONTEXT, Math.max(a.size(), b.size())); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (x.equals(y)) {
                s.append("    ").append(x).append('\n');
            } else {
                s.append("  - ").append(x).append("\n  + ").append(y).append('\n');
            }
        }
        return s.toString();
    }

    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        } else if (!out.isEmpty()) {
            out.set(out.size() - 1, out.get(out.size() - 1) + "<no newline at end>");
        }
        List<String> shown = new ArrayList<>(out.size());
        for (String l : out) {
            shown.add(visible(l));
        }
        return shown;
    }

    private static String visible(String line) {
        StringBuilder s = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                s.append(c);
            } else {
                s.append(String.format("\\x%02X", (int) c));
            }
        }
        return s.toString();
    }

    private static String tail(String text) {
        int max = 2000;
        return text.length() <= max ? text : "..." + text.substring(text.length() - max);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
