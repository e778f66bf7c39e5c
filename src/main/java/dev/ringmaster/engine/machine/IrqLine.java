package dev.ringmaster.engine.machine;

/** The ISA interrupt request lines a device drives (wired to the 8259A pair). */
@FunctionalInterface
public interface IrqLine {
    /** Drives IRQ {@code irq} (0–15) high ({@code true}) or low. Edge-triggered PICs latch on low→high. */
    void setIrq(int irq, boolean level);

    /** Convenience: a low→high→low pulse (an edge for edge-triggered inputs). */
    default void pulseIrq(int irq) {
        setIrq(irq, false);
        setIrq(irq, true);
        setIrq(irq, false);
    }
}
