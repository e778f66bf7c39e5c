package dev.ringmaster.engine.machine;

/** A device reached through physical memory addresses (e.g. the VGA text buffer at 0xB8000). */
public interface MmioDevice extends Device {
    /** Reads {@code size} bytes (1, 2 or 4) little-endian at physical {@code address}. */
    int mmioRead(int address, int size);

    /** Writes the low {@code size*8} bits of {@code value} little-endian at physical {@code address}. */
    void mmioWrite(int address, int size, int value);
}
