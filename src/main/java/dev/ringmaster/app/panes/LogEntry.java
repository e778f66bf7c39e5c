package dev.ringmaster.app.panes;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the event log.
 *
 * @param time     when it happened
 * @param severity how much it matters
 * @param source   who reports it: "layout", "preferences", "vms", or later a VM's name
 * @param message  one line of plain text
 */
public record LogEntry(Instant time, Severity severity, String source, String message) {
    /** How much an entry matters. */
    public enum Severity {
        INFO("Info"), WARNING("Warning"), ERROR("Error");

        private final String label;

        Severity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public LogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
