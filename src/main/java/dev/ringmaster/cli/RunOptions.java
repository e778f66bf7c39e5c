package dev.ringmaster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code ringmaster run}, parsed. Exactly one of {@link #kernel}, {@link #rom} and
 * {@link #target} (a template or VM definition, resolved by the platform) is set.
 *
 * @param kernel          Multiboot kernel ELF, or null
 * @param modules         Multiboot modules (with {@code --kernel} only)
 * @param cmdline         kernel command line (with {@code --kernel} only)
 * @param rom             ROM image, or null
 * @param target          template id or VM definition given as the positional argument, or null
 * @param technique       {@code --technique}, or null for the default (native)
 * @param memoryMiB       RAM in MiB, or 0 for the default
 * @param serialOut       "-" for standard output, a file, or null for "discard"
 * @param input           bytes typed into COM1 at power-on ({@code \n}, {@code \r}, {@code \t}, {@code \\},
 *                        {@code \xHH} escapes decoded), or null
 * @param maxInstructions instruction limit (Long.MAX_VALUE: none)
 * @param json            file for the JSON report ("-" for standard output), or null
 */
public record RunOptions(Path kernel, List<Path> modules, String cmdline, Path rom, String target, String technique,
                         int memoryMiB, String serialOut, byte[] input, long maxInstructions, String json) {
    public static final int MAX_MEMORY_MIB = 512;

    /** A usage error: the message says which argument is wrong. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The same options with another technique. */
    public RunOptions withTechnique(String t) {
        return new RunOptions(kernel, modules, cmdline, rom, target, t, memoryMiB, serialOut, input, maxInstructions, json);
    }

    public static RunOptions parse(String[] args) throws UsageException {
        Path kernel = null;
        Path rom = null;
        String target = null;
        List<Path> modules = new ArrayList<>();
        String cmdline = null;
        String technique = null;
        int memory = 0;
        String serialOut = "-";
        byte[] input = null;
        long max = Long.MAX_VALUE;
        String json = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--kernel" -> kernel = Path.of(value(args, ++i, a));
                case "--module" -> modules.add(Path.of(value(args, ++i, a)));
                case "--cmdline" -> cmdline = value(args, ++i, a);
                case "--rom" -> rom = Path.of(value(args, ++i, a));
                case "--technique" -> technique = value(args, ++i, a);
                case "--memory" -> memory = (int) number(value(args, ++i, a), a, 1, MAX_MEMORY_MIB);
                case "--serial-out" -> serialOut = value(args, ++i, a);
                case "--no-serial" -> serialOut = null;
                case "--input" -> input = unescape(value(args, ++i, a));
                case "--max-instructions" -> max = number(value(args, ++i, a), a, 1, Long.MAX_VALUE);
                case "--json" -> json = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (target != null) {
                        throw new UsageException("more than one VM given: " + target + " and " + a);
                    }
                    target = a;
                }
            }
        }
        int sources = (kernel != null ? 1 : 0) + (rom != null ? 1 : 0) + (target != null ? 1 : 0);
        if (sources != 1) {
            throw new UsageException(sources == 0 ? "nothing to run: give a TEMPLATE or DEFINITION, --kernel ELF or --rom IMAGE"
                    : "give only one of TEMPLATE/DEFINITION, --kernel and --rom");
        }
        if (kernel == null && (!modules.isEmpty() || cmdline != null)) {
            throw new UsageException("--module and --cmdline go with --kernel");
        }
        return new RunOptions(kernel, List.copyOf(modules), cmdline == null ? "" : cmdline, rom, target, technique,
                memory, serialOut, input, max, json);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String text, String option, long min, long max) throws UsageException {
        long v;
        try {
            v = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + text + "' is not a number");
        }
        if (v < min || v > max) {
            throw new UsageException(option + ": " + v + " is out of range " + min + ".." + max);
        }
        return v;
    }

    /** Decodes {@code \n \r \t \\ \xHH}; other characters are taken as ISO-8859-1 bytes. */
    static byte[] unescape(String s) throws UsageException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c > 0xFF) {
                    throw new UsageException("--input: character '" + c + "' is not a byte; use \\xHH");
                }
                out.write(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new UsageException("--input: lone backslash at the end");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    try {
                        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException x) {
                        throw new UsageException("--input: \\x needs two hex digits");
                    }
                    i += 2;
                }
                default -> throw new UsageException("--input: unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }
}
