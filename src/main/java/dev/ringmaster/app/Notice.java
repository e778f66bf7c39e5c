package dev.ringmaster.app;

import java.util.Objects;

/**
 * A message shown in the window's notice bar until the user dismisses it: something the user
 * should know now, such as a settings file that could not be used.
 *
 * @param title   a few words, e.g. "Window layout reset"
 * @param message the full explanation, naming files and what was done
 */
public record Notice(String title, String message) {
    public Notice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
    }
}
