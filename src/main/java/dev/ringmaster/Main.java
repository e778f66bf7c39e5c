package dev.ringmaster;

import dev.ringmaster.cli.Cli;

/**
 * Entry point of {@code target/ringmaster.jar}: with no arguments it opens the GUI, with a
 * command ({@code run}, {@code bench}, {@code export}, ...) it runs headless and never loads JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // Loaded reflectively-late so that the headless path never touches JavaFX classes.
            dev.ringmaster.app.RingmasterApp.launchGui(args);
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
