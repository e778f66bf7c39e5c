package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Port 0xED, which nothing decodes on a PC: kernels write it (Linux's {@code io_delay=0xed}) only to
 * spend an I/O cycle. Claimed here so those writes are not reported as accesses to nothing; reads
 * float (0xFF) and writes are counted.
 */
public final class IoDelayPort implements ByteWideIoDevice {
    public static final int PORT = 0xED;
    private long writes;

    public void attach(IoBus bus) {
        bus.register(PORT, PORT, this);
    }

    public long writeCount() {
        return writes;
    }

    @Override
    public String name() {
        return "io-delay";
    }

    @Override
    public void reset() {
        writes = 0;
    }

    @Override
    public boolean decodes(int port) {
        return port == PORT;
    }

    @Override
    public int readByte(int port) {
        return 0xFF;
    }

    @Override
    public void writeByte(int port, int value) {
        writes++;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, name(), 1);
        out.writeLong(writes);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, name(), 1);
        writes = DeviceState.readLong(in, 0, Long.MAX_VALUE, "io-delay writes");
    }
}
