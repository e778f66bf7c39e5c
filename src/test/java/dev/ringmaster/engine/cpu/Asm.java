package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers for tests that run nasm snippets in the {@link CpuHarness}. */
final class Asm {
    private Asm() {
    }

    /** Assembles {@code body} as 32-bit code at {@link CpuHarness#CODE}, runs it at CPL 0 until HLT. */
    static CpuHarness run32(String body) {
        CpuHarness h = CpuHarness.flat32(Nasm.assemble("bits 32\norg 0x10000\n" + body + "\nhlt\n"));
        StopReason r = h.run(5_000_000);
        assertEquals(StopReason.HALTED_FOREVER, r, "did not reach HLT: EIP=" + Integer.toHexString(h.cpu.eip()));
        return h;
    }

    /** Like {@link #run32} but returns without requiring HLT (for code that faults). */
    static CpuHarness load32(String body) {
        return CpuHarness.flat32(Nasm.assemble("bits 32\norg 0x10000\n" + body + "\nhlt\n"));
    }

    static int flags(CpuHarness h) {
        return h.cpu.eflags();
    }

    /** The status flags as "ODITSZAPC"-style letters for readable assertions: e.g. "CZ". */
    static String status(int eflags) {
        StringBuilder sb = new StringBuilder();
        if ((eflags & LazyFlags.OF) != 0) {
            sb.append('O');
        }
        if ((eflags & LazyFlags.SF) != 0) {
            sb.append('S');
        }
        if ((eflags & LazyFlags.ZF) != 0) {
            sb.append('Z');
        }
        if ((eflags & LazyFlags.AF) != 0) {
            sb.append('A');
        }
        if ((eflags & LazyFlags.PF) != 0) {
            sb.append('P');
        }
        if ((eflags & LazyFlags.CF) != 0) {
            sb.append('C');
        }
        return sb.toString();
    }
}
