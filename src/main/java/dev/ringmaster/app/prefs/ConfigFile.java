package dev.ringmaster.app.prefs;

import dev.ringmaster.template.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One of the GUI's JSON files (preferences, a window's layout) with the two guarantees the user
 * relies on:
 * <ul>
 *   <li>saves are atomic (temporary file in the same directory, then rename: {@link AtomicFiles});</li>
 *   <li>a file that exists but cannot be used is never overwritten silently: {@link #read()} first
 *       renames it to {@code <name>.corrupt-<yyyyMMdd-HHmmss>} (kept for the user to inspect or mail
 *       in), and when even that fails, every later {@link #write} of this instance is refused.</li>
 * </ul>
 * Not thread-safe: one window's thread (the FX thread) uses it.
 */
public final class ConfigFile<T> {
    /** Larger files are not settings Ringmaster wrote: refused without reading them into memory. */
    static final long MAX_BYTES = 4L << 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Turns bytes into a value and back. */
    public interface Codec<T> {
        T decode(byte[] bytes) throws ConfigFormatException;

        byte[] encode(T value);
    }

    /** Renames an unusable file aside; replaceable in tests to simulate a failure. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private final Path file;
    private final Codec<T> codec;
    private final Clock clock;
    private final Mover mover;
    /** Why saving is refused (the unusable file could not be moved aside), or null. */
    private String protectedBecause;

    public ConfigFile(Path file, Codec<T> codec, Clock clock) {
        this(file, codec, clock, (from, to) -> Files.move(from, to));
    }

    ConfigFile(Path file, Codec<T> codec, Clock clock, Mover mover) {
        this.file = file.toAbsolutePath().normalize();
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mover = Objects.requireNonNull(mover, "mover");
    }

    public Path file() {
        return file;
    }

    /** Reads the file; an unusable one is moved aside before this returns (see the class comment). */
    public ConfigRead<T> read() {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new ConfigRead.Missing<>(file);
        }
        String problem;
        try {
            if (!Files.isRegularFile(file)) {
                problem = "it is not a regular file";
            } else if (Files.size(file) > MAX_BYTES) {
                problem = "it is larger than " + (MAX_BYTES >> 20) + " MiB";
            } else {
                return new ConfigRead.Loaded<>(file, codec.decode(Files.readAllBytes(file)));
            }
        } catch (NoSuchFileException e) {
            return new ConfigRead.Missing<>(file); // removed (or a dangling link): nothing to keep
        } catch (IOException e) {
            problem = "it cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        } catch (ConfigFormatException e) {
            problem = e.getMessage();
        }
        return moveAside(problem);
    }

    private ConfigRead<T> moveAside(String problem) {
        String base = file.getFileName() + ".corrupt-" + LocalDateTime.now(clock).format(STAMP);
        Path backup = file.resolveSibling(base);
        try {
            for (int n = 2; ; n++) {
                try {
                    if (!Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                        mover.move(file, backup);
                        return new ConfigRead.Unusable<>(file, problem, backup, null);
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process took the name between the check and the move: try the next one
                }
                if (n > 1000) {
                    throw new IOException("no free backup name " + base + "-N");
                }
                backup = file.resolveSibling(base + "-" + n);
            }
        } catch (IOException | RuntimeException e) {
            protectedBecause = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new ConfigRead.Unusable<>(file, problem, null, protectedBecause);
        }
    }

    /** True when saving is refused because an unusable file could not be moved aside. */
    public boolean isProtected() {
        return protectedBecause != null;
    }

    /**
     * Saves {@code value} atomically.
     *
     * @throws IOException when writing fails, or when the file is protected (then nothing is written)
     */
    public void write(T value) throws IOException {
        if (protectedBecause != null) {
            throw new IOException("not saving over " + file + ": it could not be used and could not be moved aside ("
                    + protectedBecause + ")");
        }
        AtomicFiles.write(file, codec.encode(value));
    }
}
