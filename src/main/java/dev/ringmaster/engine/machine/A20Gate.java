package dev.ringmaster.engine.machine;

/**
 * The A20 gate: when disabled, physical address bit 20 is forced to 0 (the 8086 wrap-around at
 * 1 MiB). Driven by the 8042's output-port bit 1 and by port 0x92 bit 1; the machine applies it to
 * memory accesses. Like QEMU, the last device to drive it decides (both are normally set together).
 */
@FunctionalInterface
public interface A20Gate {
    void setA20(boolean enabled);
}
