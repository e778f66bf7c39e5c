package dev.ringmaster.guest;

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

/**
 * Boots a Multiboot template on Ringmaster's own PC (native) through the command line, as a user
 * would: {@code ringmaster run --kernel ... --module ... --cmdline ... --memory ... --serial-out F
 * --input TEXT}; the counterpart of {@link Qemu}.
 */
final class Ringmaster {
    private Ringmaster() {
    }

    /**
     * A bound for a guest that never powers off: the scripted session takes about 60 million
     * instructions, the long workload session about 300 million; at this limit the run stops with
     * exit code 2 and the test fails, showing the tail.
     */
    static final long MAX_INSTRUCTIONS = 4_000_000_000L;

    /** What one {@code ringmaster run} printed and how it ended. */
    record Run(int exitCode, String serial, String stderr) {
        String describe() {
            return "last lines of the serial output:\n" + Qemu.tail(serial) + "\nringmaster run said: " + stderr.strip();
        }
    }

    static Run boot(Path tmp, Template template, String extraCmdline, String input) throws IOException {
        return boot(tmp, template, extraCmdline, input, "native");
    }

    /** As {@link #boot(Path, Template, String, String)}, under {@code technique} ({@code run --technique}). */
    static Run boot(Path tmp, Template template, String extraCmdline, String input, String technique)
            throws IOException {
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
                "--max-instructions", Long.toString(MAX_INSTRUCTIONS), "--technique", technique));
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

}
