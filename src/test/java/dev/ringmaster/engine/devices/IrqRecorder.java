package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IrqLine;
import java.util.ArrayList;
import java.util.List;

/** Test double for the interrupt lines: records each line's level and rising edges. */
final class IrqRecorder implements IrqLine {
    final boolean[] level = new boolean[16];
    final int[] rises = new int[16];
    final List<String> log = new ArrayList<>();

    @Override
    public void setIrq(int irq, boolean high) {
        if (high && !level[irq]) {
            rises[irq]++;
        }
        if (high != level[irq]) {
            log.add("irq" + irq + (high ? "+" : "-"));
        }
        level[irq] = high;
    }
}
