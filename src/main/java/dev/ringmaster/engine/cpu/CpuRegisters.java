package dev.ringmaster.engine.cpu;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable copy of the registers a debugger shows: general registers, EIP, EFLAGS, the six
 * segment registers and LDTR/TR with their descriptor caches, GDTR/IDTR, CR0–CR4, CPL, the halted
 * state and the instruction and cycle counters. Taken on the VM's own thread ({@link #of}) and
 * handed to the UI, which never touches the live CPU. (The machine-snapshot serialiser is
 * {@code CpuSnapshot}; this is the value the panes read.)
 *
 * <p>CR0 and CR4 are the real values (not the read shadows a guest sees under VT-x): the VMM's
 * virtual CPU for the guest is a second {@code CpuRegisters} when a VMM publishes one.
 */
public record CpuRegisters(int[] general, int eip, int eflags, List<Segment> segments, Segment ldtr, Segment tr,
                           int gdtrBase, int gdtrLimit, int idtrBase, int idtrLimit,
                           int cr0, int cr2, int cr3, int cr4, int cpl, boolean halted,
                           long instructions, long cycles) {

    /** A segment register: the visible selector and the hidden descriptor cache (SDM 3.4.3). */
    public record Segment(int selector, int base, int limit, int attributes, boolean valid) {
        /** Descriptor privilege level of the cached descriptor. */
        public int dpl() {
            return (attributes >> 5) & 3;
        }

        /** The cached descriptor's type field (4 bits). */
        public int type() {
            return attributes & 0xF;
        }

        public boolean present() {
            return (attributes & SegmentRegister.A_P) != 0;
        }

        /** S = 1: a code or data segment (not a system segment). */
        public boolean codeOrData() {
            return (attributes & SegmentRegister.A_S) != 0;
        }

        public boolean code() {
            return codeOrData() && (attributes & SegmentRegister.A_CODE) != 0;
        }

        /** D/B = 1: 32-bit code / 32-bit stack. */
        public boolean big() {
            return (attributes & SegmentRegister.A_DB) != 0;
        }

        static Segment of(SegmentRegister s) {
            return new Segment(s.selector, s.base, s.limit, s.attributes, s.valid);
        }
    }

    public CpuRegisters {
        if (general == null || general.length != 8) {
            throw new IllegalArgumentException("eight general registers are needed");
        }
        general = general.clone();
        segments = List.copyOf(segments);
        if (segments.size() != 6) {
            throw new IllegalArgumentException("six segment registers are needed (ES CS SS DS FS GS)");
        }
        if (cpl < 0 || cpl > 3) {
            throw new IllegalArgumentException("CPL " + cpl);
        }
    }

    /** Copies the registers of {@code cpu}; call it on the thread that owns the CPU. */
    public static CpuRegisters of(CpuState cpu) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = cpu.reg(i);
        }
        Segment[] segs = new Segment[6];
        for (int i = 0; i < 6; i++) {
            segs[i] = Segment.of(cpu.segment(i));
        }
        return new CpuRegisters(g, cpu.eip(), cpu.getEflags(), List.of(segs), Segment.of(cpu.ldtr()),
                Segment.of(cpu.tr()), cpu.gdtrBase(), cpu.gdtrLimit(), cpu.idtrBase(), cpu.idtrLimit(),
                cpu.cr0(), cpu.cr2(), cpu.cr3(), cpu.cr4(), cpu.cpl(), cpu.halted(), cpu.instructions(), cpu.cycles());
    }

    @Override
    public int[] general() {
        return general.clone();
    }

    /** General register {@code n} (EAX = 0 … EDI = 7, as {@link CpuState#EAX}). */
    public int reg(int n) {
        return general[n];
    }

    /** Segment register {@code n} (ES = 0 … GS = 5, as {@link SegmentRegister#ES}). */
    public Segment segment(int n) {
        return segments.get(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuRegisters c && Arrays.equals(general, c.general) && eip == c.eip && eflags == c.eflags
                && segments.equals(c.segments) && ldtr.equals(c.ldtr) && tr.equals(c.tr)
                && gdtrBase == c.gdtrBase && gdtrLimit == c.gdtrLimit && idtrBase == c.idtrBase
                && idtrLimit == c.idtrLimit && cr0 == c.cr0 && cr2 == c.cr2 && cr3 == c.cr3 && cr4 == c.cr4
                && cpl == c.cpl && halted == c.halted && instructions == c.instructions && cycles == c.cycles;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(general) * 31 + eip;
    }
}
