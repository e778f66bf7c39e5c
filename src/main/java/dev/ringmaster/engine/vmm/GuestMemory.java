package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.machine.PhysicalMemory;

/**
 * The VMM's view of guest linear memory: translated the way the CPU currently translates (no A/D
 * updates, no faults, no TLB fill). Addresses that are not mapped read as 0 and ignore writes; the
 * caller checks {@link #mapped} when it matters.
 */
public final class GuestMemory {
    private final Cpu cpu;
    private final PhysicalMemory pm;

    public GuestMemory(Cpu cpu) {
        this.cpu = cpu;
        this.pm = cpu.physicalMemory();
    }

    public boolean mapped(int lin) {
        return cpu.mmu().probe(lin) != -1;
    }

    public int read8(int lin) {
        int pa = cpu.mmu().probe(lin);
        return pa == -1 ? 0 : pm.read8(pa);
    }

    public int read16(int lin) {
        return read8(lin) | read8(lin + 1) << 8;
    }

    public int read32(int lin) {
        if ((lin & 0xFFF) <= 0xFFC) {
            int pa = cpu.mmu().probe(lin);
            return pa == -1 ? 0 : pm.read32(pa);
        }
        return read16(lin) | read16(lin + 2) << 16;
    }

    public void write8(int lin, int v) {
        int pa = cpu.mmu().probe(lin);
        if (pa != -1) {
            pm.write8(pa, v);
        }
    }

    public void write16(int lin, int v) {
        write8(lin, v);
        write8(lin + 1, v >>> 8);
    }

    public void write32(int lin, int v) {
        if ((lin & 0xFFF) <= 0xFFC) {
            int pa = cpu.mmu().probe(lin);
            if (pa != -1) {
                pm.write32(pa, v);
            }
            return;
        }
        write16(lin, v);
        write16(lin + 2, v >>> 16);
    }

    /** Up to {@code n} bytes at {@code lin} (stops at an unmapped byte). */
    public byte[] readBytes(int lin, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            if (!mapped(lin + i)) {
                return java.util.Arrays.copyOf(b, i);
            }
            b[i] = (byte) read8(lin + i);
        }
        return b;
    }
}
