package dev.ringmaster.engine.cpu;

import dev.ringmaster.engine.machine.PhysicalMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Linear-to-physical translation (SDM vol. 3, chapter 4, 32-bit paging) with a software TLB, and
 * linear-address reads and writes.
 *
 * <p>Paging: two-level 4 KiB pages and 4 MiB pages (CR4.PSE), P/RW/US checks for user (CPL 3) and
 * supervisor accesses with CR0.WP, accessed and dirty bits set as the processor does (the PDE's A
 * bit when it is used, the PTE's A and D bits once the access is allowed), #PF with its error code
 * and CR2. With paging off, linear = physical (masked by A20).
 *
 * <p>The TLB is direct-mapped by linear page, with separate entries for supervisor and user
 * accesses and for reading and writing. Each entry has two levels: "translation" tags (the
 * translation and permission are known) and "fast" tags (the page is plain RAM — for writes also
 * dirty and without decoded code — so the access goes straight to the backing array). Flushing
 * follows the architecture: MOV CR3 drops all but global entries (CR4.PGE), INVLPG one page, a change
 * of CR0.PG/WP or CR4.PSE/PGE everything.
 *
 * <p>EPT seam: {@link #setSecondStage} installs a guest-physical to host-physical translation applied
 * to the paging-structure reads and to the final address.
 */
public final class Mmu {
    static final int TLB_BITS = 10;
    static final int TLB_SIZE = 1 << TLB_BITS;
    static final int TLB_MASK = TLB_SIZE - 1;
    private static final int NONE = -1;

    private static final int PG_P = 1, PG_RW = 2, PG_US = 4, PG_A = 0x20, PG_D = 0x40, PG_PS = 0x80, PG_G = 0x100;

    static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Guest-physical to host-physical translation (the hardware-assisted technique's EPT). */
    public interface SecondStage {
        /**
         * Translates guest-physical {@code gpa} for an access ({@code write}: a write; {@code walk}:
         * a paging-structure access). Returns the host-physical address, or raises whatever the VMM
         * wants (typically by asking the CPU to exit) — it must not return an invalid address.
         */
        int translate(int gpa, boolean write, boolean walk);
    }

    private final Cpu cpu;
    final PhysicalMemory pm;
    final byte[] mem;

    // [mode][index], mode 0 = supervisor, 1 = user
    private final int[][] fastRead = {new int[TLB_SIZE], new int[TLB_SIZE]};
    private final int[][] fastWrite = {new int[TLB_SIZE], new int[TLB_SIZE]};
    private final int[][] xlatRead = {new int[TLB_SIZE], new int[TLB_SIZE]};
    private final int[][] xlatWrite = {new int[TLB_SIZE], new int[TLB_SIZE]};
    private final int[] linTag = new int[TLB_SIZE];
    private final int[] physPage = new int[TLB_SIZE];
    private final int[] memOff = new int[TLB_SIZE];
    private final boolean[] global = new boolean[TLB_SIZE];

    /** Current-mode fast tags (switched with CPL). */
    int[] readTag;
    int[] writeTag;
    int userMode;

    boolean paging;
    boolean wp;
    boolean pse;
    boolean pge;
    int cr3;
    int a20Mask = -1;
    private SecondStage secondStage;

    /** TLB misses since power-on (the cost model may charge them). */
    long tlbMisses;

    Mmu(Cpu cpu, PhysicalMemory pm) {
        this.cpu = cpu;
        this.pm = pm;
        this.mem = pm.array();
        flushAll();
        setUser(false);
    }

    void setUser(boolean user) {
        userMode = user ? 1 : 0;
        readTag = fastRead[userMode];
        writeTag = fastWrite[userMode];
    }

    public void setSecondStage(SecondStage s) {
        secondStage = s;
        flushAll();
    }

    public SecondStage secondStage() {
        return secondStage;
    }

    // ---- flushing ---------------------------------------------------------------------------------

    public void flushAll() {
        for (int i = 0; i < TLB_SIZE; i++) {
            evict(i);
        }
    }

    /** MOV CR3: everything but global pages (when CR4.PGE). */
    void flushNonGlobal() {
        for (int i = 0; i < TLB_SIZE; i++) {
            if (!(pge && global[i])) {
                evict(i);
            }
        }
    }

    /** INVLPG. */
    public void flushPage(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (linTag[i] == (lin & 0xFFFFF000)) {
            evict(i);
        }
    }

    private void evict(int i) {
        linTag[i] = NONE;
        fastRead[0][i] = fastRead[1][i] = NONE;
        fastWrite[0][i] = fastWrite[1][i] = NONE;
        xlatRead[0][i] = xlatRead[1][i] = NONE;
        xlatWrite[0][i] = xlatWrite[1][i] = NONE;
        global[i] = false;
    }

    /** A physical page now holds decoded code: its writes must take the slow path. */
    /** Makes TLB writes to physical page {@code page} take the slow path (its writes must be reported). */
    public void protectCodePage(int page) {
        int base = page << 12;
        for (int i = 0; i < TLB_SIZE; i++) {
            if (linTag[i] != NONE && physPage[i] == base) {
                fastWrite[0][i] = fastWrite[1][i] = NONE;
            }
        }
    }

    // ---- translation --------------------------------------------------------------------------------

    /**
     * Translates {@code lin} for an access by mode {@code user} ({@code write}: a write). Raises #PF.
     */
    int translate(int lin, boolean write, int user) {
        int i = (lin >>> 12) & TLB_MASK;
        int page = lin & 0xFFFFF000;
        int[] tags = write ? xlatWrite[user] : xlatRead[user];
        if (tags[i] == page) {
            return physPage[i] | (lin & 0xFFF);
        }
        return fill(lin, write, user);
    }

    /** Translation for an instruction fetch in the current mode (the fast TLB tags first). */
    int fetchTranslate(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (readTag[i] == (lin & 0xFFFFF000)) {
            return physPage[i] | (lin & 0xFFF);
        }
        return translate(lin, false, userMode);
    }

    private int fill(int lin, boolean write, int user) {
        tlbMisses++;
        int i = (lin >>> 12) & TLB_MASK;
        int page = lin & 0xFFFFF000;
        int pa;
        boolean writable;
        boolean dirty;
        boolean glob = false;
        if (!paging) {
            pa = page & a20Mask;
            if (secondStage != null) {
                pa = secondStage.translate(pa, write, false) & 0xFFFFF000;
            }
            writable = true;
            dirty = true;
        } else {
            int pdeAddr = (cr3 & 0xFFFFF000) | ((lin >>> 20) & 0xFFC);
            int pde = readTable(pdeAddr);
            boolean us = user != 0;
            if ((pde & PG_P) == 0) {
                throw cpu.pageFault(lin, (write ? 2 : 0) | (us ? 4 : 0));
            }
            int entry;
            int entryAddr;
            int rw;
            int usr;
            if (pse && (pde & PG_PS) != 0) {
                entry = pde;
                entryAddr = pdeAddr;
                rw = pde & PG_RW;
                usr = pde & PG_US;
                pa = (pde & 0xFFC00000) | (lin & 0x003FF000);
                glob = (pde & PG_G) != 0;
            } else {
                if ((pde & PG_A) == 0) {
                    pde |= PG_A;
                    writeTable(pdeAddr, pde);
                }
                entryAddr = (pde & 0xFFFFF000) | ((lin >>> 10) & 0xFFC);
                entry = readTable(entryAddr);
                if ((entry & PG_P) == 0) {
                    throw cpu.pageFault(lin, (write ? 2 : 0) | (us ? 4 : 0));
                }
                rw = pde & entry & PG_RW;
                usr = pde & entry & PG_US;
                pa = entry & 0xFFFFF000;
                glob = (entry & PG_G) != 0;
            }
            if (us) {
                if (usr == 0 || (write && rw == 0)) {
                    throw cpu.pageFault(lin, 1 | (write ? 2 : 0) | 4);
                }
            } else if (write && rw == 0 && wp) {
                throw cpu.pageFault(lin, 1 | 2);
            }
            int upd = entry | PG_A | (write ? PG_D : 0);
            if (upd != entry) {
                writeTable(entryAddr, upd);
            }
            writable = us ? rw != 0 : (rw != 0 || !wp);
            dirty = (upd & PG_D) != 0;
            pa &= a20Mask;
            if (secondStage != null) {
                pa = secondStage.translate(pa, write, false) & 0xFFFFF000;
            }
        }
        if (linTag[i] != page) {
            evict(i);
            linTag[i] = page;
        }
        physPage[i] = pa;
        global[i] = glob;
        int ppage = pa >>> 12;
        int off = pm.offset(ppage);
        memOff[i] = off;
        xlatRead[user][i] = page;
        if (off != PhysicalMemory.NOT_MEMORY) {
            fastRead[user][i] = page;
        }
        if (writable && dirty) {
            xlatWrite[user][i] = page;
            if (pm.isRam(ppage) && !pm.isCode(ppage)) {
                fastWrite[user][i] = page;
            }
        }
        return pa | (lin & 0xFFF);
    }

    private int readTable(int pa) {
        pa &= a20Mask;
        if (secondStage != null) {
            pa = secondStage.translate(pa, false, true);
        }
        return pm.read32(pa);
    }

    private void writeTable(int pa, int v) {
        pa &= a20Mask;
        if (secondStage != null) {
            pa = secondStage.translate(pa, true, true);
        }
        pm.write32(pa, v);
    }

    /**
     * Walks the page tables for {@code lin} without side effects (no A/D updates, no fault, no TLB
     * fill), as a debugger would: the physical address, or -1 when not mapped.
     */
    public int probe(int lin) {
        if (!paging) {
            return lin & a20Mask;
        }
        int pde = pm.read32(((cr3 & 0xFFFFF000) | ((lin >>> 20) & 0xFFC)) & a20Mask);
        if ((pde & PG_P) == 0) {
            return -1;
        }
        if (pse && (pde & PG_PS) != 0) {
            return ((pde & 0xFFC00000) | (lin & 0x003FFFFF)) & a20Mask;
        }
        int pte = pm.read32(((pde & 0xFFFFF000) | ((lin >>> 10) & 0xFFC)) & a20Mask);
        return (pte & PG_P) == 0 ? -1 : ((pte & 0xFFFFF000) | (lin & 0xFFF)) & a20Mask;
    }

    // ---- linear access (current mode) -------------------------------------------------------------------

    int read8(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (readTag[i] == (lin & 0xFFFFF000)) {
            return mem[memOff[i] + (lin & 0xFFF)] & 0xFF;
        }
        return pm.read8(translate(lin, false, userMode));
    }

    int read16(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (readTag[i] == (lin & 0xFFFFF000) && (lin & 0xFFF) <= 0xFFE) {
            return (short) LE16.get(mem, memOff[i] + (lin & 0xFFF)) & 0xFFFF;
        }
        return read16Slow(lin, userMode);
    }

    int read32(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (readTag[i] == (lin & 0xFFFFF000) && (lin & 0xFFF) <= 0xFFC) {
            return (int) LE32.get(mem, memOff[i] + (lin & 0xFFF));
        }
        return read32Slow(lin, userMode);
    }

    void write8(int lin, int v) {
        int i = (lin >>> 12) & TLB_MASK;
        if (writeTag[i] == (lin & 0xFFFFF000)) {
            mem[memOff[i] + (lin & 0xFFF)] = (byte) v;
            return;
        }
        pm.write8(translate(lin, true, userMode), v);
    }

    void write16(int lin, int v) {
        int i = (lin >>> 12) & TLB_MASK;
        if (writeTag[i] == (lin & 0xFFFFF000) && (lin & 0xFFF) <= 0xFFE) {
            LE16.set(mem, memOff[i] + (lin & 0xFFF), (short) v);
            return;
        }
        write16Slow(lin, v, userMode);
    }

    void write32(int lin, int v) {
        int i = (lin >>> 12) & TLB_MASK;
        if (writeTag[i] == (lin & 0xFFFFF000) && (lin & 0xFFF) <= 0xFFC) {
            LE32.set(mem, memOff[i] + (lin & 0xFFF), v);
            return;
        }
        write32Slow(lin, v, userMode);
    }

    /** Checks that {@code size} bytes at {@code lin} may be written (both pages), without writing. */
    void probeWrite(int lin, int size, int user) {
        translate(lin, true, user);
        if ((lin & 0xFFF) > 0x1000 - size) {
            translate(lin + size - 1, true, user);
        }
    }

    int read16Slow(int lin, int user) {
        if ((lin & 0xFFF) == 0xFFF) {
            int a = translate(lin, false, user);
            int b = translate(lin + 1, false, user);
            return pm.read8(a) | pm.read8(b) << 8;
        }
        return pm.read16(translate(lin, false, user));
    }

    int read32Slow(int lin, int user) {
        if ((lin & 0xFFF) > 0xFFC) {
            int a = translate(lin, false, user);
            int b = translate(lin + 3, false, user);
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int pa = ((lin + k) & 0xFFF) >= (lin & 0xFFF) ? a + k : (b & 0xFFFFF000) | ((lin + k) & 0xFFF);
                v |= pm.read8(pa) << (8 * k);
            }
            return v;
        }
        return pm.read32(translate(lin, false, user));
    }

    void write16Slow(int lin, int v, int user) {
        if ((lin & 0xFFF) == 0xFFF) {
            int a = translate(lin, true, user);
            int b = translate(lin + 1, true, user);
            pm.write8(a, v);
            pm.write8(b, v >> 8);
            return;
        }
        pm.write16(translate(lin, true, user), v);
    }

    void write32Slow(int lin, int v, int user) {
        if ((lin & 0xFFF) > 0xFFC) {
            int a = translate(lin, true, user);
            int b = translate(lin + 3, true, user);
            for (int k = 0; k < 4; k++) {
                int pa = ((lin + k) & 0xFFF) >= (lin & 0xFFF) ? a + k : (b & 0xFFFFF000) | ((lin + k) & 0xFFF);
                pm.write8(pa, v >> (8 * k));
            }
            return;
        }
        pm.write32(translate(lin, true, user), v);
    }

    // ---- implicit supervisor accesses (descriptor tables, TSS) ----------------------------------------------

    int readSys8(int lin) {
        return pm.read8(translate(lin, false, 0));
    }

    int readSys16(int lin) {
        return read16Slow(lin, 0);
    }

    int readSys32(int lin) {
        return read32Slow(lin, 0);
    }

    void writeSys8(int lin, int v) {
        pm.write8(translate(lin, true, 0), v);
    }

    void writeSys16(int lin, int v) {
        write16Slow(lin, v, 0);
    }

    void writeSys32(int lin, int v) {
        write32Slow(lin, v, 0);
    }
}
