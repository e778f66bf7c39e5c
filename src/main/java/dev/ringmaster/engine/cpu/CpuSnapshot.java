package dev.ringmaster.engine.cpu;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Serialises the complete architectural state of a {@link Cpu} for machine snapshots: registers, the
 * lazy-flags state as it is, segment registers with their descriptor caches, system registers, CPL,
 * halted state, interrupt shadow, shutdown state, counters and MSRs. The TLB and the decoded-block
 * cache are not saved: they are flushed on restore (architecturally invisible).
 */
final class CpuSnapshot {
    private CpuSnapshot() {
    }

    private static final int MAGIC = 0x52434655; // "RCFU"
    /** 2 added the per-class instruction counters; version 1 states load with those counters at zero. */
    private static final int VERSION = 2;

    static void save(Cpu c, DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        for (int v : c.r) {
            out.writeInt(v);
        }
        out.writeInt(c.eip);
        for (int v : c.lazyState()) {
            out.writeInt(v);
        }
        for (SegmentRegister s : c.seg) {
            writeSeg(out, s);
        }
        writeSeg(out, c.ldtr);
        writeSeg(out, c.tr);
        out.writeInt(c.gdtrBase);
        out.writeInt(c.gdtrLimit);
        out.writeInt(c.idtrBase);
        out.writeInt(c.idtrLimit);
        out.writeInt(c.cr0);
        out.writeInt(c.cr2);
        out.writeInt(c.cr3);
        out.writeInt(c.cr4);
        for (int v : c.dr) {
            out.writeInt(v);
        }
        out.writeInt(c.cpl);
        out.writeBoolean(c.halted);
        out.writeBoolean(c.interruptShadow);
        out.writeBoolean(c.debugShadow);
        out.writeLong(c.instructions);
        out.writeLong(c.cycles);
        out.writeLong(c.tscOffset);
        out.writeInt(c.sysenterCs);
        out.writeInt(c.sysenterEsp);
        out.writeInt(c.sysenterEip);
        out.writeBoolean(c.a20);
        out.writeInt(c.cr0GuestHostMask);
        out.writeInt(c.cr0ReadShadow);
        out.writeInt(c.cr4GuestHostMask);
        out.writeInt(c.cr4ReadShadow);
        out.writeBoolean(c.isShutdown());
        out.writeUTF(c.shutdownReason());
        out.writeInt(c.retiredByClass.length);
        for (long v : c.retiredByClass) {
            out.writeLong(v);
        }
        out.writeLong(c.stringIterations);
    }

    static void load(Cpu c, DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a CPU state");
        }
        int version = in.readInt();
        if (version != VERSION && version != 1) {
            throw new IOException("unsupported CPU state version " + version);
        }
        int[] r = new int[8];
        for (int k = 0; k < 8; k++) {
            r[k] = in.readInt();
        }
        int eip = in.readInt();
        int[] lazy = new int[6];
        for (int k = 0; k < 6; k++) {
            lazy[k] = in.readInt();
        }
        int[][] segs = new int[8][];
        boolean[] valid = new boolean[8];
        for (int k = 0; k < 8; k++) {
            segs[k] = new int[] {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
            valid[k] = in.readBoolean();
        }
        int gb = in.readInt();
        int gl = in.readInt();
        int ib = in.readInt();
        int il = in.readInt();
        int cr0 = in.readInt();
        int cr2 = in.readInt();
        int cr3 = in.readInt();
        int cr4 = in.readInt();
        int[] dr = new int[8];
        for (int k = 0; k < 8; k++) {
            dr[k] = in.readInt();
        }
        int cpl = in.readInt();
        boolean halted = in.readBoolean();
        boolean shadow = in.readBoolean();
        boolean debugShadow = in.readBoolean();
        long instructions = in.readLong();
        long cycles = in.readLong();
        long tsc = in.readLong();
        int scs = in.readInt();
        int sesp = in.readInt();
        int seip = in.readInt();
        boolean a20 = in.readBoolean();
        int m0 = in.readInt();
        int s0 = in.readInt();
        int m4 = in.readInt();
        int s4 = in.readInt();
        boolean shutdown = in.readBoolean();
        String reason = in.readUTF();
        long[] byClass = new long[InstructionClass.COUNT];
        long iterations = 0;
        if (version >= 2) {
            int n = in.readInt();
            if (n != byClass.length) {
                throw new IOException("malformed CPU state: " + n + " instruction classes");
            }
            for (int k = 0; k < n; k++) {
                byClass[k] = in.readLong();
            }
            iterations = in.readLong();
        }
        if (cpl < 0 || cpl > 3) {
            throw new IOException("malformed CPU state: CPL " + cpl);
        }
        try {
            c.setLazyState(lazy);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        System.arraycopy(r, 0, c.r, 0, 8);
        c.eip = eip;
        for (int k = 0; k < 6; k++) {
            c.seg[k].set(segs[k][0], segs[k][1], segs[k][2], segs[k][3], valid[k]);
        }
        c.ldtr.set(segs[6][0], segs[6][1], segs[6][2], segs[6][3], valid[6]);
        c.tr.set(segs[7][0], segs[7][1], segs[7][2], segs[7][3], valid[7]);
        c.gdtrBase = gb;
        c.gdtrLimit = gl;
        c.idtrBase = ib;
        c.idtrLimit = il;
        c.cr0 = cr0;
        c.cr2 = cr2;
        c.cr3 = cr3;
        c.cr4 = cr4;
        System.arraycopy(dr, 0, c.dr, 0, 8);
        c.cpl = cpl;
        c.halted = halted;
        c.interruptShadow = shadow;
        c.debugShadow = debugShadow;
        c.instructions = instructions;
        System.arraycopy(byClass, 0, c.retiredByClass, 0, byClass.length);
        c.stringIterations = iterations;
        c.cycles = cycles;
        c.tscOffset = tsc;
        c.sysenterCs = scs;
        c.sysenterEsp = sesp;
        c.sysenterEip = seip;
        c.a20 = a20;
        c.setReadShadows(m0, s0, m4, s4);
        c.restoreShutdown(shutdown, reason);
        c.modeChanged();
        c.mmu.flushAll();
        c.blocks.flush();
    }

    private static void writeSeg(DataOutput out, SegmentRegister s) throws IOException {
        out.writeInt(s.selector);
        out.writeInt(s.base);
        out.writeInt(s.limit);
        out.writeInt(s.attributes);
        out.writeBoolean(s.valid);
    }
}
