package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.machine.PhysicalMemory;

/**
 * The VMM's view of guest linear memory, translated through the guest's own page tables (not the
 * shadow ones the real CPU uses) without side effects: no A/D updates, no faults, no TLB fill.
 * Addresses that are not mapped read as 0 and ignore writes; the caller checks {@link #mapped} when
 * it matters.
 */
public final class GuestMemory {
    /** Guest linear to guest physical (= host physical for this VMM), or -1 when not mapped. */
    @FunctionalInterface
    public interface Translation {
        int toPhysical(int linear);
    }

    private final PhysicalMemory pm;
    private Translation translation;

    /** Guest memory translated as the CPU translates now (a guest the VMM does not shadow). */
    public GuestMemory(Cpu cpu) {
        this.pm = cpu.physicalMemory();
        Cpu c = cpu;
        this.translation = lin -> c.mmu().probe(lin);
    }

    /** Switches to {@code t} (the shadow pager's walk of the guest's page tables). */
    public void setTranslation(Translation t) {
        this.translation = t;
    }

    public boolean mapped(int lin) {
        return translation.toPhysical(lin) != -1;
    }

    public int read8(int lin) {
        int pa = translation.toPhysical(lin);
        return pa == -1 ? 0 : pm.read8(pa);
    }

    public int read16(int lin) {
        return read8(lin) | read8(lin + 1) << 8;
    }

    public int read32(int lin) {
        if ((lin & 0xFFF) <= 0xFFC) {
            int pa = translation.toPhysical(lin);
            return pa == -1 ? 0 : pm.read32(pa);
        }
        return read16(lin) | read16(lin + 2) << 16;
    }

    public void write8(int lin, int v) {
        int pa = translation.toPhysical(lin);
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
            int pa = translation.toPhysical(lin);
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
