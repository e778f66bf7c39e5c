package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.Protection.hi;
import static dev.ringmaster.engine.cpu.Protection.lo;
import static dev.ringmaster.engine.cpu.Protection.selError;
import static dev.ringmaster.engine.cpu.SegmentRegister.CS;
import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

import dev.ringmaster.engine.trace.TraceEvent;

/**
 * Far JMP, far CALL (including call gates with the inward stack switch and parameter copy), far RET
 * and IRET (including returns to outer rings), as the SDM vol. 2 pseudo-code for these instructions
 * specifies. Hardware task switches (task gates, TSS selectors, IRET with NT = 1) and virtual-8086
 * mode are not implemented: they raise #GP as listed in the report.
 */
final class FarTransfers {
    private FarTransfers() {
    }

    private static int mask(int size) {
        return size == 4 ? -1 : 0xFFFF;
    }

    // ---- JMP far -----------------------------------------------------------------------------------------

    static void jmpFar(Cpu c, int sel, int offset, int size) {
        sel &= 0xFFFF;
        if (c.realMode()) {
            c.seg[CS].loadReal(sel);
            c.nextEip = offset & mask(size);
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        long d = Protection.readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        if (Descriptor.isSegment(hi)) {
            checkCodeTarget(c, sel, hi);
            int eip = offset & mask(size);
            if (Integer.compareUnsigned(eip, Descriptor.limit(lo(d), hi)) > 0) {
                throw c.gp(0);
            }
            Protection.loadCs(c, sel, d, c.cpl);
            c.nextEip = eip;
            return;
        }
        int type = Descriptor.type(hi);
        if (type == Descriptor.CALL_GATE16 || type == Descriptor.CALL_GATE32) {
            int gdpl = Descriptor.dpl(hi);
            if (gdpl < c.cpl || gdpl < (sel & 3)) {
                throw c.gp(selError(sel, 0));
            }
            if (!Descriptor.present(hi)) {
                throw c.fault(Vector.NP, selError(sel, 0));
            }
            int target = Descriptor.gateSelector(lo(d));
            int eip = type == Descriptor.CALL_GATE32 ? Descriptor.gateOffset(lo(d), hi) : lo(d) & 0xFFFF;
            if ((target & 0xFFFC) == 0) {
                throw c.gp(0);
            }
            long td = Protection.readDescriptor(c, target, Vector.GP, 0);
            int thi = hi(td);
            if (!Descriptor.isCode(thi)) {
                throw c.gp(selError(target, 0));
            }
            int tdpl = Descriptor.dpl(thi);
            if (Descriptor.isConforming(thi) ? tdpl > c.cpl : tdpl != c.cpl) {
                throw c.gp(selError(target, 0));
            }
            if (!Descriptor.present(thi)) {
                throw c.fault(Vector.NP, selError(target, 0));
            }
            if (Integer.compareUnsigned(eip, Descriptor.limit(lo(td), thi)) > 0) {
                throw c.gp(0);
            }
            Protection.loadCs(c, target, td, c.cpl);
            c.nextEip = eip;
            return;
        }
        // Task gates and TSS descriptors would switch tasks: not implemented.
        throw c.gp(selError(sel, 0));
    }

    /** Direct transfer to a code segment (JMP/CALL): #GP(sel) on privilege, #NP(sel) when absent. */
    private static void checkCodeTarget(Cpu c, int sel, int hi) {
        if (!Descriptor.isCode(hi)) {
            throw c.gp(selError(sel, 0));
        }
        int dpl = Descriptor.dpl(hi);
        if (Descriptor.isConforming(hi)) {
            if (dpl > c.cpl) {
                throw c.gp(selError(sel, 0));
            }
        } else if ((sel & 3) > c.cpl || dpl != c.cpl) {
            throw c.gp(selError(sel, 0));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, 0));
        }
    }

    // ---- CALL far ----------------------------------------------------------------------------------------

    static void callFar(Cpu c, int sel, int offset, int size, int returnEip) {
        sel &= 0xFFFF;
        int oldCs = c.seg[CS].selector;
        if (c.realMode()) {
            int sp = c.sp();
            sp = c.spAdd(sp, -size);
            c.write(SS, sp, size, oldCs);
            sp = c.spAdd(sp, -size);
            c.write(SS, sp, size, returnEip);
            c.seg[CS].loadReal(sel);
            c.setSp(sp);
            c.nextEip = offset & mask(size);
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        long d = Protection.readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        if (Descriptor.isSegment(hi)) {
            checkCodeTarget(c, sel, hi);
            int eip = offset & mask(size);
            int sp = c.sp();
            int sp1 = c.spAdd(sp, -size);
            int sp2 = c.spAdd(sp1, -size);
            c.checkWritable(SS, sp2, size);
            c.checkWritable(SS, sp1, size);
            if (Integer.compareUnsigned(eip, Descriptor.limit(lo(d), hi)) > 0) {
                throw c.gp(0);
            }
            c.write(SS, sp1, size, oldCs);
            c.write(SS, sp2, size, returnEip);
            Protection.loadCs(c, sel, d, c.cpl);
            c.setSp(sp2);
            c.nextEip = eip;
            return;
        }
        int type = Descriptor.type(hi);
        if (type != Descriptor.CALL_GATE16 && type != Descriptor.CALL_GATE32) {
            throw c.gp(selError(sel, 0)); // task gates / TSS: task switch not implemented
        }
        int gdpl = Descriptor.dpl(hi);
        if (gdpl < c.cpl || gdpl < (sel & 3)) {
            throw c.gp(selError(sel, 0));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, 0));
        }
        int target = Descriptor.gateSelector(lo(d));
        boolean gate32 = type == Descriptor.CALL_GATE32;
        int gsize = gate32 ? 4 : 2;
        int eip = gate32 ? Descriptor.gateOffset(lo(d), hi) : lo(d) & 0xFFFF;
        if ((target & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        long td = Protection.readDescriptor(c, target, Vector.GP, 0);
        int thi = hi(td);
        int tdpl = Descriptor.dpl(thi);
        if (!Descriptor.isCode(thi) || tdpl > c.cpl) {
            throw c.gp(selError(target, 0));
        }
        if (!Descriptor.present(thi)) {
            throw c.fault(Vector.NP, selError(target, 0));
        }
        int codeLimit = Descriptor.limit(lo(td), thi);
        if (!Descriptor.isConforming(thi) && tdpl < c.cpl) {
            callGateInward(c, td, target, tdpl, eip, codeLimit, gsize, Descriptor.gateParamCount(hi), returnEip);
            return;
        }
        // Same privilege through the gate.
        int sp = c.sp();
        int sp1 = c.spAdd(sp, -gsize);
        int sp2 = c.spAdd(sp1, -gsize);
        c.checkWritable(SS, sp2, gsize);
        c.checkWritable(SS, sp1, gsize);
        if (Integer.compareUnsigned(eip, codeLimit) > 0) {
            throw c.gp(0);
        }
        c.write(SS, sp1, gsize, oldCs);
        c.write(SS, sp2, gsize, returnEip);
        Protection.loadCs(c, target, td, c.cpl);
        c.setSp(sp2);
        c.nextEip = eip;
    }

    private static void callGateInward(Cpu c, long td, int target, int newCpl, int eip, int codeLimit, int gsize,
                                       int params, int returnEip) {
        long stack = Protection.tssStack(c, newCpl, 0);
        int newSs = (int) (stack >>> 32) & 0xFFFF;
        int newEsp = (int) stack;
        long sd = Protection.checkInnerStack(c, newSs, newCpl, 0);
        SegmentRegister ss = new SegmentRegister();
        ss.load(newSs, lo(sd), hi(sd) | 0x100);
        int err = selError(newSs, 0);
        int user = newCpl == 3 ? 1 : 0;
        boolean big = ss.big();
        int sp = big ? newEsp : newEsp & 0xFFFF;
        int oldSs = c.seg[SS].selector;
        int oldEsp = c.r[CpuState.ESP];
        int oldSp = c.sp();
        int oldCs = c.seg[CS].selector;
        // Read the parameters from the old stack first (they may fault on the caller's stack).
        int[] args = new int[params];
        for (int k = 0; k < params; k++) {
            args[k] = Protection.stackRead(c, c.spAdd(oldSp, k * gsize), gsize);
        }
        if (Integer.compareUnsigned(eip, codeLimit) > 0) {
            throw c.gp(0);
        }
        sp = push(c, ss, big, sp, gsize, oldSs, err, user);
        sp = push(c, ss, big, sp, gsize, gsize == 4 ? oldEsp : oldEsp & 0xFFFF, err, user);
        for (int k = params - 1; k >= 0; k--) {
            sp = push(c, ss, big, sp, gsize, args[k], err, user);
        }
        sp = push(c, ss, big, sp, gsize, oldCs, err, user);
        sp = push(c, ss, big, sp, gsize, returnEip, err, user);
        int fromCpl = c.cpl;
        Protection.setAccessed(c, newSs, hi(sd));
        c.seg[SS].copyFrom(ss);
        Protection.loadCs(c, target, td, newCpl);
        c.seg[SS].refresh(false);
        c.setSp(sp);
        c.nextEip = eip;
        if (c.hooks != null) {
            c.hooks.ringTransition(c, fromCpl, newCpl, TraceEvent.Cause.CALL_GATE);
        }
    }

    /** Pushes on a stack that is not (yet) the loaded SS; returns the new stack pointer. */
    static int push(Cpu c, SegmentRegister ss, boolean big, int sp, int size, int v, int err, int user) {
        sp = big ? sp - size : (sp - size) & 0xFFFF;
        Protection.stackWrite(c, ss, sp, size, v, err, user);
        return sp;
    }

    // ---- RET far -----------------------------------------------------------------------------------------

    static void retFar(Cpu c, int size, int imm) {
        int sp = c.sp();
        int eip = Protection.stackRead(c, sp, size);
        int sel = Protection.stackRead(c, c.spAdd(sp, size), size) & 0xFFFF;
        if (c.realMode()) {
            c.seg[CS].loadReal(sel);
            c.setSp(c.spAdd(sp, 2 * size + imm));
            c.nextEip = eip & mask(size);
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        long d = Protection.readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        int rpl = sel & 3;
        checkReturnCode(c, sel, hi, rpl);
        eip &= mask(size);
        if (rpl == c.cpl) {
            if (Integer.compareUnsigned(eip, Descriptor.limit(lo(d), hi)) > 0) {
                throw c.gp(0);
            }
            Protection.loadCs(c, sel, d, rpl);
            c.setSp(c.spAdd(sp, 2 * size + imm));
            c.nextEip = eip;
            return;
        }
        // Return to an outer ring.
        int spOuter = c.spAdd(sp, 2 * size + imm);
        int newEsp = Protection.stackRead(c, spOuter, size);
        int newSs = Protection.stackRead(c, c.spAdd(spOuter, size), size) & 0xFFFF;
        long sd = Protection.checkOuterStack(c, newSs, rpl);
        if (Integer.compareUnsigned(eip, Descriptor.limit(lo(d), hi)) > 0) {
            throw c.gp(0);
        }
        int fromCpl = c.cpl;
        Protection.loadCs(c, sel, d, rpl);
        Protection.setAccessed(c, newSs, hi(sd));
        c.seg[SS].load(newSs, lo(sd), hi(sd) | 0x100);
        c.seg[SS].refresh(false);
        if (size == 4) {
            c.setSp(newEsp + imm);
        } else {
            c.setSp((newEsp + imm) & 0xFFFF);
        }
        c.nextEip = eip;
        Protection.nullifyForOuterRing(c);
        if (c.hooks != null) {
            c.hooks.ringTransition(c, fromCpl, rpl, TraceEvent.Cause.RETURN);
        }
    }

    /** Checks the code segment of a RETF/IRET return address (#GP(sel), #NP(sel)). */
    private static void checkReturnCode(Cpu c, int sel, int hi, int rpl) {
        if (!Descriptor.isCode(hi) || rpl < c.cpl) {
            throw c.gp(selError(sel, 0));
        }
        int dpl = Descriptor.dpl(hi);
        if (Descriptor.isConforming(hi) ? dpl > rpl : dpl != rpl) {
            throw c.gp(selError(sel, 0));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, 0));
        }
    }

    // ---- IRET --------------------------------------------------------------------------------------------

    static void iret(Cpu c, int size) {
        int sp = c.sp();
        if (c.realMode()) {
            int eip = Protection.stackRead(c, sp, size);
            int sel = Protection.stackRead(c, c.spAdd(sp, size), size) & 0xFFFF;
            int fl = Protection.stackRead(c, c.spAdd(sp, 2 * size), size);
            c.seg[CS].loadReal(sel);
            c.setSp(c.spAdd(sp, 3 * size));
            int m = LazyFlags.ARITH | LazyFlags.TF | LazyFlags.IF | LazyFlags.DF | LazyFlags.IOPL | LazyFlags.NT;
            if (size == 4) {
                m |= LazyFlags.AC | LazyFlags.ID | LazyFlags.RF;
            }
            c.setEflagsMasked(fl, m);
            c.nextEip = eip & mask(size);
            return;
        }
        if ((c.eflags & LazyFlags.NT) != 0) {
            throw c.gp(0); // nested-task return: hardware task switching is not implemented
        }
        int eip = Protection.stackRead(c, sp, size);
        int sel = Protection.stackRead(c, c.spAdd(sp, size), size) & 0xFFFF;
        int fl = Protection.stackRead(c, c.spAdd(sp, 2 * size), size);
        if (size == 4 && (fl & LazyFlags.VM) != 0 && c.cpl == 0) {
            throw c.gp(0); // return to virtual-8086 mode: not implemented
        }
        if ((sel & 0xFFFC) == 0) {
            throw c.gp(0);
        }
        long d = Protection.readDescriptor(c, sel, Vector.GP, 0);
        int hi = hi(d);
        int rpl = sel & 3;
        checkReturnCode(c, sel, hi, rpl);
        eip &= mask(size);
        int oldCpl = c.cpl;
        if (rpl == c.cpl) {
            if (Integer.compareUnsigned(eip, Descriptor.limit(lo(d), hi)) > 0) {
                throw c.gp(0);
            }
            Protection.loadCs(c, sel, d, rpl);
            c.setSp(c.spAdd(sp, 3 * size));
            setIretFlags(c, fl, size, oldCpl);
            c.nextEip = eip;
            return;
        }
        int spOuter = c.spAdd(sp, 3 * size);
        int newEsp = Protection.stackRead(c, spOuter, size);
        int newSs = Protection.stackRead(c, c.spAdd(spOuter, size), size) & 0xFFFF;
        long sd = Protection.checkOuterStack(c, newSs, rpl);
        if (Integer.compareUnsigned(eip, Descriptor.limit(lo(d), hi)) > 0) {
            throw c.gp(0);
        }
        Protection.loadCs(c, sel, d, rpl);
        Protection.setAccessed(c, newSs, hi(sd));
        c.seg[SS].load(newSs, lo(sd), hi(sd) | 0x100);
        c.seg[SS].refresh(false);
        c.setSp(size == 4 ? newEsp : newEsp & 0xFFFF);
        setIretFlags(c, fl, size, oldCpl);
        c.nextEip = eip;
        Protection.nullifyForOuterRing(c);
        if (c.hooks != null) {
            c.hooks.ringTransition(c, oldCpl, rpl, TraceEvent.Cause.RETURN);
        }
    }

    /** EFLAGS from IRET: IOPL only at CPL 0, IF only when CPL &lt;= IOPL (both judged at the old CPL). */
    private static void setIretFlags(Cpu c, int fl, int size, int oldCpl) {
        int m = LazyFlags.ARITH | LazyFlags.TF | LazyFlags.DF | LazyFlags.NT;
        if (size == 4) {
            m |= LazyFlags.AC | LazyFlags.ID | LazyFlags.RF;
        }
        if (oldCpl == 0) {
            m |= LazyFlags.IOPL;
        }
        if (oldCpl <= c.iopl()) {
            m |= LazyFlags.IF;
        }
        c.setEflagsMasked(fl, m);
    }
}
