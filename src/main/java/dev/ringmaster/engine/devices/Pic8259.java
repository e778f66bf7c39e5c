package dev.ringmaster.engine.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One Intel 8259A programmable interrupt controller, per the 8259A datasheet (Intel 231468):
 * "Initialization Command Words", "Operation Command Words" and "Operating Modes". The PC's two
 * chips are wired together by {@link Pic8259Pair}; this class is one chip, addressed by its A0 pin.
 *
 * <ul>
 * <li>ICW1 (A0=0, D4=1) starts initialization: clears IMR, IRR edge latches and ISR, gives IR7 the
 * lowest priority, clears special mask mode, selects IRR for reads; LTIM picks level triggering,
 * SNGL single mode, IC4 whether ICW4 follows. ICW2 gives the vector base (T7–T3), ICW3 the cascade
 * lines (master) or slave ID (slave), ICW4 µPM, AEOI and SFNM. (ISR and IRR are also cleared at
 * ICW1, as QEMU and Bochs do; the datasheet leaves ISR alone.)</li>
 * <li>OCW1 (A0=1) is IMR. OCW2 (D4:D3=00): non-specific EOI, specific EOI, rotate on non-specific /
 * specific EOI, set/clear rotate in AEOI mode, set priority. OCW3 (D4:D3=01): read IRR or ISR,
 * poll, set/reset special mask mode.</li>
 * <li>Priority: fully nested, with rotation (the lowest-priority level is programmable); a request
 * interrupts only if it outranks every level in service. In special mask mode every unmasked level
 * not in service may interrupt. SFNM on a master lets a cascade input interrupt while it is in
 * service (a higher-priority slave request).</li>
 * <li>Edge-triggered inputs latch IRR on the rising edge and keep it until INTA (as QEMU and Bochs
 * do, so a short pulse is not lost); level-triggered inputs follow the line. If nothing is left to
 * acknowledge at INTA — a level request dropped, or the request was masked in between — the chip
 * answers with IR7's vector without setting ISR: the spurious IRQ7 (IRQ15 on the slave).</li>
 * <li>Only the 8086/8088 mode vector format (µPM=1) exists on a PC; MCS-80/85 mode answers with
 * the same vector byte. Buffered mode bits are stored and ignored.</li>
 * </ul>
 */
public final class Pic8259 {
    private final boolean master;
    private final int elcrMask;

    private int irr;
    private int isr;
    private int imr;
    private int lines;
    private int elcr;
    private int initStep;
    private int icw1;
    private int icw2;
    private int icw3;
    private int icw4;
    private int lowestPriority;
    private boolean rotateInAutoEoi;
    private boolean specialMask;
    private boolean readIsr;
    private boolean pollPending;

    /**
     * @param master true for the PC's master chip (its cascade lines come from ICW3)
     * @param elcrMask which inputs the chipset's ELCR may make level-triggered
     */
    public Pic8259(boolean master, int elcrMask) {
        this.master = master;
        this.elcrMask = elcrMask;
        reset();
    }

    /**
     * Reset state, as a PC BIOS leaves the pair (the machine has none): initialized for the 8086
     * with the AT's cascade in ICW3, vector base 0x08 (master) / 0x70 (slave), every input masked but
     * the master's cascade input. Guests reinitialize it with ICW1–ICW4.
     */
    public void reset() {
        irr = 0;
        isr = 0;
        imr = master ? 0xFB : 0xFF;
        lines = 0;
        elcr = 0;
        initStep = 0;
        icw1 = 0x11;
        icw2 = master ? 0x08 : 0x70;
        icw3 = master ? 0x04 : 0x02;
        icw4 = 0x01;
        lowestPriority = 7;
        rotateInAutoEoi = false;
        specialMask = false;
        readIsr = false;
        pollPending = false;
    }

    // ---- inputs ----

    private boolean levelTriggered(int irq) {
        return (icw1 & 0x08) != 0 || (elcr & (1 << irq)) != 0;
    }

    /** Drives input IR{@code irq} (0–7). */
    public void setInput(int irq, boolean level) {
        int bit = 1 << irq;
        if (levelTriggered(irq)) {
            irr = level ? irr | bit : irr & ~bit;
        } else if (level && (lines & bit) == 0) {
            irr |= bit;
        }
        lines = level ? lines | bit : lines & ~bit;
    }

    // ---- priority ----

    /** Priority rank of a level: 0 is the highest. */
    private int rank(int irq) {
        return (irq - lowestPriority - 1) & 7;
    }

    /** The highest-priority level among the set bits of {@code mask}, or -1. */
    private int highest(int mask) {
        if (mask == 0) {
            return -1;
        }
        for (int i = 0; i < 8; i++) {
            int irq = (lowestPriority + 1 + i) & 7;
            if ((mask & (1 << irq)) != 0) {
                return irq;
            }
        }
        return -1;
    }

    private boolean isCascadeLine(int irq) {
        return master && (icw1 & 0x02) == 0 && (icw3 & (1 << irq)) != 0;
    }

    /** The level INTA would acknowledge now, or -1 (the INT output is high exactly when this is ≥ 0). */
    public int pendingIrq() {
        int requests = irr & ~imr;
        if (specialMask) {
            return highest(requests & ~isr);
        }
        int irq = highest(requests);
        if (irq < 0) {
            return -1;
        }
        int inService = highest(isr);
        if (inService >= 0) {
            int r = rank(irq);
            int s = rank(inService);
            boolean sfnmCascade = (icw4 & 0x10) != 0 && isCascadeLine(irq);
            if (r > s || (r == s && !sfnmCascade)) {
                return -1;
            }
        }
        return irq;
    }

    /** The INT output. */
    public boolean output() {
        return pendingIrq() >= 0;
    }

    /**
     * The INTA sequence on this chip: the level acknowledged (ISR set unless AEOI, an edge request
     * cleared from IRR), or 7 with no ISR change when nothing is left to acknowledge (spurious).
     * Returns {@code irq} in bits 0–2 and bit 8 set for a spurious answer.
     */
    int acknowledgeLevel() {
        int irq = pendingIrq();
        if (irq < 0) {
            return 0x100 | 7;
        }
        int bit = 1 << irq;
        if (!levelTriggered(irq)) {
            irr &= ~bit;
        }
        if ((icw4 & 0x02) != 0) {
            if (rotateInAutoEoi) {
                lowestPriority = irq;
            }
        } else {
            isr |= bit;
        }
        return irq;
    }

    /** The vector byte this chip puts on the bus for level {@code irq} (x86 mode: T7–T3 from ICW2, then the level). */
    public int vector(int irq) {
        return (icw2 & 0xF8) | (irq & 7);
    }

    /** Whether INTA for level {@code irq} is answered by a slave (cascade mode, ICW3 bit set on a master). */
    boolean cascades(int irq) {
        return isCascadeLine(irq);
    }

    /** The slave ID from ICW3 (slave chips). */
    int slaveId() {
        return icw3 & 7;
    }

    // ---- port interface (A0 = 0 even port, 1 odd port) ----

    public int read(int a0) {
        if (pollPending) {
            pollPending = false;
            int level = acknowledgeLevel();
            return (level & 0x100) != 0 ? 0x00 : 0x80 | level;
        }
        if (a0 == 0) {
            return readIsr ? isr : irr;
        }
        return imr;
    }

    public void write(int a0, int value) {
        value &= 0xFF;
        if (a0 == 0) {
            if ((value & 0x10) != 0) {
                icw1(value);
            } else if ((value & 0x08) != 0) {
                ocw3(value);
            } else {
                ocw2(value);
            }
            return;
        }
        switch (initStep) {
            case 2 -> {
                icw2 = value;
                initStep = (icw1 & 0x02) == 0 ? 3 : (icw1 & 0x01) != 0 ? 4 : 0;
            }
            case 3 -> {
                icw3 = value;
                initStep = (icw1 & 0x01) != 0 ? 4 : 0;
            }
            case 4 -> {
                icw4 = value & 0x1F;
                initStep = 0;
            }
            default -> imr = value;
        }
    }

    private void icw1(int value) {
        icw1 = value;
        icw4 = 0;
        initStep = 2;
        imr = 0;
        isr = 0;
        irr = 0;
        for (int irq = 0; irq < 8; irq++) {
            if (levelTriggered(irq) && (lines & (1 << irq)) != 0) {
                irr |= 1 << irq; // the edge sense latches are reset; a level request stands
            }
        }
        lowestPriority = 7;
        specialMask = false;
        readIsr = false;
        pollPending = false;
        rotateInAutoEoi = false;
    }

    private void ocw2(int value) {
        int level = value & 7;
        switch (value >>> 5) {
            case 0b001 -> isr &= ~bitOf(highest(isr)); // non-specific EOI
            case 0b011 -> isr &= ~(1 << level); // specific EOI
            case 0b101 -> { // rotate on non-specific EOI
                int irq = highest(isr);
                if (irq >= 0) {
                    isr &= ~(1 << irq);
                    lowestPriority = irq;
                }
            }
            case 0b111 -> { // rotate on specific EOI
                isr &= ~(1 << level);
                lowestPriority = level;
            }
            case 0b100 -> rotateInAutoEoi = true;
            case 0b000 -> rotateInAutoEoi = false;
            case 0b110 -> lowestPriority = level; // set priority
            default -> { } // 010: no operation
        }
    }

    private static int bitOf(int irq) {
        return irq < 0 ? 0 : 1 << irq;
    }

    private void ocw3(int value) {
        if ((value & 0x40) != 0) {
            specialMask = (value & 0x20) != 0;
        }
        if ((value & 0x04) != 0) {
            pollPending = true;
        }
        if ((value & 0x02) != 0) {
            readIsr = (value & 0x01) != 0;
        }
    }

    // ---- ELCR (PIIX edge/level control) ----

    int elcr() {
        return elcr;
    }

    void setElcr(int value) {
        elcr = value & elcrMask;
        for (int irq = 0; irq < 8; irq++) {
            int bit = 1 << irq;
            if (levelTriggered(irq)) {
                irr = (lines & bit) != 0 ? irr | bit : irr & ~bit;
            }
        }
    }

    // ---- views for the UI and tests ----

    public int irr() {
        return irr;
    }

    public int isr() {
        return isr;
    }

    public int imr() {
        return imr;
    }

    /** The vector base programmed by ICW2 (T7–T3). */
    public int vectorBase() {
        return icw2 & 0xF8;
    }

    /** True between ICW1 and the last ICW. */
    public boolean initializing() {
        return initStep != 0;
    }

    public boolean autoEoi() {
        return (icw4 & 0x02) != 0;
    }

    public boolean specialMaskMode() {
        return specialMask;
    }

    /** The level that currently has the lowest priority (7 unless rotated). */
    public int lowestPriority() {
        return lowestPriority;
    }

    // ---- snapshot ----

    void save(DataOutput out) throws IOException {
        out.writeByte(irr);
        out.writeByte(isr);
        out.writeByte(imr);
        out.writeByte(lines);
        out.writeByte(elcr);
        out.writeByte(initStep);
        out.writeByte(icw1);
        out.writeByte(icw2);
        out.writeByte(icw3);
        out.writeByte(icw4);
        out.writeByte(lowestPriority);
        out.writeBoolean(rotateInAutoEoi);
        out.writeBoolean(specialMask);
        out.writeBoolean(readIsr);
        out.writeBoolean(pollPending);
    }

    void load(DataInput in) throws IOException {
        irr = in.readUnsignedByte();
        isr = in.readUnsignedByte();
        imr = in.readUnsignedByte();
        lines = in.readUnsignedByte();
        elcr = in.readUnsignedByte() & elcrMask;
        initStep = in.readUnsignedByte();
        if (initStep != 0 && (initStep < 2 || initStep > 4)) {
            throw new IOException("8259A: bad initialization step " + initStep);
        }
        icw1 = in.readUnsignedByte();
        icw2 = in.readUnsignedByte();
        icw3 = in.readUnsignedByte();
        icw4 = in.readUnsignedByte() & 0x1F;
        lowestPriority = in.readUnsignedByte();
        if (lowestPriority > 7) {
            throw new IOException("8259A: bad priority " + lowestPriority);
        }
        rotateInAutoEoi = in.readBoolean();
        specialMask = in.readBoolean();
        readIsr = in.readBoolean();
        pollPending = in.readBoolean();
    }
}
