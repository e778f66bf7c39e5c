package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import java.util.ArrayDeque;

/**
 * The privileged state the guest believes it has, kept by the VMM (DESIGN §4): the virtual
 * interrupt flag and IOPL, the virtual control registers, the guest's descriptor-table registers
 * and task/LDT selectors, the guest's privilege level, and the interrupts that arrived while the
 * guest had them masked. The real CPU runs with the VMM's shadow values instead; the guest only ever
 * sees these through emulated instructions (and sees the real ones through the sensitive
 * instructions that do not trap — the lesson of trap-and-emulate).
 */
public final class VirtualCpu {
    /** Virtual EFLAGS.IF. */
    public boolean interruptFlag;
    /** Virtual EFLAGS.IOPL. */
    public int iopl;
    /** The guest's privilege level (0 for the kernel, 3 for user code) — not the real CPL. */
    public int cpl;
    public int cr0;
    public int cr2;
    public int cr3;
    public int cr4;
    public final int[] dr = new int[8];
    public int gdtrBase;
    public int gdtrLimit;
    public int idtrBase;
    public int idtrLimit;
    /** LDTR selector (0: none). */
    public int ldtr;
    /** TR selector loaded by the guest's LTR (0: none yet). */
    public int tr;
    /** Base and limit of the guest's TSS, from its descriptor at LTR time. */
    public int trBase;
    public int trLimit;
    /** The guest executed HLT and waits for a (virtual) interrupt. */
    public boolean halted;
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();

    /** Takes the guest-visible state from the CPU as the boot loader left it (the guest's ring 0 start). */
    public void captureFrom(Cpu cpu) {
        interruptFlag = (cpu.eflags() & CpuState.IF) != 0;
        iopl = cpu.iopl();
        cpl = cpu.cpl();
        cr0 = cpu.cr0();
        cr2 = cpu.cr2();
        cr3 = cpu.cr3();
        cr4 = cpu.cr4();
        gdtrBase = cpu.gdtrBase();
        gdtrLimit = cpu.gdtrLimit();
        idtrBase = cpu.idtrBase();
        idtrLimit = cpu.idtrLimit();
        ldtr = cpu.ldtr().selector;
        tr = cpu.tr().selector;
        trBase = cpu.tr().base;
        trLimit = cpu.tr().limit;
    }

    /** Queues an interrupt vector that arrived while the virtual IF was clear. */
    public void queueInterrupt(int vector) {
        pending.addLast(vector);
    }

    public boolean hasPendingInterrupt() {
        return !pending.isEmpty();
    }

    /** The oldest pending vector, removed; -1 when none. */
    public int takePendingInterrupt() {
        Integer v = pending.pollFirst();
        return v == null ? -1 : v;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** EFLAGS as the guest should see it in a frame or through an emulated PUSHF: the virtual IF and IOPL. */
    public int guestEflags(int realEflags) {
        int v = realEflags & ~(CpuState.IF | (3 << 12));
        if (interruptFlag) {
            v |= CpuState.IF;
        }
        return v | (iopl << 12);
    }

    /** Writes every field and the pending interrupts (for a VM snapshot). */
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeBoolean(interruptFlag);
        out.writeInt(iopl);
        out.writeInt(cpl);
        out.writeInt(cr0);
        out.writeInt(cr2);
        out.writeInt(cr3);
        out.writeInt(cr4);
        for (int d : dr) {
            out.writeInt(d);
        }
        out.writeInt(gdtrBase);
        out.writeInt(gdtrLimit);
        out.writeInt(idtrBase);
        out.writeInt(idtrLimit);
        out.writeInt(ldtr);
        out.writeInt(tr);
        out.writeInt(trBase);
        out.writeInt(trLimit);
        out.writeBoolean(halted);
        out.writeInt(pending.size());
        for (int vector : pending) {
            out.writeInt(vector);
        }
    }

    /** Restores what {@link #saveState} wrote. */
    public void loadState(java.io.DataInput in) throws java.io.IOException {
        interruptFlag = in.readBoolean();
        iopl = in.readInt();
        cpl = in.readInt();
        cr0 = in.readInt();
        cr2 = in.readInt();
        cr3 = in.readInt();
        cr4 = in.readInt();
        for (int i = 0; i < dr.length; i++) {
            dr[i] = in.readInt();
        }
        gdtrBase = in.readInt();
        gdtrLimit = in.readInt();
        idtrBase = in.readInt();
        idtrLimit = in.readInt();
        ldtr = in.readInt();
        tr = in.readInt();
        trBase = in.readInt();
        trLimit = in.readInt();
        halted = in.readBoolean();
        pending.clear();
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new java.io.IOException("corrupt virtual CPU state (" + n + " pending interrupts)");
        }
        for (int i = 0; i < n; i++) {
            pending.addLast(in.readInt());
        }
    }

    @Override
    public String toString() {
        return String.format("vCPU[cpl=%d IF=%d IOPL=%d CR0=%08X CR3=%08X GDTR=%08X/%04X IDTR=%08X/%04X TR=%04X pending=%d]",
                cpl, interruptFlag ? 1 : 0, iopl, cr0, cr3, gdtrBase, gdtrLimit, idtrBase, idtrLimit, tr,
                pending.size());
    }
}
