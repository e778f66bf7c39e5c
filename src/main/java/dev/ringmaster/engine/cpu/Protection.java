package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.SegmentRegister.CS;
import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

/**
 * Segment-level protection (SDM vol. 3, chapter 5): reading descriptors from the GDT/LDT, loading
 * data and stack segment registers with their CPL/DPL/RPL checks and fault codes, LLDT/LTR, the
 * unprivileged probes LAR/LSL/VERR/VERW, TSS stack lookups, and the helpers far transfers and
 * interrupt delivery share.
 */
final class Protection {
    private Protection() {
    }

    /** Error code for a selector: index and TI, with EXT (bit 0). */
    static int selError(int sel, int ext) {
        return (sel & 0xFFFC) | ext;
    }

    /**
     * Reads the descriptor for {@code sel} from the GDT or LDT; returns it as {@code hi << 32 | lo}.
     * Raises {@code vector}({@code sel} + EXT) when the selector points outside its table.
     */
    static long readDescriptor(Cpu c, int sel, int vector, int ext) {
        int index = sel & 0xFFF8;
        int base;
        int limit;
        if ((sel & 4) != 0) {
            if (!c.ldtr.valid || (c.ldtr.selector & 0xFFFC) == 0) {
                throw c.fault(vector, selError(sel, ext));
            }
            base = c.ldtr.base;
            limit = c.ldtr.limit;
        } else {
            base = c.gdtrBase;
            limit = c.gdtrLimit;
        }
        if (Integer.compareUnsigned(index + 7, limit) > 0) {
            throw c.fault(vector, selError(sel, ext));
        }
        int lo = c.mmu.readSys32(base + index);
        int hi = c.mmu.readSys32(base + index + 4);
        return ((long) hi << 32) | (lo & 0xFFFFFFFFL);
    }

    /** Like {@link #readDescriptor} but returns 0 (an impossible descriptor) instead of faulting: for LAR etc. */
    static boolean descriptorInTable(Cpu c, int sel) {
        int index = sel & 0xFFF8;
        if ((sel & 4) != 0) {
            return c.ldtr.valid && (c.ldtr.selector & 0xFFFC) != 0
                    && Integer.compareUnsigned(index + 7, c.ldtr.limit) <= 0;
        }
        return Integer.compareUnsigned(index + 7, c.gdtrLimit) <= 0;
    }

    static int lo(long d) {
        return (int) d;
    }

    static int hi(long d) {
        return (int) (d >>> 32);
    }

    /** Sets the descriptor's accessed bit in memory if it is clear (as a segment load does). */
    static void setAccessed(Cpu c, int sel, int hi) {
        if ((hi & 0x100) == 0) {
            int base = (sel & 4) != 0 ? c.ldtr.base : c.gdtrBase;
            c.mmu.writeSys32(base + (sel & 0xFFF8) + 4, hi | 0x100);
        }
    }

    /**
     * MOV/POP/LDS-family load of segment register {@code s} (not CS) with all protected-mode checks
     * (SDM vol. 2, MOV and POP: "IF SS is loaded ... ELSE ..."). Real mode: base = selector * 16.
     */
    static void loadDataSegment(Cpu c, int s, int sel) {
        sel &= 0xFFFF;
        SegmentRegister sr = c.seg[s];
        if (c.realMode()) {
            sr.loadReal(sel);
            return;
        }
        int rpl = sel & 3;
        if (s == SS) {
            if ((sel & 0xFFFC) == 0) {
                throw c.gp(0);
            }
            long d = readDescriptor(c, sel, Vector.GP, 0);
            int hi = hi(d);
            if (rpl != c.cpl || !Descriptor.isData(hi) || !Descriptor.isReadWrite(hi) || Descriptor.dpl(hi) != c.cpl) {
                throw c.gp(selError(sel, 0));
            }
            if (!Descriptor.present(hi)) {
                throw c.fault(Vector.SS, selError(sel, 0));
            }
            setAccessed(c, sel, hi);
            sr.load(sel, lo(d), hi | 0x100);
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            sr.loadNull(sel);
            return;
        }
        long d = readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        boolean data = Descriptor.isData(hi);
        boolean readableCode = Descriptor.isCode(hi) && Descriptor.isReadWrite(hi);
        if (!data && !readableCode) {
            throw c.gp(selError(sel, 0));
        }
        if (data || !Descriptor.isConforming(hi)) {
            int dpl = Descriptor.dpl(hi);
            if (rpl > dpl || c.cpl > dpl) {
                throw c.gp(selError(sel, 0));
            }
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, 0));
        }
        setAccessed(c, sel, hi);
        sr.load(sel, lo(d), hi | 0x100);
    }

    /** Loads CS from a checked code descriptor and makes {@code newCpl} the CPL (selector RPL := CPL). */
    static void loadCs(Cpu c, int sel, long d, int newCpl) {
        int hi = hi(d);
        setAccessed(c, sel, hi);
        c.seg[CS].load((sel & 0xFFFC) | newCpl, lo(d), hi | 0x100);
        c.setCpl(newCpl);
    }

    /**
     * After a return to an outer ring: data segment registers whose DPL is below the new CPL (data or
     * non-conforming code) are loaded with a null selector (SDM vol. 2, RET and IRET).
     */
    static void nullifyForOuterRing(Cpu c) {
        int[] segs = {SegmentRegister.ES, SegmentRegister.DS, SegmentRegister.FS, SegmentRegister.GS};
        for (int s : segs) {
            SegmentRegister sr = c.seg[s];
            if (!sr.valid) {
                continue;
            }
            boolean dataOrNonConforming = (sr.attributes & SegmentRegister.A_S) != 0
                    && ((sr.attributes & SegmentRegister.A_CODE) == 0 || (sr.attributes & SegmentRegister.A_DC) == 0);
            if (dataOrNonConforming && sr.dpl() < c.cpl) {
                sr.loadNull(0);
            }
        }
    }

    /**
     * The stack for ring {@code dpl} from the current TSS: {@code ss << 32 | esp} (SDM vol. 3, 7.7).
     * Raises #TS(TSS selector + EXT) when the TSS is too small.
     */
    static long tssStack(Cpu c, int dpl, int ext) {
        int type = c.tr.type();
        boolean tss32 = (type & 8) != 0;
        int off = tss32 ? 4 + dpl * 8 : 2 + dpl * 4;
        int size = tss32 ? 8 : 4;
        if (!c.tr.valid || Integer.compareUnsigned(off + size - 1, c.tr.limit) > 0) {
            throw c.fault(Vector.TS, selError(c.tr.selector, ext));
        }
        int esp;
        int ss;
        if (tss32) {
            esp = c.mmu.readSys32(c.tr.base + off);
            ss = c.mmu.readSys16(c.tr.base + off + 4);
        } else {
            esp = c.mmu.readSys16(c.tr.base + off);
            ss = c.mmu.readSys16(c.tr.base + off + 2);
        }
        return ((long) ss << 32) | (esp & 0xFFFFFFFFL);
    }

    /**
     * Checks the stack segment named by a TSS for an inward transfer to ring {@code dpl} and returns
     * its descriptor (interrupts and call gates: #TS with the SS selector, #SS when not present).
     */
    static long checkInnerStack(Cpu c, int ss, int dpl, int ext) {
        if ((ss & 0xFFFC) == 0) {
            throw c.fault(Vector.TS, ext);
        }
        if (!descriptorInTable(c, ss)) {
            throw c.fault(Vector.TS, selError(ss, ext));
        }
        long d = readDescriptor(c, ss, Vector.TS, ext);
        int hi = hi(d);
        if ((ss & 3) != dpl || Descriptor.dpl(hi) != dpl || !Descriptor.isData(hi) || !Descriptor.isReadWrite(hi)) {
            throw c.fault(Vector.TS, selError(ss, ext));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.SS, selError(ss, ext));
        }
        return d;
    }

    /**
     * Checks a stack segment popped by RETF/IRET for a return to ring {@code rpl}: #GP(SS) unless it
     * is a writable data segment with RPL = DPL = {@code rpl}; #SS(SS) when not present.
     */
    static long checkOuterStack(Cpu c, int ss, int rpl) {
        if ((ss & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        long d = readDescriptor(c, ss, Vector.GP, 0);
        int hi = hi(d);
        if ((ss & 3) != rpl || Descriptor.dpl(hi) != rpl || !Descriptor.isData(hi) || !Descriptor.isReadWrite(hi)) {
            throw c.gp(selError(ss, 0));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.SS, selError(ss, 0));
        }
        return d;
    }

    // ---- stacks that are not (yet) SS ----------------------------------------------------------------------

    /**
     * Writes {@code size} bytes at offset {@code off} of a stack segment given by its cache
     * {@code ss} (not necessarily the loaded SS), for privilege {@code user}; limit violations raise
     * #SS({@code error}).
     */
    static void stackWrite(Cpu c, SegmentRegister ss, int off, int size, int v, int error, int user) {
        checkStackLimit(c, ss, off, size, error);
        int lin = ss.base + off;
        if (size == 4) {
            c.mmu.write32Slow(lin, v, user);
        } else {
            c.mmu.write16Slow(lin, v, user);
        }
    }

    static void checkStackLimit(Cpu c, SegmentRegister ss, int off, int size, int error) {
        long first = off & 0xFFFFFFFFL;
        long last = first + size - 1;
        long lim = ss.limit & 0xFFFFFFFFL;
        boolean ok;
        if (ss.isExpandDownData()) {
            ok = first > lim && last <= (ss.big() ? 0xFFFFFFFFL : 0xFFFFL);
        } else {
            ok = last <= lim;
        }
        if (!ok) {
            throw c.fault(Vector.SS, error);
        }
    }

    /** Reads from the current SS at {@code off} (no SP change) with the usual checks. */
    static int stackRead(Cpu c, int off, int size) {
        return size == 4 ? c.read32(SS, off) : c.read16(SS, off);
    }

    // ---- LLDT, LTR, LAR, LSL, VERR, VERW -----------------------------------------------------------------

    static void lldt(Cpu c, int sel) {
        if ((sel & 0xFFFC) == 0) {
            c.ldtr.loadNull(sel);
            return;
        }
        if ((sel & 4) != 0) {
            throw c.gp(selError(sel, 0));
        }
        long d = readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        if (Descriptor.isSegment(hi) || Descriptor.type(hi) != Descriptor.LDT) {
            throw c.gp(selError(sel, 0));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, 0));
        }
        c.ldtr.load(sel, lo(d), hi);
    }

    static void ltr(Cpu c, int sel) {
        if ((sel & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        if ((sel & 4) != 0) {
            throw c.gp(selError(sel, 0));
        }
        long d = readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        int type = Descriptor.type(hi);
        if (Descriptor.isSegment(hi) || (type != Descriptor.TSS16_AVAIL && type != Descriptor.TSS32_AVAIL)) {
            throw c.gp(selError(sel, 0));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, 0));
        }
        hi |= 0x200; // busy
        c.mmu.writeSys32(c.gdtrBase + (sel & 0xFFF8) + 4, hi);
        c.tr.load(sel, lo(d), hi);
    }

    /**
     * The descriptor LAR/LSL/VERR/VERW may look at, or 0 when the selector is null, outside its table,
     * or fails the privilege check for {@code kind} (0 LAR, 1 LSL, 2 VERR, 3 VERW).
     */
    private static long probeDescriptor(Cpu c, int sel, int kind) {
        if ((sel & 0xFFFC) == 0 || !descriptorInTable(c, sel)) {
            return 0;
        }
        long d = readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        int dpl = Descriptor.dpl(hi);
        int rpl = sel & 3;
        boolean privOk = dpl >= c.cpl && dpl >= rpl;
        if (Descriptor.isSegment(hi)) {
            boolean code = Descriptor.isCode(hi);
            boolean conforming = Descriptor.isConforming(hi);
            switch (kind) {
                case 2: // VERR
                    if (code && !Descriptor.isReadWrite(hi)) {
                        return 0;
                    }
                    return conforming || privOk ? d : 0;
                case 3: // VERW
                    return !code && Descriptor.isReadWrite(hi) && privOk ? d : 0;
                default:
                    return conforming || privOk ? d : 0;
            }
        }
        if (kind >= 2) {
            return 0;
        }
        int type = Descriptor.type(hi);
        boolean valid;
        switch (type) {
            case Descriptor.TSS16_AVAIL: case Descriptor.LDT: case Descriptor.TSS16_BUSY:
            case Descriptor.TSS32_AVAIL: case Descriptor.TSS32_BUSY:
                valid = true;
                break;
            case Descriptor.CALL_GATE16: case Descriptor.TASK_GATE: case Descriptor.CALL_GATE32:
                valid = kind == 0;
                break;
            default:
                valid = false;
        }
        return valid && privOk ? d : 0;
    }

    /** LAR: returns the access rights (masked as the SDM says for 32-bit) or -1 with ZF = 0. */
    static int lar(Cpu c, int sel) {
        long d = probeDescriptor(c, sel, 0);
        if (d == 0) {
            return -1;
        }
        return hi(d) & 0x00F0FF00;
    }

    /** LSL: the byte-granular limit, or -1L when invalid. */
    static long lsl(Cpu c, int sel) {
        long d = probeDescriptor(c, sel, 1);
        if (d == 0) {
            return -1L;
        }
        return Descriptor.limit(lo(d), hi(d)) & 0xFFFFFFFFL;
    }

    static boolean verr(Cpu c, int sel) {
        return probeDescriptor(c, sel, 2) != 0;
    }

    static boolean verw(Cpu c, int sel) {
        return probeDescriptor(c, sel, 3) != 0;
    }
}
