package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ringmaster.engine.machine.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Snapshot helpers for device tests. */
final class StateRoundTrip {
    private StateRoundTrip() {
    }

    static byte[] save(Device d) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            d.saveState(new DataOutputStream(b));
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void load(Device d, byte[] state) throws IOException {
        d.loadState(new DataInputStream(new ByteArrayInputStream(state)));
    }

    /** Saves {@code from}, loads into {@code into}, and checks that {@code into} saves the very same bytes. */
    static byte[] copy(Device from, Device into) {
        byte[] s = save(from);
        try {
            load(into, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertArrayEquals(s, save(into), "state after load must save to the same bytes");
        return s;
    }
}
