package dev.ringmaster.engine.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What every emulated device has in common: a name, a power-on reset, and its state saved into
 * and restored from a machine snapshot. How it is reached is said by {@link IoDevice} (port I/O)
 * and {@link MmioDevice} (memory-mapped I/O); a device registers its ranges on the buses.
 */
public interface Device {
    /** Short name as the PC hardware calls it, e.g. {@code "pic-master"}, {@code "uart-com1"}. */
    String name();

    /** Power-on / RESET state. */
    void reset();

    /** Writes the complete device state (everything {@link #loadState} needs to continue exactly). */
    void saveState(DataOutput out) throws IOException;

    /** Restores state written by {@link #saveState}; throws on malformed input (never half-applies silently). */
    void loadState(DataInput in) throws IOException;
}
