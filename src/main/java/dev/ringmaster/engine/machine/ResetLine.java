package dev.ringmaster.engine.machine;

/**
 * The CPU's RESET input as the chipset drives it: the 8042's output-port bit 0 (command 0xD1, or
 * pulsed by command 0xFE) and port 0x92 bit 0 ("fast reset"). Devices pulse it from inside an OUT;
 * the machine should finish that instruction, then reset the CPU (a warm reset: RAM is kept, devices
 * are not power-cycled) and trace why.
 */
@FunctionalInterface
public interface ResetLine {
    /** Requests a CPU reset; {@code source} names the device, e.g. {@code "i8042 command 0xFE"}. */
    void pulseReset(String source);
}
