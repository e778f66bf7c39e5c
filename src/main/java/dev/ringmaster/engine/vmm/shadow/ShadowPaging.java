package dev.ringmaster.engine.vmm.shadow;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.machine.PhysicalMemory;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.TraceSink;
import dev.ringmaster.engine.vmm.VirtualCpu;
import dev.ringmaster.engine.vmm.VmmCounters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shadow page tables (DESIGN §4): the real CPU always runs with paging on, through page tables the
 * VMM builds in {@link VmmMemory} from the guest's own (or an identity map while the guest has paging
 * off). They are filled lazily: a #PF the guest's tables would not have raised is a hidden fault, fixed
 * here and retried; one they would have raised is reflected to the guest with the guest's error code
 * and CR2.
 *
 * <ul>
 * <li>The guest's A and D bits are set by the VMM when it shadows a page (A) and when it first maps it
 * writable (D: a clean page is mapped read-only until the guest writes it).</li>
 * <li>Guest paging structures (the page directory and every page table the shadow was built from) are
 * mapped read-only, so the guest's writes to them fault; the VMM performs a plain 32-bit MOV store
 * itself and updates the shadow entry ({@link #emulatePtWrite}); any other write makes the page an
 * ordinary page again and drops the shadow built from it.</li>
 * <li>Shadows are kept per address space: a CR3 load switches to the shadow already built for that
 * page directory (up to {@link #CONTEXTS} of them; the least recently used one is rebuilt from scratch
 * for a new address space). Guest page-table writes update every shadow built from the written table. A
 * CR0/CR4 paging change or running out of shadow page tables discards them all; INVLPG drops one entry of
 * the current shadow.</li>
 * <li>The top 4 MiB of the linear space map the VMM's memory, supervisor only; guest mappings there
 * are refused.</li>
 * </ul>
 * The guest's 4 MiB pages are shadowed with 4 KiB pages; global pages are shadowed as ordinary ones.
 */
public final class ShadowPaging {
    private static final int P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80;
    private static final int WINDOW_PDX = VmmMemory.LINEAR >>> 22;
    private static final int NO_SOURCE = -1, IDENTITY = -2;
    /** Shadow page directories kept (one per guest address space). */
    public static final int CONTEXTS = 4;
    /** The shadow page-table pool starts after the extra shadow page directories. */
    private static final int POOL_START = VmmMemory.POOL + (CONTEXTS - 1) * 4096;

    /** One address space's shadow: its page directory in VMM memory and where each PDE was built from. */
    private static final class Context {
        final int pd;
        final int[] pdSource = new int[1024];
        /** The guest page directory's frame this shadow follows (-1: free). */
        int cr3Frame = -1;
        long lastUse;

        Context(int pd) {
            this.pd = pd;
        }
    }

    /** What {@link #pageFault} decided. */
    public enum Outcome {
        /** A hidden fault: the shadow now maps the page; retry the instruction. */
        FIXED,
        /** The guest's own page fault: reflect #PF with {@link #guestErrorCode()}. */
        GUEST_FAULT,
        /** A write the guest may do, to one of its write-protected paging structures: emulate or {@link #unprotect}. */
        PT_WRITE,
        /** The guest maps something the VMM cannot give it ({@link #problem()}). */
        UNSUPPORTED
    }

    private final Cpu cpu;
    private final PhysicalMemory pm;
    private final VmmMemory vmm;
    private final VirtualCpu v;
    private final VmmCounters counters;
    private final TraceSink trace;
    private final int guestRamEnd;
    private final Context[] contexts = new Context[CONTEXTS];
    private Context current;
    /** The current shadow's {@link Context#pdSource}: for each shadow PDE, the guest page-table frame it was built from, IDENTITY, or NO_SOURCE. */
    private int[] pdSource;
    private long uses;
    /** Guest frames used as paging structures by any kept shadow (write-protected). */
    private final BitSet ptFrames = new BitSet(1 << 20);
    /** Guest frame number -> offsets (in VMM memory) of shadow PTEs mapping it. */
    private final Map<Integer, List<Integer>> rmap = new HashMap<>();
    private int poolNext;
    private int guestErrorCode;
    private String problem = "";

    // walk results
    private int walkPhys;
    private boolean walkRw;
    private boolean walkUs;
    private boolean walkDirty;
    private int walkPdeAddr;
    private int walkPteAddr;

    public ShadowPaging(Cpu cpu, VmmMemory vmm, VirtualCpu v, VmmCounters counters, TraceSink trace) {
        this.cpu = cpu;
        this.pm = cpu.physicalMemory();
        this.vmm = vmm;
        this.v = v;
        this.counters = counters;
        this.trace = trace;
        this.guestRamEnd = pm.ramSize();
        for (int i = 0; i < CONTEXTS; i++) {
            contexts[i] = new Context(i == 0 ? VmmMemory.SHADOW_PD : VmmMemory.POOL + (i - 1) * 4096);
        }
        current = contexts[0];
        pdSource = current.pdSource;
    }

    /** Builds the empty shadow and switches the real CPU to it (paging on, WP on, PSE/PGE off). */
    public void enter() {
        int window = VmmMemory.WINDOW_PT;
        for (int i = 0; i < 1024; i++) {
            vmm.write32(window + i * 4, (VmmMemory.BASE + i * 4096) | P | RW | A | D);
        }
        flush("VMM takes over");
        int mirror = CpuState.CR0_TS | CpuState.CR0_EM | CpuState.CR0_MP | CpuState.CR0_NE;
        cpu.setControlRegisters(CpuState.CR0_PE | CpuState.CR0_PG | CpuState.CR0_WP | CpuState.CR0_ET
                | (v.cr0 & mirror), VmmMemory.BASE + VmmMemory.SHADOW_PD, 0);
    }

    public int guestErrorCode() {
        return guestErrorCode;
    }

    public String problem() {
        return problem;
    }

    /** Discards every shadow of every address space (paging mode change, pool exhausted). */
    public void flush(String why) {
        for (Context c : contexts) {
            clear(c);
        }
        ptFrames.clear();
        rmap.clear();
        poolNext = POOL_START;
        use(contexts[0]);
        if (guestPaging()) {
            ptFrames.set((v.cr3 >>> 12) & 0xFFFFF);
        }
        cpu.mmu().flushAll();
        counters.add(VmmCounters.Kind.SHADOW_FLUSHES);
        trace.emit(new TraceEvent.ShadowUpdate(cpu.instructions(), cpu.cycles(), 0, v.cr3, 0, "flush: " + why));
    }

    /** Empties {@code c}'s shadow page directory (its page tables stay in the pool until the next flush). */
    private void clear(Context c) {
        vmm.fill(c.pd, 4096, 0);
        vmm.write32(c.pd + WINDOW_PDX * 4, (VmmMemory.BASE + VmmMemory.WINDOW_PT) | P | RW | A);
        Arrays.fill(c.pdSource, NO_SOURCE);
        c.cr3Frame = -1;
    }

    /** Makes {@code c} the shadow the CPU runs on, following the guest's current CR3. */
    private void use(Context c) {
        current = c;
        pdSource = c.pdSource;
        c.cr3Frame = v.cr3 & 0xFFFFF000;
        c.lastUse = ++uses;
        cpu.setControlRegisters(cpu.cr0(), VmmMemory.BASE + c.pd, cpu.cr4());
    }

    /**
     * The guest loaded CR3: switch to the shadow kept for that page directory, or build one (the least
     * recently used shadow is discarded for it).
     */
    public void switchAddressSpace() {
        if (!guestPaging()) {
            return;
        }
        int frame = v.cr3 & 0xFFFFF000;
        Context target = null;
        Context victim = contexts[0];
        for (Context c : contexts) {
            if (c.cr3Frame == frame) {
                target = c;
                break;
            }
            if (c.cr3Frame == -1 ? victim.cr3Frame != -1 || c.lastUse < victim.lastUse
                    : victim.cr3Frame != -1 && c.lastUse < victim.lastUse) {
                victim = c;
            }
        }
        String what;
        if (target != null) {
            what = String.format("CR3 %08X: switched to its kept shadow", v.cr3);
        } else {
            target = victim;
            clear(target);
            what = String.format("CR3 %08X: new address space, shadow built from scratch", v.cr3);
        }
        use(target);
        protect(frame);
        cpu.mmu().flushAll();
        counters.add(VmmCounters.Kind.SHADOW_SWITCHES);
        trace.emit(new TraceEvent.ShadowUpdate(cpu.instructions(), cpu.cycles(), 0, v.cr3, 0, what));
    }

    private boolean guestPaging() {
        return (v.cr0 & CpuState.CR0_PG) != 0;
    }

    /** Guest linear to guest physical through the guest's tables, no side effects; -1 if not mapped. */
    public int guestPhysical(int lin) {
        if (!guestPaging()) {
            return lin;
        }
        int pde = pm.read32((v.cr3 & 0xFFFFF000) | ((lin >>> 20) & 0xFFC));
        if ((pde & P) == 0) {
            return -1;
        }
        if ((pde & PS) != 0 && (v.cr4 & CpuState.CR4_PSE) != 0) {
            return (pde & 0xFFC00000) | (lin & 0x3FFFFF);
        }
        int pte = pm.read32((pde & 0xFFFFF000) | ((lin >>> 10) & 0xFFC));
        return (pte & P) == 0 ? -1 : (pte & 0xFFFFF000) | (lin & 0xFFF);
    }

    /**
     * Whether the guest's own page tables allow an access at {@code lin} (no side effects on the shadow):
     * -1 when they do, else the page-fault error code the CPU would have raised (what the VMM reflects when
     * it performs an access for the guest, e.g. string I/O).
     */
    public int guestAccessError(int lin, boolean write, boolean user) {
        return walk(lin, write, user) ? -1 : guestErrorCode;
    }

    /** Walks the guest's tables for an access; false (with {@link #guestErrorCode}) when the guest faults. */
    private boolean walk(int lin, boolean write, boolean user) {
        int err = (write ? 2 : 0) | (user ? 4 : 0);
        walkPdeAddr = -1;
        walkPteAddr = -1;
        if (!guestPaging()) {
            walkPhys = lin & 0xFFFFF000;
            walkRw = true;
            walkUs = true;
            walkDirty = true;
            return true;
        }
        walkPdeAddr = (v.cr3 & 0xFFFFF000) | ((lin >>> 20) & 0xFFC);
        int pde = pm.read32(walkPdeAddr);
        if ((pde & P) == 0) {
            guestErrorCode = err;
            return false;
        }
        int perm;
        if ((pde & PS) != 0 && (v.cr4 & CpuState.CR4_PSE) != 0) {
            walkPhys = (pde & 0xFFC00000) | (lin & 0x3FF000);
            perm = pde;
            walkDirty = (pde & D) != 0;
        } else {
            walkPteAddr = (pde & 0xFFFFF000) | ((lin >>> 10) & 0xFFC);
            int pte = pm.read32(walkPteAddr);
            if ((pte & P) == 0) {
                guestErrorCode = err;
                return false;
            }
            walkPhys = pte & 0xFFFFF000;
            perm = pde & pte;
            walkDirty = (pte & D) != 0;
        }
        walkRw = (perm & RW) != 0;
        walkUs = (perm & US) != 0;
        boolean wp = (v.cr0 & CpuState.CR0_WP) != 0;
        if ((user && !walkUs) || (write && !walkRw && (user || wp))) {
            guestErrorCode = err | P;
            return false;
        }
        return true;
    }

    /**
     * A #PF the real CPU raised at {@code lin} with {@code errorCode}: fix the shadow, or say it is
     * the guest's. A write to a write-protected guest paging structure returns
     * {@link Outcome#FIXED} after un-protecting it unless the caller emulates it first.
     */
    public Outcome pageFault(int lin, int errorCode) {
        boolean write = (errorCode & 2) != 0;
        boolean user = (errorCode & 4) != 0;
        if (!walk(lin, write, user)) {
            return Outcome.GUEST_FAULT;
        }
        if (write && ptFrames.get(walkPhys >>> 12)) {
            return Outcome.PT_WRITE;
        }
        return install(lin, write) ? Outcome.FIXED : Outcome.UNSUPPORTED;
    }

    /**
     * Performs the guest's 32-bit store of {@code value} at {@code lin} into one of its paging
     * structures (the guest's permissions were checked by the caller's walk) and updates the shadow.
     */
    public void emulatePtWrite(int lin, int value) {
        int pa = guestPhysical(lin);
        int old = pm.read32(pa);
        pm.write32(pa, value);
        entryChanged(pa, old, value);
    }

    private void entryChanged(int pa, int old, int value) {
        int frame = pa & 0xFFFFF000;
        int index = (pa & 0xFFF) >>> 2;
        for (Context c : contexts) {
            if (guestPaging() && frame == c.cr3Frame) {
                dropPde(c, index);
                trace.emit(new TraceEvent.ShadowUpdate(cpu.instructions(), cpu.cycles(), index << 22, value, 0,
                        "guest PDE written: shadow PDE dropped" + (c == current ? "" : " (kept shadow of another address space)")));
            }
            for (int pdx = 0; pdx < 1024; pdx++) {
                if (c.pdSource[pdx] == frame) {
                    int slot = shadowPt(c, pdx) + index * 4;
                    vmm.write32(slot, 0);
                    int lin = (pdx << 22) | (index << 12);
                    if (c == current) {
                        cpu.mmu().flushPage(lin);
                    }
                    trace.emit(new TraceEvent.ShadowUpdate(cpu.instructions(), cpu.cycles(), lin, value, 0,
                            "guest PTE written: shadow PTE dropped"));
                }
            }
        }
        counters.add(VmmCounters.Kind.SHADOW_UPDATES);
    }

    /**
     * A write the VMM does not emulate hit a write-protected guest paging structure: the frame becomes
     * an ordinary page and everything shadowed from it is dropped (it will be rebuilt, and protected
     * again, when the guest next uses it as a page table).
     */
    public void unprotect(int lin) {
        int pa = guestPhysical(lin);
        int frame = pa & 0xFFFFF000;
        ptFrames.clear(frame >>> 12);
        if (guestPaging() && frame == (v.cr3 & 0xFFFFF000)) {
            flush("write to the guest page directory");
            return;
        }
        for (Context c : contexts) {
            if (c.cr3Frame == frame) {
                clear(c); // no longer a page directory: its kept shadow goes
            }
            for (int pdx = 0; pdx < 1024; pdx++) {
                if (c.pdSource[pdx] == frame) {
                    dropPde(c, pdx);
                }
            }
        }
        vmm.write32(shadowPte(lin), 0);
        cpu.mmu().flushPage(lin);
        counters.add(VmmCounters.Kind.SHADOW_UPDATES);
    }

    /**
     * True when the guest's own tables let user code write {@code lin}; false sets {@link #guestErrorCode()} to the
     * #PF error code the guest should get.
     */
    public boolean userWritable(int lin) {
        return walk(lin, true, true);
    }

    /** True when {@code lin} maps (through the guest's tables) one of its write-protected paging structures. */
    public boolean isProtectedPageTable(int lin) {
        int pa = guestPhysical(lin);
        return pa != -1 && ptFrames.get(pa >>> 12);
    }

    /** INVLPG of the guest: drop the shadow entry for {@code lin}. */
    public void invlpg(int lin) {
        int pdx = lin >>> 22;
        if (pdx != WINDOW_PDX && pdSource[pdx] != NO_SOURCE) {
            vmm.write32(shadowPte(lin), 0);
        }
        cpu.mmu().flushPage(lin);
    }

    private void dropPde(int pdx) {
        dropPde(current, pdx);
    }

    private void dropPde(Context c, int pdx) {
        if (pdx == WINDOW_PDX) {
            return;
        }
        vmm.write32(c.pd + pdx * 4, 0);
        c.pdSource[pdx] = NO_SOURCE;
        if (c == current) {
            cpu.mmu().flushAll();
        }
    }

    private int shadowPt(int pdx) {
        return shadowPt(current, pdx);
    }

    private int shadowPt(Context c, int pdx) {
        return (vmm.read32(c.pd + pdx * 4) & 0xFFFFF000) - VmmMemory.BASE;
    }

    private int shadowPte(int lin) {
        return shadowPt(lin >>> 22) + ((lin >>> 10) & 0xFFC);
    }

    private boolean install(int lin, boolean write) {
        int pdx = lin >>> 22;
        if (pdx == WINDOW_PDX) {
            problem = String.format("the guest uses linear %08X, inside the VMM's window at %08X", lin, VmmMemory.LINEAR);
            return false;
        }
        int frame = walkPhys & 0xFFFFF000;
        if (Integer.compareUnsigned(frame, VmmMemory.BASE) >= 0 && Integer.compareUnsigned(frame,
                VmmMemory.PRIVATE_END) < 0) {
            problem = String.format("the guest maps physical %08X, the VMM's own memory", frame);
            return false;
        }
        int source = walkPteAddr == -1 ? IDENTITY : walkPteAddr & 0xFFFFF000;
        if (pdSource[pdx] != NO_SOURCE && pdSource[pdx] != source) {
            dropPde(pdx);
        }
        if (pdSource[pdx] == NO_SOURCE) {
            if (poolNext + 4096 > VmmMemory.SIZE) {
                flush("shadow page-table pool exhausted");
                return true; // the retried access faults again and is shadowed from scratch
            }
            int pt = poolNext;
            poolNext += 4096;
            vmm.fill(pt, 4096, 0);
            vmm.write32(current.pd + pdx * 4, (VmmMemory.BASE + pt) | P | RW | US | A);
            pdSource[pdx] = source;
            if (source != IDENTITY) {
                protect(source);
            }
        }
        // guest accessed/dirty bits, as the CPU would have set them in the guest's tables
        if (walkPdeAddr != -1) {
            pm.write32(walkPdeAddr, pm.read32(walkPdeAddr) | A);
            int leaf = walkPteAddr != -1 ? walkPteAddr : walkPdeAddr;
            int e = pm.read32(leaf) | A;
            if (write) {
                e |= D;
                walkDirty = true;
            }
            pm.write32(leaf, e);
        }
        boolean writable = walkRw && walkDirty && !ptFrames.get(frame >>> 12);
        int spte = frame | P | (writable ? RW : 0) | (walkUs ? US : 0);
        int slot = shadowPt(pdx) + ((lin >>> 10) & 0xFFC);
        vmm.write32(slot, spte);
        rmap.computeIfAbsent(frame >>> 12, k -> new ArrayList<>(2)).add(slot);
        cpu.mmu().flushPage(lin);
        counters.add(VmmCounters.Kind.SHADOW_FILLS);
        return true;
    }

    /** Makes guest frame {@code frame} a protected paging structure: its shadow mappings become read-only. */
    private void protect(int frame) {
        int f = frame >>> 12;
        if (ptFrames.get(f)) {
            return;
        }
        ptFrames.set(f);
        List<Integer> slots = rmap.get(f);
        if (slots != null) {
            for (int slot : slots) {
                int e = vmm.read32(slot);
                if ((e & 0xFFFFF000) == frame && (e & RW) != 0) {
                    vmm.write32(slot, e & ~RW);
                }
            }
            cpu.mmu().flushAll();
        }
    }

    /** Makes sure the pages of {@code [lin, lin+length)} are shadowed for a supervisor write, when the guest maps them. */
    public void prefault(int lin, int length) {
        for (int page = lin & 0xFFFFF000; Integer.compareUnsigned(page, lin + length - 1) <= 0; page += 4096) {
            if (walk(page, true, false) && !ptFrames.get(walkPhys >>> 12)) {
                install(page, true);
            }
            if (page == 0xFFFFF000) {
                break;
            }
        }
    }

    /**
     * Writes the shadow's bookkeeping (for a VM snapshot): where each shadow page table came from, the
     * protected guest frames, the reverse map, the pool; the shadow tables themselves are in the VMM's
     * memory, saved with it.
     */
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(CONTEXTS);
        for (Context c : contexts) {
            out.writeInt(c.cr3Frame);
            out.writeLong(c.lastUse);
            for (int src : c.pdSource) {
                out.writeInt(src);
            }
        }
        out.writeInt(java.util.Arrays.asList(contexts).indexOf(current));
        out.writeLong(uses);
        long[] frames = ptFrames.toLongArray();
        out.writeInt(frames.length);
        for (long f : frames) {
            out.writeLong(f);
        }
        out.writeInt(rmap.size());
        for (Map.Entry<Integer, List<Integer>> e : new java.util.TreeMap<>(rmap).entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue().size());
            for (int slot : e.getValue()) {
                out.writeInt(slot);
            }
        }
        out.writeInt(poolNext);
        out.writeInt(guestErrorCode);
        out.writeUTF(problem);
    }

    /** Restores what {@link #saveState} wrote. */
    public void loadState(java.io.DataInput in) throws java.io.IOException {
        if (in.readInt() != CONTEXTS) {
            throw new java.io.IOException("shadow paging state with another number of address spaces");
        }
        for (Context c : contexts) {
            c.cr3Frame = in.readInt();
            c.lastUse = in.readLong();
            for (int i = 0; i < c.pdSource.length; i++) {
                c.pdSource[i] = in.readInt();
            }
        }
        int cur = in.readInt();
        if (cur < 0 || cur >= CONTEXTS) {
            throw new java.io.IOException("corrupt shadow paging state");
        }
        current = contexts[cur];
        pdSource = current.pdSource;
        uses = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > (1 << 20) / 64) {
            throw new java.io.IOException("corrupt shadow paging state");
        }
        long[] frames = new long[n];
        for (int i = 0; i < n; i++) {
            frames[i] = in.readLong();
        }
        ptFrames.clear();
        ptFrames.or(BitSet.valueOf(frames));
        rmap.clear();
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            int frame = in.readInt();
            int k = in.readInt();
            if (k < 0 || k > 1 << 20) {
                throw new java.io.IOException("corrupt shadow reverse map");
            }
            List<Integer> slots = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                slots.add(in.readInt());
            }
            rmap.put(frame, slots);
        }
        poolNext = in.readInt();
        guestErrorCode = in.readInt();
        problem = in.readUTF();
    }
}
