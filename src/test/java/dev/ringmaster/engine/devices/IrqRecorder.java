package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IrqLine;
import dev.ringmaster.engine.machine.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/** Test double for the interrupt lines: records each line's level, rising edges and (with a clock) when they rose. */
final class IrqRecorder implements IrqLine {
    final boolean[] level = new boolean[16];
    final int[] rises = new int[16];
    final List<String> log = new ArrayList<>();
    private final VirtualClock clock;
    private final List<List<Long>> riseCycles = new ArrayList<>();

    IrqRecorder() {
        this(null);
    }

    IrqRecorder(VirtualClock clock) {
        this.clock = clock;
        for (int i = 0; i < 16; i++) {
            riseCycles.add(new ArrayList<>());
        }
    }

    /** Cycles at which {@code irq} went high (needs the clock constructor). */
    List<Long> riseCycles(int irq) {
        return riseCycles.get(irq);
    }

    @Override
    public void setIrq(int irq, boolean high) {
        if (high && !level[irq]) {
            rises[irq]++;
            if (clock != null) {
                riseCycles.get(irq).add(clock.now());
            }
        }
        if (high != level[irq]) {
            log.add("irq" + irq + (high ? "+" : "-"));
        }
        level[irq] = high;
    }
}
