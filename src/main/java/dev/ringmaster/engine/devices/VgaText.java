package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.MmioDevice;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * VGA in 80×25 colour text mode (IBM VGA Technical Reference: "CRT Controller Registers",
 * "Attribute Controller Registers", "General Registers", "Video DAC"), as a BIOS leaves it after
 * setting mode 3 — the machine has no BIOS, so reset puts the registers and a blank screen (spaces,
 * light grey on black) there.
 *
 * <ul>
 * <li>Memory: the whole legacy window 0xA0000–0xBFFFF is plain read/write memory; the text buffer is
 * the 32 KiB at 0xB8000 (character byte, attribute byte per cell). Plane interleaving, write modes
 * and graphics modes are not modelled; the text snapshot always reads 80×25 cells.</li>
 * <li>CRT controller at 0x3D4/0x3D5 (0x3B4/0x3B5 when misc output bit 0 selects mono addressing):
 * all 25 registers stored, with the CR11 write protection of CR0–CR7; used: cursor start/end
 * (0x0A/0x0B, with the 0x0A bit 5 disable), start address (0x0C/0x0D), cursor location
 * (0x0E/0x0F). Display and cursor addresses wrap within the 32 KiB window.</li>
 * <li>Input status 1 at 0x3DA (0x3BA): bit 3 vertical retrace and bit 0 display disabled, computed
 * from the virtual clock with the mode-3 timing (28.322 MHz dot clock, 900 dots × 449 lines, about
 * 70 Hz, retrace on lines 412–413); reading it resets the attribute controller's flip-flop.</li>
 * <li>Attribute controller 0x3C0/0x3C1 (index/data flip-flop, palette, mode control with the
 * blink bit), misc output 0x3C2 (read 0x3CC), feature control, sequencer 0x3C4/0x3C5, graphics
 * controller 0x3CE/0x3CF, DAC 0x3C6–0x3C9 (pel mask, read/write index, RGB triplets): stored and
 * read back; the DAC and palette give {@link TextScreen#color}.</li>
 * </ul>
 */
public final class VgaText implements ByteWideIoDevice, MmioDevice {
    public static final int WINDOW_BASE = 0xA0000;
    public static final int WINDOW_SIZE = 0x20000;
    public static final int TEXT_BASE = 0xB8000;
    public static final int TEXT_SIZE = 0x8000;
    private static final int TEXT_OFFSET = TEXT_BASE - WINDOW_BASE;

    private static final long DOT_CLOCK_HZ = 28_322_000L;
    private static final int DOTS_PER_LINE = 900;
    private static final int VISIBLE_DOTS = 720;
    private static final int LINES_PER_FRAME = 449;
    private static final int VISIBLE_LINES = 400;
    private static final int RETRACE_START = 412;
    private static final int RETRACE_END = 414;

    private static final int[] MODE3_SEQ = {0x03, 0x00, 0x03, 0x00, 0x02};
    private static final int[] MODE3_CRTC = {0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E,
        0x00, 0x00, 0x00, 0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF};
    private static final int[] MODE3_GC = {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF};
    private static final int[] MODE3_ATTR = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B,
        0x3C, 0x3D, 0x3E, 0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00};

    private final VirtualClock clock;
    private final byte[] vram = new byte[WINDOW_SIZE];
    private final int[] crtc = new int[32];
    private final int[] seq = new int[8];
    private final int[] gc = new int[16];
    private final int[] attr = new int[32];
    private final byte[] dac = new byte[256 * 3];
    private int crtcIndex;
    private int seqIndex;
    private int gcIndex;
    private int attrIndex; // includes bit 5, PAS
    private boolean attrFlipFlopData;
    private int misc;
    private int featureControl;
    private int subsystemEnable;
    private int pelMask;
    private int dacReadIndex;
    private int dacWriteIndex;
    private int dacComponent;
    private boolean dacLastWasRead;
    private long generation;

    public VgaText(VirtualClock clock) {
        this.clock = clock;
        powerOn();
    }

    /** Registers the VGA's I/O ports (0x3B4/0x3B5/0x3BA, 0x3C0–0x3CF, 0x3D4/0x3D5/0x3DA). The memory window is mapped by the machine. */
    public void attach(IoBus bus) {
        bus.register(0x3B4, 0x3B5, this);
        bus.register(0x3BA, 0x3BA, this);
        bus.register(0x3C0, 0x3CF, this);
        bus.register(0x3D4, 0x3D5, this);
        bus.register(0x3DA, 0x3DA, this);
    }

    @Override
    public String name() {
        return "vga";
    }

    @Override
    public void reset() {
        powerOn();
    }

    private void powerOn() {
        Arrays.fill(vram, (byte) 0);
        for (int i = 0; i < TEXT_SIZE; i += 2) {
            vram[TEXT_OFFSET + i] = ' ';
            vram[TEXT_OFFSET + i + 1] = 0x07;
        }
        Arrays.fill(crtc, 0);
        System.arraycopy(MODE3_CRTC, 0, crtc, 0, MODE3_CRTC.length);
        Arrays.fill(seq, 0);
        System.arraycopy(MODE3_SEQ, 0, seq, 0, MODE3_SEQ.length);
        Arrays.fill(gc, 0);
        System.arraycopy(MODE3_GC, 0, gc, 0, MODE3_GC.length);
        Arrays.fill(attr, 0);
        System.arraycopy(MODE3_ATTR, 0, attr, 0, MODE3_ATTR.length);
        Arrays.fill(dac, (byte) 0);
        for (int i = 0; i < 64; i++) { // the EGA-compatible 64 colours the BIOS loads first
            dac[3 * i] = (byte) (((i >> 2) & 1) * 42 + ((i >> 5) & 1) * 21);
            dac[3 * i + 1] = (byte) (((i >> 1) & 1) * 42 + ((i >> 4) & 1) * 21);
            dac[3 * i + 2] = (byte) ((i & 1) * 42 + ((i >> 3) & 1) * 21);
        }
        crtcIndex = 0;
        seqIndex = 0;
        gcIndex = 0;
        attrIndex = 0x20;
        attrFlipFlopData = false;
        misc = 0x67;
        featureControl = 0;
        subsystemEnable = 1;
        pelMask = 0xFF;
        dacReadIndex = 0;
        dacWriteIndex = 0;
        dacComponent = 0;
        dacLastWasRead = false;
        generation++;
    }

    // ---- memory ----

    @Override
    public int mmioRead(int address, int size) {
        int off = address - WINDOW_BASE;
        int v = 0;
        for (int i = 0; i < size; i++) {
            int o = off + i;
            int b = o >= 0 && o < WINDOW_SIZE ? vram[o] & 0xFF : 0xFF;
            v |= b << (8 * i);
        }
        return v;
    }

    @Override
    public void mmioWrite(int address, int size, int value) {
        int off = address - WINDOW_BASE;
        for (int i = 0; i < size; i++) {
            int o = off + i;
            if (o >= 0 && o < WINDOW_SIZE) {
                vram[o] = (byte) (value >>> (8 * i));
            }
        }
        if (off + size > TEXT_OFFSET) {
            generation++;
        }
    }

    /** Increases whenever something the text screen shows may have changed (text memory, cursor, start address, palette). */
    public long generation() {
        return generation;
    }

    /** True if the screen may differ from a snapshot taken at generation {@code since}. */
    public boolean changedSince(long since) {
        return generation != since;
    }

    // ---- ports ----

    private boolean colorAddressing() {
        return (misc & 1) != 0;
    }

    @Override
    public boolean decodes(int port) {
        return port == 0x3B4 || port == 0x3B5 || port == 0x3BA || (port >= 0x3C0 && port <= 0x3CF)
                || port == 0x3D4 || port == 0x3D5 || port == 0x3DA;
    }

    /** Maps the 0x3Bx/0x3Dx CRTC ports to 0x3Dx when the misc register selects them, else -1. */
    private int crtcPort(int port) {
        if ((port & 0xFFF0) == 0x3D0) {
            return colorAddressing() ? port : -1;
        }
        if ((port & 0xFFF0) == 0x3B0) {
            return colorAddressing() ? -1 : port + 0x20;
        }
        return port;
    }

    @Override
    public int readByte(int port) {
        int p = crtcPort(port);
        switch (p) {
            case -1:
                return 0xFF;
            case 0x3D4:
                return crtcIndex;
            case 0x3D5:
                return crtcIndex <= 0x18 ? crtc[crtcIndex] : 0x00;
            case 0x3DA:
                attrFlipFlopData = false;
                return inputStatus1();
            case 0x3C0:
                return attrIndex;
            case 0x3C1:
                return (attrIndex & 0x1F) <= 0x14 ? attr[attrIndex & 0x1F] : 0x00;
            case 0x3C2:
                return 0x10; // input status 0: switch sense
            case 0x3C3:
                return subsystemEnable;
            case 0x3C4:
                return seqIndex;
            case 0x3C5:
                return seqIndex <= 4 ? seq[seqIndex] : 0x00;
            case 0x3C6:
                return pelMask;
            case 0x3C7:
                return dacLastWasRead ? 0x03 : 0x00;
            case 0x3C8:
                return dacWriteIndex;
            case 0x3C9:
                return readDac();
            case 0x3CA:
                return featureControl;
            case 0x3CC:
                return misc;
            case 0x3CE:
                return gcIndex;
            case 0x3CF:
                return gcIndex <= 8 ? gc[gcIndex] : 0x00;
            default:
                return 0xFF;
        }
    }

    @Override
    public void writeByte(int port, int value) {
        int p = crtcPort(port);
        switch (p) {
            case 0x3D4 -> crtcIndex = value & 0x1F;
            case 0x3D5 -> writeCrtc(value);
            case 0x3DA -> featureControl = value & 0x03;
            case 0x3C0 -> writeAttr(value);
            case 0x3C2 -> misc = value;
            case 0x3C3 -> subsystemEnable = value & 1;
            case 0x3C4 -> seqIndex = value & 0x07;
            case 0x3C5 -> seq[seqIndex] = value;
            case 0x3C6 -> pelMask = value;
            case 0x3C7 -> {
                dacReadIndex = value;
                dacComponent = 0;
                dacLastWasRead = true;
            }
            case 0x3C8 -> {
                dacWriteIndex = value;
                dacComponent = 0;
                dacLastWasRead = false;
            }
            case 0x3C9 -> writeDac(value);
            case 0x3CE -> gcIndex = value & 0x0F;
            case 0x3CF -> gc[gcIndex] = value;
            default -> { } // -1 (other addressing), read-only ports
        }
    }

    private void writeCrtc(int value) {
        int i = crtcIndex;
        if (i > 0x18) {
            return;
        }
        if ((crtc[0x11] & 0x80) != 0 && i <= 7) {
            if (i != 7) {
                return; // CR0–CR6 write-protected
            }
            value = (crtc[7] & ~0x10) | (value & 0x10); // only the line compare bit 8 stays writable
        }
        crtc[i] = value;
        if (i >= 0x0A && i <= 0x0F) {
            generation++;
        }
    }

    private void writeAttr(int value) {
        if (!attrFlipFlopData) {
            attrIndex = value & 0x3F;
        } else {
            int i = attrIndex & 0x1F;
            if (i <= 0x14) {
                attr[i] = value;
                generation++;
            }
        }
        attrFlipFlopData = !attrFlipFlopData;
    }

    private int readDac() {
        int v = dac[3 * dacReadIndex + dacComponent] & 0x3F;
        if (++dacComponent == 3) {
            dacComponent = 0;
            dacReadIndex = (dacReadIndex + 1) & 0xFF;
        }
        return v;
    }

    private void writeDac(int value) {
        dac[3 * dacWriteIndex + dacComponent] = (byte) (value & 0x3F);
        if (++dacComponent == 3) {
            dacComponent = 0;
            dacWriteIndex = (dacWriteIndex + 1) & 0xFF;
        }
        generation++;
    }

    /** Input status 1: bit 3 vertical retrace, bit 0 display disabled (any blanking), from virtual time. */
    private int inputStatus1() {
        long dots = VirtualTime.ticksAt(clock.now(), clock.hz(), DOT_CLOCK_HZ);
        long line = dots / DOTS_PER_LINE;
        int x = (int) (dots % DOTS_PER_LINE);
        int y = (int) (line % LINES_PER_FRAME);
        boolean retrace = y >= RETRACE_START && y < RETRACE_END;
        boolean blank = x >= VISIBLE_DOTS || y >= VISIBLE_LINES;
        return (retrace ? 0x08 : 0) | (blank ? 0x01 : 0);
    }

    // ---- text view ----

    /** CRTC register {@code index} (0–0x18). */
    public int crtcRegister(int index) {
        return crtc[index];
    }

    /** The display start address (CRTC 0x0C/0x0D), in character cells. */
    public int startAddress() {
        return crtc[0x0C] << 8 | crtc[0x0D];
    }

    /** The cursor location (CRTC 0x0E/0x0F), in character cells from the start of video memory. */
    public int cursorLocation() {
        return crtc[0x0E] << 8 | crtc[0x0F];
    }

    /** A copy of the screen as it would be displayed now. */
    public TextScreen snapshot() {
        int cells = TextScreen.COLUMNS * TextScreen.ROWS;
        byte[] chars = new byte[cells];
        byte[] attrs = new byte[cells];
        int start = startAddress();
        for (int i = 0; i < cells; i++) {
            int o = TEXT_OFFSET + (((start + i) * 2) & (TEXT_SIZE - 1));
            chars[i] = vram[o];
            attrs[i] = vram[o + 1];
        }
        int d = (cursorLocation() - start) & 0x3FFF;
        int cursorStart = crtc[0x0A] & 0x1F;
        int cursorEnd = crtc[0x0B] & 0x1F;
        boolean visible = (crtc[0x0A] & 0x20) == 0 && cursorStart <= cursorEnd && d < cells;
        int row = d < cells ? d / TextScreen.COLUMNS : 0;
        int col = d < cells ? d % TextScreen.COLUMNS : 0;
        int[] palette = new int[16];
        for (int c = 0; c < 16; c++) {
            int entry = (attr[c] & 0x3F) & pelMask;
            int r = dac[3 * entry] & 0x3F;
            int g = dac[3 * entry + 1] & 0x3F;
            int b = dac[3 * entry + 2] & 0x3F;
            palette[c] = (r * 255 / 63) << 16 | (g * 255 / 63) << 8 | (b * 255 / 63);
        }
        boolean blink = (attr[0x10] & 0x08) != 0;
        return new TextScreen(chars, attrs, row, col, visible, cursorStart, cursorEnd, blink, palette, generation);
    }

    // ---- snapshot ----

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "vga-text", 1);
        DeviceState.writeBytes(out, vram, vram.length);
        writeRegs(out, crtc);
        writeRegs(out, seq);
        writeRegs(out, gc);
        writeRegs(out, attr);
        DeviceState.writeBytes(out, dac, dac.length);
        out.writeByte(crtcIndex);
        out.writeByte(seqIndex);
        out.writeByte(gcIndex);
        out.writeByte(attrIndex);
        out.writeBoolean(attrFlipFlopData);
        out.writeByte(misc);
        out.writeByte(featureControl);
        out.writeByte(subsystemEnable);
        out.writeByte(pelMask);
        out.writeByte(dacReadIndex);
        out.writeByte(dacWriteIndex);
        out.writeByte(dacComponent);
        out.writeBoolean(dacLastWasRead);
    }

    private static void writeRegs(DataOutput out, int[] regs) throws IOException {
        out.writeByte(regs.length);
        for (int r : regs) {
            out.writeByte(r);
        }
    }

    private static void readRegs(DataInput in, int[] regs) throws IOException {
        int n = in.readUnsignedByte();
        if (n != regs.length) {
            throw new IOException("vga-text: register file of " + n + " entries, expected " + regs.length);
        }
        for (int i = 0; i < n; i++) {
            regs[i] = in.readUnsignedByte();
        }
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "vga-text", 1);
        byte[] v = DeviceState.readBytes(in, WINDOW_SIZE, true, "vga memory");
        System.arraycopy(v, 0, vram, 0, WINDOW_SIZE);
        readRegs(in, crtc);
        readRegs(in, seq);
        readRegs(in, gc);
        readRegs(in, attr);
        byte[] d = DeviceState.readBytes(in, dac.length, true, "vga dac");
        System.arraycopy(d, 0, dac, 0, dac.length);
        crtcIndex = in.readUnsignedByte() & 0x1F;
        seqIndex = in.readUnsignedByte() & 0x07;
        gcIndex = in.readUnsignedByte() & 0x0F;
        attrIndex = in.readUnsignedByte() & 0x3F;
        attrFlipFlopData = in.readBoolean();
        misc = in.readUnsignedByte();
        featureControl = in.readUnsignedByte();
        subsystemEnable = in.readUnsignedByte();
        pelMask = in.readUnsignedByte();
        dacReadIndex = in.readUnsignedByte();
        dacWriteIndex = in.readUnsignedByte();
        dacComponent = in.readUnsignedByte();
        if (dacComponent > 2) {
            throw new IOException("vga-text: bad DAC component " + dacComponent);
        }
        dacLastWasRead = in.readBoolean();
        generation++;
    }
}
