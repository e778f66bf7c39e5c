package dev.ringmaster.engine.vmm.trap;

import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;

/**
 * What the VMM learns about the sensitive unprivileged instructions it cannot catch (Robin &amp;
 * Irvine's list: PUSHF/POPF, SGDT/SIDT/SLDT/STR/SMSW, LAR/LSL/VERR/VERW, PUSH CS, MOV r,Sreg): the CPU's
 * hooks let it count them by address while the guest kernel runs, and remember the instruction
 * that is to blame when the guest's virtual IF stays clear: the last POPF whose EFLAGS image asked
 * for IF = 1 (silently ignored at CPL 1 &gt; IOPL 0), else the CLI that cleared it.
 */
final class SensitiveMonitor {
    /** Address and text of the last POPF that lost IF = 1, or -1. */
    int lostIfAt = -1;
    String lostIfText = "";
    long lostIfInstructions;
    /** Address of the last emulated CLI, or -1. */
    int lastCliAt = -1;
    /** When (cycles) interrupts started waiting with the virtual IF clear; -1 when none waits. */
    long waitingSince = -1;
    /** The stall of this waiting period has been reported. */
    boolean stallReported;

    /** True for the instructions that are sensitive but unprivileged (they run in ring 1 without trapping). */
    static boolean isSensitive(Instruction in) {
        return (in.entry.flags & dev.ringmaster.engine.cpu.OpcodeEntry.SENSITIVE) != 0;
    }

    /** What the guest gets wrong when {@code m} runs in ring 1 instead of ring 0. */
    static String consequence(Instruction in) {
        Mnemonic m = in.mnemonic;
        switch (m) {
            case POPF:
            case POPFD:
                return "POPF at CPL 1 > IOPL 0: changes to IF (and IOPL) silently ignored";
            case PUSHF:
            case PUSHFD:
                return "PUSHF shows the real EFLAGS (IF 1, IOPL 0), not the guest's virtual IF";
            case SGDT:
                return "SGDT shows the VMM's shadow GDT base, not the guest's";
            case SIDT:
                return "SIDT shows the VMM's shadow IDT base, not the guest's";
            case SLDT:
                return "SLDT shows the real LDTR";
            case STR:
                return "STR shows the VMM's TSS selector, not the guest's";
            case SMSW:
                return "SMSW shows the real CR0 low bits";
            case LAR:
            case LSL:
            case VERR:
            case VERW:
                return m.text().toUpperCase() + " checks against the shadow GDT at CPL 1 (DPLs raised to 1)";
            case PUSH:
            case MOV:
                return "the CS/SS selector shows RPL 1: the guest can see it is not in ring 0";
            default:
                return m.text().toUpperCase() + " runs without trapping";
        }
    }

    void interruptWaiting(long now) {
        if (waitingSince < 0) {
            waitingSince = now;
            stallReported = false;
        }
    }

    void interruptsDelivered() {
        waitingSince = -1;
        stallReported = false;
    }

    void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(lostIfAt);
        out.writeUTF(lostIfText);
        out.writeLong(lostIfInstructions);
        out.writeInt(lastCliAt);
        out.writeLong(waitingSince);
        out.writeBoolean(stallReported);
    }

    void loadState(java.io.DataInput in) throws java.io.IOException {
        lostIfAt = in.readInt();
        lostIfText = in.readUTF();
        lostIfInstructions = in.readLong();
        lastCliAt = in.readInt();
        waitingSince = in.readLong();
        stallReported = in.readBoolean();
    }
}
