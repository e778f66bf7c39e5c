package dev.ringmaster.cli;

import java.io.PrintStream;

/** Headless command line: {@code ringmaster COMMAND ...}. Returns the process exit code. */
public final class Cli {
    /** Exit code for a usage error (bad arguments). */
    public static final int EXIT_USAGE = 64;

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(out);
            return 0;
        }
        err.println("ringmaster: unknown command '" + args[0] + "'");
        usage(err);
        return EXIT_USAGE;
    }

    static void usage(PrintStream out) {
        out.println("usage: ringmaster                 open the GUI");
        out.println("       ringmaster help            this text");
    }
}
