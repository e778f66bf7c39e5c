package dev.ringmaster.engine.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU objdump (and the assemblers and compilers that feed it) as the oracle of the disassembler
 * tests. A missing tool fails the test with the Debian package to install (CI installs them in
 * .ci/run); nothing is skipped silently.
 */
final class Objdump {
    /** One instruction line of objdump's listing. */
    record Line(long address, String bytes, String text) {
        int length() {
            return bytes.isEmpty() ? 0 : (bytes.length() + 1) / 3;
        }
    }

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");
    private static final Pattern BYTES_ONLY = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*$");
    private static final Pattern FILE_HEADER = Pattern.compile("^(\\S.*):\\s+file format .*$");
    /** A branch target objdump printed through its symbol table: "1b <main+0x1b>". */
    private static final Pattern SYMBOLIZED = Pattern.compile("(^|[ ,])([0-9a-f]+) <[^>]*>$");

    private Objdump() {
    }

    /** Fails the test unless {@code tool} is on the PATH. */
    static Path require(String tool, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(tool + " is not installed but this test needs it as the disassembler's oracle: install the "
                + "Debian package " + debianPackage + " (CI installs it in .ci/run)");
    }

    /** Runs a command, failing the test on a non-zero exit or a timeout; returns stdout+stderr. */
    static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("ringmaster-tool", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within 300 s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
                return text;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code objdump -D -b binary -m i386|i8086 -M intel} of raw code loaded at {@code vma}. */
    static List<Line> binary(Path bin, boolean code32, long vma) {
        return binaries(List.of(bin), code32, vma).get(bin.toString());
    }

    /** Several raw files in one objdump run, each at {@code vma}: file name → its listing. */
    static Map<String, List<Line>> binaries(List<Path> files, boolean code32, long vma) {
        require("objdump", "binutils");
        List<String> cmd = new ArrayList<>(List.of("objdump", "-D", "-b", "binary", "-m", code32 ? "i386" : "i8086",
                "-M", "intel", "--insn-width=16", "--adjust-vma=0x" + Long.toHexString(vma)));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        return parse(run(cmd));
    }

    /** {@code objdump -d -M intel} of the .text section of an object file (32-bit code). */
    static List<Line> objectText(Path object) {
        require("objdump", "binutils");
        Map<String, List<Line>> m = parse(run(List.of("objdump", "-d", "-j", ".text", "-M", "intel",
                "--insn-width=16", object.toString())));
        return m.isEmpty() ? List.of() : m.values().iterator().next();
    }

    /** The raw bytes of a section of an object file (objcopy). */
    static byte[] section(Path object, String section, Path scratch) {
        require("objcopy", "binutils");
        run(List.of("objcopy", "-O", "binary", "--only-section=" + section, object.toString(), scratch.toString()));
        try {
            return Files.readAllBytes(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<Line>> parse(String output) {
        Map<String, List<Line>> result = new LinkedHashMap<>();
        List<Line> current = null;
        for (String raw : output.split("\n")) {
            Matcher h = FILE_HEADER.matcher(raw);
            if (h.matches()) {
                current = new ArrayList<>();
                result.put(h.group(1), current);
                continue;
            }
            if (current == null) {
                continue;
            }
            Matcher m = LINE.matcher(raw);
            if (m.matches()) {
                current.add(new Line(Long.parseLong(m.group(1), 16), m.group(2).trim(), normalize(m.group(3))));
                continue;
            }
            Matcher b = BYTES_ONLY.matcher(raw);
            if (b.matches() && !current.isEmpty()) {
                // Continuation line of a long instruction: more bytes for the previous one.
                Line prev = current.remove(current.size() - 1);
                current.add(new Line(prev.address(), prev.bytes() + " " + b.group(2).trim(), prev.text()));
            }
        }
        return result;
    }

    /**
     * objdump's text modulo whitespace, with a symbolized branch target ({@code 1b <main+0x1b>}, what
     * objdump prints when the object has a symbol table) written as the plain address {@code 0x1b}.
     */
    static String normalize(String text) {
        String t = text.trim().replaceAll("\\s+", " ");
        Matcher m = SYMBOLIZED.matcher(t);
        if (m.find()) {
            t = t.substring(0, m.start()) + m.group(1) + "0x" + m.group(2);
        }
        return t;
    }

    /** Our text modulo whitespace. */
    static String normalizeOurs(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
