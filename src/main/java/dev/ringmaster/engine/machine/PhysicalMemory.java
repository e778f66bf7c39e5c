package dev.ringmaster.engine.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 4 GiB physical address space, in 4 KiB pages: RAM from 0, ROM images mapped read-only (the
 * same image may appear at several addresses, as the BIOS does below 1 MiB and below 4 GiB), and
 * pages given to {@link MmioDevice}s (VGA at 0xA0000–0xBFFFF). Everything else reads all ones and
 * ignores writes.
 *
 * <p>RAM and ROM bytes live in one array ({@link #array()}): the CPU's TLB keeps, per page, the
 * offset into it ({@link #offset(int)}) and reads and writes plain RAM without calling back.
 *
 * <p>Self-modifying code: a page from which the CPU has decoded instructions is marked as a code
 * page ({@link #markCode}); every write to it through this class — CPU stores on their slow path,
 * string instructions, device writes, loaders — tells the {@link CodeWriteListener} first, which
 * discards the decoded instructions of that page. (The CPU never writes a code page on its fast
 * path: marking a page removes it from the TLB's writable entries.)
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGES = 1 << 20;
    /** {@link #offset} result for pages that are not RAM/ROM. */
    public static final int NOT_MEMORY = -1;

    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Told before a write lands in a page marked as code. */
    @FunctionalInterface
    public interface CodeWriteListener {
        /** {@code length} bytes at physical {@code pa} (within one page) are about to be written. */
        void codeWritten(int pa, int length);
    }

    /** One MMIO registration, for listings. */
    public record MmioMapping(int first, int last, MmioDevice device) {
    }

    private final byte[] mem;
    private final int ramSize;
    private int used;
    private final int[] pageOffset = new int[PAGES];
    private final boolean[] pageRom = new boolean[PAGES];
    private final byte[] codePage = new byte[PAGES];
    private final MmioDevice[] mmioPage = new MmioDevice[PAGES];
    private final List<MmioMapping> mmio = new ArrayList<>();
    private CodeWriteListener codeListener = (pa, length) -> { };

    /**
     * @param ramBytes    RAM size (a multiple of 4 KiB, at most 2 GiB - ROM)
     * @param romCapacity bytes reserved for ROM images
     */
    public PhysicalMemory(int ramBytes, int romCapacity) {
        if (ramBytes < 0 || (ramBytes & (PAGE_SIZE - 1)) != 0 || romCapacity < 0
                || (long) ramBytes + romCapacity > Integer.MAX_VALUE - PAGE_SIZE) {
            throw new IllegalArgumentException("bad memory size " + ramBytes + " + " + romCapacity);
        }
        this.ramSize = ramBytes;
        this.mem = new byte[ramBytes + roundUp(romCapacity)];
        this.used = ramBytes;
        Arrays.fill(pageOffset, NOT_MEMORY);
        for (int p = 0; p < ramBytes >>> PAGE_SHIFT; p++) {
            pageOffset[p] = p << PAGE_SHIFT;
        }
    }

    private static int roundUp(int n) {
        return (n + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    public int ramSize() {
        return ramSize;
    }

    /** The backing array of RAM and ROM (for the CPU's fast path and snapshots). */
    public byte[] array() {
        return mem;
    }

    /** Offset into {@link #array()} of physical page {@code page}, or {@link #NOT_MEMORY}. */
    public int offset(int page) {
        return pageOffset[page];
    }

    /** True when the page is RAM (writable memory). */
    public boolean isRam(int page) {
        return pageOffset[page] != NOT_MEMORY && !pageRom[page];
    }

    public void setCodeWriteListener(CodeWriteListener l) {
        codeListener = l == null ? (pa, length) -> { } : l;
    }

    /** Marks a page as holding decoded code (writes will be reported). */
    public void markCode(int page) {
        codePage[page] = 1;
    }

    public boolean isCode(int page) {
        return codePage[page] != 0;
    }

    public void clearCode(int page) {
        codePage[page] = 0;
    }

    /**
     * Maps a ROM image read-only at physical address {@code at} (page aligned). Mapping the same
     * image again elsewhere: use {@link #mapRom(int[], byte[])} to share the bytes.
     */
    public void mapRom(int at, byte[] image) {
        mapRom(new int[] {at}, image);
    }

    /** Maps one ROM image at each of the (page-aligned) addresses; all aliases share the bytes. */
    public void mapRom(int[] addresses, byte[] image) {
        int size = roundUp(image.length);
        if (used + size > mem.length) {
            throw new IllegalStateException("ROM images exceed the reserved ROM capacity (" + (mem.length - ramSize)
                    + " bytes)");
        }
        int base = used;
        System.arraycopy(image, 0, mem, base, image.length);
        used += size;
        for (int at : addresses) {
            if ((at & (PAGE_SIZE - 1)) != 0) {
                throw new IllegalArgumentException("ROM address not page aligned: " + Integer.toHexString(at));
            }
            for (int k = 0; k < size >>> PAGE_SHIFT; k++) {
                int p = (at >>> PAGE_SHIFT) + k;
                pageOffset[p] = base + (k << PAGE_SHIFT);
                pageRom[p] = true;
                mmioPage[p] = null;
            }
        }
    }

    /**
     * Maps {@code length} bytes (page multiple) of host memory at physical {@code at} (page aligned), taken
     * from the capacity reserved beyond RAM: readable, writable and executable like RAM, but not part of
     * the guest's RAM (not in {@link #ramSize()}, not in snapshots). A VMM keeps its own code there — the
     * binary translator's translation cache — so that the CPU decodes and caches it like any code.
     */
    public void mapPrivateRam(int at, int length) {
        if (((at | length) & (PAGE_SIZE - 1)) != 0 || length <= 0) {
            throw new IllegalArgumentException("private RAM must cover whole pages");
        }
        if (used + length > mem.length) {
            throw new IllegalStateException("private RAM of " + length + " bytes exceeds the reserved capacity ("
                    + (mem.length - used) + " bytes left)");
        }
        int base = used;
        used += length;
        Arrays.fill(mem, base, base + length, (byte) 0);
        for (int k = 0; k < length >>> PAGE_SHIFT; k++) {
            int p = (at >>> PAGE_SHIFT) + k;
            if (mmioPage[p] != null || pageOffset[p] != NOT_MEMORY) {
                throw new IllegalStateException("physical page " + Integer.toHexString(p << PAGE_SHIFT) + " is taken");
            }
            pageOffset[p] = base + (k << PAGE_SHIFT);
            pageRom[p] = false;
        }
    }

    /** The code-write listener in place (a VMM wraps it to learn of writes to code it translated). */
    public CodeWriteListener codeWriteListener() {
        return codeListener;
    }

    /**
     * Makes the pages at {@code at} show the same ROM bytes as the pages at {@code source} (an alias,
     * as the PC's BIOS below 1 MiB and below 4 GiB). Both ranges are page aligned.
     */
    public void aliasRom(int at, int source, int length) {
        if (((at | source | length) & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("ROM alias must be page aligned");
        }
        for (int k = 0; k < length >>> PAGE_SHIFT; k++) {
            int sp = (source >>> PAGE_SHIFT) + k;
            if (!pageRom[sp]) {
                throw new IllegalArgumentException("alias source " + Integer.toHexString(sp << PAGE_SHIFT) + " is not ROM");
            }
            int p = (at >>> PAGE_SHIFT) + k;
            pageOffset[p] = pageOffset[sp];
            pageRom[p] = true;
            mmioPage[p] = null;
        }
    }

    /** Gives physical addresses {@code first..last} (page aligned, inclusive) to an MMIO device. */
    public void mapMmio(int first, int last, MmioDevice device) {
        if ((first & (PAGE_SIZE - 1)) != 0 || ((last + 1) & (PAGE_SIZE - 1)) != 0
                || Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("MMIO range must cover whole pages: "
                    + Integer.toHexString(first) + ".." + Integer.toHexString(last));
        }
        for (long p = (first & 0xFFFFFFFFL) >>> PAGE_SHIFT; p <= (last & 0xFFFFFFFFL) >>> PAGE_SHIFT; p++) {
            if (mmioPage[(int) p] != null) {
                throw new IllegalStateException("MMIO page " + Long.toHexString(p << PAGE_SHIFT) + " already belongs to "
                        + mmioPage[(int) p].name());
            }
        }
        for (long p = (first & 0xFFFFFFFFL) >>> PAGE_SHIFT; p <= (last & 0xFFFFFFFFL) >>> PAGE_SHIFT; p++) {
            mmioPage[(int) p] = device;
            pageOffset[(int) p] = NOT_MEMORY;
        }
        mmio.add(new MmioMapping(first, last, device));
    }

    public List<MmioMapping> mmioMappings() {
        return List.copyOf(mmio);
    }

    // ---- access -------------------------------------------------------------------------------------

    public int read8(int pa) {
        int p = pa >>> PAGE_SHIFT;
        int off = pageOffset[p];
        if (off >= 0) {
            return mem[off + (pa & (PAGE_SIZE - 1))] & 0xFF;
        }
        MmioDevice d = mmioPage[p];
        return d != null ? d.mmioRead(pa, 1) & 0xFF : 0xFF;
    }

    public int read16(int pa) {
        if ((pa & (PAGE_SIZE - 1)) > PAGE_SIZE - 2) {
            return read8(pa) | read8(pa + 1) << 8;
        }
        int p = pa >>> PAGE_SHIFT;
        int off = pageOffset[p];
        if (off >= 0) {
            return (short) LE16.get(mem, off + (pa & (PAGE_SIZE - 1))) & 0xFFFF;
        }
        MmioDevice d = mmioPage[p];
        return d != null ? d.mmioRead(pa, 2) & 0xFFFF : 0xFFFF;
    }

    public int read32(int pa) {
        if ((pa & (PAGE_SIZE - 1)) > PAGE_SIZE - 4) {
            return read16(pa) | read16(pa + 2) << 16;
        }
        int p = pa >>> PAGE_SHIFT;
        int off = pageOffset[p];
        if (off >= 0) {
            return (int) LE32.get(mem, off + (pa & (PAGE_SIZE - 1)));
        }
        MmioDevice d = mmioPage[p];
        return d != null ? d.mmioRead(pa, 4) : 0xFFFFFFFF;
    }

    public void write8(int pa, int v) {
        int p = pa >>> PAGE_SHIFT;
        int off = pageOffset[p];
        if (off >= 0) {
            if (pageRom[p]) {
                return;
            }
            if (codePage[p] != 0) {
                codeListener.codeWritten(pa, 1);
            }
            mem[off + (pa & (PAGE_SIZE - 1))] = (byte) v;
            return;
        }
        MmioDevice d = mmioPage[p];
        if (d != null) {
            d.mmioWrite(pa, 1, v & 0xFF);
        }
    }

    public void write16(int pa, int v) {
        if ((pa & (PAGE_SIZE - 1)) > PAGE_SIZE - 2) {
            write8(pa, v);
            write8(pa + 1, v >> 8);
            return;
        }
        int p = pa >>> PAGE_SHIFT;
        int off = pageOffset[p];
        if (off >= 0) {
            if (pageRom[p]) {
                return;
            }
            if (codePage[p] != 0) {
                codeListener.codeWritten(pa, 2);
            }
            LE16.set(mem, off + (pa & (PAGE_SIZE - 1)), (short) v);
            return;
        }
        MmioDevice d = mmioPage[p];
        if (d != null) {
            d.mmioWrite(pa, 2, v & 0xFFFF);
        }
    }

    public void write32(int pa, int v) {
        if ((pa & (PAGE_SIZE - 1)) > PAGE_SIZE - 4) {
            write16(pa, v);
            write16(pa + 2, v >>> 16);
            return;
        }
        int p = pa >>> PAGE_SHIFT;
        int off = pageOffset[p];
        if (off >= 0) {
            if (pageRom[p]) {
                return;
            }
            if (codePage[p] != 0) {
                codeListener.codeWritten(pa, 4);
            }
            LE32.set(mem, off + (pa & (PAGE_SIZE - 1)), v);
            return;
        }
        MmioDevice d = mmioPage[p];
        if (d != null) {
            d.mmioWrite(pa, 4, v);
        }
    }

    /** Copies {@code data} into memory at {@code pa} (loaders; ROM pages are skipped, code pages reported). */
    public void load(int pa, byte[] data, int from, int length) {
        for (int i = 0; i < length; ) {
            int a = pa + i;
            int p = a >>> PAGE_SHIFT;
            int inPage = Math.min(length - i, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
            int off = pageOffset[p];
            if (off >= 0 && !pageRom[p]) {
                if (codePage[p] != 0) {
                    codeListener.codeWritten(a, inPage);
                }
                System.arraycopy(data, from + i, mem, off + (a & (PAGE_SIZE - 1)), inPage);
            } else {
                for (int k = 0; k < inPage; k++) {
                    write8(a + k, data[from + i + k]);
                }
            }
            i += inPage;
        }
    }

    public void load(int pa, byte[] data) {
        load(pa, data, 0, data.length);
    }

    /** Fills {@code length} bytes at {@code pa} with {@code value} (BSS clearing). */
    public void fill(int pa, int length, int value) {
        for (int i = 0; i < length; i++) {
            write8(pa + i, value);
        }
    }

    /** Copies {@code length} bytes from {@code pa} into a new array. */
    public byte[] readBytes(int pa, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) read8(pa + i);
        }
        return out;
    }

    // ---- snapshots ----------------------------------------------------------------------------------

    /**
     * Writes RAM (ROM images come from the machine's configuration, MMIO from the devices): the size,
     * then per 4 KiB page a tag byte — 0 for an all-zero page, 1 followed by its 4096 bytes.
     */
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(ramSize);
        for (int at = 0; at < ramSize; at += PAGE_SIZE) {
            if (zeroPage(at)) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.write(mem, at, PAGE_SIZE);
            }
        }
    }

    private boolean zeroPage(int at) {
        for (int i = at; i < at + PAGE_SIZE; i += 8) {
            if ((long) LE64.get(mem, i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Restores RAM written by {@link #saveState}; decoded code on any page is invalidated. */
    public void loadState(DataInput in) throws IOException {
        int size = in.readInt();
        if (size != ramSize) {
            throw new IOException("snapshot RAM size " + size + " does not match this machine's " + ramSize);
        }
        for (int at = 0; at < ramSize; at += PAGE_SIZE) {
            int tag = in.readUnsignedByte();
            if (tag == 0) {
                Arrays.fill(mem, at, at + PAGE_SIZE, (byte) 0);
            } else if (tag == 1) {
                in.readFully(mem, at, PAGE_SIZE);
            } else {
                throw new IOException(String.format("snapshot RAM page at 0x%08X has a bad tag %d", at, tag));
            }
        }
        for (int p = 0; p < ramSize >>> PAGE_SHIFT; p++) {
            if (codePage[p] != 0) {
                codeListener.codeWritten(p << PAGE_SHIFT, PAGE_SIZE);
            }
        }
    }
}
