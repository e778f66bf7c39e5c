package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.cli.Cli;
import dev.ringmaster.template.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 7, Ringmaster's half: the committed images boot on Ringmaster's own PC (native,
 * {@code ringmaster run --kernel ... --module ... --cmdline ...}, exactly what the templates say) and
 * print the same serial transcript as under QEMU ({@link GuestBootsUnderQemuTest} holds QEMU to the
 * same golden file), timing figures masked and nothing else.
 */
class GuestBootsUnderRingmasterTest {
    /**
     * A bound for a guest that never powers off: the scripted session takes about 60 million
     * instructions; at this limit the run stops with exit code 2 and the test fails, showing the tail.
     */
    private static final long MAX_INSTRUCTIONS = 1_000_000_000L;

    @TempDir
    Path tmp;

    /** What one {@code ringmaster run} printed and how it ended. */
    private record Run(int exitCode, String serial, String stderr) {
        String describe() {
            return "last lines of the serial output:\n" + Qemu.tail(serial) + "\nringmaster run said: " + stderr.strip();
        }
    }

    private Run boot(Template template, String extraCmdline, String input) throws IOException {
        if (!(template.boot() instanceof Template.Multiboot mb)) {
            throw new AssertionError("template " + template.id() + " does not boot with Multiboot");
        }
        Path serial = tmp.resolve(template.id() + ".serial.txt");
        List<String> args = new ArrayList<>(List.of("run", "--kernel", mb.kernel().path().toString()));
        for (Template.GuestImage module : mb.modules()) {
            args.addAll(List.of("--module", module.path().toString()));
        }
        args.addAll(List.of("--cmdline", (mb.cmdline() + " " + extraCmdline).trim(),
                "--memory", Integer.toString(template.memoryMiB()), "--serial-out", serial.toString(),
                "--max-instructions", Long.toString(MAX_INSTRUCTIONS)));
        if (!input.isEmpty()) {
            args.addAll(List.of("--input", escape(input)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(args.toArray(String[]::new), o, e);
        }
        String transcript = Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
        return new Run(exit, transcript, err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8));
    }

    /** The text in run's --input notation: backslash escapes for everything but printable ASCII. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        b.append(c);
                    } else if (c <= 0xFF) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        throw new IllegalArgumentException("not a byte: U+" + Integer.toHexString(c));
                    }
                }
            }
        }
        return b.toString();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void rmxRunsTheScriptedSessionToTheSameTranscriptAsUnderQemu() throws Exception {
        Run run = boot(GuestTranscripts.template("rmx"), "", GuestTranscripts.input());
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, run.exitCode(),
                "rmx should end the session with shutdown (debug exit 0 -> exit code 1); " + run.describe());
        GuestTranscripts.assertMatchesGolden(run.serial(), "Ringmaster");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void helloMetalShowsItsBannerAndPowersOff() throws Exception {
        Run run = boot(GuestTranscripts.template("hello-metal"), "exit", "");
        assertEquals(GuestTranscripts.HELLO_METAL_BANNER, run.serial().replace("\r\n", "\n"),
                "hello-metal's serial output; " + run.describe());
        assertEquals(1, run.exitCode(), "hello-metal with \"exit\" powers off through port 0x501 (exit code 1); "
                + run.describe());
    }

    @Test
    void escapesTheInputForRunsNotation() {
        assertEquals("ls /\\n echo \\\\x \"q\"", escape("ls /\n echo \\x \"q\""));
        assertEquals("\\x1b[A\\r\\t\\x7f", escape("\u001b[A\r\t\u007f"));
    }
}
