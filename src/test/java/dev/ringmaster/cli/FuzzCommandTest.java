package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.CpuFuzzer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fuzz command: arguments, the report, reproducibility and the exit codes. */
class FuzzCommandTest {
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Cli.run(args, o, e);
        }
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Sum of the counts in the "outcomes:" section. */
    private static long outcomeSum(String text) {
        String section = text.substring(text.indexOf("outcomes:"), text.indexOf("host exceptions:"));
        Matcher m = Pattern.compile(" ([0-9,]+)\\n").matcher(section.replace("\r", ""));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1).replace(",", ""));
        }
        return sum;
    }

    @Test
    void fixedTrialsPrintOutcomesThatAddUpAndRepeatWithTheSameSeed() {
        assertEquals(0, run("fuzz", "--mode", "pm32", "--trials", "30", "--seed", "0x5EED"), err.toString());
        String first = text();
        assertTrue(first.contains("fuzz: modes pm32, seed 24301, 30 trials per mode"), first);
        assertTrue(first.contains("trials: 30 in") && first.contains("pm32 30"), first);
        assertTrue(first.contains("exception #"), "random code faults: " + first);
        assertTrue(first.contains("host exceptions: none"), first);
        assertEquals(30, outcomeSum(first), first);
        assertEquals(0, run("fuzz", "--mode", "pm32", "--trials", "30", "--seed", "24301"));
        String again = text();
        assertEquals(first.substring(first.indexOf("outcomes:")), again.substring(again.indexOf("outcomes:")));
    }

    @Test
    void allModesRoundRobinAndSeconds() {
        assertEquals(0, run("fuzz", "--trials", "5", "--seed", "1"), err.toString());
        assertTrue(text().contains("modes real, pm16, pm32, user") && text().contains("trials: 20 in")
                && text().contains("real 5, pm16 5, pm32 5, user 5"), text());
        assertEquals(20, outcomeSum(text()));
        assertEquals(0, run("fuzz", "--mode", "user", "--seconds", "0.3"), err.toString());
        Matcher m = Pattern.compile("trials: ([0-9,]+) in").matcher(text());
        assertTrue(m.find() && Long.parseLong(m.group(1).replace(",", "")) > 0, text());
    }

    @Test
    void usageErrors() {
        for (String[] args : new String[][] {{"fuzz", "--mode", "long"}, {"fuzz", "--trials", "0"},
            {"fuzz", "--trials", "x"}, {"fuzz", "--seconds", "-1"}, {"fuzz", "--trials", "5", "--seconds", "1"},
            {"fuzz", "--seed"}, {"fuzz", "--seed", "0xZZ"}, {"fuzz", "--frob"}}) {
            assertEquals(Cli.EXIT_USAGE, run(args), String.join(" ", args));
            assertTrue(err.toString().contains("usage: ringmaster fuzz"), err.toString());
            assertEquals("", text());
        }
        assertEquals(0, run("fuzz", "--help"));
        assertTrue(text().contains("--seconds S"), text());
        assertEquals(0, run("help"));
        assertTrue(text().contains("ringmaster fuzz"), text());
    }

    @Test
    void aHostExceptionMakesExitCodeOneAndIsListedWithSeedAndBytes() {
        CpuFuzzer.Tally tally = new CpuFuzzer.Tally();
        byte[] code = {(byte) 0x0F, (byte) 0x0B};
        tally.add(new CpuFuzzer.Trial(CpuFuzzer.Mode.PM16, 77, code, CpuFuzzer.HOST_EXCEPTION, 3,
                new ArrayIndexOutOfBoundsException("Index 8 out of bounds for length 8")));
        tally.add(new CpuFuzzer.Trial(CpuFuzzer.Mode.PM16, 78, code, "exception #UD", 0, null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = FuzzCommand.report(tally, 1.0, o);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit);
        assertTrue(text.contains("host exceptions: 1"), text);
        assertTrue(text.contains("mode pm16, seed 77, bytes 0f0b") && text.contains("ArrayIndexOutOfBoundsException"), text);
        assertEquals(2, outcomeSum(text));
    }
}
