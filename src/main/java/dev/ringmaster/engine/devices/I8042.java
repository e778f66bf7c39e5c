package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.A20Gate;
import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IrqLine;
import dev.ringmaster.engine.machine.ResetLine;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The 8042 keyboard controller of the PC AT with its keyboard (IBM PC AT Technical Reference,
 * "Keyboard Controller"; IBM PS/2 Hardware Interface Technical Reference for the auxiliary-port
 * commands): data port 0x60, status (read) / command (write) port 0x64, keyboard bytes on IRQ1,
 * auxiliary (mouse) bytes on IRQ12.
 *
 * <ul>
 * <li>Status: bit 0 output buffer full, bit 1 input buffer full (always 0: commands complete at
 * once), bit 2 system flag, bit 3 last write was a command, bit 4 keyboard not inhibited, bit 5
 * output buffer holds auxiliary data, bit 6 timeout (after bytes sent to the absent mouse).</li>
 * <li>Controller commands: 0x20–0x3F read and 0x60–0x7F write internal RAM (byte 0 is the command
 * byte: IRQ1/IRQ12 enable, system flag, keyboard/aux disable, translation), 0xA4 password test,
 * 0xA7/0xA8 disable/enable aux, 0xA9 aux interface test, 0xAA self-test (0x55), 0xAB keyboard
 * interface test, 0xAD/0xAE disable/enable keyboard, 0xC0 input port, 0xD0/0xD1 read/write output
 * port (bit 0 CPU reset, active low; bit 1 A20), 0xD2/0xD3 write keyboard/aux output buffer, 0xD4
 * write to aux device, 0xDD/0xDF A20 off/on, 0xE0 test inputs, 0xF0–0xFF pulse output port (0xFE
 * resets the CPU).</li>
 * <li>With translation on (command byte bit 6), key events are delivered in scan code set 1, as the
 * 8042 turns the keyboard's set 2 into set 1; with it off, in the keyboard's set.</li>
 * <li>The output buffer is refilled from controller replies first, then the keyboard (unless
 * disabled), then the aux port (unless disabled), as soon as the guest has read the previous byte;
 * IRQ1/IRQ12 follow "output buffer full" for their source when enabled in the command byte.</li>
 * <li>No mouse is attached: bytes for it (0xD4) are dropped with the timeout bit set; the aux port
 * itself works for 0xD3 loopback, which drivers use to detect it.</li>
 * </ul>
 * Reset puts the command byte where a BIOS leaves it (0x65: IRQ1, system flag, aux disabled,
 * translation) since the machine has no BIOS; A20 on.
 */
public final class I8042 implements ByteWideIoDevice {
    public static final int DATA_PORT = 0x60;
    public static final int STATUS_PORT = 0x64;
    public static final int KEYBOARD_IRQ = 1;
    public static final int AUX_IRQ = 12;
    public static final int RESET_COMMAND_BYTE = 0x65;

    private static final int CMD_KBD_INT = 0x01;
    private static final int CMD_AUX_INT = 0x02;
    private static final int CMD_SYS = 0x04;
    private static final int CMD_KBD_DISABLE = 0x10;
    private static final int CMD_AUX_DISABLE = 0x20;
    private static final int CMD_XLATE = 0x40;

    private final IrqLine irqLine;
    private final ResetLine resetLine;
    private final A20Gate a20;
    private final Ps2Keyboard keyboard = new Ps2Keyboard();
    private final int[] ram = new int[32];
    private final ByteQueue controllerReplies = new ByteQueue(4);
    private final ByteQueue auxBytes = new ByteQueue(4);
    private int pendingCommand;
    private int outputPort;
    private boolean lastWriteWasCommand;
    private boolean timeout;
    private boolean obFull;
    private boolean obAux;
    private int obData;
    private boolean irq1Level;
    private boolean irq12Level;

    public I8042(IrqLine irqLine, ResetLine resetLine, A20Gate a20) {
        this.irqLine = irqLine;
        this.resetLine = resetLine;
        this.a20 = a20;
        powerOn();
    }

    /** Registers ports 0x60 and 0x64. */
    public void attach(IoBus bus) {
        bus.register(DATA_PORT, DATA_PORT, this);
        bus.register(STATUS_PORT, STATUS_PORT, this);
    }

    public Ps2Keyboard keyboard() {
        return keyboard;
    }

    /** The command byte (controller RAM byte 0). */
    public int commandByte() {
        return ram[0];
    }

    /** Whether the output port has A20 enabled. */
    public boolean a20Enabled() {
        return (outputPort & 0x02) != 0;
    }

    // ---- host side ----

    /** The user pressed {@code key}. Call on the VM's thread. */
    public void press(Key key) {
        keyEvent(key, true);
    }

    /** The user released {@code key}. */
    public void release(Key key) {
        keyEvent(key, false);
    }

    /** Types {@code text} as a person would on a US keyboard (Shift held for capitals and symbols). */
    public void typeText(String text) {
        for (UsKeyboardLayout.Stroke s : UsKeyboardLayout.strokes(text)) {
            if (s.shift()) {
                keyEvent(Key.LEFT_SHIFT, true);
            }
            keyEvent(s.key(), true);
            keyEvent(s.key(), false);
            if (s.shift()) {
                keyEvent(Key.LEFT_SHIFT, false);
            }
        }
    }

    /** Key bytes typed by the host that the guest has not received yet. */
    public int pendingInput() {
        return keyboard.pendingScanBytes();
    }

    private void keyEvent(Key key, boolean make) {
        keyboard.keyEvent(key, make, (ram[0] & CMD_XLATE) != 0);
        refill();
        updateIrqs();
    }

    // ---- device ----

    @Override
    public String name() {
        return "i8042";
    }

    @Override
    public void reset() {
        powerOn();
        a20.setA20(true);
        updateIrqs();
    }

    private void powerOn() {
        keyboard.powerOn();
        Arrays.fill(ram, 0);
        ram[0] = RESET_COMMAND_BYTE;
        controllerReplies.clear();
        auxBytes.clear();
        pendingCommand = 0;
        outputPort = 0xCF;
        lastWriteWasCommand = false;
        timeout = false;
        obFull = false;
        obAux = false;
        obData = 0;
    }

    @Override
    public boolean decodes(int port) {
        return port == DATA_PORT || port == STATUS_PORT;
    }

    @Override
    public int readByte(int port) {
        if (port == STATUS_PORT) {
            return status();
        }
        int v = obData;
        if (obFull) {
            obFull = false;
            obAux = false;
            updateIrqs(); // reading drops the IRQ...
            refill();
            updateIrqs(); // ...and the next byte raises it again: a fresh edge for the PIC
        }
        return v;
    }

    public int status() {
        return (obFull ? 0x01 : 0) | ((ram[0] & CMD_SYS) != 0 ? 0x04 : 0) | (lastWriteWasCommand ? 0x08 : 0)
                | 0x10 | (obFull && obAux ? 0x20 : 0) | (timeout ? 0x40 : 0);
    }

    @Override
    public void writeByte(int port, int value) {
        timeout = false;
        if (port == STATUS_PORT) {
            lastWriteWasCommand = true;
            command(value);
        } else {
            lastWriteWasCommand = false;
            data(value);
        }
        refill();
        updateIrqs();
    }

    private void reply(int b) {
        controllerReplies.add(b);
    }

    private void command(int c) {
        pendingCommand = 0;
        if (c >= 0x20 && c <= 0x3F) {
            reply(ram[c - 0x20]);
            return;
        }
        if ((c >= 0x60 && c <= 0x7F) || c == 0xD1 || c == 0xD2 || c == 0xD3 || c == 0xD4) {
            pendingCommand = c;
            return;
        }
        if (c >= 0xF0) {
            if ((c & 0x01) == 0) {
                resetLine.pulseReset("i8042 command 0x" + Integer.toHexString(c).toUpperCase());
            }
            return;
        }
        switch (c) {
            case 0xA4 -> reply(0xF1); // no password installed
            case 0xA7 -> ram[0] |= CMD_AUX_DISABLE;
            case 0xA8 -> ram[0] &= ~CMD_AUX_DISABLE;
            case 0xA9, 0xAB -> reply(0x00); // interface tests pass
            case 0xAA -> {
                ram[0] |= CMD_SYS;
                reply(0x55);
            }
            case 0xAD -> ram[0] |= CMD_KBD_DISABLE;
            case 0xAE -> ram[0] &= ~CMD_KBD_DISABLE;
            case 0xC0 -> reply(0x80); // input port: keyboard not inhibited
            case 0xD0 -> reply(outputPortValue());
            case 0xDD -> setOutputPort(outputPort & ~0x02);
            case 0xDF -> setOutputPort(outputPort | 0x02);
            case 0xE0 -> reply(0x00);
            default -> { } // unknown commands are ignored
        }
    }

    private void data(int v) {
        int c = pendingCommand;
        pendingCommand = 0;
        if (c >= 0x60 && c <= 0x7F) {
            ram[c - 0x60] = c == 0x60 ? v & 0x7F : v;
            return;
        }
        switch (c) {
            case 0xD1 -> setOutputPort(v);
            case 0xD2 -> keyboard.inject(v);
            case 0xD3 -> auxBytes.add(v);
            case 0xD4 -> timeout = true; // no mouse answers
            default -> {
                ram[0] &= ~CMD_KBD_DISABLE; // sending to the keyboard enables its interface
                keyboard.receive(v, (ram[0] & CMD_XLATE) != 0);
            }
        }
    }

    private int outputPortValue() {
        return (outputPort & 0x03) | 0xCC | (obFull && !obAux ? 0x10 : 0) | (obFull && obAux ? 0x20 : 0);
    }

    private void setOutputPort(int v) {
        boolean oldA20 = (outputPort & 0x02) != 0;
        outputPort = v;
        boolean newA20 = (v & 0x02) != 0;
        if (newA20 != oldA20) {
            a20.setA20(newA20);
        }
        if ((v & 0x01) == 0) {
            resetLine.pulseReset("i8042 output port reset bit");
            outputPort |= 0x01;
        }
    }

    private void refill() {
        if (obFull) {
            return;
        }
        if (!controllerReplies.isEmpty()) {
            load(controllerReplies.remove(), false);
        } else if ((ram[0] & CMD_KBD_DISABLE) == 0 && keyboard.hasData()) {
            load(keyboard.next(), false);
        } else if ((ram[0] & CMD_AUX_DISABLE) == 0 && !auxBytes.isEmpty()) {
            load(auxBytes.remove(), true);
        }
    }

    private void load(int b, boolean aux) {
        obFull = true;
        obAux = aux;
        obData = b;
    }

    private void updateIrqs() {
        boolean k = obFull && !obAux && (ram[0] & CMD_KBD_INT) != 0;
        boolean a = obFull && obAux && (ram[0] & CMD_AUX_INT) != 0;
        if (k != irq1Level) {
            irq1Level = k;
            irqLine.setIrq(KEYBOARD_IRQ, k);
        }
        if (a != irq12Level) {
            irq12Level = a;
            irqLine.setIrq(AUX_IRQ, a);
        }
    }

    // ---- snapshot ----

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "i8042", 1);
        for (int r : ram) {
            out.writeByte(r);
        }
        controllerReplies.save(out);
        auxBytes.save(out);
        out.writeByte(pendingCommand);
        out.writeByte(outputPort);
        out.writeBoolean(lastWriteWasCommand);
        out.writeBoolean(timeout);
        out.writeBoolean(obFull);
        out.writeBoolean(obAux);
        out.writeByte(obData);
        out.writeBoolean(irq1Level);
        out.writeBoolean(irq12Level);
        keyboard.save(out);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "i8042", 1);
        for (int i = 0; i < ram.length; i++) {
            ram[i] = in.readUnsignedByte();
        }
        controllerReplies.load(in, "i8042 replies");
        auxBytes.load(in, "i8042 aux bytes");
        pendingCommand = in.readUnsignedByte();
        outputPort = in.readUnsignedByte();
        lastWriteWasCommand = in.readBoolean();
        timeout = in.readBoolean();
        obFull = in.readBoolean();
        obAux = in.readBoolean();
        obData = in.readUnsignedByte();
        irq1Level = in.readBoolean();
        irq12Level = in.readBoolean();
        keyboard.load(in);
    }
}
