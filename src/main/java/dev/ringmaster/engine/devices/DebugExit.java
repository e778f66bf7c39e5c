package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IoDevice;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * The debug-exit port, as QEMU's {@code -device isa-debug-exit,iobase=0x501,iosize=2}: a write of
 * value {@code v} (of any width, at either of its two ports) asks the machine to stop with exit
 * code {@code (v << 1) | 1} — so a guest can never report 0, and test ROMs report success as an
 * agreed odd code. Reads return 0, as QEMU's does.
 *
 * <p>Nothing stops here: the device raises a flag (and tells an optional listener); the run loop
 * checks {@link #exitRequested()} after the instruction and stops the VM with {@link #exitCode()}.
 */
public final class DebugExit implements IoDevice {
    public static final int BASE = 0x501;
    public static final int SIZE = 2;

    private final int base;
    private IntConsumer listener = code -> { };
    private boolean requested;
    private int exitCode;

    public DebugExit() {
        this(BASE);
    }

    public DebugExit(int base) {
        this.base = base;
    }

    /** Registers ports {@code base..base+1}. */
    public void attach(IoBus bus) {
        bus.register(base, base + SIZE - 1, this);
    }

    /** Called (from inside the guest's OUT) with the exit code when the guest writes the port. */
    public void setListener(IntConsumer listener) {
        this.listener = listener == null ? code -> { } : listener;
    }

    /** True once the guest wrote the port and until {@link #clearRequest()}. */
    public boolean exitRequested() {
        return requested;
    }

    /** {@code (v << 1) | 1} for the last value written (meaningful when {@link #exitRequested()}). */
    public int exitCode() {
        return exitCode;
    }

    /** What a shell would see as QEMU's process exit status for the same write: the low 8 bits. */
    public int processExitStatus() {
        return exitCode & 0xFF;
    }

    public void clearRequest() {
        requested = false;
    }

    @Override
    public String name() {
        return "debug-exit";
    }

    @Override
    public void reset() {
        requested = false;
        exitCode = 0;
    }

    @Override
    public int ioRead(int port, int size) {
        return 0;
    }

    @Override
    public void ioWrite(int port, int size, int value) {
        int v = size == 1 ? value & 0xFF : size == 2 ? value & 0xFFFF : value;
        exitCode = (v << 1) | 1;
        requested = true;
        listener.accept(exitCode);
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, name(), 1);
        out.writeBoolean(requested);
        out.writeInt(exitCode);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, name(), 1);
        boolean r = in.readBoolean();
        int code = in.readInt();
        requested = r;
        exitCode = code;
    }
}
