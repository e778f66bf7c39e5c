package dev.ringmaster.engine.vmm.bt;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.PhysicalMemory;
import dev.ringmaster.engine.machine.VirtualClock;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TraceSink;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import dev.ringmaster.engine.vmm.shadow.RingCompression;
import dev.ringmaster.engine.vmm.shadow.VmmMemory;
import dev.ringmaster.engine.vmm.trap.TrapAndEmulate;
import dev.ringmaster.engine.vmm.trap.TrapOptions;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Binary translation, VMware-style (DESIGN §4): the guest kernel (virtual CPL 0) never runs its own code.
 * Its basic blocks are translated ({@link Translator}) into the {@link TranslationCache}, which lives in
 * host memory mapped at the top of the linear space (the VMM's window) and runs in ring 1 through a flat
 * code segment of the shadow GDT; guest user code (ring 3) runs directly, as under trap-and-emulate, on
 * whose machinery (ring compression, shadow paging, reflection through the guest's IDT, the privileged
 * instruction emulator) this VMM is built.
 *
 * <p>Translated code calls out into the VMM with VMCALL ({@link CalloutKind}): privileged instructions are
 * emulated against the virtual CPU, sensitive ones (PUSHF/POPF, SGDT/SIDT/SLDT/STR/SMSW, LAR/LSL/VERR/VERW,
 * PUSH CS, MOV from CS/SS, IRET, INT n) get the answers a ring-0 CPU would give, so the guest sees ring 0
 * consistently; indirect branches look their target up in the cache; exits to untranslated code translate
 * it and chain the exit into a direct jump. Every fault and interrupt in translated code is delivered at
 * the guest address its instruction boundary stands for, with the guest's code selector in the frame.
 *
 * <p>Guest writes to code that has translations (noticed through the memory's code-write listener)
 * invalidate the cache at the next instruction boundary; a store that keeps trapping on a write-protected
 * guest page table is retranslated into a {@link CalloutKind#PAGE_TABLE_WRITE} callout (adaptive
 * retranslation).
 *
 * <p>Limits (stop with a reason): 16-bit kernel code, kernel code segments with a non-zero base, far
 * returns to rings 1 and 2, task switches (IRET with NT).
 */
public final class BinaryTranslation extends TrapAndEmulate {
    /** Hidden page-table faults at one store before it is retranslated into a callout. */
    static final int ADAPT_AFTER = 4;
    private static final int TRAMPOLINES = 16;

    private final PhysicalMemory pm;
    private final TranslationCache tc;
    private final VirtualClock.Timer resyncTimer;
    private final Translator.CodeReader reader;
    /** The guest kernel's code selector as the guest believes it is loaded (RPL 0). */
    private int guestCs;
    private final int iretTrampoline;
    private int trampolineGuestEip;
    private final Map<Integer, Integer> pageTableFaults = new HashMap<>();
    private final Set<Integer> pageTableWriters = new HashSet<>();
    private String flushReason;
    private int[] guestBreakpoints = new int[0];
    private int flushAddress;

    /** Takes over {@code machine}, whose CPU is at the guest kernel's first instruction in ring 0. */
    public BinaryTranslation(Machine machine, TraceSink trace, TrapOptions options) {
        this(machine, trace, options, CostPresets.modern(), null);
    }

    /**
     * A VMM continuing from a snapshot ({@link #saveState}): the translation cache starts empty and the guest
     * kernel continues at the guest address its translated code stood for when the snapshot was taken.
     *
     * @throws IOException when the state is not a binary-translation state this version can read
     */
    public static BinaryTranslation restore(Machine machine, TraceSink trace, TrapOptions options, CostModel model,
                                            DataInput state) throws IOException {
        try {
            return new BinaryTranslation(machine, trace, options, model, state);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private BinaryTranslation(Machine machine, TraceSink trace, TrapOptions options, CostModel model, DataInput state) {
        super(machine, trace, options, model, true, state);
        this.pm = machine.memory();
        if (state == null && (!cpu.code32() || cpu.segment(SegmentRegister.CS).base != 0)) {
            throw new IllegalStateException("binary translation runs 32-bit guest kernels with a flat code segment");
        }
        pm.mapPrivateRam(VmmMemory.TC_PHYSICAL, VmmMemory.TC_SIZE);
        for (int i = 0; i < VmmMemory.TC_SIZE >>> 12; i++) {
            int slot = (VmmMemory.TC_LINEAR - VmmMemory.LINEAR) >>> 12;
            vmmMemory.write32(VmmMemory.WINDOW_PT + (slot + i) * 4, (VmmMemory.TC_PHYSICAL + (i << 12)) | 0x21); // P, A: read-only
        }
        cpu.mmu().flushAll();
        this.tc = new TranslationCache(VmmMemory.TC_LINEAR, VmmMemory.TC_SIZE - TRAMPOLINES);
        tc.setSink((at, code, off, len) -> pm.load(VmmMemory.TC_PHYSICAL + (at - VmmMemory.TC_LINEAR), code, off, len));
        this.iretTrampoline = VmmMemory.TC_LINEAR + VmmMemory.TC_SIZE - TRAMPOLINES;
        pm.load(VmmMemory.TC_PHYSICAL + VmmMemory.TC_SIZE - TRAMPOLINES, new byte[] {(byte) 0xCF}); // IRETD
        this.reader = new Translator.CodeReader() {
            @Override
            public int byteAt(int linear) {
                int pa = shadow.guestPhysical(linear);
                return pa == -1 ? -1 : pm.read8(pa);
            }

            @Override
            public int physical(int linear) {
                return shadow.guestPhysical(linear);
            }
        };
        PhysicalMemory.CodeWriteListener cpuListener = pm.codeWriteListener();
        pm.setCodeWriteListener((pa, length) -> {
            cpuListener.codeWritten(pa, length);
            guestCodeWritten(pa, length);
        });
        // user code runs directly: CR4.UMIP makes its SGDT/SIDT/SLDT/STR/SMSW trap (the "Red Pill" leak closed)
        cpu.setControlRegisters(cpu.cr0(), cpu.cr3(), cpu.cr4() | CpuState.CR4_UMIP);
        this.resyncTimer = machine.clock().newTimer("bt-invalidate", this::invalidateNow);
        if (state == null) {
            this.guestCs = cpu.segment(SegmentRegister.CS).selector & 0xFFFC;
            enter(cpu.eip());
            return;
        }
        try {
            int resumeAt = loadTranslatorState(state);
            if (resumeAt != -1) {
                enter(resumeAt);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- state (VM snapshots) --------------------------------------------------------------------------------

    private static final int STATE_MAGIC = 0x524D4254; // "RMBT"
    private static final int STATE_VERSION = 1;

    /**
     * Trap-and-emulate's state, then the translator's: the guest kernel's code selector, the guest address
     * translated code stood for (-1 in user mode), the stores retranslated adaptively and their fault counts.
     * The cache itself is not saved: a restored VM translates again (so it continues the guest exactly, but
     * with other callout and instruction counts than the uninterrupted run).
     */
    @Override
    public void saveState(DataOutput out) throws IOException {
        super.saveState(out);
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_VERSION);
        out.writeInt(guestCs);
        out.writeInt(inTranslatedCode() ? guestEip(cpu.eip()) : -1);
        out.writeInt(pageTableWriters.size());
        for (int a : new java.util.TreeSet<>(pageTableWriters)) {
            out.writeInt(a);
        }
        out.writeInt(pageTableFaults.size());
        for (Map.Entry<Integer, Integer> e : new java.util.TreeMap<>(pageTableFaults).entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    /** Reads what {@link #saveState} wrote after trap-and-emulate's state; returns where to resume (-1: user mode). */
    private int loadTranslatorState(DataInput in) throws IOException {
        if (in.readInt() != STATE_MAGIC) {
            throw new IOException("not a binary-translation VMM state");
        }
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("binary-translation state version " + version + ", this Ringmaster reads " + STATE_VERSION);
        }
        guestCs = in.readInt();
        int resumeAt = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("corrupt binary-translation state");
        }
        for (int i = 0; i < n; i++) {
            pageTableWriters.add(in.readInt());
        }
        n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("corrupt binary-translation state");
        }
        for (int i = 0; i < n; i++) {
            pageTableFaults.put(in.readInt(), in.readInt());
        }
        return resumeAt;
    }

    @Override
    public Technique technique() {
        return Technique.BT;
    }

    @Override
    protected String vmmName() {
        return "binary translation";
    }

    /** The translation cache (blocks, statistics, listings). Engine thread only. */
    public TranslationCache cache() {
        return tc;
    }

    // ---- breakpoints ----------------------------------------------------------------------------------------------

    /**
     * The guest's breakpoints, and also every translated instruction that stands for one of them (the guest's
     * kernel code never runs where it is); kept up to date as blocks are translated and the cache is flushed.
     */
    @Override
    public void setBreakpoints(int[] linearAddresses) {
        guestBreakpoints = linearAddresses.clone();
        java.util.Arrays.sort(guestBreakpoints);
        armBreakpoints();
    }

    private void armBreakpoints() {
        if (guestBreakpoints.length == 0) {
            cpu.setBreakpoints(guestBreakpoints);
            return;
        }
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (int a : guestBreakpoints) {
            all.add(a);
        }
        for (TranslatedBlock b : tc.blocks()) {
            for (TranslatedInstruction ti : b.instructions()) {
                if (java.util.Arrays.binarySearch(guestBreakpoints, ti.guestAddress()) >= 0) {
                    all.add(ti.tcAddress());
                }
            }
        }
        cpu.setBreakpoints(all.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int guestAddressOf(int linear) {
        if (tc.contains(linear) || linear == iretTrampoline) {
            int g = guestEip(linear);
            return g == -1 ? linear : g;
        }
        return linear;
    }

    /** A picture of the cache for other threads: statistics and the {@code maxBlocks} most recent blocks. */
    public TranslationCacheView view(int maxBlocks) {
        return TranslationCacheView.of(tc, counters.get(Kind.CALLOUTS), maxBlocks);
    }

    /** The guest kernel's code selector as the guest sees it. */
    public int guestCodeSelector() {
        return guestCs;
    }

    // ---- where the CPU is ---------------------------------------------------------------------------------------

    /** True when the CPU executes translated code (the guest kernel). */
    public boolean inTranslatedCode() {
        return cpu.cpl() == RingCompression.KERNEL_RING && tc.contains(cpu.eip())
                || cpu.eip() == iretTrampoline && cpu.cpl() == RingCompression.KERNEL_RING;
    }

    /** The guest EIP that translated-code address {@code tcEip} stands for (-1 if none). */
    public int guestEip(int tcEip) {
        if (tcEip == iretTrampoline) {
            return trampolineGuestEip;
        }
        Integer g = tc.guestAt(tcEip);
        return g == null ? -1 : g;
    }

    /** Guest EIP of the current instruction (the translated one mapped back in the guest kernel). */
    public int currentGuestEip() {
        return inTranslatedCode() ? guestEip(cpu.eip()) : cpu.eip();
    }

    private boolean isTcAddress(int eip) {
        return tc.contains(eip) || eip == iretTrampoline;
    }

    // ---- entering translated code -------------------------------------------------------------------------------

    /** Continues the guest kernel at guest {@code guestEip}: its translation, made now if needed. */
    private void enter(int guestEip) {
        TranslatedBlock b = blockFor(guestEip);
        if (b != null) {
            continueAt(b.tcAddress());
        }
    }

    /**
     * The translation of guest {@code linear}, translating it when needed; null when its code cannot be
     * fetched (the guest's #PF was raised) or decoded (the guest's #UD was raised).
     */
    private TranslatedBlock blockFor(int linear) {
        int pa = shadow.guestPhysical(linear);
        if (pa == -1) {
            v.cr2 = linear;
            counters.add(Kind.GUEST_PAGE_FAULTS);
            reflect(dev.ringmaster.engine.cpu.Vector.PF, 0x10, EventKind.EXCEPTION, linear); // not present, fetch, CPL 0
            return null;
        }
        TranslatedBlock b = tc.lookup(linear, pa);
        if (b != null) {
            return b;
        }
        long flushesBefore = tc.stats().flushes;
        b = tc.translate(reader, linear, pa, pageTableWriters::contains);
        if (b == null) {
            reflect(dev.ringmaster.engine.cpu.Vector.UD, -1, EventKind.EXCEPTION, linear);
            return null;
        }
        if (tc.stats().flushes != flushesBefore) {
            counters.add(Kind.TC_INVALIDATIONS);
            trace.emit(new TraceEvent.TcInvalidation(cpu.instructions(), cpu.cycles(), linear, 0,
                    "translation cache full: flushed"));
        }
        for (int page : b.pages()) {
            if (!pm.isCode(page)) {
                pm.markCode(page);
                cpu.mmu().protectCodePage(page);
            }
        }
        if (guestBreakpoints.length > 0) {
            armBreakpoints();
        }
        counters.add(Kind.TRANSLATIONS);
        counters.add(Kind.TRANSLATED_INSTRUCTIONS, b.instructions().size());
        trace.emit(new TraceEvent.Translation(cpu.instructions(), cpu.cycles(), linear, b.guestLength(),
                b.identicalCount(), b.rewrittenCount()));
        return b;
    }

    /** Runs translated code from cache address {@code tcAddress} (CS = the translator's ring-1 flat segment). */
    private void continueAt(int tcAddress) {
        SegmentRegister cs = cpu.segment(SegmentRegister.CS);
        int sel = rings.translatorCodeSelector();
        if (cs.selector != sel || cs.base != 0 || cs.limit != -1) {
            int hi = 0x00CF9B00 | (RingCompression.KERNEL_RING << 13); // present, DPL 1, code, read, accessed, 32-bit, G
            cs.set(sel, 0, -1, dev.ringmaster.engine.cpu.Descriptor.attributes(hi), true);
            cpu.setCplDirect(RingCompression.KERNEL_RING);
            cpu.segmentsChanged();
        }
        cpu.setEip(tcAddress);
        cpu.setNextEip(tcAddress);
    }

    // ---- trap-and-emulate's machinery, mapped to guest addresses --------------------------------------------------

    @Override
    protected int linear(int eip) {
        if (cpu.cpl() == RingCompression.KERNEL_RING && isTcAddress(eip)) {
            return guestEip(eip);
        }
        return super.linear(eip);
    }

    @Override
    protected Instruction decodeAt(int eip) {
        if (cpu.cpl() == RingCompression.KERNEL_RING && isTcAddress(eip)) {
            byte[] b = new byte[Instruction.MAX_LENGTH];
            int lin = eip;
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) pm.read8(VmmMemory.TC_PHYSICAL + (lin + i - VmmMemory.TC_LINEAR));
            }
            Instruction in = Decoder.decode(b, 0, true);
            return in.status == Instruction.Status.OK ? in : null;
        }
        return super.decodeAt(eip);
    }

    /**
     * Delivers an event into the guest's IDT as trap-and-emulate does, at the guest address of the
     * instruction boundary when the guest kernel ran translated code (with the guest's code selector in the
     * frame), then runs the guest's handler through its translation.
     */
    @Override
    protected void reflect(int vector, int errorCode, EventKind kind, int eip) {
        boolean fromKernel = cpu.cpl() == RingCompression.KERNEL_RING;
        int guestEip = eip;
        if (fromKernel && isTcAddress(eip)) {
            guestEip = guestEip(eip);
            if (guestEip == -1) {
                stop(String.format("binary translation: no guest address for translated code at %08X", eip));
                return;
            }
        }
        super.reflect(vector, errorCode, kind, guestEip);
        if (fromKernel) {
            int frame = cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP) + (errorCode >= 0 ? 4 : 0);
            guest.write32(frame + 4, guestCs); // the guest's selector, not the translator's
        }
        if (cpu.cpl() == RingCompression.KERNEL_RING && !tc.contains(cpu.eip())) {
            guestCs = cpu.segment(SegmentRegister.CS).selector & 0xFFFC;
            enter(cpu.eip());
        }
    }

    /**
     * Guest user code's SGDT, SIDT, SLDT, STR and SMSW raise #GP(0) under the real CPU's CR4.UMIP: the VMM gives the
     * answer the guest's own CPU would (its tables, its CR0) instead of the real CPU's; everything else goes to
     * trap-and-emulate's handling.
     */
    @Override
    public boolean beforeDelivery(Cpu c, int vector, int errorCode, EventKind kind, int eip) {
        if (!passThrough && vector == dev.ringmaster.engine.cpu.Vector.GP && kind == EventKind.EXCEPTION
                && errorCode == 0 && cpu.cpl() == 3) {
            Instruction in = decodeAt(eip);
            if (in != null && UserModeReads.isUmipInstruction(in)) {
                counters.add(Kind.TRAPS);
                new UserModeReads(this, in, eip).emulate();
                return true;
            }
        }
        return super.beforeDelivery(c, vector, errorCode, kind, eip);
    }

    boolean guestUserWritable(int lin) {
        return shadow.userWritable(lin);
    }

    void prefaultForWrite(int lin, int length) {
        shadow.prefault(lin, length);
    }

    void userFault(int lin, int eip) {
        v.cr2 = lin;
        counters.add(Kind.GUEST_PAGE_FAULTS);
        reflect(dev.ringmaster.engine.cpu.Vector.PF, shadow.guestErrorCode(), EventKind.EXCEPTION, eip);
    }

    void userTrace(Instruction in, int eip, String action) {
        emitTrap(in, eip, 0, action);
    }

    @Override
    protected void pageTableWriteTrapped(int eip) {
        if (cpu.cpl() != RingCompression.KERNEL_RING || !isTcAddress(eip)) {
            return;
        }
        int g = guestEip(eip);
        int n = pageTableFaults.merge(g, 1, Integer::sum);
        if (n >= ADAPT_AFTER && pageTableWriters.add(g)) {
            scheduleInvalidation(g, String.format("adaptive retranslation: the store at %08X trapped %d times on a "
                    + "guest page table; it becomes a page-table-write callout", g, n));
        }
    }

    @Override
    protected void emitTrap(Instruction in, int eip, int errorCode, String action) {
        if (cpu.cpl() == RingCompression.KERNEL_RING && isTcAddress(eip)) {
            int g = linear(eip);
            trace.emit(new TraceEvent.RingTransition(cpu.instructions(), cpu.cycles(), 1, 0, TraceEvent.Cause.CALLOUT, g));
            trace.emit(new TraceEvent.RingTransition(cpu.instructions(), cpu.cycles(), 0, 1, TraceEvent.Cause.VMM_RESUME, g));
            trace.emit(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), -1, -1, g, guest.readBytes(g, in.length),
                    text(in), TraceEvent.Handler.VMM, "callout: " + action));
            return;
        }
        super.emitTrap(in, eip, errorCode, action);
    }

    // ---- callouts -------------------------------------------------------------------------------------------------

    @Override
    public Action beforeInstruction(Cpu c, Instruction in) {
        if (cpu.cpl() != RingCompression.KERNEL_RING) {
            return super.beforeInstruction(c, in);
        }
        if (in.mnemonic != dev.ringmaster.engine.cpu.Mnemonic.VMCALL) {
            return Action.EXECUTE; // CPUID/RDTSC after their announcing callout
        }
        int at = cpu.eip();
        Translator.Site s = tc.site(at);
        if (s == null) {
            stop(String.format("binary translation: VMCALL at %08X is not a callout of the translation cache", at));
            return Action.STOP;
        }
        counters.add(Kind.CALLOUTS);
        return new Callouts(this, s).run() ? Action.SKIP : Action.STOP;
    }

    /** An exit: translate the target, chain the exit to it, continue there. */
    void exitTo(Translator.Site s) {
        TranslatedBlock target = blockFor(s.guestAddress());
        if (target == null) {
            return;
        }
        if (flushReason == null && tc.site(s.tcAddress()) == s) {
            tc.chain(s.exit(), target);
            counters.add(Kind.TC_CHAINS);
        }
        continueAt(target.tcAddress());
    }

    /** Continues the guest kernel at guest address {@code guestEip} (an indirect branch, a return). */
    void jumpTo(int guestEip) {
        counters.add(Kind.TC_LOOKUPS);
        TranslatedBlock b = blockFor(guestEip);
        if (b != null) {
            continueAt(b.tcAddress());
        }
    }

    /** Continues translated code at {@code tcAddress} (after a callout that returns into its block). */
    void resume(int tcAddress) {
        continueAt(tcAddress);
    }

    /** Returns to guest user code through the real IRETD of the trampoline (CPL 1 to 3). */
    void iretToUser(int guestEip) {
        trampolineGuestEip = guestEip;
        continueAt(iretTrampoline);
        cpu.setInterruptShadow(true); // waiting interrupts arrive after the IRETD, in user mode
        injectPending();
    }

    void setGuestCs(int selector) {
        guestCs = selector & 0xFFFC;
    }

    /** Trap-and-emulate's emulation of a privileged instruction, for a callout. */
    dev.ringmaster.engine.vmm.trap.PrivilegedEmulator.Outcome emulate(Instruction in, int tcEip) {
        return emulateInstruction(in, tcEip, -1);
    }

    void reflectFromCallout(int vector, int errorCode, EventKind kind, int guestEip) {
        reflect(vector, errorCode, kind, guestEip);
    }

    void injectPendingInterrupts() {
        injectPending();
    }

    void stopVm(String reason) {
        stop(reason);
    }

    /**
     * The high word of the shadow GDT's descriptor for {@code selector} (0 past the guest's table): where the
     * CPU sets the accessed bit of segments the guest kernel loads in ring 1.
     */
    int shadowDescriptorHigh(int selector) {
        int index = selector & 0xFFF8;
        if ((selector & 4) != 0 || index + 7 > (v.gdtrLimit & 0xFFFF)) {
            return 0;
        }
        return vmmMemory.read32(VmmMemory.GDT + index + 4);
    }

    dev.ringmaster.engine.vmm.GuestMemory guestMemory() {
        return guest;
    }

    int emulatorLinear(Instruction in) {
        return emulator.linear(in);
    }

    boolean isGuestPageTable(int lin) {
        return shadow.isProtectedPageTable(lin);
    }

    void writeGuestPageTable(int lin, int value) {
        shadow.emulatePtWrite(lin, value);
    }

    /** The trace of a sensitive instruction a callout performed (a round trip into the VMM). */
    void calloutTrace(Instruction in, Translator.Site s, String action) {
        emitTrap(in, s.tcAddress(), -1, action);
    }

    // ---- invalidation ----------------------------------------------------------------------------------------------

    private void guestCodeWritten(int pa, int length) {
        if (Integer.compareUnsigned(pa - VmmMemory.TC_PHYSICAL, VmmMemory.TC_SIZE) < 0) {
            return; // the cache's own code (translations, chaining)
        }
        int page = pa >>> 12;
        if (tc.overlapsTranslatedCode(pa, length)) {
            scheduleInvalidation(pa, String.format("guest wrote %d byte(s) of translated code at physical %08X", length, pa));
        } else if (tc.hasTranslations(page) && !pm.isCode(page)) {
            pm.markCode(page); // the CPU's listener unmarked it (it has no decoded blocks there): keep watching
        }
    }

    private void scheduleInvalidation(int address, String reason) {
        if (flushReason == null) {
            flushReason = reason;
            flushAddress = address;
            resyncTimer.armAt(cpu.cycles());
        }
    }

    /** At the instruction boundary after the write: drop the translations, continue at the same guest address. */
    private void invalidateNow() {
        if (flushReason == null) {
            return;
        }
        String reason = flushReason;
        flushReason = null;
        boolean inTc = inTranslatedCode();
        int g = inTc ? guestEip(cpu.eip()) : -1;
        int dropped = tc.flush();
        if (guestBreakpoints.length > 0) {
            armBreakpoints();
        }
        counters.add(Kind.TC_INVALIDATIONS);
        trace.emit(new TraceEvent.TcInvalidation(cpu.instructions(), cpu.cycles(), flushAddress, dropped, reason));
        if (inTc && cpu.eip() != iretTrampoline) {
            if (g == -1) {
                stop(String.format("binary translation: no guest address for translated code at %08X", cpu.eip()));
                return;
            }
            enter(g);
        }
    }
}
