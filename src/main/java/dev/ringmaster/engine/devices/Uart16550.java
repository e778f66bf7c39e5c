package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IrqLine;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A 16550A UART, as the National Semiconductor / TI PC16550D datasheet describes it, wired as a PC
 * serial port (COM1: ports 0x3F8–0x3FF, IRQ4).
 *
 * <p>Registers (datasheet §8, "Registers"): RBR/THR and IER at offsets 0/1 (DLL/DLM when LCR.DLAB
 * is set), IIR (read) / FCR (write) at 2, LCR 3, MCR 4, LSR 5, MSR 6, SCR 7. Interrupts are
 * identified by IIR with the datasheet's priorities (table "Interrupt Control Functions"): receiver
 * line status (OE/PE/FE/BI, cleared by reading LSR) &gt; received data available (FIFO at its trigger
 * level, or data ready in 16450 mode; cleared by reading below it) and character timeout (FIFO not
 * empty, no FIFO activity for four character times; cleared by reading RBR) &gt; transmitter
 * holding register empty (cleared by reading IIR when it is the source, or by writing THR; raised
 * again when THR empties and when ETBEI is set while THR is empty) &gt; modem status (cleared by
 * reading MSR). IIR bits 7:6 read 11 when the FIFOs are enabled.
 *
 * <p>PC wiring (IBM PC AT Technical Reference, serial adapter): the INTRPT output reaches the PIC only
 * while MCR.OUT2 is set; in loopback (MCR.LOOP) the OUT2 pin is forced inactive, so no interrupt
 * reaches the PIC, while IIR still reports it. Loopback ties THR to the receiver and DTR/RTS/OUT1/OUT2
 * to DSR/CTS/RI/DCD, as the datasheet says.
 *
 * <p>Choices, all deterministic:
 * <ul>
 * <li>Transmit is immediate (as in QEMU): a byte written to THR goes to the {@link SerialSink} at
 * once, so THRE and TEMT always read 1 and a THRE interrupt follows each write. The word length in
 * LCR does not truncate the byte (QEMU does not either), so a guest that never programs LCR still
 * prints.</li>
 * <li>Receive: the host pushes bytes with {@link #typeInput}; they wait in an unbounded host queue
 * and enter the receiver one per character time (start + data + parity + stop bits at the
 * programmed baud rate, from the virtual clock) and only while the RX FIFO (or the 16450-mode RBR)
 * has room — backpressure like QEMU's chardev, so scripted input is never lost and never overruns.
 * Overrun (LSR.OE) happens only in loopback, when the guest sends faster than it reads.</li>
 * <li>The divisor latch resets to 12 (9600 baud) like QEMU; a divisor of 0 is taken as 65536.</li>
 * <li>Modem inputs when not in loopback: CTS, DSR and DCD asserted, RI not (a connected terminal),
 * changeable with {@link #setModemInputs}.</li>
 * <li>Missing: parity/framing errors and breaks (host bytes are always clean), DMA mode signalling.</li>
 * </ul>
 */
public final class Uart16550 implements ByteWideIoDevice {
    public static final int COM1_BASE = 0x3F8;
    public static final int COM1_IRQ = 4;
    /** The PC serial adapter's 1.8432 MHz crystal; baud = crystal / (16 × divisor). */
    public static final long CRYSTAL_HZ = 1_843_200L;
    public static final int FIFO_SIZE = 16;

    // IER bits
    private static final int IER_ERBFI = 0x01;
    private static final int IER_ETBEI = 0x02;
    private static final int IER_ELSI = 0x04;
    private static final int IER_EDSSI = 0x08;
    // IIR identification values
    public static final int IIR_NONE = 0x01;
    public static final int IIR_RLS = 0x06;
    public static final int IIR_RDA = 0x04;
    public static final int IIR_TIMEOUT = 0x0C;
    public static final int IIR_THRE = 0x02;
    public static final int IIR_MSR = 0x00;
    // LCR / MCR / LSR bits
    private static final int LCR_DLAB = 0x80;
    private static final int MCR_OUT2 = 0x08;
    private static final int MCR_LOOP = 0x10;
    public static final int LSR_DR = 0x01;
    public static final int LSR_OE = 0x02;
    public static final int LSR_THRE = 0x20;
    public static final int LSR_TEMT = 0x40;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};
    private static final int DEFAULT_DIVISOR = 12;
    private static final int HOST_LINES_CONNECTED = 0x10 | 0x20 | 0x80; // CTS, DSR, DCD

    private final String name;
    private final int base;
    private final int irq;
    private final VirtualClock clock;
    private final IrqLine irqLine;
    private final VirtualClock.Timer rxTimer;
    private final VirtualClock.Timer timeoutTimer;
    private final ByteQueue rxFifo = new ByteQueue(FIFO_SIZE, FIFO_SIZE);
    private final ByteQueue hostInput = new ByteQueue(64);
    private SerialSink sink = b -> { };

    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int divisor;
    private int fcr;
    private boolean fifoEnabled;
    private int triggerLevel;
    private int lsrErrors;
    private int msrLines;
    private int msrDeltas;
    private int hostLines = HOST_LINES_CONNECTED;
    private int lastRbr;
    private boolean thrInterrupt;
    private boolean timeoutPending;
    private boolean irqLevel;
    private long transmitted;
    private long received;
    private long rxDue;

    /** COM1 at 0x3F8, IRQ4. */
    public Uart16550(VirtualClock clock, IrqLine irqLine) {
        this("uart-com1", COM1_BASE, COM1_IRQ, clock, irqLine);
    }

    public Uart16550(String name, int base, int irq, VirtualClock clock, IrqLine irqLine) {
        this.name = name;
        this.base = base;
        this.irq = irq;
        this.clock = clock;
        this.irqLine = irqLine;
        this.rxTimer = clock.newTimer(name + " rx", this::rxTick);
        this.timeoutTimer = clock.newTimer(name + " char timeout", this::timeoutTick);
        powerOn();
    }

    /** Registers ports {@code base..base+7}. */
    public void attach(IoBus bus) {
        bus.register(base, base + 7, this);
    }

    public int irq() {
        return irq;
    }

    /** Where transmitted bytes go. */
    public void setSink(SerialSink sink) {
        this.sink = sink == null ? b -> { } : sink;
    }

    /**
     * Queues host input (what the user typed, a script); it reaches the guest paced by the baud rate.
     * Call on the VM's thread (through its command queue). {@link #reset()} discards what is still queued.
     */
    public void typeInput(byte[] data) {
        for (byte b : data) {
            hostInput.add(b);
        }
        scheduleRx();
    }

    /** Bytes typed by the host that the guest's receiver has not taken yet. */
    public int pendingInput() {
        return hostInput.size();
    }

    /** Host-side modem inputs (used when not in loopback); each flag true = asserted. */
    public void setModemInputs(boolean cts, boolean dsr, boolean ri, boolean dcd) {
        hostLines = (cts ? 0x10 : 0) | (dsr ? 0x20 : 0) | (ri ? 0x40 : 0) | (dcd ? 0x80 : 0);
        updateModemLines();
        updateIrq();
    }

    /** Bytes sent to the sink since reset. */
    public long transmittedCount() {
        return transmitted;
    }

    /** Bytes moved into the receiver since reset (host input and loopback). */
    public long receivedCount() {
        return received;
    }

    /** The programmed baud rate (crystal / 16 / divisor). */
    public double baudRate() {
        return CRYSTAL_HZ / 16.0 / effectiveDivisor();
    }

    private int effectiveDivisor() {
        return divisor == 0 ? 0x10000 : divisor;
    }

    /** One character time (start, data, parity, stop bits at the programmed rate) in cycles. */
    public long characterTimeCycles() {
        int wordLength = 5 + (lcr & 0x03);
        int halfBits = 2 * (1 + wordLength + ((lcr & 0x08) != 0 ? 1 : 0));
        halfBits += (lcr & 0x04) == 0 ? 2 : wordLength == 5 ? 3 : 4;
        return Math.max(1, VirtualTime.mulDivCeil((long) halfBits * effectiveDivisor() * 8, clock.hz(), CRYSTAL_HZ));
    }

    /** True while the UART drives its IRQ line (pending interrupt, OUT2 set, not in loopback). */
    public boolean irqAsserted() {
        return irqLevel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        powerOn();
        updateIrq();
    }

    private void powerOn() {
        ier = 0;
        lcr = 0;
        mcr = 0;
        scr = 0;
        divisor = DEFAULT_DIVISOR;
        fcr = 0;
        fifoEnabled = false;
        triggerLevel = 1;
        lsrErrors = 0;
        msrDeltas = 0;
        msrLines = hostLines;
        lastRbr = 0;
        thrInterrupt = false;
        timeoutPending = false;
        rxFifo.clear();
        hostInput.clear();
        rxTimer.cancel();
        timeoutTimer.cancel();
        transmitted = 0;
        received = 0;
    }

    @Override
    public boolean decodes(int port) {
        return port >= base && port <= base + 7;
    }

    @Override
    public int readByte(int port) {
        switch (port - base) {
            case 0:
                return (lcr & LCR_DLAB) != 0 ? divisor & 0xFF : readRbr();
            case 1:
                return (lcr & LCR_DLAB) != 0 ? (divisor >>> 8) & 0xFF : ier;
            case 2:
                return readIir();
            case 3:
                return lcr;
            case 4:
                return mcr;
            case 5:
                return readLsr();
            case 6:
                return readMsr();
            default:
                return scr;
        }
    }

    @Override
    public void writeByte(int port, int value) {
        value &= 0xFF;
        switch (port - base) {
            case 0:
                if ((lcr & LCR_DLAB) != 0) {
                    divisor = (divisor & 0xFF00) | value;
                } else {
                    writeThr(value);
                }
                break;
            case 1:
                if ((lcr & LCR_DLAB) != 0) {
                    divisor = (divisor & 0x00FF) | (value << 8);
                } else {
                    writeIer(value);
                }
                break;
            case 2:
                writeFcr(value);
                break;
            case 3:
                lcr = value;
                break;
            case 4:
                writeMcr(value);
                break;
            case 7:
                scr = value;
                break;
            default:
                break; // LSR and MSR writes are factory test modes: ignored
        }
    }

    // ---- receiver ----

    private int readRbr() {
        if (rxFifo.isEmpty()) {
            return lastRbr;
        }
        lastRbr = rxFifo.remove();
        timeoutPending = false;
        restartTimeoutTimer(clock.now());
        scheduleRx();
        updateIrq();
        return lastRbr;
    }

    private boolean rxHasRoom() {
        return fifoEnabled ? rxFifo.size() < FIFO_SIZE : rxFifo.isEmpty();
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    /** Arms the receiver to take the next host byte one character time from now, if it can. */
    private void scheduleRx() {
        if (!rxTimer.armed() && !hostInput.isEmpty() && rxHasRoom() && !loopback()) {
            rxDue = clock.now() + characterTimeCycles();
            rxTimer.armAt(rxDue);
        }
    }

    /**
     * The receiver finished a character at {@code rxDue}. The next one is due a character time after
     * that instant (not after "now"), so the byte timing does not depend on how late the run loop
     * calls the clock back.
     */
    private void rxTick() {
        long at = rxDue;
        if (!hostInput.isEmpty() && rxHasRoom() && !loopback()) {
            receive(hostInput.remove(), at);
            if (!hostInput.isEmpty() && rxHasRoom()) {
                rxDue = at + characterTimeCycles();
                rxTimer.armAt(rxDue);
                return;
            }
        }
        scheduleRx();
    }

    /** A character completed in the receive shift register at cycle {@code at}. */
    private void receive(int b, long at) {
        received++;
        if (rxHasRoom()) {
            rxFifo.add(b);
        } else if (!fifoEnabled) {
            rxFifo.clear(); // 16450 mode: the new character overwrites RBR
            rxFifo.add(b);
            lsrErrors |= LSR_OE;
        } else {
            lsrErrors |= LSR_OE; // FIFO full: the shift register is overwritten, FIFO kept
        }
        if (!timeoutPending) {
            restartTimeoutTimer(at);
        }
        updateIrq();
    }

    private void restartTimeoutTimer(long from) {
        if (fifoEnabled && !rxFifo.isEmpty()) {
            timeoutTimer.armAt(from + 4 * characterTimeCycles());
        } else {
            timeoutTimer.cancel();
        }
    }

    private void timeoutTick() {
        if (fifoEnabled && !rxFifo.isEmpty()) {
            timeoutPending = true;
            updateIrq();
        }
    }

    // ---- transmitter ----

    private void writeThr(int value) {
        thrInterrupt = false;
        updateIrq(); // writing THR clears the THRE interrupt: the line drops...
        if (loopback()) {
            receive(value, clock.now());
        } else {
            transmitted++;
            sink.accept(value);
        }
        thrInterrupt = true; // ...and THR (and the TX FIFO) are empty again at once: a new edge
        updateIrq();
    }

    // ---- control ----

    private void writeIer(int value) {
        int old = ier;
        ier = value & 0x0F;
        if (((old ^ ier) & IER_ETBEI) != 0) {
            thrInterrupt = (ier & IER_ETBEI) != 0; // THR is empty: enabling ETBEI interrupts at once
        }
        updateIrq();
    }

    private void writeFcr(int value) {
        boolean enable = (value & 0x01) != 0;
        if (enable != fifoEnabled) {
            rxFifo.clear();
            timeoutPending = false;
            timeoutTimer.cancel();
            fifoEnabled = enable;
        }
        if (enable) {
            if ((value & 0x02) != 0) {
                rxFifo.clear();
                timeoutPending = false;
                timeoutTimer.cancel();
            }
            triggerLevel = TRIGGER_LEVELS[value >>> 6];
            fcr = value & 0xC9; // bits 1 and 2 self-clear
        } else {
            fcr = 0;
            triggerLevel = 1;
        }
        scheduleRx();
        updateIrq();
    }

    private void writeMcr(int value) {
        boolean wasLoop = loopback();
        mcr = value & 0x1F;
        updateModemLines();
        if (wasLoop && !loopback()) {
            scheduleRx();
        }
        updateIrq();
    }

    private void updateModemLines() {
        int lines;
        if (loopback()) {
            // DTR→DSR, RTS→CTS, OUT1→RI, OUT2→DCD
            lines = ((mcr & 0x02) != 0 ? 0x10 : 0) | ((mcr & 0x01) != 0 ? 0x20 : 0)
                    | ((mcr & 0x04) != 0 ? 0x40 : 0) | ((mcr & 0x08) != 0 ? 0x80 : 0);
        } else {
            lines = hostLines;
        }
        int changed = lines ^ msrLines;
        msrDeltas |= (changed >>> 4) & 0x0B; // DCTS, DDSR, DDCD
        if ((msrLines & 0x40) != 0 && (lines & 0x40) == 0) {
            msrDeltas |= 0x04; // TERI: trailing edge of RI
        }
        msrLines = lines;
    }

    // ---- status ----

    private int readLsr() {
        int v = lsr();
        lsrErrors = 0;
        updateIrq();
        return v;
    }

    private int lsr() {
        return (rxFifo.isEmpty() ? 0 : LSR_DR) | lsrErrors | LSR_THRE | LSR_TEMT;
    }

    private int readMsr() {
        int v = msrLines | msrDeltas;
        msrDeltas = 0;
        updateIrq();
        return v;
    }

    private int readIir() {
        int id = interruptId();
        if (id == IIR_THRE) {
            thrInterrupt = false;
            updateIrq();
        }
        return id | (fifoEnabled ? 0xC0 : 0);
    }

    /** The highest-priority pending interrupt's IIR code (bits 3:0), {@link #IIR_NONE} if none. */
    public int interruptId() {
        if ((ier & IER_ELSI) != 0 && (lsrErrors & 0x1E) != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_ERBFI) != 0) {
            if (rxFifo.size() >= (fifoEnabled ? triggerLevel : 1)) {
                return IIR_RDA;
            }
            if (timeoutPending) {
                return IIR_TIMEOUT;
            }
        }
        if ((ier & IER_ETBEI) != 0 && thrInterrupt) {
            return IIR_THRE;
        }
        if ((ier & IER_EDSSI) != 0 && msrDeltas != 0) {
            return IIR_MSR;
        }
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean level = interruptId() != IIR_NONE && (mcr & MCR_OUT2) != 0 && !loopback();
        if (level != irqLevel) {
            irqLevel = level;
            irqLine.setIrq(irq, level);
        }
    }

    // ---- snapshot ----

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "uart16550", 1);
        out.writeByte(ier);
        out.writeByte(lcr);
        out.writeByte(mcr);
        out.writeByte(scr);
        out.writeShort(divisor);
        out.writeByte(fcr);
        out.writeBoolean(fifoEnabled);
        out.writeByte(triggerLevel);
        out.writeByte(lsrErrors);
        out.writeByte(msrLines);
        out.writeByte(msrDeltas);
        out.writeByte(hostLines);
        out.writeByte(lastRbr);
        out.writeBoolean(thrInterrupt);
        out.writeBoolean(timeoutPending);
        out.writeBoolean(irqLevel);
        out.writeLong(transmitted);
        out.writeLong(received);
        rxFifo.save(out);
        hostInput.save(out);
        TimerState.save(out, rxTimer);
        TimerState.save(out, timeoutTimer);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "uart16550", 1);
        ier = in.readUnsignedByte() & 0x0F;
        lcr = in.readUnsignedByte();
        mcr = in.readUnsignedByte() & 0x1F;
        scr = in.readUnsignedByte();
        divisor = in.readUnsignedShort();
        fcr = in.readUnsignedByte();
        fifoEnabled = in.readBoolean();
        triggerLevel = in.readUnsignedByte();
        if (triggerLevel != 1 && triggerLevel != 4 && triggerLevel != 8 && triggerLevel != 14) {
            throw new IOException("uart16550: bad trigger level " + triggerLevel);
        }
        lsrErrors = in.readUnsignedByte() & 0x1E;
        msrLines = in.readUnsignedByte() & 0xF0;
        msrDeltas = in.readUnsignedByte() & 0x0F;
        hostLines = in.readUnsignedByte() & 0xF0;
        lastRbr = in.readUnsignedByte();
        thrInterrupt = in.readBoolean();
        timeoutPending = in.readBoolean();
        irqLevel = in.readBoolean();
        transmitted = in.readLong();
        received = in.readLong();
        rxFifo.load(in, "uart16550 rx fifo");
        hostInput.load(in, "uart16550 host input");
        TimerState.load(in, rxTimer);
        TimerState.load(in, timeoutTimer);
        rxDue = rxTimer.armed() ? rxTimer.deadline() : 0;
    }
}
