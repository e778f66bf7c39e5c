package dev.ringmaster.cli;

import java.io.PrintStream;

/** One headless sub-command ({@code run}, {@code bench}, {@code export}, ...). */
public interface Command {
    /** The word that selects it on the command line. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Runs with the arguments after the command word; returns the process exit code. */
    int run(String[] args, PrintStream out, PrintStream err);
}
