package dev.ringmaster.engine.machine;

/** A device reached through the I/O port space (IN/OUT/INS/OUTS). */
public interface IoDevice extends Device {
    /**
     * Reads {@code size} bytes (1, 2 or 4) at {@code port}. The result is zero-extended; only the
     * low {@code size*8} bits are used by the bus.
     */
    int ioRead(int port, int size);

    /** Writes the low {@code size*8} bits of {@code value} to {@code port}. */
    void ioWrite(int port, int size, int value);
}
