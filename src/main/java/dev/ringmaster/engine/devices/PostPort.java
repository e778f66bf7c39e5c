package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * The POST diagnostic port 0x80 (IBM PC AT: manufacturing checkpoint port; a POST card shows the
 * last byte written). BIOSes and test ROMs write their progress here; Linux also writes it as an
 * I/O delay. The device remembers the last value, counts writes and tells a listener, so the UI can
 * show the code. Reads return 0xFF, as on QEMU (many chipsets do not latch it for reading).
 *
 * <p>The same device serves port 0xED ({@link #ioDelayPort()}), which nothing decodes on a PC:
 * kernels write it (Linux's {@code io_delay=0xed}) only to spend an I/O cycle; claiming it keeps
 * those writes from being reported as accesses to nothing.
 */
public final class PostPort implements ByteWideIoDevice {
    public static final int PORT = 0x80;
    public static final int IO_DELAY_PORT = 0xED;

    private final int port;
    private final String name;
    private IntConsumer listener = v -> { };
    private int lastValue = -1;
    private long writes;

    /** The POST port at 0x80. */
    public PostPort() {
        this(PORT, "post");
    }

    public PostPort(int port, String name) {
        this.port = port;
        this.name = name;
    }

    /** Port 0xED, the I/O-delay port. */
    public static PostPort ioDelayPort() {
        return new PostPort(IO_DELAY_PORT, "io-delay");
    }

    /** Registers its port. */
    public void attach(IoBus bus) {
        bus.register(port, port, this);
    }

    /** Told every value written (from inside the guest's OUT; keep it cheap). */
    public void setListener(IntConsumer listener) {
        this.listener = listener == null ? v -> { } : listener;
    }

    /** The last byte written, or -1 if none since reset. */
    public int lastValue() {
        return lastValue;
    }

    /** Number of writes since reset. */
    public long writeCount() {
        return writes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        lastValue = -1;
        writes = 0;
    }

    @Override
    public boolean decodes(int p) {
        return p == port;
    }

    @Override
    public int readByte(int port) {
        return 0xFF;
    }

    @Override
    public void writeByte(int port, int value) {
        lastValue = value & 0xFF;
        writes++;
        listener.accept(lastValue);
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, name(), 1);
        out.writeInt(lastValue);
        out.writeLong(writes);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, name(), 1);
        int v = DeviceState.readInt(in, -1, 0xFF, name + " value");
        long w = DeviceState.readLong(in, 0, Long.MAX_VALUE, name + " write count");
        lastValue = v;
        writes = w;
    }
}
