package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.vmm.VirtualCpu;

/**
 * An immutable copy of the VMM's virtual CPU for the guest ({@link VirtualCpu}): the privileged state
 * the guest believes it has, which the real CPU does not hold (DESIGN §4). Taken on the VM thread
 * and published in {@link VmOutputs#guestCpu()} for the registers pane's "guest" column.
 *
 * @param interruptFlag    virtual EFLAGS.IF
 * @param iopl             virtual EFLAGS.IOPL
 * @param cpl              the guest's privilege level (0: its kernel), not the real CPL
 * @param ldtr             LDTR selector the guest loaded (0: none)
 * @param tr               TR selector the guest loaded (0: none yet)
 * @param halted           the guest executed HLT and waits for a virtual interrupt
 * @param pendingInterrupts interrupts queued while the virtual IF was clear
 * @param instructions     the instruction count when the copy was taken
 */
public record GuestCpu(boolean interruptFlag, int iopl, int cpl, int cr0, int cr2, int cr3, int cr4,
                       int gdtrBase, int gdtrLimit, int idtrBase, int idtrLimit, int ldtr, int tr, int trBase,
                       int trLimit, boolean halted, int pendingInterrupts, long instructions) {

    /** Copies {@code v}; call it on the VM thread. */
    public static GuestCpu of(VirtualCpu v, long instructions) {
        return new GuestCpu(v.interruptFlag, v.iopl, v.cpl, v.cr0, v.cr2, v.cr3, v.cr4, v.gdtrBase, v.gdtrLimit,
                v.idtrBase, v.idtrLimit, v.ldtr, v.tr, v.trBase, v.trLimit, v.halted, v.pendingCount(), instructions);
    }
}
