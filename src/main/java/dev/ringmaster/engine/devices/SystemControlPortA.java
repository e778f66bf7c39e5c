package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.A20Gate;
import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.ResetLine;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Port 0x92, "system control port A" of PS/2 and later chipsets (the "fast A20 and reset" port):
 * bit 1 drives the A20 gate, and bit 0 going from 0 to 1 resets the CPU. Reads return the last value
 * written, as on QEMU. Power-on value 0x02 (A20 enabled, as the machine starts).
 */
public final class SystemControlPortA implements ByteWideIoDevice {
    public static final int PORT = 0x92;

    private final ResetLine resetLine;
    private final A20Gate a20;
    private int value = 0x02;

    public SystemControlPortA(ResetLine resetLine, A20Gate a20) {
        this.resetLine = resetLine;
        this.a20 = a20;
    }

    public void attach(IoBus bus) {
        bus.register(PORT, PORT, this);
    }

    @Override
    public String name() {
        return "port-a";
    }

    @Override
    public void reset() {
        value = 0x02;
    }

    @Override
    public boolean decodes(int port) {
        return port == PORT;
    }

    @Override
    public int readByte(int port) {
        return value;
    }

    @Override
    public void writeByte(int port, int v) {
        int old = value;
        value = v & 0xFF;
        a20.setA20((v & 0x02) != 0);
        if ((v & 1) != 0 && (old & 1) == 0) {
            resetLine.pulseReset("port 0x92 fast reset");
        }
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, name(), 1);
        out.writeByte(value);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, name(), 1);
        value = in.readUnsignedByte();
    }
}
