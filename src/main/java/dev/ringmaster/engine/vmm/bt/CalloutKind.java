package dev.ringmaster.engine.vmm.bt;

import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.cpu.SegmentRegister;

/** Why translated code calls out into the VMM (statistics and listings count callouts by kind). */
public enum CalloutKind {
    /** CLI/STI: the virtual IF. */
    INTERRUPT_FLAG,
    /** PUSHF/POPF: EFLAGS with the virtual IF and IOPL. */
    FLAGS,
    /** IRET: return from the guest's handler. */
    IRET,
    /** INT n, INT3, INTO, INT1: a software interrupt through the guest's IDT. */
    SOFTWARE_INTERRUPT,
    /** HLT: wait for a virtual interrupt. */
    HLT,
    /** IN/OUT/INS/OUTS: the devices. */
    IO,
    /** MOV to/from CRn/DRn, CLTS, LMSW, SMSW. */
    CONTROL_REGISTER,
    /** LGDT/LIDT/LLDT/LTR, SGDT/SIDT/SLDT/STR: the virtual descriptor-table registers. */
    DESCRIPTOR_TABLE,
    /** LAR/LSL/VERR/VERW: checked against the guest's descriptors at virtual CPL 0. */
    SEGMENT_CHECK,
    /** PUSH CS, MOV r,CS/SS: the selector with the guest's RPL 0. */
    SEGMENT_READ,
    /** INVLPG: the shadow page tables. */
    INVLPG,
    /** CPUID, RDTSC, RDMSR, WRMSR, WBINVD, INVD. */
    MISC_PRIVILEGED,
    /** RET, indirect JMP/CALL, LOOP/JCXZ, far transfers: the target is looked up in the translation cache. */
    INDIRECT_BRANCH,
    /** Leaving a block for a guest address not translated (yet): patched into a direct jump when chained. */
    BLOCK_EXIT,
    /**
     * A store into a guest page table, retranslated adaptively after it kept trapping (hidden #PF on the
     * write-protected table): the VMM performs the store and updates the shadow without the fault.
     */
    PAGE_TABLE_WRITE;

    /** The callout a guest-kernel instruction needs, or null when it can run as is (or be rewritten inline). */
    static CalloutKind of(Instruction in) {
        Mnemonic m = in.mnemonic;
        switch (m) {
            case CLI: case STI:
                return INTERRUPT_FLAG;
            case PUSHF: case PUSHFD: case POPF: case POPFD:
                return FLAGS;
            case IRET: case IRETD:
                return IRET;
            case INT: case INT3: case INTO: case INT1:
                return SOFTWARE_INTERRUPT;
            case HLT:
                return HLT;
            case IN: case OUT: case INSB: case INSW: case INSD: case OUTSB: case OUTSW: case OUTSD:
                return IO;
            case CLTS: case LMSW: case SMSW:
                return CONTROL_REGISTER;
            case LGDT: case LIDT: case LLDT: case LTR: case SGDT: case SIDT: case SLDT: case STR:
                return DESCRIPTOR_TABLE;
            case LAR: case LSL: case VERR: case VERW:
                return SEGMENT_CHECK;
            case INVLPG:
                return INVLPG;
            case CPUID: case RDTSC: case RDMSR: case WRMSR: case WBINVD: case INVD:
                return MISC_PRIVILEGED;
            case RET: case RETF: case CALLF: case JMPF: case LOOP: case LOOPE: case LOOPNE: case JCXZ: case JECXZ:
                return INDIRECT_BRANCH;
            case JMP: case CALL:
                return in.hasModrm ? INDIRECT_BRANCH : null;
            case PUSH:
                return in.opcode == 0x0E ? SEGMENT_READ : null;
            case MOV:
                if (in.opcode >= 0x0F20 && in.opcode <= 0x0F23) {
                    return CONTROL_REGISTER;
                }
                if (in.opcode == 0x8C && (in.reg == SegmentRegister.CS || in.reg == SegmentRegister.SS)) {
                    return SEGMENT_READ;
                }
                return null;
            default:
                return null;
        }
    }

    /** True when control does not come back to the next instruction of the block after the callout. */
    boolean endsBlock() {
        return this == IRET || this == SOFTWARE_INTERRUPT || this == HLT || this == INDIRECT_BRANCH
                || this == BLOCK_EXIT;
    }
}
