package dev.ringmaster.engine.devices;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Helpers shared by the devices' {@code saveState}/{@code loadState}: a tagged, versioned header,
 * range-checked reads, and an all-or-nothing load (a malformed snapshot leaves the device exactly
 * as it was and throws).
 */
final class DeviceState {
    /** Writes a device's state body. */
    @FunctionalInterface
    interface Saver {
        void save(DataOutput out) throws IOException;
    }

    /** Reads a device's state body, assigning fields as it goes. */
    @FunctionalInterface
    interface Loader {
        void load(DataInput in) throws IOException;
    }

    private DeviceState() {
    }

    static void writeHeader(DataOutput out, String tag, int version) throws IOException {
        out.writeUTF(tag);
        out.writeShort(version);
    }

    static void readHeader(DataInput in, String tag, int version) throws IOException {
        String t = in.readUTF();
        if (!t.equals(tag)) {
            throw new IOException("state is for device '" + t + "', expected '" + tag + "'");
        }
        int v = in.readUnsignedShort();
        if (v != version) {
            throw new IOException(tag + " state version " + v + " is not supported (expected " + version + ")");
        }
    }

    /**
     * Loads with {@code loader}; if it fails (I/O error, bad value, short input), reloads the state
     * {@code current} had before and throws, so a device is never left half-restored.
     */
    static void loadAtomically(Saver current, Loader loader, DataInput in) throws IOException {
        ByteArrayOutputStream backup = new ByteArrayOutputStream();
        current.save(new DataOutputStream(backup));
        try {
            loader.load(in);
        } catch (IOException | RuntimeException e) {
            loader.load(new DataInputStream(new ByteArrayInputStream(backup.toByteArray())));
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("corrupt device state: " + e.getMessage(), e);
        }
    }

    static int readInt(DataInput in, int min, int max, String what) throws IOException {
        int v = in.readInt();
        if (v < min || v > max) {
            throw new IOException(what + " out of range: " + v + " (expected " + min + ".." + max + ")");
        }
        return v;
    }

    static int readU8(DataInput in) throws IOException {
        return in.readUnsignedByte();
    }

    static long readLong(DataInput in, long min, long max, String what) throws IOException {
        long v = in.readLong();
        if (v < min || v > max) {
            throw new IOException(what + " out of range: " + v);
        }
        return v;
    }

    static void writeBytes(DataOutput out, byte[] data, int length) throws IOException {
        out.writeInt(length);
        out.write(data, 0, length);
    }

    /** Reads a length-prefixed byte block of exactly {@code expected} bytes (or at most it when {@code exact} is false). */
    static byte[] readBytes(DataInput in, int expected, boolean exact, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > expected || (exact && n != expected)) {
            throw new IOException(what + ": bad length " + n + " (expected " + (exact ? "" : "at most ") + expected + ")");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
