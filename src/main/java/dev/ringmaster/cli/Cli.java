package dev.ringmaster.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Headless command line: {@code ringmaster COMMAND ...}. Returns the process exit code. */
public final class Cli {
    /** Exit code for a usage error (bad arguments), as sysexits.h's EX_USAGE. */
    public static final int EXIT_USAGE = 64;

    /** Every sub-command, in the order the usage text lists them. Add new commands here. */
    private static List<Command> commands() {
        return List.of(
                new RunCommand(),
                new BenchCommand(),
                new FuzzCommand(),
                new ExportCommand());
    }

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands()) {
            byName.put(c.name(), c);
        }
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out, byName);
            return 0;
        }
        Command c = byName.get(args[0]);
        if (c == null) {
            err.println("ringmaster: unknown command '" + args[0] + "'");
            usage(err, byName);
            return EXIT_USAGE;
        }
        return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("usage: ringmaster                 open the GUI");
        out.println("       ringmaster help            this text");
        for (Command c : commands.values()) {
            out.printf("       ringmaster %-15s %s%n", c.name(), c.summary());
        }
    }
}
