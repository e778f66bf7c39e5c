package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IrqLine;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The 8254 programmable interval timer at 0x40–0x43 (Intel 8254 datasheet, 231164), clocked at
 * 1.193182 MHz (the PC's 14.31818 MHz crystal divided by 12), as the IBM PC AT wires it: counter 0's
 * OUT drives IRQ0, counter 1 (DRAM refresh on the AT) is free, counter 2's GATE is port 0x61 bit 0
 * and its OUT is readable at port 0x61 bit 5 (see {@link SystemControlPortB}).
 *
 * <p>Implemented: control words for each counter with all access modes (LSB, MSB, LSB then MSB),
 * binary and BCD counting, the counter latch command, the read-back command (count and/or status,
 * several counters at once; status = OUT, null count, RW, mode, BCD), and modes 0–5 with the
 * datasheet's gate rules (modes 6/7 are 2/3). Counts and OUT are computed from the virtual clock at
 * the moment they are read, never stepped: the input clock's pulse number is
 * floor(cycles × 1193182 / cpuHz), exact integer arithmetic. The only timer armed is for counter 0's
 * next OUT transition, which drives IRQ0 (high and low, so the PIC sees each rising edge); nothing
 * runs per instruction or per pulse.
 *
 * <p>Power-on state (the datasheet leaves it undefined): every counter as if "LSB then MSB, mode 3,
 * binary" had been written without a count, so OUT is high and nothing counts until the guest
 * programs it — no timer interrupts before the guest asks for them. A count of 1 in modes 2 and 3
 * (illegal on the 8254) keeps OUT high.
 */
public final class Pit8254 implements ByteWideIoDevice {
    public static final int BASE = 0x40;
    public static final int IRQ = 0;
    /** Input clock of all three counters. */
    public static final long INPUT_HZ = 1_193_182L;
    private static final long NEVER = Long.MAX_VALUE;

    private final VirtualClock clock;
    private final IrqLine irqLine;
    private final PitCounter[] counters = {new PitCounter(true), new PitCounter(true), new PitCounter(false)};
    private final VirtualClock.Timer timer;
    private long edgeTick = NEVER;
    private boolean irq0Level;
    private long irq0Rises;

    public Pit8254(VirtualClock clock, IrqLine irqLine) {
        this.clock = clock;
        this.irqLine = irqLine;
        this.timer = clock.newTimer("pit counter 0 OUT", this::counter0Edge);
        powerOn();
    }

    /** Registers ports 0x40–0x43. */
    public void attach(IoBus bus) {
        bus.register(BASE, BASE + 3, this);
    }

    /** Input clock pulses since power-on at the current cycle. */
    public long tick() {
        return VirtualTime.ticksAt(clock.now(), clock.hz(), INPUT_HZ);
    }

    /** The first cycle at which input pulse number {@code tick} has occurred. */
    public long cycleOfTick(long tick) {
        return VirtualTime.cycleOfTick(tick, clock.hz(), INPUT_HZ);
    }

    /** OUT of counter {@code ch} now. */
    public boolean out(int ch) {
        catchUp();
        return counters[ch].out(tick());
    }

    /** The count counter {@code ch} shows now (as a read without latch would return it, both bytes). */
    public int count(int ch) {
        catchUp();
        return counters[ch].count(tick());
    }

    /** Counter {@code ch}'s mode (0–5). */
    public int mode(int ch) {
        return counters[ch].mode();
    }

    /** Counter {@code ch}'s initial count (65536 for a written 0 in binary), 0 if none written since its control word. */
    public int initialCount(int ch) {
        return counters[ch].initialCount();
    }

    /** Drives counter {@code ch}'s GATE input (only counter 2's is not tied high on a PC). */
    public void setGate(int ch, boolean level) {
        catchUp();
        long t = tick();
        counters[ch].setGate(level, t);
        if (ch == 0) {
            reprogrammed(t);
        }
    }

    public boolean gate(int ch) {
        return counters[ch].gate();
    }

    /** Rising edges of IRQ0 since reset. */
    public long irq0RisingEdges() {
        return irq0Rises;
    }

    @Override
    public String name() {
        return "pit";
    }

    @Override
    public void reset() {
        powerOn();
    }

    /**
     * Counter 0's OUT is high after power-on; the PIT takes the IRQ0 line as already high rather
     * than raising it, so the PIC (reset at the same time) sees no edge and no timer interrupt is
     * requested before the guest programs a count.
     */
    private void powerOn() {
        counters[0].reset(true);
        counters[1].reset(true);
        counters[2].reset(false);
        timer.cancel();
        edgeTick = NEVER;
        irq0Level = true;
        irq0Rises = 0;
    }

    @Override
    public boolean decodes(int port) {
        return port >= BASE && port <= BASE + 3;
    }

    @Override
    public int readByte(int port) {
        if (port == BASE + 3) {
            return 0xFF; // the control word register cannot be read
        }
        catchUp();
        return counters[port - BASE].read(tick());
    }

    @Override
    public void writeByte(int port, int value) {
        catchUp();
        long t = tick();
        if (port != BASE + 3) {
            int ch = port - BASE;
            counters[ch].write(value, t);
            if (ch == 0) {
                reprogrammed(t);
            }
            return;
        }
        int sc = value >>> 6;
        if (sc == 3) {
            readBack(value, t);
            return;
        }
        if ((value & 0x30) == 0) {
            counters[sc].latchCount(t);
        } else {
            counters[sc].controlWord(value, t);
            if (sc == 0) {
                reprogrammed(t);
            }
        }
    }

    private void readBack(int value, long t) {
        for (int ch = 0; ch < 3; ch++) {
            if ((value & (2 << ch)) != 0) {
                if ((value & 0x20) == 0) {
                    counters[ch].latchCount(t);
                }
                if ((value & 0x10) == 0) {
                    counters[ch].latchStatus(t);
                }
            }
        }
    }

    // ---- IRQ0 ----

    private void reprogrammed(long t) {
        drive(counters[0].out(t));
        schedule(t);
    }

    private void schedule(long after) {
        edgeTick = counters[0].nextEdge(after);
        if (edgeTick == NEVER) {
            timer.cancel();
        } else {
            timer.armAt(cycleOfTick(edgeTick));
        }
    }

    /** Counter 0's OUT changes at {@code edgeTick}; the next edge is computed from that pulse, not from "now". */
    private void counter0Edge() {
        long t = edgeTick;
        drive(counters[0].out(t));
        schedule(t);
    }

    /** Delivers counter-0 edges whose time has passed but whose timer the run loop has not fired yet. */
    private void catchUp() {
        while (timer.armed() && timer.deadline() <= clock.now()) {
            timer.cancel();
            counter0Edge();
        }
    }

    private void drive(boolean level) {
        if (level != irq0Level) {
            irq0Level = level;
            if (level) {
                irq0Rises++;
            }
            irqLine.setIrq(IRQ, level);
        }
    }

    // ---- snapshot ----

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "pit8254", 1);
        for (PitCounter c : counters) {
            c.save(out);
        }
        out.writeLong(edgeTick);
        out.writeBoolean(irq0Level);
        out.writeLong(irq0Rises);
        TimerState.save(out, timer);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "pit8254", 1);
        for (PitCounter c : counters) {
            c.load(in);
        }
        edgeTick = in.readLong();
        irq0Level = in.readBoolean();
        irq0Rises = in.readLong();
        TimerState.load(in, timer);
    }
}
