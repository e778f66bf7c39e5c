package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.InterruptController;
import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IrqLine;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The PC AT's cascaded 8259A pair (IBM PC AT Technical Reference, "Interrupt Controllers"): the
 * master at 0x20/0x21 takes IRQ0–7 and drives the CPU's INTR; the slave at 0xA0/0xA1 takes IRQ8–15
 * and its INT output feeds the master's IR2. The ISA bus's IRQ2 pin is wired to the slave's IR1, so
 * a device driving IRQ 2 raises IRQ9, as on every AT. Plus the PIIX-style edge/level control
 * registers (ELCR) at 0x4D0/0x4D1: IRQ0, 1, 2, 8 and 13 are always edge-triggered.
 *
 * <p>{@link #acknowledge()} is the INTA cycle: the master resolves priority; if it picks its
 * cascade input, the slave answers with its own vector (and the slave's spurious IR7, vector base+7,
 * leaves the master's IR2 in service, as on the real pair).
 */
public final class Pic8259Pair implements ByteWideIoDevice, IrqLine, InterruptController {
    public static final int MASTER_BASE = 0x20;
    public static final int SLAVE_BASE = 0xA0;
    public static final int ELCR_BASE = 0x4D0;
    public static final int CASCADE_IRQ = 2;

    private final Pic8259 master = new Pic8259(true, 0xF8);
    private final Pic8259 slave = new Pic8259(false, 0xDE);
    private final long[] acknowledged = new long[16];
    private boolean intr;
    private int lastIrq = -1;
    private boolean lastSpurious;
    private long spuriousCount;

    public Pic8259Pair() {
        reset();
    }

    /** Registers 0x20–0x21, 0xA0–0xA1 and 0x4D0–0x4D1. */
    public void attach(IoBus bus) {
        bus.register(MASTER_BASE, MASTER_BASE + 1, this);
        bus.register(SLAVE_BASE, SLAVE_BASE + 1, this);
        bus.register(ELCR_BASE, ELCR_BASE + 1, this);
    }

    public Pic8259 master() {
        return master;
    }

    public Pic8259 slave() {
        return slave;
    }

    /** IRQ (0–15) of the last acknowledge, 7 or 15 when it was spurious, -1 before any. */
    public int lastIrq() {
        return lastIrq;
    }

    /** Whether the last acknowledge found no request (IRQ7/IRQ15 spurious vector). */
    public boolean lastSpurious() {
        return lastSpurious;
    }

    /** Interrupts acknowledged on {@code irq} since reset (not counting spurious ones). */
    public long acknowledgedCount(int irq) {
        return acknowledged[irq];
    }

    public long spuriousCount() {
        return spuriousCount;
    }

    @Override
    public String name() {
        return "pic";
    }

    @Override
    public void reset() {
        master.reset();
        slave.reset();
        Arrays.fill(acknowledged, 0);
        lastIrq = -1;
        lastSpurious = false;
        spuriousCount = 0;
        update();
    }

    // ---- IrqLine ----

    @Override
    public void setIrq(int irq, boolean level) {
        if (irq < 0 || irq > 15) {
            throw new IllegalArgumentException("no IRQ " + irq);
        }
        if (irq == CASCADE_IRQ) {
            irq = 9; // the ISA IRQ2 pin is routed to IRQ9 on the AT
        }
        if (irq < 8) {
            master.setInput(irq, level);
        } else {
            slave.setInput(irq - 8, level);
        }
        update();
    }

    // ---- InterruptController ----

    @Override
    public boolean intrPending() {
        return intr;
    }

    @Override
    public int acknowledge() {
        int m = master.acknowledgeLevel();
        int vector;
        if ((m & 0x100) != 0) {
            lastIrq = 7;
            lastSpurious = true;
            vector = master.vector(7);
        } else if (master.cascades(m)) {
            if (slave.slaveId() != m) {
                lastIrq = m;
                lastSpurious = true;
                vector = 0xFF; // no slave answers: the data bus floats
            } else {
                int s = slave.acknowledgeLevel();
                lastIrq = 8 + (s & 7);
                lastSpurious = (s & 0x100) != 0;
                vector = slave.vector(s & 7);
            }
        } else {
            lastIrq = m;
            lastSpurious = false;
            vector = master.vector(m);
        }
        if (lastSpurious) {
            spuriousCount++;
        } else {
            acknowledged[lastIrq]++;
        }
        update();
        return vector;
    }

    private void update() {
        master.setInput(CASCADE_IRQ, slave.output());
        intr = master.output();
    }

    // ---- ports ----

    @Override
    public boolean decodes(int port) {
        return port == 0x20 || port == 0x21 || port == 0xA0 || port == 0xA1 || port == 0x4D0 || port == 0x4D1;
    }

    @Override
    public int readByte(int port) {
        int v = switch (port) {
            case 0x20, 0x21 -> master.read(port & 1);
            case 0xA0, 0xA1 -> slave.read(port & 1);
            case 0x4D0 -> master.elcr();
            default -> slave.elcr();
        };
        update(); // a poll read acknowledges
        return v;
    }

    @Override
    public void writeByte(int port, int value) {
        switch (port) {
            case 0x20, 0x21 -> master.write(port & 1, value);
            case 0xA0, 0xA1 -> slave.write(port & 1, value);
            case 0x4D0 -> master.setElcr(value);
            default -> slave.setElcr(value);
        }
        update();
    }

    // ---- snapshot ----

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "pic8259-pair", 1);
        master.save(out);
        slave.save(out);
        for (long n : acknowledged) {
            out.writeLong(n);
        }
        out.writeInt(lastIrq);
        out.writeBoolean(lastSpurious);
        out.writeLong(spuriousCount);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "pic8259-pair", 1);
        master.load(in);
        slave.load(in);
        for (int i = 0; i < 16; i++) {
            acknowledged[i] = in.readLong();
        }
        lastIrq = DeviceState.readInt(in, -1, 15, "last IRQ");
        lastSpurious = in.readBoolean();
        spuriousCount = in.readLong();
        update();
    }
}
