package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Port 0x61, the AT's "system control port B" (IBM PC AT Technical Reference, system board I/O):
 * <ul>
 * <li>write bit 0: GATE of 8254 counter 2; bit 1: speaker data enable (stored; no sound);
 * bits 2–3: parity / channel check enables (stored).</li>
 * <li>read bits 0–3: as written; bit 4: refresh request toggle; bit 5: OUT of counter 2; bits 6–7:
 * channel check / parity error, always 0 here.</li>
 * </ul>
 * The refresh bit toggles on every DRAM refresh request, which the AT BIOS paces at 15.085 µs
 * (counter 1, count 18). Delay loops in BIOS-less kernels count its toggles, so it is computed here
 * from the virtual clock at that fixed rate — 18 input pulses of the 8254's 1.193182 MHz clock per
 * toggle — independently of how the guest programs counter 1.
 */
public final class SystemControlPortB implements ByteWideIoDevice {
    public static final int PORT = 0x61;
    /** Input pulses of the 8254 clock between refresh toggles (15.085 µs). */
    public static final int REFRESH_PULSES = 18;

    private final VirtualClock clock;
    private final Pit8254 pit;
    private int bits;

    public SystemControlPortB(VirtualClock clock, Pit8254 pit) {
        this.clock = clock;
        this.pit = pit;
    }

    /** Registers port 0x61. */
    public void attach(IoBus bus) {
        bus.register(PORT, PORT, this);
    }

    /** Whether the guest has the speaker on (data enable and counter 2 gated). */
    public boolean speakerEnabled() {
        return (bits & 0x03) == 0x03;
    }

    @Override
    public String name() {
        return "port-b";
    }

    @Override
    public void reset() {
        bits = 0;
        pit.setGate(2, false);
    }

    @Override
    public boolean decodes(int port) {
        return port == PORT;
    }

    @Override
    public int readByte(int port) {
        long ticks = VirtualTime.ticksAt(clock.now(), clock.hz(), Pit8254.INPUT_HZ);
        int refresh = (int) ((ticks / REFRESH_PULSES) & 1);
        return bits | refresh << 4 | (pit.out(2) ? 0x20 : 0);
    }

    @Override
    public void writeByte(int port, int value) {
        bits = value & 0x0F;
        pit.setGate(2, (value & 1) != 0);
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, name(), 1);
        out.writeByte(bits);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, name(), 1);
        int b = in.readUnsignedByte();
        if ((b & ~0x0F) != 0) {
            throw new IOException("port-b: bad bits " + b);
        }
        bits = b;
    }
}
