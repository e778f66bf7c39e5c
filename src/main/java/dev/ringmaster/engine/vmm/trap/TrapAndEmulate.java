package dev.ringmaster.engine.vmm.trap;

import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuHooks;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Descriptor;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.cpu.Vector;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.machine.VirtualClock;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.GuestMemory;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.TraceSink;
import dev.ringmaster.engine.vmm.VirtualCpu;
import dev.ringmaster.engine.vmm.VmmCounters;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import dev.ringmaster.engine.vmm.shadow.RingCompression;
import dev.ringmaster.engine.vmm.shadow.ShadowPaging;
import dev.ringmaster.engine.vmm.shadow.VmmMemory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Trap-and-emulate (DESIGN §4): the unmodified guest kernel runs directly in ring 1 (ring
 * compression, {@link RingCompression}); every event goes to the VMM first ({@link CpuHooks#beforeDelivery}).
 * A #GP raised by a privileged or I/O instruction of the guest kernel is decoded and emulated against
 * the {@link VirtualCpu} and the devices ({@link PrivilegedEmulator}); every other exception, and each
 * hardware interrupt while the virtual IF is set, is reflected into the guest through its own IDT
 * (refreshed into the shadow IDT) with the EFLAGS image showing the virtual IF and IOPL. Interrupts
 * arriving while the virtual IF is clear wait in the virtual CPU and are injected when the guest
 * sets it again — through an emulated STI, or an IRET the VMM observes (see {@link TrapOptions}).
 *
 * <p>The sensitive unprivileged instructions are not caught, as on real x86; the VMM counts them by
 * address through the CPU's instruction hook, notices POPFs that silently failed to set IF, and
 * reports a stall (trace event naming the guilty instruction; optionally stopping the VM) when the
 * virtual IF has been clear for {@link TrapOptions#stallNanos} while an interrupt waits.
 *
 * <p>The VMM takes the CPU's hook slot; hooks installed before it (the VM's tracing) keep receiving the
 * observations ({@code ringTransition}, {@code delivered}, {@code afterIo}) — so create the runner after
 * installing them. Without such hooks the VMM traces ring transitions and interrupts itself.
 *
 * <p>Missing (see the package documentation): shadow paging — a guest that turns paging on stops with
 * a clear reason; LDTs; virtual-8086 mode; guest rings 1 and 2.
 */
public class TrapAndEmulate implements TechniqueRunner, CpuHooks {
    protected final Machine machine;
    protected final Cpu cpu;
    protected final TraceSink trace;
    private final TrapOptions options;
    protected final VirtualCpu v = new VirtualCpu();
    protected final VmmCounters counters;
    protected final GuestMemory guest;
    protected final RingCompression rings;
    protected final ShadowPaging shadow;
    protected final PrivilegedEmulator emulator;
    /** The VMM's own memory (shadow tables, TSS, window page table). */
    protected final VmmMemory vmmMemory;
    private final VirtualMsrs msrs = new VirtualMsrs();
    private final SensitiveMonitor monitor = new SensitiveMonitor();
    private final VirtualClock.Timer stallWatch;
    private final long stallCycles;
    private final Set<Integer> tracedSensitive = new HashSet<>();
    /**
     * Where CPU-level observations (ring transitions, deliveries, completed I/O) go: the hooks installed
     * before the VMM (the VM's tracing), or, when there were none, this VMM's own trace.
     */
    private final CpuHooks observer;
    /** True while the VMM itself delivers an event through the CPU (the hook lets it through). */
    protected boolean passThrough;
    private String stopReason;
    private String stallReport;
    /** The VMM asked the CPU to deliver a queued interrupt: its delivery is not a new trap. */
    private boolean injecting;

    /** Takes over {@code machine}, whose CPU is at the guest kernel's first instruction in ring 0. */
    public TrapAndEmulate(Machine machine, TraceSink trace, TrapOptions options) {
        this(machine, trace, options, CostPresets.modern());
    }

    /** As {@link #TrapAndEmulate(Machine, TraceSink, TrapOptions)}, charging {@code model}. */
    public TrapAndEmulate(Machine machine, TraceSink trace, TrapOptions options, CostModel model) {
        this(machine, trace, options, model, false, null);
    }

    /**
     * For a VMM built on this one (binary translation): {@code translatorSegment} adds the flat ring-1 code
     * segment of the translation cache to the shadow GDT ({@link RingCompression#addTranslatorCodeSegment}).
     */
    protected TrapAndEmulate(Machine machine, TraceSink trace, TrapOptions options, boolean translatorSegment) {
        this(machine, trace, options, CostPresets.modern(), translatorSegment, null);
    }

    /**
     * A VMM continuing from a snapshot: {@code machine} was restored with {@link Machine#loadState} (its CPU
     * in ring 1 on the shadow page tables), {@code state} is what {@link #saveState} wrote.
     *
     * @throws IOException when the state is not a trap-and-emulate state this version can read
     */
    public static TrapAndEmulate restore(Machine machine, TraceSink trace, TrapOptions options, CostModel model,
                                         DataInput state) throws IOException {
        try {
            return new TrapAndEmulate(machine, trace, options, model, false, state);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The general constructor: charging {@code model}; with the translator's code segment for binary
     * translation; taking over a guest in ring 0 ({@code state} null) or continuing from a snapshot's
     * {@code state} ({@link #saveState}; an unreadable one throws {@link UncheckedIOException}).
     */
    protected TrapAndEmulate(Machine machine, TraceSink trace, TrapOptions options, CostModel model,
                             boolean translatorSegment, DataInput state) {
        this.machine = machine;
        this.counters = new VmmCounters(model);
        this.cpu = machine.cpu();
        this.trace = trace == null ? TraceSink.NONE : trace;
        this.options = options;
        if (state == null && (!cpu.protectedMode() || cpu.cpl() != 0)) {
            throw new IllegalStateException(vmmName() + " starts a guest kernel in protected-mode ring 0 "
                    + "(a Multiboot kernel); the CPU is in " + (cpu.protectedMode() ? "ring " + cpu.cpl() : "real mode"));
        }
        if (state == null && cpu.pagingEnabled()) {
            throw new IllegalStateException(vmmName() + " takes over a guest before it turns paging on "
                    + "(the VMM builds its shadow page tables from then on)");
        }
        this.guest = new GuestMemory(cpu);
        this.vmmMemory = VmmMemory.mapInto(machine.memory());
        this.rings = new RingCompression(cpu, guest, vmmMemory);
        if (translatorSegment) {
            rings.addTranslatorCodeSegment();
        }
        this.shadow = new ShadowPaging(cpu, vmmMemory, v, counters, this.trace);
        guest.setTranslation(shadow::guestPhysical);
        this.emulator = new PrivilegedEmulator(cpu, machine, v, guest, rings, shadow, msrs);
        VirtualClock clock = machine.clock();
        this.stallCycles = clock.cyclesForNanos(options.stallNanos());
        this.stallWatch = clock.newTimer("vmm-stall-watch", this::checkStall);
        if (state == null) {
            v.captureFrom(cpu);
            counters.startCharging(cpu);
            rings.enter(v);
            counters.add(Kind.SHADOW_GDT_BUILDS);
            shadow.enter();
        } else {
            try {
                loadState(state);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cpu.mmu().flushAll();
        }
        CpuHooks previous = cpu.hooks();
        TraceSink sink = this.trace;
        this.observer = previous != null ? previous : new CpuHooks() {
            @Override
            public void ringTransition(Cpu c, int from, int to, TraceEvent.Cause cause) {
                sink.emit(new TraceEvent.RingTransition(c.instructions(), c.cycles(), from, to, cause, c.eip()));
            }

            @Override
            public void delivered(Cpu c, int vector, int errorCode, EventKind kind) {
                if (kind == EventKind.EXTERNAL_INTERRUPT) {
                    sink.emit(new TraceEvent.Interrupt(c.instructions(), c.cycles(), -1, vector));
                }
            }
        };
        cpu.setHooks(this);
        cpu.flushDecodedCode();
    }

    // ---- state (VM snapshots) --------------------------------------------------------------------------------

    private static final int STATE_MAGIC = 0x524D5654; // "RMVT"
    private static final int STATE_VERSION = 1;

    /**
     * Writes the VMM's whole state after the machine's (call it between runs): the virtual CPU and MSRs,
     * ring compression and shadow paging bookkeeping, the VMM's memory (shadow GDT, IDT, TSS and page
     * tables), what the sensitive-instruction monitor knows, the stall watch, the counters and ledger.
     */
    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_VERSION);
        v.saveState(out);
        msrs.saveState(out);
        rings.saveState(out);
        shadow.saveState(out);
        vmmMemory.saveState(out);
        monitor.saveState(out);
        out.writeInt(tracedSensitive.size());
        for (int at : new java.util.TreeSet<>(tracedSensitive)) {
            out.writeInt(at);
        }
        out.writeBoolean(injecting);
        out.writeUTF(stallReport == null ? "" : stallReport);
        out.writeBoolean(stallWatch.armed());
        out.writeLong(stallWatch.armed() ? stallWatch.deadline() : 0);
        counters.saveState(out);
    }

    private void loadState(DataInput in) throws IOException {
        if (in.readInt() != STATE_MAGIC) {
            throw new IOException("not a trap-and-emulate VMM state");
        }
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("trap-and-emulate state version " + version + ", this Ringmaster reads " + STATE_VERSION);
        }
        v.loadState(in);
        msrs.loadState(in);
        rings.loadState(in);
        shadow.loadState(in);
        vmmMemory.loadState(in);
        monitor.loadState(in);
        int n = in.readInt();
        if (n < 0 || n > 1 << 24) {
            throw new IOException("corrupt trap-and-emulate state");
        }
        for (int i = 0; i < n; i++) {
            tracedSensitive.add(in.readInt());
        }
        injecting = in.readBoolean();
        String report = in.readUTF();
        stallReport = report.isEmpty() ? null : report;
        boolean armed = in.readBoolean();
        long deadline = in.readLong();
        if (armed) {
            stallWatch.armAt(deadline);
        }
        counters.loadState(in);
    }

    // ---- TechniqueRunner ------------------------------------------------------------------------------------

    @Override
    public Technique technique() {
        return Technique.TRAP;
    }

    @Override
    public Machine machine() {
        return machine;
    }

    @Override
    public RunResult run(long maxInstructions, long cycleLimit) {
        stopReason = null;
        return TechniqueRunner.runCharged(machine, counters, maxInstructions, cycleLimit);
    }

    @Override
    public VmmCounters counters() {
        return counters;
    }

    @Override
    public VirtualCpu virtualCpu() {
        return v;
    }

    /** How stop reasons name this VMM. */
    protected String vmmName() {
        return "trap-and-emulate";
    }

    /** The last stall the VMM detected, in words (null when none). */
    public String stallReport() {
        return stallReport;
    }

    /** Address of the POPF that last failed to set IF, or -1. */
    public int lostInterruptFlagAt() {
        return monitor.lostIfAt;
    }

    // ---- hooks ------------------------------------------------------------------------------------------------

    @Override
    public boolean beforeDelivery(Cpu c, int vector, int errorCode, EventKind kind, int eip) {
        if (passThrough) {
            return false;
        }
        if (injecting && kind == EventKind.EXTERNAL_INTERRUPT) {
            injecting = false; // a queued interrupt the VMM injects: its trap was counted when it arrived
        } else {
            counters.add(Kind.TRAPS);
        }
        if (kind == EventKind.EXTERNAL_INTERRUPT) {
            if (v.interruptFlag) {
                reflect(vector, errorCode, kind, eip);
                monitor.interruptsDelivered();
            } else {
                v.queueInterrupt(vector);
                counters.add(Kind.INTERRUPTS_QUEUED);
                monitor.interruptWaiting(cpu.cycles());
                if (!stallWatch.armed()) {
                    stallWatch.armAt(cpu.cycles() + stallCycles);
                }
                if (v.halted) {
                    cpu.setHalted(true);
                }
            }
            return true;
        }
        if (vector == Vector.PF && kind == EventKind.EXCEPTION) {
            if (pageFault(errorCode, eip)) {
                return true;
            }
            errorCode = shadow.guestErrorCode();
        } else if (vector == Vector.GP && kind == EventKind.EXCEPTION && mayEmulate()) {
            Instruction in = decodeAt(eip);
            if (in != null && emulate(in, eip, errorCode)) {
                return true;
            }
        }
        reflect(vector, errorCode, kind, eip);
        return true;
    }

    /**
     * A #PF: true when the VMM dealt with it (hidden fault filled, page-table write performed, or a stop);
     * false when it is the guest's (v.cr2 set, {@link ShadowPaging#guestErrorCode()} to deliver).
     */
    private boolean pageFault(int errorCode, int eip) {
        int lin = cpu.cr2();
        switch (shadow.pageFault(lin, errorCode)) {
            case FIXED:
                return true;
            case PT_WRITE: {
                Instruction in = decodeAt(eip);
                if (in != null && in.memory && in.operandSize32 && (in.opcode == 0x89 || in.opcode == 0xC7)
                        && emulator.linear(in) == lin && (lin & 0xFFF) <= 0xFFC) {
                    int value = in.opcode == 0x89 ? cpu.reg(in.reg) : in.imm;
                    shadow.emulatePtWrite(lin, value);
                    counters.emulated("MOV (page table)");
                    pageTableWriteTrapped(eip);
                    vmmRoundTrip(eip);
                    trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), Vector.PF, errorCode, linear(eip),
                            guest.readBytes(linear(eip), in.length), text(in), TraceEvent.Handler.VMM,
                            String.format("guest page-table write [%08X] <- %08X: performed, shadow updated", lin, value)));
                    cpu.setEip(eip + in.length);
                } else {
                    shadow.unprotect(lin);
                }
                return true;
            }
            case UNSUPPORTED:
                stop("trap-and-emulate: " + shadow.problem());
                return true;
            default:
                v.cr2 = lin;
                counters.add(Kind.GUEST_PAGE_FAULTS);
                return false;
        }
    }

    /**
     * A guest store into one of its write-protected page tables trapped (#PF) and was emulated; {@code eip}
     * is where the storing instruction runs. Binary translation counts these to retranslate the instruction.
     */
    protected void pageTableWriteTrapped(int eip) {
    }

    /** The guest kernel (CPL 1), or guest user code (what it may have emulated is decided in {@link #emulate}). */
    private boolean mayEmulate() {
        return cpu.cpl() == RingCompression.KERNEL_RING || cpu.cpl() == 3;
    }

    private boolean emulate(Instruction in, int eip, int errorCode) {
        if (cpu.cpl() == 3) {
            Mnemonic m = in.mnemonic;
            // user code: I/O and CLI/STI when the guest's virtual IOPL is 3; RDTSC when the VMM trapped it
            boolean iopl = v.iopl == 3 && (m == Mnemonic.IN || m == Mnemonic.OUT || m == Mnemonic.CLI
                    || m == Mnemonic.STI || isStringIo(m));
            if (!iopl && m != Mnemonic.RDTSC) {
                return false;
            }
        }
        PrivilegedEmulator.Outcome o = emulateInstruction(in, eip, errorCode);
        if (o == PrivilegedEmulator.Outcome.DONE) {
            cpu.setEip(eip + in.length);
        }
        return o != PrivilegedEmulator.Outcome.NOT_MINE;
    }

    /**
     * Emulates privileged instruction {@code in} (at {@code eip}) against the virtual CPU and devices, with
     * its counters and trace; EIP is left to the caller (continue after it on {@link PrivilegedEmulator.Outcome#DONE},
     * retry on RETRY and on AGAIN — string I/O with iterations left for the next trap; GUEST_PAGE_FAULT: string
     * I/O delivered the guest's #PF, leave EIP; UNSUPPORTED has stopped the VM; NOT_MINE: the guest's own fault).
     */
    protected PrivilegedEmulator.Outcome emulateInstruction(Instruction in, int eip, int errorCode) {
        PrivilegedEmulator.Outcome o = emulator.emulate(in);
        switch (o) {
            case NOT_MINE:
                return o;
            case UNSUPPORTED:
                stop(vmmName() + ": " + emulator.unsupported + String.format(" (at %08X)", linear(eip)));
                return o;
            case GUEST_PAGE_FAULT:
                counters.emulated(in.mnemonic.text().toUpperCase());
                if (emulator.io) {
                    counters.add(Kind.IO_EMULATED, emulator.ioCount);
                }
                emitTrap(in, eip, errorCode, emulator.action);
                v.cr2 = emulator.faultAddress;
                counters.add(Kind.GUEST_PAGE_FAULTS);
                reflect(Vector.PF, emulator.faultError, EventKind.EXCEPTION, eip);
                return o;
            case RETRY:
                counters.add(Kind.RPL_FIXUPS);
                emitTrap(in, eip, errorCode, emulator.action);
                return o;
            default:
                break;
        }
        counters.emulated(in.mnemonic.text().toUpperCase());
        if (in.mnemonic == Mnemonic.LGDT) {
            counters.add(Kind.SHADOW_GDT_BUILDS);
        }
        if (emulator.io) {
            counters.add(Kind.IO_EMULATED, emulator.ioCount);
            trace.emit(new TraceEvent.Io(cpu.instructions(), cpu.cycles(), emulator.ioPort, emulator.ioSize,
                    emulator.ioValue, emulator.ioWrite, deviceName(emulator.ioPort)));
        }
        emitTrap(in, eip, errorCode, emulator.action);
        if (emulator.interruptsEnabled) {
            cpu.setInterruptShadow(true);
            injectPending();
        }
        return o;
    }

    private static boolean isStringIo(Mnemonic m) {
        return m == Mnemonic.INSB || m == Mnemonic.INSW || m == Mnemonic.INSD || m == Mnemonic.OUTSB
                || m == Mnemonic.OUTSW || m == Mnemonic.OUTSD;
    }

    private String deviceName(int port) {
        var d = machine.io().deviceAt(port);
        return d == null ? "unclaimed" : d.name();
    }

    protected void emitTrap(Instruction in, int eip, int errorCode, String action) {
        vmmRoundTrip(eip);
        trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), Vector.GP, errorCode, linear(eip),
                guest.readBytes(linear(eip), in.length), text(in), TraceEvent.Handler.VMM, action));
        if (in.mnemonic == Mnemonic.CLI) {
            monitor.lastCliAt = linear(eip);
        }
    }

    /**
     * The guest (ring 1 or 3) entered the VMM (ring 0 of the host) and was resumed: the two ring
     * transitions of a trap the VMM handled itself, for the ring timeline.
     */
    protected void vmmRoundTrip(int eip) {
        int ring = cpu.cpl();
        trace.emit(new TraceEvent.RingTransition(cpu.instructions(), cpu.cycles(), ring, 0, TraceEvent.Cause.TRAP_TO_VMM,
                linear(eip)));
        trace.emit(new TraceEvent.RingTransition(cpu.instructions(), cpu.cycles(), 0, ring, TraceEvent.Cause.VMM_RESUME,
                linear(eip)));
    }

    /** Delivers an event into the guest through its own IDT, then makes the frame show the virtual flags. */
    protected void reflect(int vector, int errorCode, EventKind kind, int eip) {
        int gateType = rings.syncGate(v, vector);
        rings.syncStack(v);
        prefaultStack();
        boolean oldIf = v.interruptFlag;
        passThrough = true;
        try {
            cpu.deliver(vector, errorCode, kind, eip);
        } finally {
            passThrough = false;
        }
        int size = gateType == Descriptor.INTERRUPT_GATE16 || gateType == Descriptor.TRAP_GATE16 ? 2 : 4;
        int frame = cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP) + (errorCode >= 0 ? size : 0);
        int flagsAt = frame + 2 * size;
        int image = size == 4 ? guest.read32(flagsAt) : guest.read16(flagsAt);
        image = (image & ~(CpuState.IF | (3 << 12))) | (oldIf ? CpuState.IF : 0) | (v.iopl << 12);
        if (size == 4) {
            guest.write32(flagsAt, image);
        } else {
            guest.write16(flagsAt, image);
        }
        if (gateType == Descriptor.INTERRUPT_GATE32 || gateType == Descriptor.INTERRUPT_GATE16) {
            v.interruptFlag = false;
        }
        cpu.setEflags(cpu.eflags() | CpuState.IF);
        v.cpl = 0;
        v.halted = false;
        boolean external = kind == EventKind.EXTERNAL_INTERRUPT;
        counters.reflected(vector, external);
        if (!external) {
            trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), vector, errorCode, linear(eip),
                    new byte[0], Vector.name(vector), TraceEvent.Handler.GUEST,
                    "reflected through the guest's IDT gate " + vector));
        }
    }

    /** Shadows the stack the delivery will push onto, so that the push cannot take a hidden #PF. */
    private void prefaultStack() {
        if (cpu.cpl() == 3 && v.tr != 0) {
            int esp0 = guest.read32(v.trBase + 4);
            int ss0 = guest.read16(v.trBase + 8) & 0xFFF8;
            int base = 0;
            if (ss0 != 0 && ss0 + 7 <= (v.gdtrLimit & 0xFFFF)) {
                base = Descriptor.base(guest.read32(v.gdtrBase + ss0), guest.read32(v.gdtrBase + ss0 + 4));
            }
            shadow.prefault(base + esp0 - 32, 32);
        } else {
            shadow.prefault(cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP) - 32, 32);
        }
    }

    @Override
    public Action beforeInstruction(Cpu c, Instruction in) {
        if (cpu.cpl() != RingCompression.KERNEL_RING) {
            return Action.EXECUTE;
        }
        Mnemonic m = in.mnemonic;
        if ((m == Mnemonic.IRET || m == Mnemonic.IRETD) && options.observeIret()) {
            observeIret(in);
            return Action.EXECUTE;
        }
        if (!SensitiveMonitor.isSensitive(in)) {
            return Action.EXECUTE;
        }
        int at = linear(cpu.eip());
        counters.sensitive(at, m.text().toUpperCase());
        String consequence = SensitiveMonitor.consequence(in);
        if (m == Mnemonic.POPF || m == Mnemonic.POPFD) {
            int image = guest.read32(cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP));
            boolean wants = (image & CpuState.IF) != 0;
            if (wants != v.interruptFlag) {
                counters.add(Kind.IF_CHANGES_LOST);
                if (wants) {
                    monitor.lostIfAt = at;
                    monitor.lostIfText = m.text().toUpperCase();
                    monitor.lostIfInstructions = cpu.instructions();
                }
                trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), -1, -1, at,
                        guest.readBytes(at, in.length), text(in), TraceEvent.Handler.GUEST, consequence
                        + "; the image has IF=" + (wants ? 1 : 0) + ", the virtual IF stays " + (v.interruptFlag ? 1 : 0)));
                return Action.EXECUTE;
            }
        }
        if (tracedSensitive.add(at)) {
            trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), -1, -1, at, guest.readBytes(at, in.length),
                    text(in), TraceEvent.Handler.GUEST, "sensitive, not trapped: " + consequence));
        }
        return Action.EXECUTE;
    }

    /** IRET in the guest kernel: the virtual IF and IOPL become the image's (CPL 0 may change both). */
    private void observeIret(Instruction in) {
        int size = in.operandSize32 ? 4 : 2;
        int sp = cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP);
        int image = size == 4 ? guest.read32(sp + 2 * size) : guest.read16(sp + 2 * size);
        boolean newIf = (image & CpuState.IF) != 0;
        v.iopl = (image >> 12) & 3;
        if (newIf != v.interruptFlag) {
            v.interruptFlag = newIf;
            if (newIf) {
                injectPending();
            }
        }
    }

    @Override
    public void ringTransition(Cpu c, int from, int to, TraceEvent.Cause cause) {
        v.cpl = to == RingCompression.KERNEL_RING ? 0 : to;
        counters.cpuRingTransition(from, to, cause);
        observer.ringTransition(c, from, to, cause);
    }

    @Override
    public void delivered(Cpu c, int vector, int errorCode, EventKind kind) {
        observer.delivered(c, vector, errorCode, kind);
    }

    @Override
    public void afterIo(Cpu c, int port, int size, boolean write, int value) {
        observer.afterIo(c, port, size, write, value);
    }

    // ---- interrupts and stalls ---------------------------------------------------------------------------------

    protected void injectPending() {
        if (v.interruptFlag && v.hasPendingInterrupt() && !cpu.eventInjectionPending()) {
            cpu.injectEvent(v.takePendingInterrupt(), -1, EventKind.EXTERNAL_INTERRUPT);
            injecting = true;
            if (!v.hasPendingInterrupt()) {
                monitor.interruptsDelivered();
                stallWatch.cancel();
            }
        }
    }

    private void checkStall() {
        if (v.interruptFlag || !v.hasPendingInterrupt() || monitor.waitingSince < 0) {
            return;
        }
        long waited = cpu.cycles() - monitor.waitingSince;
        if (waited < stallCycles) {
            stallWatch.armAt(monitor.waitingSince + stallCycles);
            return;
        }
        if (monitor.stallReported) {
            return;
        }
        monitor.stallReported = true;
        counters.add(Kind.STALLS);
        String guilty;
        int at;
        if (monitor.lostIfAt != -1) {
            at = monitor.lostIfAt;
            guilty = String.format("%s at %08X tried to set IF and was ignored (CPL 1 > IOPL 0)", monitor.lostIfText, at);
        } else if (monitor.lastCliAt != -1) {
            at = monitor.lastCliAt;
            guilty = String.format("CLI at %08X cleared it and nothing set it again", at);
        } else {
            at = linear(cpu.eip());
            guilty = "the guest started with interrupts disabled";
        }
        long ms = waited * 1000 / machine.clock().hz();
        stallReport = String.format("guest stalled: virtual IF clear for %d ms while %d interrupt(s) wait; %s", ms,
                v.pendingCount(), guilty);
        byte[] bytes = guest.readBytes(at, 1);
        trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), -1, -1, at, bytes,
                monitor.lostIfAt != -1 ? monitor.lostIfText.toLowerCase() : "cli", TraceEvent.Handler.VMM, stallReport));
        switch (options.onStall()) {
            case STOP:
                stop("trap-and-emulate: " + stallReport);
                break;
            case RESCUE:
                v.interruptFlag = true;
                monitor.interruptsDelivered();
                trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), -1, -1, at, bytes,
                        monitor.lostIfAt != -1 ? monitor.lostIfText.toLowerCase() : "cli", TraceEvent.Handler.VMM,
                        "rescue: the VMM sets the virtual IF the guest meant to set and delivers the waiting interrupts"));
                injectPending();
                break;
            default:
                break;
        }
    }

    protected void stop(String reason) {
        stopReason = reason;
        machine.requestStop(reason);
    }

    /** Why the VMM stopped the last run, or null. */
    public String stopReason() {
        return stopReason;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    protected int linear(int eip) {
        return cpu.segment(SegmentRegister.CS).base + eip;
    }

    protected Instruction decodeAt(int eip) {
        byte[] b = guest.readBytes(linear(eip), Instruction.MAX_LENGTH);
        if (b.length == 0) {
            return null;
        }
        Instruction in = Decoder.decode(b, 0, cpu.code32());
        return in.status == Instruction.Status.OK ? in : null;
    }

    /** The instruction as text (mnemonic; the full disassembler replaces this when cpu.disasm lands). */
    protected static String text(Instruction in) {
        return in.mnemonic.text();
    }
}
