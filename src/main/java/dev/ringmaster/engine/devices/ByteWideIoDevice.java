package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoDevice;

/**
 * An 8-bit ISA device. A 16- or 32-bit IN/OUT reaching it is split by the bus into byte accesses at
 * consecutive ports, as the PC's bus-sizing logic does for an 8-bit peripheral; ports past the
 * device's own decode read as the floating bus (0xFF) and ignore writes.
 */
interface ByteWideIoDevice extends IoDevice {
    /** True when the device decodes {@code port}. */
    boolean decodes(int port);

    /** Reads one byte at a port the device decodes. */
    int readByte(int port);

    /** Writes one byte at a port the device decodes. */
    void writeByte(int port, int value);

    @Override
    default int ioRead(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            int p = (port + i) & 0xFFFF;
            int b = decodes(p) ? readByte(p) & 0xFF : 0xFF;
            v |= b << (8 * i);
        }
        return v;
    }

    @Override
    default void ioWrite(int port, int size, int value) {
        for (int i = 0; i < size; i++) {
            int p = (port + i) & 0xFFFF;
            if (decodes(p)) {
                writeByte(p, (value >>> (8 * i)) & 0xFF);
            }
        }
    }
}
