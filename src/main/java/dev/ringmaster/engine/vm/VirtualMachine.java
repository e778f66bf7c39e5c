package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuHooks;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vm.VmState.Kind;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.trap.TrapOptions;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.TraceSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One virtual machine: a thread that owns one {@link Machine} (DESIGN §1). Everything else talks to
 * it through {@link #submit} (commands queued and executed in order on that thread, each answered
 * with an immutable {@link VmResult}) and reads what it publishes in {@link #outputs()} — never the
 * live machine. A guest that triple-faults, or an engine error, ends in {@link Kind#CRASHED} with the
 * reason; the thread lives on (the VM can be reset, restored or forced off) and other VMs are not
 * affected.
 *
 * <p>The thread runs the machine in slices (at most {@link #SLICE_INSTRUCTIONS} instructions; when
 * paced, at most 10 ms of virtual time) and looks at its queue between slices, so a pause is answered
 * within one slice. Virtual time comes from simulated cycles only: the same image and input give the
 * same instruction count at every output byte however the run is sliced, paced or paused.
 */
public final class VirtualMachine implements AutoCloseable {
    /** Longest slice of execution between two looks at the command queue. */
    public static final long SLICE_INSTRUCTIONS = 2_000_000;
    /** The longest virtual time one step command may take, in nanoseconds. */
    static final long STEP_LIMIT_NANOS = 1_000_000_000L;
    /** Wall-clock time a slice should take while the host CPU budget is limited (rests come between slices). */
    static final long BUDGETED_SLICE_NANOS = 10_000_000;
    /** How long a VM waits for its turn to run a slice before it looks at its queue again. */
    static final long ENTER_WAIT_NANOS = 20_000_000;
    /** The shortest slice while the budget is limited. */
    static final long MIN_BUDGETED_SLICE = 10_000;
    /** Virtual time per slice when paced, in nanoseconds. */
    static final long PACED_SLICE_NANOS = 10_000_000;

    private record Pending(VmCommand command, CompletableFuture<VmResult> answer) {
    }

    private static final VmCommand CLOSE = new VmCommand.ForceOff();
    /** The device name of {@link TraceEvent.Io} events for ports no device claims. */
    public static final String UNMAPPED = "(no device)";

    private final VmConfig config;
    private final VmOutputs outputs = new VmOutputs();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** This VM's share of the host's processors (see {@link HostCpuBudget}). */
    private final HostCpuBudget.Account cpuAccount;

    // ---- owned by the VM thread ----
    private Machine machine;
    private TechniqueRunner runner;
    private VmState state = VmState.of(Kind.DEFINED, "");
    private Speed speed = Speed.FULL;
    private Pending runUntil;
    /** The user's breakpoints (linear addresses), kept across resets and restores. */
    private final java.util.TreeSet<Integer> userBreakpoints = new java.util.TreeSet<>(Integer::compareUnsigned);
    /** The run-until address, or null. */
    private Integer untilAddress;
    private Pending stash;
    private long untilInstructions = -1;
    private byte[] untilText;
    private int untilMatched;
    private boolean idle;
    private String currentSnapshotId;
    private final ByteArrayOutputStream serialChunk = new ByteArrayOutputStream();
    private long serialBytes;
    private long screenGeneration = -1;
    private long paceWallAnchor;
    private long paceVirtualAnchor;
    /** Instructions per slice while the host CPU budget is limited: about {@link #BUDGETED_SLICE_NANOS} of wall time. */
    private long budgetedSlice = MIN_BUDGETED_SLICE;
    /** This thread's CPU time at the end of the last slice (published with the counters; charged to the budget). */
    private long sliceEndCpuNanos = -1;

    public VirtualMachine(VmConfig config) {
        if (!TechniqueFactory.isAvailable(config.technique())) {
            throw new IllegalArgumentException("technique " + config.technique().id() + " ("
                    + config.technique().displayName() + ") is not implemented yet");
        }
        this.config = config;
        this.cpuAccount = HostCpuBudget.shared().open();
        this.thread = new Thread(this::loop, "vm-" + config.id());
        thread.setDaemon(true);
        // Below the UI: four VMs at full speed on a two-core host must not starve the window's pulse. (The JVM
        // applies Java priorities on Linux only with -XX:ThreadPriorityPolicy=1; elsewhere this is a hint.)
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    public VmConfig config() {
        return config;
    }

    /** What the VM publishes; safe to read from any thread. */
    public VmOutputs outputs() {
        return outputs;
    }

    /** The state the VM last published. */
    public VmState state() {
        return outputs.state();
    }

    /** Queues {@code command}; the future completes on the VM thread with its result. Never blocks. */
    public CompletableFuture<VmResult> submit(VmCommand command) {
        CompletableFuture<VmResult> f = new CompletableFuture<>();
        if (closing) {
            f.complete(new VmResult.NotAllowed(outputs.state(), "the VM is closed"));
            return f;
        }
        queue.add(new Pending(command, f));
        return f;
    }

    /** Forces the VM off and ends its thread (waits up to 5 s for it). */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            queue.add(new Pending(CLOSE, new CompletableFuture<>()));
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the VM thread ------------------------------------------------------------------------------------

    private void loop() {
        try {
            serve();
        } finally {
            cpuAccount.close();
        }
    }

    private void serve() {
        for (;;) {
            try {
                Pending p;
                if (stash != null) {
                    p = stash;
                    stash = null;
                } else if (state.is(Kind.RUNNING) && !idle) {
                    p = queue.poll();
                } else {
                    p = queue.take();
                }
                if (p != null) {
                    if (p.command() == CLOSE) {
                        forceOff("VM closed");
                        p.answer().complete(new VmResult.Done(state, "closed"));
                        drainClosed();
                        return;
                    }
                    handle(p);
                    continue; // drain every queued command before the next slice
                }
                if (!cpuAccount.enter(ENTER_WAIT_NANOS)) {
                    stash = queue.poll(); // other VMs' slices fill the budget: answer commands meanwhile
                    continue;
                }
                try {
                    runSlice();
                } finally {
                    cpuAccount.leave();
                }
                pace();
                rest();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                crash("host error: " + e);
            }
        }
    }

    private void drainClosed() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.answer().complete(new VmResult.NotAllowed(state, "the VM is closed"));
        }
    }

    private void handle(Pending p) {
        VmResult r;
        try {
            r = execute(p.command(), p);
        } catch (RuntimeException | Error e) {
            crash("host error in " + p.command().getClass().getSimpleName() + ": " + e);
            r = new VmResult.Failed(state, "host error: " + e);
        }
        if (r != null) {
            p.answer().complete(r);
        }
    }

    /** Executes one command; null when the answer comes later (run until). */
    private VmResult execute(VmCommand c, Pending p) {
        Kind k = state.kind();
        if (c instanceof VmCommand.Start) {
            if (k != Kind.DEFINED && k != Kind.SHUTOFF) {
                return notAllowed("start", "it is " + k);
            }
            String err = powerOn();
            if (err != null) {
                return new VmResult.Failed(state, err);
            }
            setState(Kind.RUNNING, "started");
            return new VmResult.Done(state, "started");
        } else if (c instanceof VmCommand.Pause) {
            if (k != Kind.RUNNING) {
                return notAllowed("pause", "it is " + k);
            }
            setState(Kind.PAUSED, "paused by the user");
            finishRunUntil(null);
            return new VmResult.Done(state, "paused");
        } else if (c instanceof VmCommand.Resume) {
            if (k != Kind.PAUSED) {
                return notAllowed("resume", "it is " + k);
            }
            machine.cpu().passBreakpointHere(); // continue: a breakpoint where it stands does not stop it again
            setState(Kind.RUNNING, "resumed");
            return new VmResult.Done(state, "resumed");
        } else if (c instanceof VmCommand.Step s) {
            if (k != Kind.PAUSED) {
                return notAllowed("step", "only a paused VM steps; it is " + k);
            }
            machine.cpu().passBreakpointHere(); // a step executes the instruction where it stands
            // at most a virtual second: a guest that cannot retire an instruction (halted, its VMM holding
            // back the interrupts that would wake it) ends the step with TIME_LIMIT instead of never
            RunResult rr = runner.run(s.count(), machine.cpu().cycles() + machine.clock().cyclesForNanos(STEP_LIMIT_NANOS));
            publish();
            afterRun(rr, true);
            publish();
            return new VmResult.Stopped(state, rr);
        } else if (c instanceof VmCommand.RunUntil u) {
            if (k == Kind.DEFINED) {
                String err = powerOn(); // power on and run until: nothing can happen before the condition is armed
                if (err != null) {
                    return new VmResult.Failed(state, err);
                }
            } else if (k != Kind.RUNNING && k != Kind.PAUSED) {
                return notAllowed("run until", "it is " + k);
            }
            finishRunUntil(null);
            armCondition(u.condition(), p);
            if (k == Kind.PAUSED) {
                machine.cpu().passBreakpointHere(); // a continue, as Resume
            }
            setState(Kind.RUNNING, "running until " + describe(u.condition()));
            return null;
        } else if (c instanceof VmCommand.Reset) {
            if (k == Kind.DEFINED || k == Kind.SHUTOFF) {
                return notAllowed("reset", "it is " + k + "; start it instead");
            }
            finishRunUntil(null);
            String err = powerOn();
            if (err != null) {
                return new VmResult.Failed(state, err);
            }
            setState(Kind.RUNNING, "reset");
            return new VmResult.Done(state, "reset");
        } else if (c instanceof VmCommand.ForceOff) {
            if (k == Kind.DEFINED || k == Kind.SHUTOFF) {
                return notAllowed("force off", "it is " + k);
            }
            forceOff("forced off");
            return new VmResult.Done(state, "forced off");
        } else if (c instanceof VmCommand.SendKey key) {
            if (k != Kind.RUNNING && k != Kind.PAUSED) {
                return notAllowed("send a key", "it is " + k);
            }
            if (key.pressed()) {
                machine.devices().keyboardController().press(key.key());
            } else {
                machine.devices().keyboardController().release(key.key());
            }
            idle = false;
            return new VmResult.Done(state, key.key() + (key.pressed() ? " down" : " up"));
        } else if (c instanceof VmCommand.TypeSerial t) {
            if (k != Kind.RUNNING && k != Kind.PAUSED) {
                return notAllowed("type into the serial port", "it is " + k);
            }
            machine.devices().com1().typeInput(t.bytes());
            idle = false;
            return new VmResult.Done(state, t.bytes().length + " bytes queued for COM1");
        } else if (c instanceof VmCommand.SetSpeed sp) {
            speed = sp.speed();
            anchorPacing();
            return new VmResult.Done(state, "speed " + sp.speed());
        } else if (c instanceof VmCommand.TakeSnapshot t) {
            if (k != Kind.RUNNING && k != Kind.PAUSED) {
                return notAllowed("take a snapshot", "it is " + k);
            }
            if (!TechniqueFactory.canRestore(config.technique())) {
                return notAllowed("take a snapshot", "snapshots do not hold " + config.technique().displayName()
                        + " state yet");
            }
            return takeSnapshot(t);
        } else if (c instanceof VmCommand.RestoreSnapshot rs) {
            return restoreSnapshot(rs);
        } else if (c instanceof VmCommand.SetBreakpoint b) {
            boolean changed = b.enabled() ? userBreakpoints.add(b.linearAddress())
                    : userBreakpoints.remove(b.linearAddress());
            if (machine != null) {
                applyBreakpoints();
            }
            publishBreakpoints();
            return new VmResult.Done(state, String.format("breakpoint at %08X %s%s", b.linearAddress(),
                    b.enabled() ? "set" : "cleared", changed ? "" : " (it already was)"));
        } else if (c instanceof VmCommand.ReadMemory rm) {
            if (machine == null) {
                return notAllowed("read memory", "it is " + k + " (no machine yet)");
            }
            return new VmResult.MemoryRead(state, rm.linearAddress(), readLinear(rm.linearAddress(), rm.length()));
        } else if (c instanceof VmCommand.ReadTranslations rt) {
            if (machine == null) {
                return notAllowed("read the translation cache", "it is " + k + " (no machine yet)");
            }
            if (!(runner instanceof dev.ringmaster.engine.vmm.bt.BinaryTranslation bt)) {
                return notAllowed("read the translation cache", "it runs " + config.technique().displayName()
                        + ", not binary translation");
            }
            return new VmResult.Translations(state, bt.view(rt.maxBlocks()));
        }
        throw new IllegalStateException("unknown command " + c);
    }

    /** The CPU stops at the user's breakpoints and at a pending run-until address. */
    private void applyBreakpoints() {
        int n = userBreakpoints.size() + (untilAddress == null ? 0 : 1);
        int[] all = new int[n];
        int i = 0;
        for (int a : userBreakpoints) {
            all[i++] = a;
        }
        if (untilAddress != null) {
            all[i] = untilAddress;
        }
        runner.setBreakpoints(all);
    }

    private void publishBreakpoints() {
        outputs.publishBreakpoints(java.util.List.copyOf(userBreakpoints));
    }

    /**
     * Guest linear memory as the CPU would fetch it now, read without side effects (a page walk
     * without A/D updates, no fault, no MMIO access): -1 for a byte that is not mapped (or is device
     * memory).
     */
    private int[] readLinear(int linear, int length) {
        var cpu = machine.cpu();
        var pm = cpu.physicalMemory();
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            int pa = cpu.mmu().probe(linear + i);
            out[i] = pa == -1 || pm.offset(pa >>> 12) < 0 ? -1 : pm.read8(pa);
        }
        return out;
    }

    private VmResult notAllowed(String what, String why) {
        return new VmResult.NotAllowed(state, "cannot " + what + ": " + why);
    }

    /** Builds and boots a fresh machine; returns an error message or null. */
    private String powerOn() {
        Machine m;
        try {
            m = build();
        } catch (BootSpec.BootException e) {
            return e.getMessage();
        }
        try {
            install(m, newRunner(m, null));
        } catch (IOException e) {
            return e.getMessage(); // a fresh runner reads nothing
        }
        currentSnapshotId = null;
        return null;
    }

    private Machine build() throws BootSpec.BootException {
        Machine m = new Machine(config.memoryMiB() << 20);
        config.boot().load(m);
        return m;
    }

    /**
     * The trace hooks on {@code m}'s CPU, then the technique's runner (after them: a VMM takes the hook slot
     * and passes what it does not handle on to them), fresh or continuing from a snapshot's {@code state}.
     */
    private TechniqueRunner newRunner(Machine m, SnapshotFile.TechniqueState state) throws IOException {
        m.cpu().setHooks(new TraceHooks());
        TraceSink sink = TraceSink.of(outputs.events());
        if (state == null || state.state() == null) {
            return TechniqueFactory.create(config.technique(), m, sink);
        }
        return TechniqueFactory.restore(config.technique(), m, sink, TrapOptions.DEFAULT, CostPresets.modern(),
                state.stream());
    }

    /** Makes {@code m} this VM's machine: output wiring, trace hooks, its runner, fresh published values. */
    private void install(Machine m, TechniqueRunner r) {
        machine = m;
        idle = false;
        serialChunk.reset();
        untilMatched = 0;
        screenGeneration = -1;
        m.devices().com1().setSink(this::serialByte);
        // an access to a port no device claims: reads float to 0xFF (the bus does that); traced here
        m.io().setUnmappedListener((port, size, write, value) -> emit(new TraceEvent.Io(m.cpu().instructions(),
                m.cpu().cycles(), port, size, value, write, UNMAPPED)));
        runner = r;
        applyBreakpoints();
        anchorPacing();
        publish();
    }

    private void serialByte(int b) {
        serialChunk.write(b);
        serialBytes++;
        if (untilText != null) {
            // incremental match (naive fallback on mismatch is fine for short prompts)
            while (true) {
                if (untilText[untilMatched] == (byte) b) {
                    untilMatched++;
                    break;
                }
                if (untilMatched == 0) {
                    break;
                }
                untilMatched = restartMatch(untilMatched, b);
                if (untilMatched < 0) {
                    untilMatched = 0;
                    break;
                }
            }
            if (untilMatched == untilText.length) {
                untilMatched = 0;
                machine.requestStop("serial output reached \"" + new String(untilText, StandardCharsets.ISO_8859_1) + "\"");
            }
        }
    }

    /** Longest proper border of the matched prefix that can continue with {@code b}: a tiny KMP step. */
    private int restartMatch(int matched, int b) {
        for (int len = matched - 1; len > 0; len--) {
            boolean border = true;
            for (int i = 0; i < len; i++) {
                if (untilText[i] != untilText[matched - len + i]) {
                    border = false;
                    break;
                }
            }
            if (border) {
                if (untilText[len] == (byte) b) {
                    return len + 1;
                }
            }
        }
        return untilText[0] == (byte) b ? 1 : -1;
    }

    private void armCondition(RunCondition cond, Pending p) {
        runUntil = p;
        if (cond instanceof RunCondition.AtAddress a) {
            untilAddress = a.linearAddress();
            applyBreakpoints();
            var cpu = machine.cpu();
            // "until EIP reaches X" from X itself means: once it comes back, as a debugger's continue
            if (cpu.segment(dev.ringmaster.engine.cpu.SegmentRegister.CS).base + cpu.eip() == a.linearAddress()) {
                cpu.passBreakpointHere();
            }
        } else if (cond instanceof RunCondition.AfterInstructions n) {
            untilInstructions = machine.cpu().instructions() + n.count();
        } else if (cond instanceof RunCondition.SerialContains s) {
            untilText = s.text().getBytes(StandardCharsets.ISO_8859_1);
            untilMatched = 0;
            if (untilText.length == 0) {
                untilText = null;
                untilInstructions = machine.cpu().instructions(); // reached at once
            }
        }
    }

    private static String describe(RunCondition c) {
        if (c instanceof RunCondition.AtAddress a) {
            return String.format("EIP reaches %08X", a.linearAddress());
        } else if (c instanceof RunCondition.AfterInstructions n) {
            return n.count() + " more instructions";
        }
        return "serial output contains \"" + ((RunCondition.SerialContains) c).text() + "\"";
    }

    /** Completes a pending run-until with the given run result (or as interrupted) and clears the condition. */
    private void finishRunUntil(RunResult rr) {
        untilAddress = null;
        if (machine != null) {
            applyBreakpoints();
        }
        untilInstructions = -1;
        untilText = null;
        if (runUntil != null) {
            Pending p = runUntil;
            runUntil = null;
            RunResult r = rr != null ? rr : machine == null ? new RunResult(RunResult.Kind.STOPPED, state.reason(), 0, 0, 0)
                    : new RunResult(RunResult.Kind.STOPPED, state.reason(), 0, machine.cpu().instructions(),
                            machine.cpu().cycles());
            p.answer().complete(new VmResult.Stopped(state, r));
        }
    }

    private void runSlice() {
        long max = SLICE_INSTRUCTIONS;
        long cycleLimit = Long.MAX_VALUE;
        if (speed.mode() == Speed.Mode.PACED) {
            max = Math.max(1000, (long) (SLICE_INSTRUCTIONS / speed.slowdown()));
            cycleLimit = machine.cpu().cycles() + machine.clock().cyclesForNanos(PACED_SLICE_NANOS);
        }
        if (HostCpuBudget.shared().isLimited()) {
            max = Math.min(max, budgetedSlice);
        }
        if (untilInstructions >= 0) {
            max = Math.min(max, untilInstructions - machine.cpu().instructions());
        }
        long t0 = System.nanoTime();
        long i0 = machine.cpu().instructions();
        RunResult rr = max <= 0 ? new RunResult(RunResult.Kind.INSTRUCTION_LIMIT, "", 0, i0, machine.cpu().cycles())
                : runner.run(max, cycleLimit);
        long dt = System.nanoTime() - t0;
        publish(); // before afterRun answers a run-until: whoever waits sees all output up to the stop
        afterRun(rr, false);
        publish();
        long di = machine.cpu().instructions() - i0;
        if (dt > 0 && di > 0) {
            budgetedSlice = Math.max(MIN_BUDGETED_SLICE,
                    Math.min(SLICE_INSTRUCTIONS, (long) ((double) di * BUDGETED_SLICE_NANOS / dt)));
        }
        sliceEndCpuNanos = threadCpuNanos();
        outputs.publishCounters(new VmOutputs.Counters(machine.cpu().instructions(), machine.cpu().cycles(),
                dt > 0 ? di * 1e9 / dt : 0, serialBytes, outputs.events().dropped(),
                runner.counters().get(dev.ringmaster.engine.vmm.VmmCounters.Kind.TRAPS), sliceEndCpuNanos));
    }

    /** CPU time of this (the VM's) thread so far, or -1 when the JVM cannot measure it. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
    }

    /** The switch on why the machine stopped (a slice or a step). */
    private void afterRun(RunResult rr, boolean step) {
        switch (rr.kind()) {
            case INSTRUCTION_LIMIT, TIME_LIMIT -> {
                if (untilInstructions >= 0 && machine.cpu().instructions() >= untilInstructions) {
                    setState(Kind.PAUSED, "ran " + describeDone());
                    finishRunUntil(rr);
                }
            }
            case STOPPED -> {
                // a reached serial text, or a VMM that stopped the guest (e.g. trap-and-emulate's stall report)
                setState(Kind.PAUSED, rr.detail());
                finishRunUntil(rr);
            }
            case BREAKPOINT -> {
                int at = machine.cpu().segment(dev.ringmaster.engine.cpu.SegmentRegister.CS).base + machine.cpu().eip();
                int guestAt = runner.guestAddressOf(at);
                setState(Kind.PAUSED, guestAt == at ? rr.detail()
                        : String.format("breakpoint at %08X (its translation at %08X)", guestAt, at));
                finishRunUntil(rr);
            }
            case IDLE -> idle = true; // waits for input (a key, serial bytes); stays RUNNING
            case HALTED_FOREVER -> {
                setState(Kind.PAUSED, String.format("the guest halted with interrupts disabled (HLT at %08X)",
                        machine.cpu().segment(dev.ringmaster.engine.cpu.SegmentRegister.CS).base + machine.cpu().eip() - 1));
                finishRunUntil(rr);
            }
            case DEBUG_EXIT -> {
                setState(Kind.SHUTOFF, String.format("the guest wrote %d to the debug-exit port (exit code %d)",
                        rr.exitCode() >>> 1, rr.exitCode()));
                finishRunUntil(rr);
            }
            case RESET -> {
                String err = powerOn();
                if (err != null) {
                    crash("reboot failed: " + err);
                } else {
                    emit(new TraceEvent.StateChange(0, 0, state.kind().name(), state.kind().name(), rr.detail()));
                    if (step) {
                        setState(Kind.PAUSED, "rebooted: " + rr.detail());
                    }
                }
            }
            case SHUTDOWN -> {
                crash(rr.detail());
                finishRunUntil(rr);
            }
            case HOST_ERROR -> {
                crash(rr.detail());
                finishRunUntil(rr);
            }
            default -> throw new IllegalStateException("unknown run result " + rr.kind());
        }
    }

    private String describeDone() {
        return "to instruction " + machine.cpu().instructions();
    }

    private void forceOff(String reason) {
        finishRunUntil(null);
        if (!state.is(Kind.DEFINED)) {
            setState(Kind.SHUTOFF, reason);
        }
        idle = false;
    }

    private void crash(String reason) {
        setState(Kind.CRASHED, reason);
        finishRunUntil(null);
    }

    private void setState(Kind kind, String reason) {
        VmState old = state;
        state = VmState.of(kind, reason);
        outputs.publishState(state);
        long insns = machine == null ? 0 : machine.cpu().instructions();
        long cycles = machine == null ? 0 : machine.cpu().cycles();
        emit(new TraceEvent.StateChange(insns, cycles, old.kind().name(), kind.name(), reason));
        anchorPacing();
    }

    private void emit(TraceEvent e) {
        outputs.events().offer(e);
    }

    /** Publishes serial output, the screen if it changed, the registers. */
    private void publish() {
        if (serialChunk.size() > 0) {
            outputs.serial().offer(serialChunk.toByteArray());
            serialChunk.reset();
        }
        if (machine == null) {
            return;
        }
        var vga = machine.devices().vga();
        if (screenGeneration < 0 || vga.changedSince(screenGeneration)) {
            screenGeneration = vga.generation();
            outputs.publishScreen(vga.snapshot());
        }
        outputs.publishRegisters(CpuRegisters.of(machine.cpu()));
        var vcpu = runner.virtualCpu();
        outputs.publishGuestCpu(vcpu == null ? null : GuestCpu.of(vcpu, machine.cpu().instructions()));
        outputs.publishVmmCounters(runner.counters().snapshot());
        outputs.publishCost(runner.costSnapshot());
    }

    // ---- pacing -------------------------------------------------------------------------------------------

    private void anchorPacing() {
        paceWallAnchor = System.nanoTime();
        paceVirtualAnchor = machine == null ? 0 : machine.clock().nanos();
    }

    /** Waits (answering commands) until wall-clock time catches up with virtual time. */
    private void pace() throws InterruptedException {
        if (speed.mode() != Speed.Mode.PACED || !state.is(Kind.RUNNING) || machine == null) {
            return;
        }
        long virtualElapsed = machine.clock().nanos() - paceVirtualAnchor;
        long due = paceWallAnchor + (long) (virtualElapsed * speed.slowdown());
        long wait = due - System.nanoTime();
        if (wait > 1_000_000_000L) {
            anchorPacing(); // far behind (e.g. a long idle jump): do not sleep for seconds; re-anchor
            return;
        }
        if (wait > 0) {
            stash = queue.poll(wait, TimeUnit.NANOSECONDS); // a command ends the wait; handled next

        } else if (wait < -200_000_000L) {
            anchorPacing(); // the host cannot keep up: do not try to catch up in a burst
        }
    }

    /**
     * Rests (answering commands) as long as the host CPU budget asks after a slice: several VMs at
     * full speed leave the user interface its processor.
     */
    private void rest() throws InterruptedException {
        if (!state.is(Kind.RUNNING) || stash != null) {
            return;
        }
        long wait = cpuAccount.afterSlice(sliceEndCpuNanos, System.nanoTime());
        if (wait > 0) {
            stash = queue.poll(wait, TimeUnit.NANOSECONDS); // a command ends the rest; handled next
        }
    }

    // ---- snapshots ----------------------------------------------------------------------------------------

    private VmResult takeSnapshot(VmCommand.TakeSnapshot t) {
        SnapshotInfo info = new SnapshotInfo(UUID.randomUUID().toString(), currentSnapshotId,
                t.name() == null ? "" : t.name(), config.id(), config.configKey(), Instant.now(),
                machine.cpu().instructions(), machine.cpu().cycles(), t.file());
        try {
            SnapshotFile.write(info, machine, runner);
        } catch (IOException e) {
            return new VmResult.Failed(state, t.file() + ": cannot write snapshot (" + e.getMessage() + ")");
        }
        currentSnapshotId = info.id();
        return new VmResult.SnapshotTaken(state, info);
    }

    private VmResult restoreSnapshot(VmCommand.RestoreSnapshot rs) {
        SnapshotFile.Loaded loaded;
        try {
            loaded = SnapshotFile.read(rs.file());
        } catch (SnapshotFile.SnapshotException e) {
            return new VmResult.Failed(state, e.getMessage());
        }
        if (!loaded.info().configKey().equals(config.configKey())) {
            return new VmResult.Failed(state, rs.file() + ": the snapshot is of another machine ("
                    + loaded.info().configKey() + "), this VM is " + config.configKey());
        }
        Machine fresh;
        TechniqueRunner restored;
        try {
            fresh = build();
            SnapshotFile.TechniqueState ts = loaded.restoreInto(fresh);
            if (ts.technique() != config.technique()) {
                return new VmResult.Failed(state, rs.file() + ": the snapshot was taken under " + ts.technique().displayName()
                        + ", this VM runs " + config.technique().displayName());
            }
            restored = newRunner(fresh, ts);
        } catch (BootSpec.BootException | SnapshotFile.SnapshotException e) {
            return new VmResult.Failed(state, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new VmResult.Failed(state, rs.file() + ": the " + config.technique().displayName()
                    + " state cannot be restored: " + e.getMessage());
        }
        finishRunUntil(null);
        install(fresh, restored);
        currentSnapshotId = loaded.info().id();
        setState(Kind.PAUSED, "restored snapshot " + (loaded.info().name().isEmpty() ? loaded.info().id()
                : loaded.info().name()));
        publish();
        return new VmResult.Done(state, "restored " + rs.file());
    }

    // ---- native tracing -----------------------------------------------------------------------------------

    /** Publishes ring transitions and hardware interrupts as trace events (native: nothing intercepted). */
    private final class TraceHooks implements CpuHooks {
        @Override
        public void ringTransition(Cpu cpu, int from, int to, TraceEvent.Cause cause) {
            emit(new TraceEvent.RingTransition(cpu.instructions(), cpu.cycles(), from, to, cause, cpu.eip()));
        }

        @Override
        public void delivered(Cpu cpu, int vector, int errorCode, EventKind kind) {
            if (kind == EventKind.EXTERNAL_INTERRUPT) {
                emit(new TraceEvent.Interrupt(cpu.instructions(), cpu.cycles(), -1, vector));
            }
        }
    }
}
