package dev.ringmaster.engine.machine;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.StopReason;
import dev.ringmaster.engine.devices.PcDevices;
import dev.ringmaster.engine.devices.VgaText;

/**
 * The minimal machine the CPU runs in: RAM (and ROM/MMIO) in a {@link PhysicalMemory}, the port
 * space ({@link IoBus}), the {@link VirtualClock} driven by the CPU's simulated cycles, an optional
 * {@link InterruptController} on the CPU's INTR pin, and the run loop that turns the CPU's stop
 * reasons into a {@link RunResult}. The PC's devices ({@link PcDevices}: PIC pair on the CPU's INTR
 * pin, PIT, COM1, VGA text memory, 8042, CMOS/RTC, port 0x92, debug-exit, POST) are attached at
 * construction; a machine built with {@code withDevices=false} is bare (CPU tests attach their own).
 *
 * <p>Time: the clock always equals the CPU's cycle counter. The CPU runs until the next timer
 * deadline; due timers fire between instructions; a device's port access first brings the clock up
 * to date. HLT with interrupts enabled jumps time (and the cycle counter) to the next deadline, so an
 * idle guest costs nothing. Nothing reads host time: the same image and input give the same
 * instruction count at every event.
 */
public final class Machine {
    /** DESIGN §3: default RAM size. */
    public static final int DEFAULT_RAM = 32 << 20;
    /** Bytes reserved for ROM images (a BIOS-replacement ROM of up to 256 KiB). */
    public static final int ROM_CAPACITY = 256 << 10;
    /**
     * Host memory reserved beyond the guest's RAM for a VMM's own code (the binary translator's
     * translation cache): never part of the guest's RAM, mapped on demand with
     * {@link PhysicalMemory#mapPrivateRam}.
     */
    public static final int VMM_PRIVATE_CAPACITY = 1 << 20;

    private final PhysicalMemory memory;
    private final IoBus io = new IoBus();
    private final VirtualClock clock = new VirtualClock();
    private final Cpu cpu;
    private InterruptController interruptController;
    private boolean debugExitPending;
    private int debugExitCode;
    private String stopRequest;
    private String resetRequest;
    private final PcDevices devices;

    /** A PC with {@code ramBytes} of RAM and all the standard devices attached. */
    public Machine(int ramBytes) {
        this(ramBytes, true);
    }

    /** A machine with {@code ramBytes} of RAM; {@code withDevices}: attach the PC devices. */
    public Machine(int ramBytes, boolean withDevices) {
        this.memory = new PhysicalMemory(ramBytes, ROM_CAPACITY + VMM_PRIVATE_CAPACITY);
        this.cpu = new Cpu(memory, io);
        cpu.setIoTimeSync(this::syncClock);
        clock.setDeadlineListener(cpu::lowerDeadline);
        if (withDevices) {
            devices = new PcDevices(clock, ramBytes, this::resetPulsed, cpu::setA20);
            devices.attach(io);
            memory.mapMmio(VgaText.WINDOW_BASE, VgaText.WINDOW_BASE + VgaText.WINDOW_SIZE - 1, devices.vga());
            setInterruptController(devices.interruptController());
            devices.debugExit().setListener(this::debugExit);
        } else {
            devices = null;
        }
    }

    /** The PC devices, or null for a bare machine. */
    public PcDevices devices() {
        return devices;
    }

    /** The RESET line (8042 command 0xFE, port 0x92 bit 0): the machine stops after the instruction. */
    private void resetPulsed(String source) {
        resetRequest = source == null ? "reset" : source;
        cpu.requestStop("reset by " + resetRequest);
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public IoBus io() {
        return io;
    }

    public VirtualClock clock() {
        return clock;
    }

    public Cpu cpu() {
        return cpu;
    }

    public void setInterruptController(InterruptController c) {
        this.interruptController = c;
        cpu.setInterruptController(c);
    }

    public InterruptController interruptController() {
        return interruptController;
    }

    /** Brings the clock up to the CPU's cycle counter (devices read it during port accesses). */
    public void syncClock() {
        long now = cpu.cycles();
        if (now > clock.now()) {
            clock.advance(now - clock.now());
        }
    }

    /**
     * The debug-exit device calls this from inside the guest's OUT: the machine stops after that
     * instruction with {@link RunResult.Kind#DEBUG_EXIT} and {@code exitCode}.
     */
    public void debugExit(int exitCode) {
        debugExitPending = true;
        debugExitCode = exitCode;
        cpu.requestStop("debug exit " + exitCode);
    }

    /** Stops the run loop at the next instruction boundary with {@link RunResult.Kind#STOPPED}. */
    public void requestStop(String reason) {
        stopRequest = reason == null ? "stop requested" : reason;
        cpu.requestStop(stopRequest);
    }

    /**
     * Writes the whole machine state: clock, CPU, devices, RAM (ROM images are configuration: a
     * machine restored from this must have been built and loaded the same way). Call it between runs.
     */
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_VERSION);
        out.writeLong(clock.now());
        out.writeBoolean(devices != null);
        cpu.saveState(out);
        if (devices != null) {
            devices.saveState(out);
        }
        memory.saveState(out);
    }

    /**
     * Restores a state written by {@link #saveState} into this machine (built with the same RAM size,
     * devices and boot images). On an error this machine is left in an undefined state: restore into a
     * fresh machine and discard it on failure.
     */
    public void loadState(java.io.DataInput in) throws java.io.IOException {
        int magic = in.readInt();
        if (magic != STATE_MAGIC) {
            throw new java.io.IOException("not a Ringmaster machine state (bad magic)");
        }
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new java.io.IOException("machine state version " + version + ", this Ringmaster reads " + STATE_VERSION);
        }
        long now = in.readLong();
        boolean hasDevices = in.readBoolean();
        if (hasDevices != (devices != null)) {
            throw new java.io.IOException("machine state " + (hasDevices ? "has" : "lacks") + " PC devices, this machine "
                    + (devices != null ? "has them" : "does not"));
        }
        clock.setNow(now);
        cpu.loadState(in);
        if (devices != null) {
            devices.loadState(in);
        }
        memory.loadState(in);
        debugExitPending = false;
        stopRequest = null;
        resetRequest = null;
    }

    private static final int STATE_MAGIC = 0x524D4D53; // "RMMS"
    private static final int STATE_VERSION = 1;

    /** Runs up to {@code maxInstructions} instructions (Long.MAX_VALUE: until something stops it). */
    public RunResult run(long maxInstructions) {
        return run(maxInstructions, Long.MAX_VALUE);
    }

    /**
     * Runs up to {@code maxInstructions} instructions or until the cycle counter reaches
     * {@code cycleLimit} ({@link RunResult.Kind#TIME_LIMIT}; an idle guest's HLT then waits only up to
     * it) — a time slice for a VM paced to wall-clock time.
     */
    public RunResult run(long maxInstructions, long cycleLimit) {
        long target = maxInstructions >= Long.MAX_VALUE - cpu.instructions() ? Long.MAX_VALUE
                : cpu.instructions() + maxInstructions;
        try {
            for (;;) {
                syncClock();
                clock.runDue();
                if (debugExitPending) {
                    debugExitPending = false;
                    return result(RunResult.Kind.DEBUG_EXIT, "debug exit", debugExitCode);
                }
                if (resetRequest != null) {
                    String why = resetRequest;
                    resetRequest = null;
                    return result(RunResult.Kind.RESET, "reset requested by " + why, 0);
                }
                if (stopRequest != null) {
                    String why = stopRequest;
                    stopRequest = null;
                    return result(RunResult.Kind.STOPPED, why, 0);
                }
                if (cpu.cycles() >= cycleLimit) {
                    return result(RunResult.Kind.TIME_LIMIT, "time slice", 0);
                }
                long budget = target == Long.MAX_VALUE ? Long.MAX_VALUE : target - cpu.instructions();
                StopReason r = cpu.run(budget, Math.min(clock.nextDeadline(), cycleLimit));
                syncClock();
                switch (r) {
                    case DEADLINE:
                        clock.runDue();
                        continue;
                    case INSTRUCTION_LIMIT:
                        return result(RunResult.Kind.INSTRUCTION_LIMIT, "instruction limit", 0);
                    case HALTED: {
                        long deadline = Math.min(clock.nextDeadline(), cycleLimit);
                        if (deadline == Long.MAX_VALUE) {
                            return result(RunResult.Kind.IDLE, "HLT with interrupts enabled and no timer armed", 0);
                        }
                        if (deadline > cpu.cycles()) {
                            cpu.chargeCycles(deadline - cpu.cycles());
                            syncClock();
                        }
                        clock.runDue();
                        continue;
                    }
                    case HALTED_FOREVER:
                        return result(RunResult.Kind.HALTED_FOREVER, "HLT with interrupts disabled", 0);
                    case SHUTDOWN:
                        return result(RunResult.Kind.SHUTDOWN, cpu.shutdownReason(), 0);
                    case BREAKPOINT:
                        return result(RunResult.Kind.BREAKPOINT, String.format("breakpoint at %08X",
                                cpu.segment(1).base + cpu.eip()), 0);
                    case STOP_REQUESTED:
                        if (debugExitPending || stopRequest != null || resetRequest != null) {
                            continue; // reported at the top of the loop
                        }
                        return result(RunResult.Kind.STOPPED, cpu.stopDetail(), 0);
                    default:
                        throw new IllegalStateException("unknown stop reason " + r);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return result(RunResult.Kind.HOST_ERROR, "host error: " + e, 0);
        }
    }

    private RunResult result(RunResult.Kind kind, String detail, int code) {
        return new RunResult(kind, detail, code, cpu.instructions(), cpu.cycles());
    }
}
