package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.testsupport.TestGuests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bench command's plumbing and report (its figures are measurements, not asserted). */
class BenchCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Cli.run(args, o, e);
        }
    }

    /** The cwork C guest of the CPU tests: a short CPU-bound Multiboot image that exits with 0. */
    private static Path smallGuest() throws Exception {
        return TestGuests.guests().stream().filter(g -> g.name().equals("cwork")).findFirst().orElseThrow().image();
    }

    @Test
    void reportsInstructionsAndMipsAndQemusRatio() throws Exception {
        assertEquals(0, run("bench", "--image", smallGuest().toString(), "--runs", "2"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("ringmaster run 2: ([0-9,]+) instructions in [0-9.]+ s = ([0-9.]+) MIPS").matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 100_000, text);
        assertTrue(Double.parseDouble(m.group(2)) > 0, text);
        assertTrue(text.contains("ringmaster best:"), text);
        Matcher median = Pattern.compile("ringmaster median: ([0-9.]+) MIPS wall(, ([0-9.]+) MIPS per CPU second)?; load average")
                .matcher(text);
        assertTrue(median.find() && Double.parseDouble(median.group(1)) > 0, text);
        assertTrue(text.contains("ratio: Ringmaster's best run takes") || text.contains("qemu-system-i386: not installed"), text);
    }

    @Test
    void badArgumentsAndMissingImage() {
        assertEquals(Cli.EXIT_USAGE, run("bench", "--runs", "0"));
        assertEquals(Cli.EXIT_USAGE, run("bench", "--frob"));
        assertEquals(RunCommand.EXIT_NOINPUT, run("bench", "--image", "/nonexistent/x.elf", "--no-qemu"));
        assertTrue(err.toString().contains("/nonexistent/x.elf"), err.toString());
    }
}
