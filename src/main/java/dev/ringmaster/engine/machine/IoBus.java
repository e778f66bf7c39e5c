package dev.ringmaster.engine.machine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 64 KiB I/O port space. Devices register inclusive port ranges; an access to a port with no
 * device reads all ones (0xFF per byte), as on a PC with a floating bus, and is reported to the
 * {@link UnmappedListener}.
 *
 * <p>A multi-byte access is given whole to the device registered at its first port; the device
 * decides what a word access means (as the 16550 or the 8254 do, by their data-bus width).
 */
public final class IoBus {
    /** Told about accesses to ports no device claims. */
    @FunctionalInterface
    public interface UnmappedListener {
        void unmapped(int port, int size, boolean write, int value);
    }

    /** One registered range, for listings in the UI and in errors. */
    public record Mapping(int first, int last, IoDevice device) {
    }

    private final IoDevice[] ports = new IoDevice[0x10000];
    private final List<Mapping> mappings = new ArrayList<>();
    private UnmappedListener unmappedListener = (port, size, write, value) -> { };

    /** Registers {@code device} for ports {@code first..last} inclusive; overlapping ranges are a wiring bug. */
    public void register(int first, int last, IoDevice device) {
        if (first < 0 || last > 0xFFFF || first > last) {
            throw new IllegalArgumentException("bad port range " + hex(first) + ".." + hex(last));
        }
        for (int p = first; p <= last; p++) {
            if (ports[p] != null) {
                throw new IllegalStateException("port " + hex(p) + " already belongs to " + ports[p].name()
                        + ", cannot give it to " + device.name());
            }
        }
        for (int p = first; p <= last; p++) {
            ports[p] = device;
        }
        mappings.add(new Mapping(first, last, device));
    }

    public void setUnmappedListener(UnmappedListener listener) {
        this.unmappedListener = listener == null ? (port, size, write, value) -> { } : listener;
    }

    /** The device at {@code port}, or null. */
    public IoDevice deviceAt(int port) {
        return ports[port & 0xFFFF];
    }

    public List<Mapping> mappings() {
        return Collections.unmodifiableList(mappings);
    }

    public int read(int port, int size) {
        port &= 0xFFFF;
        IoDevice d = ports[port];
        if (d == null) {
            int v = size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
            unmappedListener.unmapped(port, size, false, v);
            return v;
        }
        int v = d.ioRead(port, size);
        return size == 1 ? v & 0xFF : size == 2 ? v & 0xFFFF : v;
    }

    public void write(int port, int size, int value) {
        port &= 0xFFFF;
        IoDevice d = ports[port];
        int v = size == 1 ? value & 0xFF : size == 2 ? value & 0xFFFF : value;
        if (d == null) {
            unmappedListener.unmapped(port, size, true, v);
            return;
        }
        d.ioWrite(port, size, v);
    }

    private static String hex(int v) {
        return String.format("0x%04X", v);
    }
}
