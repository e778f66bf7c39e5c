package dev.ringmaster.engine.devices;

/** Where a UART's transmitted bytes go on the host side (the serial console, a transcript, a file). */
@FunctionalInterface
public interface SerialSink {
    /** One transmitted byte (0–255), called on the VM's engine thread; must not block. */
    void accept(int b);
}
