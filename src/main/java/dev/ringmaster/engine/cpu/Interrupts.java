package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.Protection.hi;
import static dev.ringmaster.engine.cpu.Protection.lo;
import static dev.ringmaster.engine.cpu.Protection.selError;
import static dev.ringmaster.engine.cpu.SegmentRegister.CS;
import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

/**
 * Exception and interrupt delivery (SDM vol. 3, 6.12, and vol. 2, INT n pseudo-code): through the
 * IVT in real mode; through IDT interrupt and trap gates in protected mode, with the gate checks,
 * the inward stack switch from the TSS (SS0:ESP0, SS1:ESP1, SS2:ESP2), the pushes (SS, ESP, EFLAGS,
 * CS, EIP, error code) sized by the gate, and TF/NT/RF/VM (and IF for interrupt gates) cleared.
 * Fault error codes carry EXT for events not caused by INT n/INT3/INTO.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void deliver(Cpu c, int vector, int error, CpuHooks.EventKind kind, int returnEip) {
        deliver(c, vector, error, kind, returnEip, c.idtrBase, c.idtrLimit);
    }

    static void deliver(Cpu c, int vector, int error, CpuHooks.EventKind kind, int returnEip, int idtBase,
                        int idtLimit) {
        if (c.realMode()) {
            deliverReal(c, vector, returnEip, idtBase, idtLimit);
            return;
        }
        boolean software = kind == CpuHooks.EventKind.SOFTWARE_INTERRUPT || kind == CpuHooks.EventKind.SOFTWARE_EXCEPTION;
        int ext = software ? 0 : 1;
        int idtErr = vector * 8 + 2 + ext;
        if (Integer.compareUnsigned(vector * 8 + 7, idtLimit) > 0) {
            throw c.gp(idtErr);
        }
        int glo = c.mmu.readSys32(idtBase + vector * 8);
        int ghi = c.mmu.readSys32(idtBase + vector * 8 + 4);
        int type = Descriptor.type(ghi);
        boolean gateOk = !Descriptor.isSegment(ghi) && (type == Descriptor.TASK_GATE
                || type == Descriptor.INTERRUPT_GATE16 || type == Descriptor.TRAP_GATE16
                || type == Descriptor.INTERRUPT_GATE32 || type == Descriptor.TRAP_GATE32);
        if (!gateOk) {
            throw c.gp(idtErr);
        }
        if (software && Descriptor.dpl(ghi) < c.cpl) {
            throw c.gp(idtErr);
        }
        if (!Descriptor.present(ghi)) {
            throw c.fault(Vector.NP, idtErr);
        }
        if (type == Descriptor.TASK_GATE) {
            throw c.gp(idtErr); // task switch through a task gate: not implemented
        }
        int sel = Descriptor.gateSelector(glo);
        boolean gate32 = (type & 8) != 0;
        int size = gate32 ? 4 : 2;
        int offset = gate32 ? Descriptor.gateOffset(glo, ghi) : glo & 0xFFFF;
        if ((sel & 0xFFFC) == 0) {
            throw c.gp(ext);
        }
        long d = Protection.readDescriptor(c, sel, Vector.GP, ext);
        int hi = hi(d);
        int dpl = Descriptor.dpl(hi);
        if (!Descriptor.isCode(hi) || dpl > c.cpl) {
            throw c.gp(selError(sel, ext));
        }
        if (!Descriptor.present(hi)) {
            throw c.fault(Vector.NP, selError(sel, ext));
        }
        int codeLimit = Descriptor.limit(lo(d), hi);
        int flags = c.getEflags();
        int oldCs = c.seg[CS].selector;
        if (!Descriptor.isConforming(hi) && dpl < c.cpl) {
            long stack = Protection.tssStack(c, dpl, ext);
            int newSs = (int) (stack >>> 32) & 0xFFFF;
            int newEsp = (int) stack;
            long sd = Protection.checkInnerStack(c, newSs, dpl, ext);
            SegmentRegister ss = new SegmentRegister();
            ss.load(newSs, lo(sd), hi(sd) | 0x100);
            ss.refresh(false);
            boolean big = ss.big();
            int err = selError(newSs, ext);
            int user = dpl == 3 ? 1 : 0;
            int sp = big ? newEsp : newEsp & 0xFFFF;
            int oldSs = c.seg[SS].selector;
            int oldEsp = c.r[CpuState.ESP];
            sp = FarTransfers.push(c, ss, big, sp, size, oldSs, err, user);
            sp = FarTransfers.push(c, ss, big, sp, size, oldEsp, err, user);
            sp = FarTransfers.push(c, ss, big, sp, size, flags, err, user);
            sp = FarTransfers.push(c, ss, big, sp, size, oldCs, err, user);
            sp = FarTransfers.push(c, ss, big, sp, size, returnEip, err, user);
            if (error >= 0) {
                sp = FarTransfers.push(c, ss, big, sp, size, error, err, user);
            }
            if (Integer.compareUnsigned(offset, codeLimit) > 0) {
                throw c.gp(ext);
            }
            Protection.setAccessed(c, newSs, hi(sd));
            c.seg[SS].copyFrom(ss);
            Protection.loadCs(c, sel, d, dpl);
            c.seg[SS].refresh(false);
            if (big) {
                c.r[CpuState.ESP] = sp;
            } else {
                c.setReg16(CpuState.ESP, sp);
            }
        } else {
            SegmentRegister ss = c.seg[SS];
            boolean big = ss.big();
            int user = c.cpl == 3 ? 1 : 0;
            int sp = c.sp();
            sp = FarTransfers.push(c, ss, big, sp, size, flags, ext, user);
            sp = FarTransfers.push(c, ss, big, sp, size, oldCs, ext, user);
            sp = FarTransfers.push(c, ss, big, sp, size, returnEip, ext, user);
            if (error >= 0) {
                sp = FarTransfers.push(c, ss, big, sp, size, error, ext, user);
            }
            if (Integer.compareUnsigned(offset, codeLimit) > 0) {
                throw c.gp(ext);
            }
            Protection.loadCs(c, sel, d, c.cpl);
            c.setSp(sp);
        }
        int clear = LazyFlags.TF | LazyFlags.NT | LazyFlags.RF | LazyFlags.VM;
        if ((type & 1) == 0) {
            clear |= LazyFlags.IF; // interrupt gate
        }
        c.setEflagsMasked(0, clear);
        c.eip = offset;
        c.nextEip = offset;
    }

    private static void deliverReal(Cpu c, int vector, int returnEip, int idtBase, int idtLimit) {
        if (Integer.compareUnsigned(vector * 4 + 3, idtLimit) > 0) {
            throw c.gp(vector * 8 + 2);
        }
        int flags = c.getEflags();
        int sp = c.sp();
        int sp1 = c.spAdd(sp, -2);
        int sp2 = c.spAdd(sp1, -2);
        int sp3 = c.spAdd(sp2, -2);
        c.write16(SS, sp1, flags);
        c.write16(SS, sp2, c.seg[CS].selector);
        c.write16(SS, sp3, returnEip);
        int ip = c.mmu.readSys16(idtBase + vector * 4);
        int cs = c.mmu.readSys16(idtBase + vector * 4 + 2);
        c.setSp(sp3);
        c.seg[CS].loadReal(cs);
        c.setEflagsMasked(0, LazyFlags.IF | LazyFlags.TF | LazyFlags.AC | LazyFlags.RF);
        c.eip = ip;
        c.nextEip = ip;
    }
}
