package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The snapshot file format: a header ({@link SnapshotInfo}: ids, parent link, counters), then the
 * machine state ({@link Machine#saveState}: clock, CPU, devices, RAM with zero pages elided) followed
 * by the technique's id and state ({@link TechniqueRunner#saveState}: for trap-and-emulate the virtual
 * CPU, shadow structures and VMM memory; for every technique the counters and cost ledger), all
 * compressed with Deflate, then a CRC-32 of the compressed bytes. Version 1 files (machine only) are
 * read as native snapshots. Written atomically (a temporary
 * file in the same directory, then a rename). Every way a file can be bad — not a snapshot, another
 * version, truncated, corrupted, for another machine — is one {@link SnapshotException} naming the file.
 */
public final class SnapshotFile {
    static final int MAGIC = 0x524D534E; // "RMSN"
    /** 2: the technique's state follows the machine's (version 1 files hold a native machine only). */
    static final int VERSION = 2;

    private SnapshotFile() {
    }

    /** A snapshot file that cannot be read or used; the message starts with the file name. */
    public static final class SnapshotException extends Exception {
        SnapshotException(Path file, String message, Throwable cause) {
            super(file + ": " + message, cause);
        }
    }

    /**
     * Writes {@code machine}'s state and then {@code runner}'s ({@link TechniqueRunner#saveState}: the VMM's
     * virtual CPU, shadow structures, counters and cost ledger) under {@code info}'s header to
     * {@code info.file()}, atomically.
     */
    public static void write(SnapshotInfo info, Machine machine, TechniqueRunner runner) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 20);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream state = new DataOutputStream(new DeflaterOutputStream(compressed, deflater, 1 << 16))) {
            machine.saveState(state);
            state.writeUTF(runner.technique().id());
            runner.saveState(state);
        } finally {
            deflater.end();
        }
        byte[] body = compressed.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path target = info.file().toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(info.id());
                out.writeUTF(info.parentId() == null ? "" : info.parentId());
                out.writeUTF(info.name());
                out.writeUTF(info.vmId());
                out.writeUTF(info.configKey());
                out.writeLong(info.created().toEpochMilli());
                out.writeLong(info.instructions());
                out.writeLong(info.cycles());
                out.writeInt(body.length);
                out.write(body);
                out.writeLong(crc.getValue());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads only the header (for listing a snapshot tree). */
    public static SnapshotInfo readInfo(Path file) throws SnapshotException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return header(file, in);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file, "no such file", e);
        } catch (EOFException e) {
            throw new SnapshotException(file, "truncated snapshot header", e);
        } catch (IOException e) {
            throw new SnapshotException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What follows the machine state: the technique the snapshot was taken under and its state
     * ({@link TechniqueRunner#saveState}), or null state for a version-1 (native, machine-only) file.
     */
    public record TechniqueState(Technique technique, byte[] state) {
        /** The state as a stream for {@link dev.ringmaster.engine.vmm.TechniqueFactory#restore}; null when there is none. */
        public DataInputStream stream() {
            return state == null ? null : new DataInputStream(new ByteArrayInputStream(state));
        }
    }

    /** A checked snapshot: its header and the machine state, ready to load into a fresh machine. */
    public record Loaded(SnapshotInfo info, int version, byte[] compressedState) {
        /**
         * Loads the machine state into {@code machine} (built from the same configuration) and returns the
         * technique's state that follows it, for the runner.
         */
        public TechniqueState restoreInto(Machine machine) throws SnapshotException {
            try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(compressedState)))) {
                machine.loadState(in);
                TechniqueState t;
                if (version == 1) {
                    t = new TechniqueState(Technique.NATIVE, null);
                } else {
                    String id = in.readUTF();
                    Technique technique = Technique.find(id).orElseThrow(() -> new IOException("unknown technique \"" + id + "\""));
                    t = new TechniqueState(technique, in.readAllBytes());
                }
                if (in.read() != -1) {
                    throw new IOException("machine state has trailing bytes");
                }
                return t;
            } catch (EOFException e) {
                throw new SnapshotException(info.file(), "machine state is truncated", e);
            } catch (IOException | RuntimeException e) {
                throw new SnapshotException(info.file(), "machine state cannot be restored: " + e.getMessage(), e);
            }
        }
    }

    /** Reads and checks a whole snapshot file (magic, version, CRC). */
    public static Loaded read(Path file) throws SnapshotException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            SnapshotInfo info = header(file, in);
            int length = in.readInt();
            if (length < 0 || length > (1 << 30)) {
                throw new SnapshotException(file, "corrupt snapshot (state length " + length + ")", null);
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new SnapshotException(file, "truncated snapshot (" + body.length + " of " + length + " state bytes)", null);
            }
            long want = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(body);
            if (crc.getValue() != want) {
                throw new SnapshotException(file, "corrupt snapshot (checksum mismatch)", null);
            }
            return new Loaded(info, version(file), body);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file, "no such file", e);
        } catch (EOFException e) {
            throw new SnapshotException(file, "truncated snapshot", e);
        } catch (IOException e) {
            throw new SnapshotException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The format version of a file whose header was just checked. */
    private static int version(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.readInt();
            return in.readInt();
        }
    }

    private static SnapshotInfo header(Path file, DataInputStream in) throws IOException, SnapshotException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new SnapshotException(file, "not a Ringmaster snapshot", null);
        }
        int version = in.readInt();
        if (version != VERSION && version != 1) {
            throw new SnapshotException(file, "snapshot format version " + version + "; this Ringmaster reads version "
                    + VERSION, null);
        }
        String id = in.readUTF();
        String parent = in.readUTF();
        String name = in.readUTF();
        String vmId = in.readUTF();
        String configKey = in.readUTF();
        Instant created = Instant.ofEpochMilli(in.readLong());
        long instructions = in.readLong();
        long cycles = in.readLong();
        return new SnapshotInfo(id, parent.isEmpty() ? null : parent, name, vmId, configKey, created, instructions,
                cycles, file);
    }
}
