package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.A20Gate;
import dev.ringmaster.engine.machine.Device;
import dev.ringmaster.engine.machine.InterruptController;
import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.ResetLine;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The standard PC devices of DESIGN §3, built and wired to each other the way the PC AT wires them:
 * every interrupt source drives the {@link Pic8259Pair}, counter 2 of the PIT is gated by port 0x61,
 * the 8042 and port 0x92 drive the machine's reset line and A20 gate. The machine still owns the CPU,
 * memory and buses: it calls {@link #attach(IoBus)}, maps {@link #vga()} at
 * {@link VgaText#WINDOW_BASE}..+{@link VgaText#WINDOW_SIZE}, gives {@link #interruptController()} to
 * the CPU and connects the host ends (UART sink and input, keyboard, debug-exit flag, POST listener).
 *
 * <p>Using this class is optional; it is one tested way to put the devices together.
 */
public final class PcDevices {
    private final Pic8259Pair pic;
    private final Pit8254 pit;
    private final SystemControlPortB portB;
    private final SystemControlPortA portA;
    private final Uart16550 com1;
    private final VgaText vga;
    private final I8042 keyboardController;
    private final CmosRtc rtc;
    private final DebugExit debugExit;
    private final PostPort post;
    private final PostPort ioDelay;
    private final List<Device> all;

    /** Devices for a machine with {@code ramBytes} of RAM whose RTC starts at the fixed default instant. */
    public PcDevices(VirtualClock clock, long ramBytes, ResetLine resetLine, A20Gate a20) {
        this(clock, ramBytes, CmosRtc.DEFAULT_BASE_EPOCH_SECONDS, resetLine, a20);
    }

    /** As above, with the RTC showing {@code rtcBaseEpochSeconds} at virtual time 0 (e.g. the host's time at power-on). */
    public PcDevices(VirtualClock clock, long ramBytes, long rtcBaseEpochSeconds, ResetLine resetLine, A20Gate a20) {
        pic = new Pic8259Pair();
        pit = new Pit8254(clock, pic);
        portB = new SystemControlPortB(clock, pit);
        portA = new SystemControlPortA(resetLine, a20);
        com1 = new Uart16550(clock, pic);
        vga = new VgaText(clock);
        keyboardController = new I8042(pic, resetLine, a20);
        rtc = new CmosRtc(clock, pic, ramBytes, rtcBaseEpochSeconds);
        debugExit = new DebugExit();
        post = new PostPort();
        ioDelay = PostPort.ioDelayPort();
        all = List.of(pic, pit, portB, portA, com1, vga, keyboardController, rtc, debugExit, post, ioDelay);
    }

    /** Registers every device's ports at its PC address. */
    public void attach(IoBus bus) {
        pic.attach(bus);
        pit.attach(bus);
        portB.attach(bus);
        portA.attach(bus);
        com1.attach(bus);
        vga.attach(bus);
        keyboardController.attach(bus);
        rtc.attach(bus);
        debugExit.attach(bus);
        post.attach(bus);
        ioDelay.attach(bus);
    }

    /** What the CPU samples (INTR) and acknowledges (INTA). */
    public InterruptController interruptController() {
        return pic;
    }

    public Pic8259Pair pic() {
        return pic;
    }

    public Pit8254 pit() {
        return pit;
    }

    public SystemControlPortB portB() {
        return portB;
    }

    public SystemControlPortA portA() {
        return portA;
    }

    public Uart16550 com1() {
        return com1;
    }

    public VgaText vga() {
        return vga;
    }

    public I8042 keyboardController() {
        return keyboardController;
    }

    public CmosRtc rtc() {
        return rtc;
    }

    public DebugExit debugExit() {
        return debugExit;
    }

    public PostPort post() {
        return post;
    }

    public PostPort ioDelay() {
        return ioDelay;
    }

    /** Every device, in a fixed order (the order of {@link #reset()}, {@link #saveState} and {@link #loadState}). */
    public List<Device> all() {
        return all;
    }

    /** Power-on reset of every device (the RTC keeps its time: it is battery-backed). */
    public void reset() {
        for (Device d : all) {
            d.reset();
        }
    }

    /** Every device's state, in {@link #all()} order. The clock's time is the machine's to save. */
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "pc-devices", 1);
        out.writeByte(all.size());
        for (Device d : all) {
            d.saveState(out);
        }
    }

    /** Restores every device, all or nothing: if one device's state is bad, none changes. */
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "pc-devices", 1);
        int n = in.readUnsignedByte();
        if (n != all.size()) {
            throw new IOException("pc-devices: " + n + " devices in the snapshot, expected " + all.size());
        }
        for (Device d : all) {
            d.loadState(in);
        }
    }
}
