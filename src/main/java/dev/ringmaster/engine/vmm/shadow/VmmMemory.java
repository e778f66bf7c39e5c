package dev.ringmaster.engine.vmm.shadow;

import dev.ringmaster.engine.machine.MmioDevice;
import dev.ringmaster.engine.machine.PhysicalMemory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The VMM's own memory: host memory that is not part of the guest's RAM. It sits at physical
 * {@link #BASE}, far above any guest RAM (the guest is never told about it and its page tables cannot
 * name it), and holds what the real CPU must read while the guest runs: the shadow GDT and IDT and the
 * VMM's TSS (later the shadow page tables). It is reached through the physical memory map like a
 * device window, so the CPU's descriptor and page-table accesses work unchanged. The shadow page tables
 * map it at {@link #LINEAR} for supervisor access only, and the guest's segments are truncated below that
 * (ring compression), so the guest kernel cannot read or write it.
 */
public final class VmmMemory implements MmioDevice {
    /** Physical address of the VMM's memory. */
    public static final int BASE = 0xE0000000;
    /**
     * Linear address where the shadow page tables map it (the top 4 MiB, as VMware's VMM did); the
     * guest's segments end below it.
     */
    public static final int LINEAR = 0xFFC00000;
    /** Size: one 4 MiB page-directory slot. */
    public static final int SIZE = 4 << 20;
    /**
     * Offsets of the structures inside: shadow GDT (64 KiB), shadow IDT, the VMM TSS, the shadow page
     * directory, the page table that maps this window, then the pool of shadow page tables.
     */
    /**
     * The binary translator's translation cache: host RAM at physical {@link #TC_PHYSICAL} (just above this
     * memory), mapped read-only for supervisor code at {@link #TC_LINEAR}, the last {@link #TC_SIZE} bytes of
     * the window (the shadow page-table pool is reached physically and needs no linear mapping there).
     */
    public static final int TC_SIZE = 1 << 20;
    public static final int TC_PHYSICAL = BASE + SIZE;
    public static final int TC_LINEAR = LINEAR + SIZE - TC_SIZE;
    /** End (exclusive) of the physical range the VMM owns: its memory and the translation cache. */
    public static final int PRIVATE_END = TC_PHYSICAL + TC_SIZE;
    public static final int GDT = 0x00000, IDT = 0x10000, TSS = 0x10800, SHADOW_PD = 0x11000, WINDOW_PT = 0x12000,
            POOL = 0x13000;

    private final byte[] bytes = new byte[SIZE];

    /** Maps the VMM's memory into {@code pm} at {@link #BASE}. */
    public static VmmMemory mapInto(PhysicalMemory pm) {
        VmmMemory m = new VmmMemory();
        pm.mapMmio(BASE, BASE + SIZE - 1, m);
        return m;
    }

    @Override
    public String name() {
        return "vmm-memory";
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public int mmioRead(int address, int size) {
        int o = address - BASE;
        if (size == 4 && (o & 3) == 0) {
            return (bytes[o] & 0xFF) | (bytes[o + 1] & 0xFF) << 8 | (bytes[o + 2] & 0xFF) << 16 | bytes[o + 3] << 24;
        }
        int v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[o + i] & 0xFF);
        }
        return v;
    }

    @Override
    public void mmioWrite(int address, int size, int value) {
        int o = address - BASE;
        for (int i = 0; i < size; i++) {
            bytes[o + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Direct access by offset (the VMM's own reads and writes). */
    public int read32(int offset) {
        return mmioRead(BASE + offset, 4);
    }

    public void write32(int offset, int v) {
        mmioWrite(BASE + offset, 4, v);
    }

    public void write16(int offset, int v) {
        mmioWrite(BASE + offset, 2, v);
    }

    public void fill(int offset, int length, int value) {
        java.util.Arrays.fill(bytes, offset, offset + length, (byte) value);
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(SIZE);
        out.write(bytes);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n != SIZE) {
            throw new IOException("VMM memory snapshot has " + n + " bytes, expected " + SIZE);
        }
        in.readFully(bytes);
    }
}
