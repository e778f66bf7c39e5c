package dev.ringmaster.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic file replacement: the new content is written to a temporary file in the same directory,
 * forced to disk, then renamed over the target with {@code ATOMIC_MOVE}. A reader (or a crash)
 * sees either the old complete file or the new complete file, never a truncated one. Temporary
 * files are named {@code .<target name>.<random>.tmp}, so listings of {@code *.json} skip them.
 */
public final class AtomicFiles {
    /** Writes the content to a stream (which must not be closed by the writer). */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Moves a complete temporary file over the target; replaceable in tests to simulate a failure. */
    @FunctionalInterface
    interface Mover {
        void move(Path temp, Path target) throws IOException;
    }

    static final Mover ATOMIC_RENAME = (temp, target) ->
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private AtomicFiles() {
    }

    /** Atomically replaces (or creates) {@code target} with {@code content}. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content), ATOMIC_RENAME);
    }

    /** Atomically replaces (or creates) {@code target} with what {@code writer} writes. */
    public static void write(Path target, ContentWriter writer) throws IOException {
        write(target, writer, ATOMIC_RENAME);
    }

    static void write(Path target, ContentWriter writer, Mover mover) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            copyPermissions(abs, temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                mover.move(temp, abs);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot save " + abs + " atomically: the file system does not support atomic rename", e);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * The temporary file is created private (0600); give the result the permissions of the file it
     * replaces, or rw-r--r-- for a new file, as a plain write would under the usual umask.
     */
    private static void copyPermissions(Path target, Path temp) {
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    /** Makes the rename durable (POSIX: fsync the directory). Best effort: not every platform allows it. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; the rename itself is still atomic.
        }
    }
}
