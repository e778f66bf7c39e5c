package dev.ringmaster.engine.vmm.trap;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.vmm.VirtualCpu;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The model-specific registers the trap-and-emulate VMM gives its guest (RDMSR and WRMSR fault in
 * ring 1): the same small set the simulated CPU has natively — IA32_TIME_STAMP_COUNTER (0x10) and
 * IA32_SYSENTER_CS/ESP/EIP (0x174–0x176). Any other MSR raises #GP(0), which the VMM reflects into the
 * guest as the real CPU would have delivered it.
 *
 * <p>The guest's TSC is the CPU's cycle counter plus an offset. Until the guest writes the TSC that is
 * the real TSC (the CPU was reset at cycle 0), so RDTSC runs natively; after a WRMSR to the TSC the VMM
 * sets the real CR4.TSD so that RDTSC in rings 1–3 faults too, and emulates it with the guest's offset
 * (a guest-set virtual CR4.TSD still makes a ring-3 RDTSC the guest's own #GP).
 */
final class VirtualMsrs {
    static final int IA32_TIME_STAMP_COUNTER = 0x10;
    static final int IA32_SYSENTER_CS = 0x174;
    static final int IA32_SYSENTER_ESP = 0x175;
    static final int IA32_SYSENTER_EIP = 0x176;

    int sysenterCs;
    int sysenterEsp;
    int sysenterEip;
    /** Guest TSC = cpu.cycles() + tscOffset. */
    long tscOffset;
    /** The guest wrote the TSC: RDTSC is trapped (real CR4.TSD) and emulated. */
    boolean tscVirtualized;

    /** RDMSR: EDX:EAX = MSR[ECX]; false for an MSR the CPU does not have (the guest's #GP(0)). */
    boolean rdmsr(Cpu cpu, PrivilegedEmulator e) {
        int msr = cpu.reg(CpuState.ECX);
        long v;
        switch (msr) {
            case IA32_TIME_STAMP_COUNTER -> v = cpu.cycles() + tscOffset;
            case IA32_SYSENTER_CS -> v = sysenterCs & 0xFFFFFFFFL;
            case IA32_SYSENTER_ESP -> v = sysenterEsp & 0xFFFFFFFFL;
            case IA32_SYSENTER_EIP -> v = sysenterEip & 0xFFFFFFFFL;
            default -> {
                return false;
            }
        }
        cpu.setReg(CpuState.EAX, (int) v);
        cpu.setReg(CpuState.EDX, (int) (v >>> 32));
        e.action = String.format("RDMSR %X: virtual MSR = %016X", msr, v);
        return true;
    }

    /** WRMSR: MSR[ECX] = EDX:EAX; false for an MSR the CPU does not have (the guest's #GP(0)). */
    boolean wrmsr(Cpu cpu, PrivilegedEmulator e) {
        int msr = cpu.reg(CpuState.ECX);
        long v = ((long) cpu.reg(CpuState.EDX) << 32) | (cpu.reg(CpuState.EAX) & 0xFFFFFFFFL);
        switch (msr) {
            case IA32_TIME_STAMP_COUNTER -> {
                tscOffset = v - cpu.cycles();
                if (!tscVirtualized) {
                    tscVirtualized = true;
                    cpu.setControlRegisters(cpu.cr0(), cpu.cr3(), cpu.cr4() | CpuState.CR4_TSD);
                }
            }
            case IA32_SYSENTER_CS -> sysenterCs = (int) v;
            case IA32_SYSENTER_ESP -> sysenterEsp = (int) v;
            case IA32_SYSENTER_EIP -> sysenterEip = (int) v;
            default -> {
                return false;
            }
        }
        e.action = String.format("WRMSR %X: virtual MSR = %016X%s", msr, v,
                msr == IA32_TIME_STAMP_COUNTER ? " (RDTSC now trapped and emulated with the guest's offset)" : "");
        return true;
    }

    /** RDTSC that faulted because the VMM set CR4.TSD; false when the guest's own CR4.TSD forbids it (ring 3). */
    boolean rdtsc(Cpu cpu, VirtualCpu v, PrivilegedEmulator e) {
        if (!tscVirtualized || (cpu.cpl() == 3 && (v.cr4 & CpuState.CR4_TSD) != 0)) {
            return false;
        }
        long t = cpu.cycles() + tscOffset;
        cpu.setReg(CpuState.EAX, (int) t);
        cpu.setReg(CpuState.EDX, (int) (t >>> 32));
        e.action = String.format("RDTSC: guest TSC = %016X", t);
        return true;
    }

    void saveState(DataOutput out) throws IOException {
        out.writeInt(sysenterCs);
        out.writeInt(sysenterEsp);
        out.writeInt(sysenterEip);
        out.writeLong(tscOffset);
        out.writeBoolean(tscVirtualized);
    }

    void loadState(DataInput in) throws IOException {
        sysenterCs = in.readInt();
        sysenterEsp = in.readInt();
        sysenterEip = in.readInt();
        tscOffset = in.readLong();
        tscVirtualized = in.readBoolean();
    }
}
