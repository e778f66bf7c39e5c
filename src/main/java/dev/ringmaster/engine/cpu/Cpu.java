package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.SegmentRegister.CS;
import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

import dev.ringmaster.engine.machine.InterruptController;
import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.PhysicalMemory;
import dev.ringmaster.engine.trace.TraceEvent;
import java.util.Arrays;

/**
 * The IA-32 processor: runs decoded blocks out of the {@link BlockCache}, delivers exceptions and
 * interrupts, and offers the segmented memory, stack and operand accesses the instruction families
 * ({@code AluOps}, {@code ShiftOps}, ... dispatched by {@link Executor}) are written against.
 *
 * <p>{@link #run} is the run loop: it returns a {@link StopReason}; guest faults never escape as
 * host exceptions — inside an instruction they travel as the preallocated {@link CpuFault} and are
 * delivered architecturally in one place ({@link #handleFault}), with the double-fault rules and
 * shutdown on a triple fault.
 *
 * <p>Single-threaded: only the thread that owns the machine may call any method.
 */
public final class Cpu extends CpuAccess {
    /** Processor signature returned in EDX at reset and by CPUID leaf 1 (family 6, model 7, stepping 3). */
    public static final int SIGNATURE = 0x0673;

    final IoBus io;
    final BlockCache blocks;
    InterruptController intc;
    CpuHooks hooks;
    /** Called before every port access reaches the bus (the machine brings its clock up to date). */
    Runnable ioTimeSync;
    /** The cycle count at which the current {@link #run} returns DEADLINE (lowered by {@link #lowerDeadline}). */
    private long cycleDeadline = Long.MAX_VALUE;

    /** EIP of the instruction after the executing one; branch handlers overwrite it. */
    int nextEip;
    /** Set when the running block must not continue (its code was written, a stop was requested). */
    boolean abortBlock;
    /** Number of events delivered (used to suppress the single-step trap after an INT n). */
    long deliveries;

    private final Decoder decoder = new Decoder();
    private final Instruction scratch = new Instruction();
    private final Decoder.CodeBytes linearFetch = this::fetchCodeByte;
    private int fetchBase;
    private final BlockFetch blockFetch = new BlockFetch();

    private boolean stopRequested;
    private String stopDetail = "";
    private boolean shutdown;
    private String shutdownReason = "";
    private int[] breakpoints = new int[0];
    /**
     * The linear address (unsigned) whose breakpoint the next instruction executed passes, or -1: set where
     * {@link #run} stopped at a breakpoint and by {@link #passBreakpointHere}; used up by the next instruction
     * executed, wherever it is.
     */
    private long passBreakpointAt = -1;
    /** An event a VMM asked to deliver at the next instruction boundary ({@link #injectEvent}). */
    private boolean injectPending;
    private int injectVector;
    private int injectError;
    private CpuHooks.EventKind injectKind;

    public Cpu(PhysicalMemory pm, IoBus io) {
        super(pm);
        this.io = io;
        this.mmu = new Mmu(this, pm);
        this.blocks = new BlockCache(this, pm, mmu);
        pm.setCodeWriteListener(blocks);
        reset();
    }

    // ---- configuration ---------------------------------------------------------------------------------

    public void setInterruptController(InterruptController c) {
        this.intc = c;
    }

    public void setHooks(CpuHooks h) {
        this.hooks = h;
    }

    /** Called before each port access reaches the bus: the machine advances its clock to {@link #cycles()}. */
    public void setIoTimeSync(Runnable r) {
        this.ioTimeSync = r;
    }

    public CpuHooks hooks() {
        return hooks;
    }

    public Mmu mmu() {
        return mmu;
    }

    public PhysicalMemory physicalMemory() {
        return pm;
    }

    public IoBus ioBus() {
        return io;
    }

    /** The breakpoint addresses (a copy, sorted). */
    public int[] breakpoints() {
        return breakpoints.clone();
    }

    /** Addresses (linear: CS base + EIP) where {@link #run} stops before executing. */
    public void setBreakpoints(int[] linearAddresses) {
        breakpoints = linearAddresses.clone();
        Arrays.sort(breakpoints);
    }

    /**
     * The next {@link #run} executes the instruction at CS:EIP even if a breakpoint is set on it — a debugger's
     * continue or step from where the CPU stands, however it got there ({@link #run} does this by itself when
     * it stops at a breakpoint). The pass is used up by the next instruction executed, wherever it is (an
     * interrupt delivered first takes it: the CPU stops at the breakpoint when the handler returns there).
     */
    public void passBreakpointHere() {
        passBreakpointAt = (seg[CS].base + eip) & 0xFFFFFFFFL;
    }

    /**
     * Power-on / RESET state (SDM vol. 3, table 9-1): real mode, CS:IP = F000:FFF0 with CS base
     * FFFF0000, EDX = processor signature.
     */
    public void reset() {
        Arrays.fill(r, 0);
        r[EDX] = SIGNATURE;
        eip = 0xFFF0;
        eflags = 2;
        lfOp = LF_NONE;
        for (int s = 0; s < 6; s++) {
            seg[s].set(0, 0, 0xFFFF, SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_RW
                    | SegmentRegister.A_ACCESSED, true);
        }
        seg[CS].set(0xF000, 0xFFFF0000, 0xFFFF, SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_CODE
                | SegmentRegister.A_RW | SegmentRegister.A_ACCESSED, true);
        ldtr.set(0, 0, 0xFFFF, SegmentRegister.A_P | Descriptor.LDT, true);
        tr.set(0, 0, 0xFFFF, SegmentRegister.A_P | Descriptor.TSS16_BUSY, true);
        gdtrBase = idtrBase = 0;
        gdtrLimit = idtrLimit = 0xFFFF;
        cr0 = 0x60000010;
        cr2 = cr3 = cr4 = 0;
        Arrays.fill(dr, 0);
        dr[6] = 0xFFFF0FF0;
        dr[7] = 0x400;
        cpl = 0;
        halted = false;
        interruptShadow = false;
        debugShadow = false;
        shutdown = false;
        shutdownReason = "";
        tscOffset = -cycles;
        sysenterCs = sysenterEsp = sysenterEip = 0;
        a20 = true;
        pendingError = -1;
        modeChanged();
        mmu.flushAll();
    }

    // ---- run loop ---------------------------------------------------------------------------------------

    /**
     * Executes until {@code maxInstructions} more instructions have retired, the cycle counter reaches
     * {@code cycleDeadline}, or something stops the CPU. Never throws for anything the guest does.
     */
    public StopReason run(long maxInstructions, long deadline) {
        this.cycleDeadline = deadline;
        long instrLimit = maxInstructions >= Long.MAX_VALUE - instructions ? Long.MAX_VALUE
                : instructions + maxInstructions;
        stopRequested = false;
        for (;;) {
            if (shutdown) {
                return StopReason.SHUTDOWN;
            }
            if (stopRequested) {
                return StopReason.STOP_REQUESTED;
            }
            if (instructions >= instrLimit) {
                return StopReason.INSTRUCTION_LIMIT;
            }
            if (cycles >= cycleDeadline) {
                return StopReason.DEADLINE;
            }
            try {
                if (injectPending && !interruptShadow) {
                    injectPending = false;
                    halted = false;
                    deliverInjected();
                    continue;
                }
                if (!interruptShadow && (eflags & IF) != 0 && intc != null && intc.intrPending()) {
                    halted = false;
                    int vector = intc.acknowledge() & 0xFF;
                    deliverExternal(vector);
                    continue;
                }
                if (halted) {
                    return (eflags & IF) != 0 ? StopReason.HALTED : StopReason.HALTED_FOREVER;
                }
                if (breakpoints.length > 0) {
                    long at = (seg[CS].base + eip) & 0xFFFFFFFFL;
                    if (at != passBreakpointAt && Arrays.binarySearch(breakpoints, (int) at) >= 0) {
                        passBreakpointAt = at; // the next run executes it
                        return StopReason.BREAKPOINT;
                    }
                    passBreakpointAt = -1;
                    stepTraced();
                } else {
                    passBreakpointAt = -1; // used up here too: a pass must not outlive the instruction it was for
                    if (interruptShadow || (eflags & TF) != 0) {
                        stepTraced();
                    } else {
                        runBlocks(instrLimit);
                    }
                }
            } catch (CpuFault f) {
                handleFault();
            } catch (StopSignal s) {
                return StopReason.STOP_REQUESTED;
            }
        }
    }

    /**
     * Brings the current {@link #run}'s cycle deadline forward to {@code deadline} (a device armed a
     * timer during an I/O access): the CPU returns {@link StopReason#DEADLINE} once it is reached,
     * at the latest after the current instruction when it already has been.
     */
    public void lowerDeadline(long deadline) {
        if (deadline < cycleDeadline) {
            cycleDeadline = deadline;
            abortBlock = true;
        }
    }

    /**
     * Event injection for a VMM (like VT-x's VM-entry interruption information): {@code vector} is
     * delivered through {@link #deliver} (hooks first) at the next instruction boundary that is not in an
     * interrupt shadow, whatever EFLAGS.IF says, waking a halted CPU; a fault raised by the delivery is
     * handled as the architecture says. A second call before delivery replaces the first.
     */
    public void injectEvent(int vector, int errorCode, CpuHooks.EventKind kind) {
        injectPending = true;
        injectVector = vector;
        injectError = errorCode;
        injectKind = kind;
        abortBlock = true;
    }

    /** True while an {@link #injectEvent} waits for delivery. */
    public boolean eventInjectionPending() {
        return injectPending;
    }

    private void deliverInjected() {
        try {
            deliver(injectVector, injectError, injectKind, eip);
        } catch (CpuFault f) {
            handleFault();
        }
    }

    /** Stops {@link #run} after the current instruction (or before the next one). */
    public void requestStop(String detail) {
        stopRequested = true;
        abortBlock = true;
        stopDetail = detail == null ? "" : detail;
    }

    public String stopDetail() {
        return stopDetail;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    public String shutdownReason() {
        return shutdownReason;
    }

    /**
     * Runs decoded blocks back to back until something needs the outer loop: the budget or deadline,
     * a possible interrupt, TF, an interrupt shadow, HLT, a stop request, or a block that could not
     * run whole. A block that ran to its end remembers its successor ({@link Block#link}), so that the
     * next time the successor is found without a TLB and cache lookup — only while that lookup would
     * give the same block (see {@link Block#linked}).
     */
    private void runBlocks(long instrLimit) {
        Block prev = null;
        for (;;) {
            SegmentRegister cs = seg[CS];
            int lin = cs.base + eip;
            Block b = prev == null ? null : prev.linked(lin, mmu.epoch);
            if (b == null || !b.valid || b.code32 != ((cs.attributes & SegmentRegister.A_DB) != 0)
                    || !withinLimit(b, cs)) {
                b = currentBlock(cs, lin);
                if (b == null) {
                    stepOne();
                    return;
                }
                if (prev != null) {
                    prev.link(lin, mmu.epoch, b);
                }
            }
            long room = Math.min(instrLimit - instructions, cycleDeadline - cycles);
            int count = b.count;
            int n = count <= room ? count : (int) room;
            Instruction[] insns = b.insns;
            abortBlock = false;
            int k = 0;
            try {
                while (k < n) {
                    Instruction in = insns[k];
                    nextEip = eip + in.length;
                    Executor.execute(this, in);
                    eip = nextEip;
                    instructions++;
                    k++;
                    cycles += in.cost;
                    if (abortBlock || cycles >= cycleDeadline) {
                        return; // exact: the first instruction boundary at or past the deadline, however the run is sliced
                    }
                }
            } finally {
                // per-class counts, also when an instruction faults: the ones before it retired
                if (k == count) {
                    b.runs++;
                } else {
                    b.countPartial(classCounts, k);
                }
            }
            if (n < count || instructions >= instrLimit || halted || interruptShadow || (eflags & TF) != 0
                    || stopRequested) {
                return;
            }
            if ((eflags & IF) != 0 && intc != null && intc.intrPending()) {
                return;
            }
            prev = b;
        }
    }

    /** The whole block lies within the CS limit (without wrapping) when it starts at EIP. */
    private boolean withinLimit(Block b, SegmentRegister cs) {
        int last = eip + b.bytes - 1;
        return Integer.compareUnsigned(last, cs.limit) <= 0 && Integer.compareUnsigned(last, eip) >= 0;
    }

    /**
     * The block at CS:EIP ({@code lin} = CS base + EIP), decoding it when needed; null when the
     * instruction there must be stepped alone.
     */
    private Block currentBlock(SegmentRegister cs, int lin) {
        int pa = mmu.fetchTranslate(lin);
        boolean code32 = (cs.attributes & SegmentRegister.A_DB) != 0;
        Block b = blocks.lookup(pa, code32);
        if (b == null) {
            if (Integer.compareUnsigned(eip, cs.limit) > 0) {
                throw fault(Vector.GP, 0);
            }
            b = buildBlock(pa, code32, cs.limit);
            if (b == null) {
                return null;
            }
        }
        if (!withinLimit(b, cs)) {
            if (Integer.compareUnsigned(eip, cs.limit) > 0) {
                throw fault(Vector.GP, 0);
            }
            return null; // the block would run past the CS limit: step until the fault
        }
        return b;
    }

    private final class BlockFetch implements Decoder.CodeBytes {
        int pa;
        int room;

        @Override
        public int byteAt(int index) {
            return index < room ? pm.read8(pa + index) : -1;
        }
    }

    private Block buildBlock(int pa, boolean code32, int csLimit) {
        if (pm.offset(pa >>> 12) == PhysicalMemory.NOT_MEMORY) {
            return null; // executing from MMIO or nothing: no caching
        }
        Instruction[] tmp = new Instruction[BlockCache.MAX_INSNS];
        int count = 0;
        int used = 0;
        int pageRoom = 0x1000 - (pa & 0xFFF);
        long limitRoom = (csLimit & 0xFFFFFFFFL) - (eip & 0xFFFFFFFFL) + 1;
        while (count < BlockCache.MAX_INSNS && used < pageRoom) {
            blockFetch.pa = pa + used;
            blockFetch.room = (int) Math.min(pageRoom - used, limitRoom - used);
            Instruction in = new Instruction();
            decoder.decode(blockFetch, code32, in);
            if (in.status == Instruction.Status.TRUNCATED) {
                break;
            }
            tmp[count++] = in;
            used += in.length;
            if (in.status != Instruction.Status.OK || in.entry.has(OpcodeEntry.END_BLOCK) || endsBlock(in)) {
                break;
            }
        }
        if (count == 0) {
            return null;
        }
        Block b = new Block(pa, code32, Arrays.copyOf(tmp, count), count, used);
        blocks.insert(b);
        return b;
    }

    /** Instructions that end a block only in some forms (MOV SS). */
    private static boolean endsBlock(Instruction in) {
        return in.entry.exec == Exec.MOV_TO_SEG && in.reg == SS;
    }

    /** Decodes the instruction at CS:EIP through the linear fetch path (with its faults) and executes it. */
    private void stepOne() {
        fetchBase = eip;
        decoder.decode(linearFetch, code32(), scratch);
        nextEip = eip + scratch.length;
        Executor.execute(this, scratch);
        eip = nextEip;
        instructions++;
        classCounts[scratch.iclass]++;
        cycles += scratch.cost;
    }

    /** One instruction with the interrupt shadow and single-step (TF) rules. */
    private void stepTraced() {
        interruptShadow = false;
        debugShadow = false;
        boolean tf = (eflags & TF) != 0;
        long before = deliveries;
        stepOne();
        if (tf && deliveries == before && !debugShadow) {
            dr[6] |= 0x4000; // BS: single step
            deliver(Vector.DB, -1, CpuHooks.EventKind.EXCEPTION, eip);
        }
    }

    private int fetchCodeByte(int index) {
        int off = fetchBase + index;
        SegmentRegister cs = seg[CS];
        if (Integer.compareUnsigned(off, cs.limit) > 0) {
            throw fault(Vector.GP, 0);
        }
        return mmu.read8(cs.base + off);
    }

    /** The exception being raised (valid while a {@link CpuFault} travels). */
    public int pendingVector() {
        return pendingVector;
    }

    public int pendingErrorCode() {
        return pendingError;
    }

    /** Delivers the pending fault, escalating to #DF and to shutdown as SDM table 6-5 says. */
    private void handleFault() {
        int vector = pendingVector;
        int error = pendingError;
        for (;;) {
            try {
                deliver(vector, error, CpuHooks.EventKind.EXCEPTION, eip);
                return;
            } catch (CpuFault f) {
                int second = pendingVector;
                if (vector == Vector.DF) {
                    enterShutdown("triple fault: " + Vector.name(second) + " while delivering #DF");
                    return;
                }
                boolean escalate = (Vector.isContributory(vector) && Vector.isContributory(second))
                        || (vector == Vector.PF && (second == Vector.PF || Vector.isContributory(second)));
                if (escalate) {
                    vector = Vector.DF;
                    error = 0;
                } else {
                    vector = second;
                    error = pendingError;
                }
            }
        }
    }

    void enterShutdown(String reason) {
        shutdown = true;
        shutdownReason = reason;
        halted = false;
    }

    private void deliverExternal(int vector) {
        try {
            deliver(vector, -1, CpuHooks.EventKind.EXTERNAL_INTERRUPT, eip);
        } catch (CpuFault f) {
            handleFault();
        }
    }

    /**
     * Delivers event {@code vector} through the IDT (protected mode) or the IVT (real mode) as the
     * SDM says, pushing {@code returnEip}; the hook may take it first. Raises (throws) the fault a
     * failed delivery causes. The VMM uses this to reflect events into the guest.
     */
    public void deliver(int vector, int errorCode, CpuHooks.EventKind kind, int returnEip) {
        if (hooks != null && hooks.beforeDelivery(this, vector, errorCode, kind, returnEip)) {
            return;
        }
        int fromCpl = cpl;
        Interrupts.deliver(this, vector, errorCode, kind, returnEip);
        deliveries++;
        halted = false;
        if (hooks != null) {
            if (cpl != fromCpl) {
                TraceEvent.Cause cause = kind == CpuHooks.EventKind.EXTERNAL_INTERRUPT || kind == CpuHooks.EventKind.NMI
                        ? TraceEvent.Cause.INTERRUPT
                        : kind == CpuHooks.EventKind.SOFTWARE_INTERRUPT ? TraceEvent.Cause.SYSCALL
                        : TraceEvent.Cause.EXCEPTION;
                hooks.ringTransition(this, fromCpl, cpl, cause);
            }
            hooks.delivered(this, vector, errorCode, kind);
        }
    }

    /** Aborts the current instruction without retiring it and stops the run loop (hooks' STOP). */
    static final class StopSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final StopSignal INSTANCE = new StopSignal();

        private StopSignal() {
            super("stop", null, false, false);
        }
    }

    // ---- mode changes ------------------------------------------------------------------------------------

    /** Recomputes everything derived from CR0/CR4/CPL (segment fast paths, MMU mode). */
    void modeChanged() {
        boolean real = (cr0 & CR0_PE) == 0;
        for (SegmentRegister s : seg) {
            s.refresh(real);
        }
        mmu.setUser(cpl == 3);
        mmu.paging = (cr0 & CR0_PG) != 0;
        mmu.wp = (cr0 & CR0_WP) != 0;
        mmu.pse = (cr4 & CR4_PSE) != 0;
        mmu.pge = (cr4 & CR4_PGE) != 0;
        mmu.cr3 = cr3;
        mmu.a20Mask = a20 ? -1 : ~(1 << 20);
    }

    void setCpl(int newCpl) {
        cpl = newCpl;
        mmu.setUser(newCpl == 3);
    }

    /** Writes CR0 with the side effects of MOV CR0 (TLB flush on PG/WP/PE changes). */
    void writeCr0(int v) {
        int old = cr0;
        cr0 = v | CR0_ET;
        if (((old ^ cr0) & (CR0_PG | CR0_WP | CR0_PE)) != 0) {
            mmu.flushAll();
        }
        modeChanged();
    }

    void writeCr3(int v) {
        cr3 = v;
        mmu.cr3 = v;
        mmu.flushNonGlobal();
    }

    void writeCr4(int v) {
        int old = cr4;
        cr4 = v;
        if (((old ^ v) & (CR4_PSE | CR4_PGE)) != 0) {
            mmu.flushAll();
        }
        modeChanged();
    }

    /** Sets the A20 gate (the platform's port 0x92 / keyboard controller). */
    public void setA20(boolean enabled) {
        if (a20 != enabled) {
            a20 = enabled;
            mmu.flushAll();
            modeChanged();
        }
    }

    // ---- public state access for the VMM, debugger and tests ----------------------------------------------------

    /** Full EFLAGS. */
    public int eflags() {
        return getEflags();
    }

    /** Sets EFLAGS directly (no privilege rules; debugger, loaders, VMM). */
    public void setEflags(int v) {
        setEflagsMasked(v, IMPLEMENTED);
    }

    public int nextEip() {
        return nextEip;
    }

    /** For hooks: where execution continues after the current instruction. */
    public void setNextEip(int v) {
        nextEip = v;
    }

    /** Loads a segment register as MOV Sreg would in the current mode (with all checks). */
    public void loadSegment(int s, int selector) {
        Protection.loadDataSegment(this, s, selector);
    }

    /** Sets CR0, CR3, CR4 directly with their side effects (loaders, VMM). */
    public void setControlRegisters(int cr0v, int cr3v, int cr4v) {
        cr4 = cr4v;
        cr3 = cr3v;
        writeCr0(cr0v);
        writeCr3(cr3v);
        writeCr4(cr4v);
    }

    public void setCr2(int v) {
        cr2 = v;
    }

    /** Sets CPL directly (loaders and the VMM; CS/SS must agree). */
    public void setCplDirect(int c) {
        setCpl(c & 3);
    }

    /** Recomputes cached derived state after a segment register was changed directly. */
    public void segmentsChanged() {
        modeChanged();
    }

    public void setHalted(boolean h) {
        halted = h;
    }

    /** Sets the one-instruction interrupt shadow (a VMM emulating STI or MOV SS). */
    public void setInterruptShadow(boolean s) {
        interruptShadow = s;
    }

    /** True when {@code insn} is one of those {@link CpuHooks#beforeInstruction} is asked about. */
    public static boolean isHookedInstruction(Instruction insn) {
        return Executor.isHooked(insn);
    }

    /** Writes the complete CPU state (see {@link CpuSnapshot}). */
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        CpuSnapshot.save(this, out);
    }

    /** Restores a state written by {@link #saveState}; flushes the TLB and the decoded-block cache. */
    public void loadState(java.io.DataInput in) throws java.io.IOException {
        CpuSnapshot.load(this, in);
    }

    void restoreShutdown(boolean down, String reason) {
        shutdown = down;
        shutdownReason = reason;
    }

    /** Discards all decoded instructions (after a snapshot restore). */
    public void flushDecodedCode() {
        blocks.flush();
    }

    /**
     * Instructions retired since power-on per {@link InstructionClass} (a copy; index = ordinal). The
     * sum equals {@link #instructions()}; an instruction that faults does not retire and is not
     * counted. A REP string instruction counts once, in {@link InstructionClass#STRING_ITERATION}
     * (its iterations: {@link #stringIterations()}). Costs O(decoded blocks): call it per run slice,
     * not per instruction.
     */
    public long[] retiredByClass() {
        long[] c = classCounts.clone();
        blocks.addLiveRuns(c);
        return c;
    }

    /**
     * What the cost model charges per instruction class: {@link #retiredByClass()} with the
     * {@link InstructionClass#STRING_ITERATION} entry replaced by {@link #stringIterations()}
     * (one event per iteration, as {@code CostEvent.INSN_STRING_ITERATION} says).
     */
    public long[] costEventCounts() {
        long[] c = retiredByClass();
        c[InstructionClass.STRING_ITERATION.ordinal()] = stringIterations;
        return c;
    }

    /** Restores the per-class counters (snapshot load; after the decoded blocks were discarded). */
    void restoreClassCounts(long[] byClass) {
        blocks.flush();
        System.arraycopy(byClass, 0, classCounts, 0, classCounts.length);
    }

    /** Blocks built and discarded since power-on (statistics). */
    public long blocksBuilt() {
        return blocks.blocksBuilt;
    }

    public long blocksInvalidated() {
        return blocks.blocksInvalidated;
    }
}
