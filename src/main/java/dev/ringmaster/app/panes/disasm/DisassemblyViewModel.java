package dev.ringmaster.app.panes.disasm;

import dev.ringmaster.app.pulse.BatchList;
import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.disasm.Disassembler;
import dev.ringmaster.engine.cpu.disasm.DisassemblyLine;
import dev.ringmaster.engine.vm.RunCondition;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

/**
 * The disassembly pane's model: a listing of guest code around a focus address — EIP while it
 * follows the CPU, or an address another pane asked for (a selected trap) — with the current
 * instruction, the user's breakpoints and direct branch targets. The bytes come from the VM thread
 * ({@link VmCommand.ReadMemory}, answered once per request, never read from the live machine); the
 * listing is the engine's {@link Disassembler} (objdump's text). Commands (step, step over, run to
 * cursor, pause, breakpoints) go to the VM through the command sink. Consumer thread only (FX).
 *
 * <p>x86 cannot be disassembled backwards with certainty: the rows before the focus come from the
 * earliest start in the bytes read that decodes into a row boundary exactly at the focus (the way
 * debuggers do it); when none does, the listing starts at the focus.
 */
public final class DisassemblyViewModel {
    /** Bytes read before the focus for the rows above it. */
    static final int BEFORE = 48;
    /** Bytes read from the focus on. */
    static final int AFTER = 160;
    /** Rows shown before the focus row (at most). */
    static final int ROWS_BEFORE = 8;
    /** Rows shown in all (at most). */
    static final int ROWS = 40;
    /** How often a running VM's listing is read again. */
    static final long RUNNING_REFRESH_NANOS = 250_000_000L;

    private final Function<VmCommand, CompletableFuture<VmResult>> vm;
    private final Consumer<VmCommand> control;
    private final Executor fx;
    private final Disassembler disassembler = new Disassembler();
    /**
     * Listing refreshes per second at most while the pane is showing and the VM runs (as often as the
     * code is read: a running listing changes whole, and nobody reads it faster).
     */
    public static final int REFRESH_HZ = 4;

    private final BatchList<DisassemblyRow> rows = new BatchList<>();
    private final RefreshGate gate = new RefreshGate(REFRESH_HZ);
    private final BooleanProperty followEip = new SimpleBooleanProperty(this, "followEip", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "No code yet: the VM has not started.");
    private final ReadOnlyObjectWrapper<DisassemblyRow> currentRow = new ReadOnlyObjectWrapper<>(this, "currentRow");
    private final Set<Integer> breakpoints = new TreeSet<>(Integer::compareUnsigned);
    private CpuRegisters regs;
    private VmState state;
    private int focus;
    private boolean haveFocus;
    private int marked = -1;
    private VmResult.MemoryRead memory;
    private boolean code32 = true;
    private int csBase;
    private boolean inFlight;
    private boolean stale;
    private long lastRequest = Long.MIN_VALUE;
    /** The time of the last pulse (a memory answer arriving between pulses is shown if the gate allows). */
    private long lastPulse;
    /** Something the listing shows changed since the last refresh. */
    private boolean dirty;
    /** A read the running VM's listing needed was skipped while the pane was hidden. */
    private boolean readMissed;

    /**
     * @param vm      sends a command to the VM and returns its answer (memory reads)
     * @param control sends a user command whose answer the toolbar shows (step, pause, breakpoints)
     * @param fx      runs the answers on the consumer thread
     */
    public DisassemblyViewModel(Function<VmCommand, CompletableFuture<VmResult>> vm, Consumer<VmCommand> control,
            Executor fx) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.control = Objects.requireNonNull(control, "control");
        this.fx = Objects.requireNonNull(fx, "fx");
        followEip.addListener((o, a, on) -> {
            if (on && regs != null) {
                setFocus(linearEip(regs));
            }
        });
    }

    /** The listing as of the last refresh. */
    public ObservableList<DisassemblyRow> rows() {
        return rows;
    }

    /**
     * When the listing redraws: at most {@value #REFRESH_HZ} times a second while the pane shows
     * and the VM runs; at the pulse after a pause, a step or a breakpoint (the model forces it
     * whenever the VM is not running); at once for what the user does here. A hidden listing does not
     * read the guest's memory either.
     */
    public RefreshGate gate() {
        return gate;
    }

    /** True: the listing follows EIP; false: it stays where the user (or a selected trap) put it. */
    public BooleanProperty followEipProperty() {
        return followEip;
    }

    /** "EIP 0010A2F0 · 32-bit code · paused · 2 breakpoints". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The row of the instruction at EIP, or null when the listing does not contain it. */
    public ReadOnlyObjectProperty<DisassemblyRow> currentRowProperty() {
        return currentRow.getReadOnlyProperty();
    }

    /** The breakpoints the VM last published (unsigned order). */
    public Set<Integer> breakpoints() {
        return java.util.Collections.unmodifiableSet(breakpoints);
    }

    /**
     * The VM's newest published state (on the pulse, time {@code nowNanos}): a new EIP while
     * paused, a state change or, while running, the refresh period reads the code again.
     */
    public void update(CpuRegisters r, VmState s, List<Integer> published, long nowNanos) {
        lastPulse = nowNanos;
        boolean bpChanged = published != null && !(breakpoints.size() == published.size() && breakpoints.containsAll(published));
        if (bpChanged) {
            breakpoints.clear();
            breakpoints.addAll(published);
        }
        boolean stateChanged = s != null && (state == null || state.kind() != s.kind());
        state = s;
        boolean running = s != null && s.is(VmState.Kind.RUNNING);
        if (!running || stateChanged) {
            gate.force(); // a pause, a step, a breakpoint: shown at the next refresh, however recent the last
        }
        if (r == null) {
            if (bpChanged) {
                dirty = true;
            }
            refresh(nowNanos);
            return;
        }
        boolean eipChanged = regs == null || linearEip(regs) != linearEip(r) || regs.instructions() != r.instructions();
        regs = r;
        csBase = r.segment(1).base();
        code32 = r.segment(1).big();
        if (followEip.get()) {
            focus = linearEip(r);
            haveFocus = true;
        }
        boolean due = running ? nowNanos - lastRequest >= RUNNING_REFRESH_NANOS : (eipChanged || stateChanged);
        boolean read = haveFocus && (due || memory == null || !covers(focus));
        if (read && !gate.isShowing()) {
            readMissed = true; // nobody sees the listing: read the guest's memory when it shows again
        } else if (read || (readMissed && haveFocus)) {
            readMissed = false;
            request(nowNanos);
        } else if (bpChanged || eipChanged || stateChanged) {
            dirty = true;
        }
        refresh(nowNanos);
    }

    /** The listing catches up with what the model took, when the gate is due. */
    private void refresh(long nowNanos) {
        if (dirty && gate.due(nowNanos)) {
            relist();
        }
    }

    /** Shows {@code linear} (e.g. the selected trap's address): stops following EIP and marks that row. */
    public void showAddress(int linear) {
        followEip.set(false);
        marked = linear;
        setFocus(linear);
    }

    private void setFocus(int linear) {
        focus = linear;
        haveFocus = true;
        gate.force(); // the user asked for it: the listing shows it as soon as the bytes are here
        if (covers(linear)) {
            relist();
        } else {
            request(lastRequest == Long.MIN_VALUE ? 0 : lastRequest);
        }
    }

    private boolean covers(int linear) {
        if (memory == null) {
            return false;
        }
        long off = (linear - memory.address()) & 0xFFFFFFFFL;
        return off >= BEFORE / 2 && off + 32 < memory.bytes().length && memory.byteAt(linear) >= 0;
    }

    private void request(long nowNanos) {
        lastRequest = nowNanos;
        if (inFlight) {
            stale = true; // ask again when the answer in flight arrives
            return;
        }
        inFlight = true;
        int readFor = focus;
        int at = focus - BEFORE;
        vm.apply(new VmCommand.ReadMemory(at, BEFORE + AFTER)).whenCompleteAsync((res, err) -> {
            inFlight = false;
            if (res instanceof VmResult.MemoryRead m) {
                memoryFocus = readFor;
                onMemory(m);
            } else if (res instanceof VmResult.NotAllowed n) {
                status.set("No code to show: " + n.reason());
            } else if (err != null) {
                status.set("Could not read the guest's memory: " + err.getMessage());
            }
            if (stale) {
                stale = false;
                request(lastRequest);
            }
        }, fx);
    }

    /** The focus the current memory block was read around. */
    private int memoryFocus;

    /** A memory block arrived: the listing is rebuilt from it (now, if the gate allows; else at a pulse). */
    void onMemory(VmResult.MemoryRead m) {
        memory = m;
        dirty = true;
        refresh(lastPulse);
    }

    /** Shows the listing now (what the user did here is shown at once). */
    private void relist() {
        dirty = false;
        if (memory == null || !haveFocus) {
            updateStatus();
            return;
        }
        // A running VM's EIP moves on while its code is read: until the block around the new EIP arrives, the
        // listing shows the block around the EIP it was read for (rather than nothing).
        List<DisassemblyLine> lines = listing(memory, covers(focus) ? focus : memoryFocus);
        int eip = regs == null ? -1 : linearEip(regs);
        List<DisassemblyRow> out = new ArrayList<>(lines.size());
        DisassemblyRow cur = null;
        for (DisassemblyLine l : lines) {
            int linear = csBase + l.address();
            long target = l.hasBranchTarget() ? (csBase + l.branchTarget()) & 0xFFFFFFFFL : -1;
            DisassemblyRow row = new DisassemblyRow(linear, l.address(), l.bytesHex(), l.text(), target, linear == eip,
                    breakpoints.contains(linear), linear == marked);
            if (row.current()) {
                cur = row;
            }
            out.add(row);
        }
        // a step moves the EIP marker: two rows are replaced, the others (and the selection) stay
        rows.update(out);
        currentRow.set(cur);
        updateStatus();
    }

    /** The rows around {@code focus} in the block: up to {@link #ROWS_BEFORE} before it, {@link #ROWS} in all. */
    List<DisassemblyLine> listing(VmResult.MemoryRead m, int focusLinear) {
        Disassembler.ByteSource src = offset -> m.byteAt(csBase + offset);
        int focusOffset = focusLinear - csBase;
        int blockStart = m.address() - csBase;
        int earliest = Math.max(0, (int) Math.min(BEFORE, (focusOffset - blockStart) & 0xFFFFFFFFL));
        for (int back = earliest; back > 0; back--) {
            List<DisassemblyLine> before = new ArrayList<>();
            int a = focusOffset - back;
            while (a - focusOffset < 0) {
                DisassemblyLine l = disassembler.next(src, a, code32);
                if (l == null) {
                    break;
                }
                before.add(l);
                a = l.nextAddress();
            }
            if (a == focusOffset) { // synchronised: a row boundary falls exactly on the focus
                List<DisassemblyLine> out = new ArrayList<>(before.subList(Math.max(0, before.size() - ROWS_BEFORE), before.size()));
                out.addAll(disassembler.disassemble(src, focusOffset, ROWS - out.size(), code32));
                return out;
            }
        }
        return disassembler.disassemble(src, focusOffset, ROWS, code32);
    }

    private void updateStatus() {
        StringBuilder s = new StringBuilder();
        if (regs == null) {
            s.append("No code yet: the VM has not started.");
        } else {
            s.append(String.format("EIP %08X", linearEip(regs)));
            s.append(code32 ? " · 32-bit code" : " · 16-bit code");
            if (state != null) {
                s.append(" · ").append(state.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!followEip.get()) {
                s.append(String.format(" · showing %08X (not following EIP)", focus));
            }
        }
        s.append(" · ").append(breakpoints.size()).append(breakpoints.size() == 1 ? " breakpoint" : " breakpoints");
        status.set(s.toString());
    }

    static int linearEip(CpuRegisters r) {
        return r.segment(1).base() + r.eip();
    }

    // ---- user commands ----------------------------------------------------------------------------------

    /** The gutter was clicked: sets or clears the breakpoint at {@code linear}. */
    public void toggleBreakpoint(int linear) {
        boolean set = !breakpoints.contains(linear);
        // shown at once; the VM's published set confirms it on the next pulse
        if (set) {
            breakpoints.add(linear);
        } else {
            breakpoints.remove(linear);
        }
        relist();
        control.accept(new VmCommand.SetBreakpoint(linear, set));
    }

    public void step() {
        followEip.set(true);
        control.accept(new VmCommand.Step(1));
    }

    /** Over a CALL: runs until the instruction after it (the callee runs at full speed); else one step. */
    public void stepOver() {
        followEip.set(true);
        DisassemblyRow cur = currentRow.get();
        if (cur != null && cur.isCall()) {
            int next = cur.address() + cur.length();
            control.accept(new VmCommand.RunUntil(new RunCondition.AtAddress(next)));
        } else {
            control.accept(new VmCommand.Step(1));
        }
    }

    /** Runs until EIP reaches {@code row} (its breakpoints and the others stop it on the way). */
    public void runToCursor(DisassemblyRow row) {
        if (row != null) {
            followEip.set(true);
            control.accept(new VmCommand.RunUntil(new RunCondition.AtAddress(row.address())));
        }
    }

    public void pause() {
        control.accept(new VmCommand.Pause());
    }

    public void resume() {
        control.accept(new VmCommand.Resume());
    }
}
