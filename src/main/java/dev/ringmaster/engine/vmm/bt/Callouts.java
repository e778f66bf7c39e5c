package dev.ringmaster.engine.vmm.bt;

import static dev.ringmaster.engine.cpu.CpuState.ESP;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuHooks.EventKind;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.Descriptor;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.cpu.Vector;
import dev.ringmaster.engine.vmm.GuestMemory;
import dev.ringmaster.engine.vmm.VirtualCpu;
import dev.ringmaster.engine.vmm.trap.PrivilegedEmulator;

/**
 * What the VMM does for one callout from translated code (a VMCALL stub, {@link Translator.Site}): the
 * guest instruction the stub replaced is performed against the virtual CPU as a CPU at CPL 0 would, and
 * translated code continues where the guest would. Guest memory is accessed through the CPU with its
 * faults; every read comes before the first write, so a callout that faults (a hidden shadow fault, or the
 * guest's own #PF, delivered at the guest instruction) is simply run again.
 */
final class Callouts {
    private final BinaryTranslation bt;
    private final Translator.Site site;
    private final Instruction in;
    private final Cpu cpu;
    private final VirtualCpu v;
    private final GuestMemory guest;

    Callouts(BinaryTranslation bt, Translator.Site site) {
        this.bt = bt;
        this.site = site;
        this.in = site.insn();
        this.cpu = bt.machine().cpu();
        this.v = bt.virtualCpu();
        this.guest = bt.guestMemory();
    }

    /** Performs the callout; false when the VM was stopped (something the VMM cannot do). */
    boolean run() {
        switch (site.kind()) {
            case BLOCK_EXIT:
                bt.exitTo(site);
                return true;
            case INDIRECT_BRANCH:
                return branch();
            case IRET:
                return iret();
            case SOFTWARE_INTERRUPT:
                return softwareInterrupt();
            case FLAGS:
                return flags();
            case SEGMENT_CHECK:
                return segmentCheck();
            case SEGMENT_READ:
                return segmentRead();
            case PAGE_TABLE_WRITE:
                return pageTableWrite();
            case MISC_PRIVILEGED:
                if (in.mnemonic == Mnemonic.CPUID || in.mnemonic == Mnemonic.RDTSC) {
                    bt.counters().emulated(in.mnemonic.text().toUpperCase());
                    bt.resume(site.tcNext()); // the instruction itself follows the stub
                    return true;
                }
                return privileged();
            case DESCRIPTOR_TABLE:
                if (in.mnemonic == Mnemonic.SGDT || in.mnemonic == Mnemonic.SIDT) {
                    return storeTable();
                }
                if (in.mnemonic == Mnemonic.SLDT || in.mnemonic == Mnemonic.STR) {
                    return storeSelector(in.mnemonic == Mnemonic.SLDT ? v.ldtr : v.tr);
                }
                return privileged();
            case CONTROL_REGISTER:
                if (in.mnemonic == Mnemonic.SMSW) {
                    return smsw();
                }
                return privileged();
            default:
                return privileged();
        }
    }

    private int size() {
        return in.operandSize32 ? 4 : 2;
    }

    private void done(String action) {
        bt.counters().emulated(in.mnemonic.text().toUpperCase());
        bt.calloutTrace(in, site, action);
        bt.resume(site.tcNext());
    }

    /** A privileged instruction: trap-and-emulate's emulator against the virtual CPU and the devices. */
    private boolean privileged() {
        PrivilegedEmulator.Outcome o = bt.emulate(in, site.tcAddress());
        switch (o) {
            case DONE:
                if (in.mnemonic == Mnemonic.HLT) {
                    bt.jumpTo(site.guestNext());
                } else {
                    bt.resume(site.tcNext());
                }
                return true;
            case NOT_MINE:
                bt.reflectFromCallout(Vector.GP, 0, EventKind.EXCEPTION, site.guestAddress());
                return true;
            case UNSUPPORTED:
                return false;
            default:
                bt.stopVm(String.format("binary translation: cannot perform %s at %08X", in.mnemonic.text(),
                        site.guestAddress()));
                return false;
        }
    }

    // ---- control flow ----------------------------------------------------------------------------------------------

    private boolean branch() {
        int size = size();
        int mask = size == 4 ? -1 : 0xFFFF;
        int next = site.guestNext();
        switch (in.mnemonic) {
            case RET: {
                int target = cpu.vmmPop(size);
                if (in.immSize > 0) {
                    cpu.setReg(ESP, cpu.reg(ESP) + (in.imm & 0xFFFF));
                }
                bt.jumpTo(target & mask);
                return true;
            }
            case JMP:
                bt.jumpTo(in.hasModrm ? cpu.vmmReadRm(in, size) & mask : (next + in.imm) & mask);
                return true;
            case CALL: {
                int target = in.hasModrm ? cpu.vmmReadRm(in, size) : next + in.imm;
                cpu.vmmPush(next, size);
                bt.jumpTo(target & mask);
                return true;
            }
            case LOOP: case LOOPE: case LOOPNE: case JCXZ: case JECXZ:
                return loop(next, mask);
            case JMPF: case CALLF:
                return farJumpOrCall(size, next);
            case RETF:
                return farReturn(size);
            default:
                bt.stopVm(String.format("binary translation: %s at %08X is not translated yet", in.mnemonic.text(),
                        site.guestAddress()));
                return false;
        }
    }

    private boolean loop(int next, int mask) {
        int counterMask = in.addressSize32 ? -1 : 0xFFFF;
        int count = cpu.reg(CpuState.ECX) & counterMask;
        boolean taken;
        if (in.mnemonic == Mnemonic.JCXZ || in.mnemonic == Mnemonic.JECXZ) {
            taken = count == 0;
        } else {
            count = (count - 1) & counterMask;
            cpu.setReg(CpuState.ECX, (cpu.reg(CpuState.ECX) & ~counterMask) | count);
            boolean zf = (cpu.eflags() & CpuState.ZF) != 0;
            taken = count != 0 && (in.mnemonic == Mnemonic.LOOP || (in.mnemonic == Mnemonic.LOOPE) == zf);
        }
        bt.jumpTo(taken ? (next + in.imm) & mask : next);
        return true;
    }

    private boolean farJumpOrCall(int size, int next) {
        int offset;
        int selector;
        if (in.hasModrm) {
            int ea = cpu.vmmEffectiveAddress(in);
            offset = cpu.vmmRead(in.segment, ea, size);
            selector = cpu.vmmRead(in.segment, ea + size, 2);
        } else {
            offset = in.imm;
            selector = in.imm2 & 0xFFFF;
        }
        if (!kernelCodeSegment(selector)) {
            return unsupportedFar(selector);
        }
        if (in.mnemonic == Mnemonic.CALLF) {
            int esp = cpu.reg(ESP);
            cpu.vmmWrite(SegmentRegister.SS, esp - size, size, bt.guestCodeSelector());
            cpu.vmmWrite(SegmentRegister.SS, esp - 2 * size, size, next);
            cpu.setReg(ESP, esp - 2 * size);
        }
        bt.setGuestCs(selector);
        bt.jumpTo(size == 4 ? offset : offset & 0xFFFF);
        return true;
    }

    private boolean farReturn(int size) {
        int esp = cpu.reg(ESP);
        int offset = cpu.vmmRead(SegmentRegister.SS, esp, size);
        int selector = cpu.vmmRead(SegmentRegister.SS, esp + size, 2);
        if ((selector & 3) != 0 || !kernelCodeSegment(selector)) {
            return unsupportedFar(selector);
        }
        cpu.setReg(ESP, esp + 2 * size + (in.immSize > 0 ? in.imm & 0xFFFF : 0));
        bt.setGuestCs(selector);
        bt.jumpTo(size == 4 ? offset : offset & 0xFFFF);
        return true;
    }

    /**
     * A present, flat (base 0), DPL 0, 32-bit code segment of the guest's GDT; the CPU loading it would set its
     * accessed bit, so the callout does.
     */
    private boolean kernelCodeSegment(int selector) {
        int index = selector & 0xFFF8;
        if (index == 0 || (selector & 4) != 0 || index + 7 > (v.gdtrLimit & 0xFFFF)) {
            return false;
        }
        int lo = guest.read32(v.gdtrBase + index);
        int hi = guest.read32(v.gdtrBase + index + 4);
        boolean ok = Descriptor.present(hi) && Descriptor.isSegment(hi) && Descriptor.isCode(hi) && Descriptor.dpl(hi) == 0
                && Descriptor.base(lo, hi) == 0 && (hi & (1 << 22)) != 0;
        if (ok && (hi & ACCESSED) == 0) {
            guest.write32(v.gdtrBase + index + 4, hi | ACCESSED);
        }
        return ok;
    }

    private static final int ACCESSED = 1 << 8;

    private boolean unsupportedFar(int selector) {
        bt.stopVm(String.format("binary translation: %s at %08X to selector %04X (only flat 32-bit ring-0 code "
                + "segments are supported)", in.mnemonic.text().toUpperCase(), site.guestAddress(), selector));
        return false;
    }

    private boolean iret() {
        if ((cpu.eflags() & CpuState.NT) != 0) {
            bt.stopVm(String.format("binary translation: IRET with NT (task return) at %08X is not supported",
                    site.guestAddress()));
            return false;
        }
        int size = size();
        int esp = cpu.reg(ESP);
        int eip = cpu.vmmRead(SegmentRegister.SS, esp, size);
        int cs = cpu.vmmRead(SegmentRegister.SS, esp + size, 2);
        int image = cpu.vmmRead(SegmentRegister.SS, esp + 2 * size, size);
        if (size == 2) {
            image = (cpu.eflags() & 0xFFFF0000) | (image & 0xFFFF);
        }
        switch (cs & 3) {
            case 0: {
                if (!kernelCodeSegment(cs)) {
                    return unsupportedFar(cs);
                }
                cpu.setReg(ESP, esp + 3 * size);
                boolean enabled = loadFlags(image);
                bt.setGuestCs(cs);
                bt.jumpTo(size == 4 ? eip : eip & 0xFFFF);
                if (enabled) {
                    bt.injectPendingInterrupts();
                }
                return true;
            }
            case 3:
                v.interruptFlag = (image & CpuState.IF) != 0;
                v.iopl = (image >>> 12) & 3;
                bt.iretToUser(site.guestAddress());
                return true;
            default:
                bt.stopVm(String.format("binary translation: IRET at %08X to ring %d (guest rings 1 and 2 are not "
                        + "supported)", site.guestAddress(), cs & 3));
                return false;
        }
    }

    private boolean softwareInterrupt() {
        switch (in.mnemonic) {
            case INT:
                bt.reflectFromCallout(in.imm & 0xFF, -1, EventKind.SOFTWARE_INTERRUPT, site.guestNext());
                return true;
            case INT3:
                bt.reflectFromCallout(Vector.BP, -1, EventKind.SOFTWARE_EXCEPTION, site.guestNext());
                return true;
            case INTO:
                if ((cpu.eflags() & CpuState.OF) != 0) {
                    bt.reflectFromCallout(Vector.OF, -1, EventKind.SOFTWARE_EXCEPTION, site.guestNext());
                } else {
                    bt.jumpTo(site.guestNext());
                }
                return true;
            default: // INT1
                bt.reflectFromCallout(Vector.DB, -1, EventKind.PRIVILEGED_SOFTWARE_EXCEPTION, site.guestNext());
                return true;
        }
    }

    // ---- sensitive instructions -----------------------------------------------------------------------------------

    /**
     * Loads an EFLAGS image as POPF/IRET at CPL 0 would: IF and IOPL into the virtual CPU, the rest into the
     * real EFLAGS (which keeps IF set, IOPL 0 and no TF in translated code). True when the virtual IF went 0 to 1.
     */
    private boolean loadFlags(int image) {
        boolean was = v.interruptFlag;
        v.interruptFlag = (image & CpuState.IF) != 0;
        v.iopl = (image >>> 12) & 3;
        int keep = CpuState.VM | CpuState.RF;
        cpu.setEflags((image & ~(CpuState.IF | CpuState.IOPL | CpuState.TF | keep)) | CpuState.IF | (cpu.eflags() & keep));
        return !was && v.interruptFlag;
    }

    private boolean flags() {
        int size = size();
        if (in.mnemonic == Mnemonic.PUSHF || in.mnemonic == Mnemonic.PUSHFD) {
            int image = v.guestEflags(cpu.eflags()) & ~(CpuState.RF | CpuState.VM);
            cpu.vmmPush(size == 4 ? image : image & 0xFFFF, size);
            done(String.format("PUSHF: pushed %08X (virtual IF %d, IOPL %d)", image, v.interruptFlag ? 1 : 0, v.iopl));
            return true;
        }
        int image = cpu.vmmPop(size);
        if (size == 2) {
            image = (cpu.eflags() & 0xFFFF0000) | (image & 0xFFFF);
        }
        boolean enabled = loadFlags(image);
        done(String.format("POPF: virtual IF %d, IOPL %d", v.interruptFlag ? 1 : 0, v.iopl));
        if (enabled) {
            bt.injectPendingInterrupts();
        }
        return true;
    }

    private boolean storeTable() {
        boolean gdt = in.mnemonic == Mnemonic.SGDT;
        int limit = gdt ? v.gdtrLimit : v.idtrLimit;
        int base = gdt ? v.gdtrBase : v.idtrBase;
        int ea = cpu.vmmEffectiveAddress(in);
        cpu.vmmWrite(in.segment, ea, 2, limit & 0xFFFF);
        cpu.vmmWrite(in.segment, ea + 2, 4, in.operandSize32 ? base : base & 0x00FFFFFF);
        done(String.format("%s: the guest's table %08X/%04X", in.mnemonic.text().toUpperCase(), base, limit & 0xFFFF));
        return true;
    }

    private boolean storeSelector(int selector) {
        int size = in.mod == 3 && in.operandSize32 ? 4 : 2;
        cpu.vmmWriteRm(in, size, selector & 0xFFFF);
        done(String.format("%s: the guest's %04X", in.mnemonic.text().toUpperCase(), selector & 0xFFFF));
        return true;
    }

    private boolean smsw() {
        int size = in.mod == 3 && in.operandSize32 ? 4 : 2;
        int value = size == 4 ? v.cr0 : v.cr0 & 0xFFFF;
        cpu.vmmWriteRm(in, size, value);
        done(String.format("SMSW: the guest's CR0 %08X", v.cr0));
        return true;
    }

    private boolean segmentRead() {
        if (in.opcode == 0x0E) { // PUSH CS
            cpu.vmmPush(bt.guestCodeSelector(), size());
            done(String.format("PUSH CS: the guest's selector %04X", bt.guestCodeSelector()));
            return true;
        }
        int value;
        if (in.reg == SegmentRegister.CS) {
            value = bt.guestCodeSelector();
        } else {
            int ss = cpu.segment(SegmentRegister.SS).selector;
            value = (ss & 3) == 1 ? ss & 0xFFFC : ss; // the compressed ring shows as ring 0
        }
        cpu.vmmWriteRm(in, in.mod == 3 && in.operandSize32 ? 4 : 2, value);
        done(String.format("MOV from %s: the guest's selector %04X", SegmentRegister.NAMES[in.reg], value));
        return true;
    }

    private boolean segmentCheck() {
        int selector = cpu.vmmReadRm(in, 2) & 0xFFFF;
        boolean ok;
        switch (in.mnemonic) {
            case LAR:
            case LSL: {
                SegmentChecks.Result r = in.mnemonic == Mnemonic.LAR ? SegmentChecks.lar(guest, v, selector)
                        : SegmentChecks.lsl(guest, v, selector);
                ok = r.ok();
                if (ok && in.mnemonic == Mnemonic.LAR) {
                    r = new SegmentChecks.Result(true, r.value() | (bt.shadowDescriptorHigh(selector) & ACCESSED));
                }
                if (ok) {
                    if (in.operandSize32) {
                        cpu.setReg(in.reg, r.value());
                    } else {
                        cpu.setReg16(in.reg, r.value());
                    }
                }
                break;
            }
            default:
                ok = SegmentChecks.verify(guest, v, selector, in.mnemonic == Mnemonic.VERW);
                break;
        }
        cpu.setEflags((cpu.eflags() & ~CpuState.ZF) | (ok ? CpuState.ZF : 0));
        done(String.format("%s %04X at CPL 0: ZF=%d", in.mnemonic.text().toUpperCase(), selector, ok ? 1 : 0));
        return true;
    }

    /** A store retranslated adaptively: performed on the guest page table without the hidden fault. */
    private boolean pageTableWrite() {
        int value = in.opcode == 0x89 ? cpu.reg(in.reg) : in.imm;
        int lin = bt.emulatorLinear(in);
        if ((lin & 0xFFF) <= 0xFFC && bt.isGuestPageTable(lin)) {
            bt.writeGuestPageTable(lin, value);
            bt.counters().emulated("MOV (page table)");
            bt.resume(site.tcNext());
            return true;
        }
        cpu.vmmWriteRm(in, 4, value); // no longer a page table: an ordinary store
        bt.resume(site.tcNext());
        return true;
    }
}
