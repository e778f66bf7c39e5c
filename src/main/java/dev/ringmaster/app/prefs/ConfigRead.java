package dev.ringmaster.app.prefs;

import java.nio.file.Path;
import java.util.Objects;

/** What reading one configuration file gave: nothing saved yet, a usable value, or an unusable file. */
public sealed interface ConfigRead<T> {

    /** The file does not exist (first run, or never saved): use the defaults, say nothing. */
    record Missing<T>(Path file) implements ConfigRead<T> {
    }

    /** The file was read and is valid. */
    record Loaded<T>(Path file, T value) implements ConfigRead<T> {
        public Loaded {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The file exists but cannot be used (unreadable, not JSON, wrong shape, written by a newer
     * Ringmaster). It has been moved aside to {@code backup} before anything could write over it,
     * or, when even that failed, {@code backup} is null, {@code backupProblem} says why, and the file
     * is protected: saving over it is refused for the rest of the session.
     */
    record Unusable<T>(Path file, String problem, Path backup, String backupProblem) implements ConfigRead<T> {
        public Unusable {
            Objects.requireNonNull(problem, "problem");
            if ((backup == null) == (backupProblem == null)) {
                throw new IllegalArgumentException("exactly one of backup and backupProblem");
            }
        }

        /**
         * One paragraph for the user, e.g. "The saved window layout (/home/ann/.config/ringmaster/layout.json)
         * could not be used: line 1, column 2: Unexpected character. It was kept as
         * layout.json.corrupt-20251125-093000 and the default window layout is shown."
         *
         * @param what     what the file holds ("window layout", "preferences")
         * @param fallback what the user sees instead ("the default window layout is shown")
         */
        public String describe(String what, String fallback) {
            String head = "The saved " + what + " (" + file + ") could not be used: " + problem + ". ";
            if (backup != null) {
                return head + "It was kept as " + backup.getFileName() + " and " + fallback + ".";
            }
            return head + "It could not be moved aside (" + backupProblem + "), so Ringmaster will not save over it "
                    + "in this session; " + fallback + ".";
        }
    }

    /** The value read, or {@code defaults} when there is none. */
    default T orElse(T defaults) {
        return this instanceof Loaded<T> loaded ? loaded.value() : defaults;
    }
}
