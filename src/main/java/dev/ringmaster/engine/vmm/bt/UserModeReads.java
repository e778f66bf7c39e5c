package dev.ringmaster.engine.vmm.bt;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.vmm.GuestMemory;
import dev.ringmaster.engine.vmm.VirtualCpu;

/**
 * Guest user code's SGDT, SIDT, SLDT, STR and SMSW, trapped through the real CPU's CR4.UMIP (binary translation
 * runs user code directly): performed with the guest's values — its descriptor-table registers, its LDTR and TR,
 * its CR0 — as its own CPU would have stored them. A store to a page the guest does not let user code write is the
 * guest's #PF. (Without UMIP, as on the CPUs VMware's translator ran on, these reads showed the VMM's tables: the
 * "Red Pill".)
 */
final class UserModeReads {
    private final BinaryTranslation bt;
    private final Instruction in;
    private final int eip;
    private final Cpu cpu;
    private final VirtualCpu v;
    private final GuestMemory guest;

    UserModeReads(BinaryTranslation bt, Instruction in, int eip) {
        this.bt = bt;
        this.in = in;
        this.eip = eip;
        this.cpu = bt.machine().cpu();
        this.v = bt.virtualCpu();
        this.guest = bt.guestMemory();
    }

    static boolean isUmipInstruction(Instruction in) {
        Mnemonic m = in.mnemonic;
        return m == Mnemonic.SGDT || m == Mnemonic.SIDT || m == Mnemonic.SLDT || m == Mnemonic.STR || m == Mnemonic.SMSW;
    }

    void emulate() {
        Mnemonic m = in.mnemonic;
        String what;
        if (m == Mnemonic.SGDT || m == Mnemonic.SIDT) {
            boolean gdt = m == Mnemonic.SGDT;
            int limit = (gdt ? v.gdtrLimit : v.idtrLimit) & 0xFFFF;
            int base = gdt ? v.gdtrBase : v.idtrBase;
            if (!in.operandSize32) {
                base &= 0x00FFFFFF;
            }
            int lin = bt.emulatorLinear(in);
            if (!writable(lin, 6)) {
                return;
            }
            guest.write16(lin, limit);
            guest.write32(lin + 2, base);
            what = String.format("the guest's %08X/%04X", base, limit);
        } else {
            int value = m == Mnemonic.SLDT ? v.ldtr : m == Mnemonic.STR ? v.tr : v.cr0;
            if (in.mod == 3) {
                int size = in.operandSize32 ? 4 : 2;
                if (size == 4) {
                    cpu.setReg(in.rm, m == Mnemonic.SMSW ? value : value & 0xFFFF);
                } else {
                    cpu.setReg16(in.rm, value);
                }
            } else {
                int lin = bt.emulatorLinear(in);
                if (!writable(lin, 2)) {
                    return;
                }
                guest.write16(lin, value);
            }
            what = String.format("the guest's %04X", value & 0xFFFF);
        }
        bt.counters().emulated(m.text().toUpperCase() + " (user, UMIP)");
        bt.userTrace(in, eip, m.text().toUpperCase() + " in user mode trapped by CR4.UMIP: " + what
                + " (not the VMM's)");
        cpu.setEip(eip + in.length);
    }

    /** True when the guest lets user code write the bytes; otherwise its #PF has been delivered. */
    private boolean writable(int lin, int length) {
        for (int a : new int[] {lin, lin + length - 1}) {
            if (!bt.guestUserWritable(a)) {
                bt.userFault(a, eip);
                return false;
            }
        }
        bt.prefaultForWrite(lin, length);
        return true;
    }
}
