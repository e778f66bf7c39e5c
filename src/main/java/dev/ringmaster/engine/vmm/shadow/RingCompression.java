package dev.ringmaster.engine.vmm.shadow;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.Descriptor;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.vmm.GuestMemory;
import dev.ringmaster.engine.vmm.VirtualCpu;

/**
 * Ring compression (DESIGN §4): the guest kernel's ring 0 runs in ring 1. The real GDTR, IDTR and TR
 * point into {@link VmmMemory}: a shadow GDT (the guest's descriptors with DPL 0 raised to 1 and
 * every segment truncated below the VMM's memory), a shadow IDT (the guest's gates, DPL 0 raised to 1,
 * refreshed from the guest's IDT each time an event is delivered, so the guest's own handlers run) and
 * the VMM's TSS, whose ring-1 stack is the guest TSS's ring-0 stack (copied before each delivery).
 *
 * <p>The VMM's TSS descriptor sits in the shadow GDT just past the guest's limit; its I/O bitmap is
 * empty, so every IN/OUT of the guest kernel (CPL 1 &gt; IOPL 0) raises #GP and reaches the VMM.
 *
 * <p>Known gaps: descriptor writes after LGDT are not tracked (the shadow is rebuilt on LGDT and LTR;
 * write-protecting the GDT page needs shadow paging); accessed bits set by the CPU land in the shadow,
 * not in the guest's GDT; guest rings 1 and 2 are not distinguished from ring 0.
 */
public final class RingCompression {
    /** The ring the guest kernel's ring 0 runs in. */
    public static final int KERNEL_RING = 1;
    /** Guest segments end below this linear address (the VMM's memory). */
    public static final int GUEST_LINEAR_TOP = VmmMemory.LINEAR;
    private static final int TSS_SIZE = 104;

    private final Cpu cpu;
    private final GuestMemory guest;
    private final VmmMemory vmm;
    private int tssSelector;
    private int shadowGdtLimit;
    private boolean translatorSegment;
    private int translatorCodeSelector;

    public RingCompression(Cpu cpu, GuestMemory guest, VmmMemory vmm) {
        this.cpu = cpu;
        this.guest = guest;
        this.vmm = vmm;
    }

    /**
     * Asks for one more descriptor in the shadow GDT, past the VMM's TSS: a flat 32-bit code segment of
     * the compressed kernel ring, in which the binary translator runs its translation cache (which lies
     * above {@link #GUEST_LINEAR_TOP}, out of the guest's truncated segments). Call before {@link #enter}.
     */
    public void addTranslatorCodeSegment() {
        translatorSegment = true;
    }

    /** The translator's code selector (RPL = the kernel ring), valid after {@link #enter}; 0 when not asked for. */
    public int translatorCodeSelector() {
        return translatorCodeSelector;
    }

    /** The selector of the VMM's TSS in the shadow GDT (what STR shows the guest). */
    public int vmmTssSelector() {
        return tssSelector;
    }

    /**
     * Takes over a guest that is about to run its kernel in ring 0: shadow tables installed, segment
     * registers moved to ring 1, CPL 1, real IOPL 0 and IF 1 (the VMM sees every interrupt).
     */
    public void enter(VirtualCpu v) {
        rebuildGdt(v);
        installIdt(v);
        for (int s = 0; s < 6; s++) {
            compressCache(cpu.segment(s));
        }
        cpu.setCplDirect(KERNEL_RING);
        cpu.setEflags((cpu.eflags() & ~(3 << 12)) | CpuState.IF);
        cpu.segmentsChanged();
    }

    private static void compressCache(SegmentRegister s) {
        if (!s.valid || (s.attributes & SegmentRegister.A_S) == 0) {
            return;
        }
        if ((s.selector & 3) == 0 && s.selector != 0) {
            s.selector |= KERNEL_RING;
        }
        if (((s.attributes >> 5) & 3) == 0) {
            s.attributes |= KERNEL_RING << 5;
        }
        s.limit = truncatedLimit(s.base, s.limit);
    }

    /** Byte limit of a segment at {@code base} cut so that it ends below {@link #GUEST_LINEAR_TOP}. */
    static int truncatedLimit(int base, int limit) {
        long top = GUEST_LINEAR_TOP & 0xFFFFFFFFL;
        long b = base & 0xFFFFFFFFL;
        if (b >= top) {
            return limit; // a segment above the VMM's memory: left alone
        }
        long last = b + (limit & 0xFFFFFFFFL);
        return last >= top ? (int) (top - 1 - b) : limit;
    }

    /** Copies the guest's GDT into the shadow GDT with ring compression and installs the real GDTR and TR. */
    public void rebuildGdt(VirtualCpu v) {
        int entries = Math.min(((v.gdtrLimit & 0xFFFF) + 1) / 8, 8191);
        vmm.fill(VmmMemory.GDT, 0x10000, 0);
        for (int i = 1; i < entries; i++) {
            int lo = guest.read32(v.gdtrBase + i * 8);
            int hi = guest.read32(v.gdtrBase + i * 8 + 4);
            long d = compress(lo, hi);
            vmm.write32(VmmMemory.GDT + i * 8, (int) d);
            vmm.write32(VmmMemory.GDT + i * 8 + 4, (int) (d >>> 32));
        }
        int tssIndex = Math.max(entries, 1);
        tssSelector = tssIndex * 8;
        int base = VmmMemory.LINEAR + VmmMemory.TSS;
        int tssLo = ((base & 0xFFFF) << 16) | (TSS_SIZE - 1);
        int tssHi = (base & 0xFF000000) | ((base >>> 16) & 0xFF) | 0x8B00; // present, DPL 0, busy 32-bit TSS
        vmm.write32(VmmMemory.GDT + tssSelector, tssLo);
        vmm.write32(VmmMemory.GDT + tssSelector + 4, tssHi);
        vmm.fill(VmmMemory.TSS, TSS_SIZE, 0);
        vmm.write16(VmmMemory.TSS + 102, TSS_SIZE); // I/O map base past the limit: no bitmap
        shadowGdtLimit = tssSelector + 7;
        if (translatorSegment) {
            int sel = tssSelector + 8;
            vmm.write32(VmmMemory.GDT + sel, 0x0000FFFF); // base 0, limit 0xFFFFF pages: 4 GiB
            vmm.write32(VmmMemory.GDT + sel + 4, 0x00CF9A00 | (KERNEL_RING << 13)); // present code, read, 32-bit, G
            translatorCodeSelector = sel | KERNEL_RING;
            shadowGdtLimit = sel + 7;
        }
        cpu.setGdtr(VmmMemory.LINEAR + VmmMemory.GDT, shadowGdtLimit);
        cpu.tr().set(tssSelector, base, TSS_SIZE - 1, Descriptor.attributes(tssHi), true);
    }

    /** One guest descriptor as the shadow GDT holds it. */
    static long compress(int lo, int hi) {
        if ((hi & (1 << 15)) == 0) {
            return (lo & 0xFFFFFFFFL) | ((long) hi << 32); // not present: as is
        }
        if (Descriptor.isSegment(hi)) {
            if (Descriptor.dpl(hi) == 0) {
                hi |= KERNEL_RING << 13;
            }
            boolean expandDown = !Descriptor.isCode(hi) && (hi & (1 << 10)) != 0;
            if (!expandDown) {
                int base = Descriptor.base(lo, hi);
                int limit = Descriptor.limit(lo, hi);
                int cut = truncatedLimit(base, limit);
                if (cut != limit) {
                    boolean g = (hi & (1 << 23)) != 0;
                    int raw = g ? cut >>> 12 : cut;
                    if (!g && (cut >>> 20) != 0) {
                        raw = cut >>> 12;
                        hi |= 1 << 23;
                    }
                    lo = (lo & 0xFFFF0000) | (raw & 0xFFFF);
                    hi = (hi & ~0x000F0000) | (raw & 0x000F0000);
                }
            }
        } else if (Descriptor.type(hi) == Descriptor.CALL_GATE32 || Descriptor.type(hi) == Descriptor.CALL_GATE16) {
            if (Descriptor.dpl(hi) == 0) {
                hi |= KERNEL_RING << 13;
            }
        }
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    /** Points the real IDTR at the shadow IDT with the guest's limit; gates are filled at delivery. */
    public void installIdt(VirtualCpu v) {
        vmm.fill(VmmMemory.IDT, 0x800, 0);
        cpu.setIdtr(VmmMemory.LINEAR + VmmMemory.IDT, Math.min(v.idtrLimit & 0xFFFF, 0x7FF));
    }

    /**
     * Refreshes shadow gate {@code vector} from the guest's IDT (DPL 0 raised to 1). Returns the gate's
     * type, or -1 when the vector is beyond the guest's IDT limit.
     */
    public int syncGate(VirtualCpu v, int vector) {
        if (Integer.compareUnsigned(vector * 8 + 7, v.idtrLimit & 0xFFFF) > 0) {
            return -1;
        }
        int lo = guest.read32(v.idtrBase + vector * 8);
        int hi = guest.read32(v.idtrBase + vector * 8 + 4);
        if (!Descriptor.isSegment(hi) && Descriptor.dpl(hi) == 0) {
            hi |= KERNEL_RING << 13;
        }
        vmm.write32(VmmMemory.IDT + vector * 8, lo);
        vmm.write32(VmmMemory.IDT + vector * 8 + 4, hi);
        return Descriptor.type(hi);
    }

    /** Copies the guest TSS's ring-0 stack (SS0:ESP0, SS RPL raised to 1) into the VMM TSS's ring-1 stack. */
    public void syncStack(VirtualCpu v) {
        if (v.tr == 0 || Integer.compareUnsigned(v.trLimit, 11) < 0) {
            return;
        }
        int esp0 = guest.read32(v.trBase + 4);
        int ss0 = guest.read16(v.trBase + 8);
        vmm.write32(VmmMemory.TSS + 4 + KERNEL_RING * 8, esp0);
        vmm.write32(VmmMemory.TSS + 8 + KERNEL_RING * 8, (ss0 & 0xFFFC) == 0 ? ss0 : ss0 | KERNEL_RING);
    }

    /** A guest selector with RPL 0 moved to the compressed ring (null selectors stay null). */
    public static int compressSelector(int sel) {
        return (sel & 0xFFFC) != 0 && (sel & 3) == 0 ? sel | KERNEL_RING : sel;
    }

    /** Writes what is not in the VMM's memory (for a VM snapshot). */
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(tssSelector);
        out.writeInt(shadowGdtLimit);
        out.writeInt(translatorCodeSelector);
    }

    /** Restores what {@link #saveState} wrote; the VMM's memory is restored separately. */
    public void loadState(java.io.DataInput in) throws java.io.IOException {
        tssSelector = in.readInt();
        shadowGdtLimit = in.readInt();
        translatorCodeSelector = in.readInt();
    }
}
