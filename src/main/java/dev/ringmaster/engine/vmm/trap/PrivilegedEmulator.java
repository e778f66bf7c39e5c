package dev.ringmaster.engine.vmm.trap;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.Descriptor;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.vmm.GuestMemory;
import dev.ringmaster.engine.vmm.VirtualCpu;
import dev.ringmaster.engine.vmm.shadow.RingCompression;
import dev.ringmaster.engine.vmm.shadow.ShadowPaging;

/**
 * Emulates, against the {@link VirtualCpu} and the machine's devices, a privileged instruction of
 * the guest kernel that raised #GP because it ran in ring 1. {@link #emulate} returns what happened:
 * the VMM then resumes the guest after the instruction, retries it, stops, or — when the #GP was not
 * caused by ring compression — reflects the #GP into the guest.
 */
public final class PrivilegedEmulator {
    /** What {@link #emulate} did. */
    public enum Outcome {
        /** Emulated: continue after the instruction. */
        DONE,
        /**
         * Partly emulated (a REP string I/O instruction with more iterations than one trap does): resume at the
         * same instruction, which traps again — interrupts can come in between, as between real iterations.
         */
        AGAIN,
        /** The VMM fixed what made it fault (an RPL 0 selector): execute it again. */
        RETRY,
        /** Not a ring-compression fault: the guest's own #GP. */
        NOT_MINE,
        /** A privileged operation the VMM cannot emulate yet: stop the VM with {@link #unsupported}. */
        UNSUPPORTED
    }

    private final Cpu cpu;
    private final Machine machine;
    private final VirtualCpu v;
    private final GuestMemory guest;
    private final RingCompression rings;
    private final ShadowPaging shadow;
    private final VirtualMsrs msrs;
    /** What the last emulation did, for the trace ("CLI: virtual IF 1 -> 0"). */
    public String action = "";
    /** Why the last {@link Outcome#UNSUPPORTED}. */
    public String unsupported = "";
    /** Set by STI (and by nothing else): the VMM should inject a pending interrupt now. */
    public boolean interruptsEnabled;
    /** Last port access, for the trace. */
    int ioPort;
    int ioSize;
    int ioValue;
    boolean ioWrite;
    boolean io;
    /** Port accesses the last emulation made (string I/O: one per element). */
    long ioCount;
    /** Iterations of a REP INS/OUTS emulated per trap at most. */
    static final int MAX_STRING_ITERATIONS = 4096;

    PrivilegedEmulator(Cpu cpu, Machine machine, VirtualCpu v, GuestMemory guest, RingCompression rings,
                       ShadowPaging shadow, VirtualMsrs msrs) {
        this.shadow = shadow;
        this.msrs = msrs;
        this.cpu = cpu;
        this.machine = machine;
        this.v = v;
        this.guest = guest;
        this.rings = rings;
    }

    public Outcome emulate(Instruction in) {
        action = "";
        interruptsEnabled = false;
        io = false;
        ioCount = 0;
        switch (in.mnemonic) {
            case CLI:
                action = "CLI: virtual IF " + bit(v.interruptFlag) + " -> 0";
                v.interruptFlag = false;
                return Outcome.DONE;
            case STI:
                action = "STI: virtual IF " + bit(v.interruptFlag) + " -> 1";
                v.interruptFlag = true;
                interruptsEnabled = true;
                return Outcome.DONE;
            case HLT:
                v.halted = true;
                cpu.setHalted(true);
                action = v.interruptFlag ? "HLT: guest waits for its next interrupt"
                        : "HLT with virtual IF 0: the guest waits for ever";
                return Outcome.DONE;
            case IN:
            case OUT:
                return portIo(in);
            case LGDT:
            case LIDT:
                return loadTable(in);
            case LTR:
                return loadTr(in);
            case LLDT: {
                int sel = readE16(in);
                if ((sel & 0xFFFC) != 0) {
                    unsupported = String.format("LLDT %04X: local descriptor tables are not shadowed yet", sel);
                    return Outcome.UNSUPPORTED;
                }
                v.ldtr = sel;
                cpu.ldtr().set(sel, 0, 0, 0, false);
                action = "LLDT null: virtual LDTR cleared";
                return Outcome.DONE;
            }
            case MOV:
                return movSpecial(in);
            case CLTS:
                v.cr0 &= ~CpuState.CR0_TS;
                cpu.setControlRegisters(cpu.cr0() & ~CpuState.CR0_TS, cpu.cr3(), cpu.cr4());
                action = "CLTS: virtual CR0.TS cleared";
                return Outcome.DONE;
            case LMSW: {
                int w = readE16(in) & 0xF;
                int keepPe = v.cr0 & CpuState.CR0_PE;
                v.cr0 = (v.cr0 & ~0xF) | w | keepPe;
                action = String.format("LMSW: virtual CR0 = %08X", v.cr0);
                return Outcome.DONE;
            }
            case INVLPG: {
                int lin = linear(in);
                shadow.invlpg(lin);
                action = String.format("INVLPG %08X: shadow entry dropped", lin);
                return Outcome.DONE;
            }
            case WBINVD:
            case INVD:
                action = in.mnemonic.text().toUpperCase() + ": no caches to flush";
                return Outcome.DONE;
            case IRET:
            case IRETD:
            case RETF:
                return fixReturnFrame(in);
            case POP:
                if (in.opcode == 0x17) { // POP SS with an RPL 0 selector
                    int sel = guest.read16(cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP));
                    if ((sel & 3) == 0 && (sel & 0xFFFC) != 0) {
                        int size = in.operandSize32 ? 4 : 2;
                        int esp = cpu.reg(CpuState.ESP);
                        cpu.loadSegment(SegmentRegister.SS, RingCompression.compressSelector(sel));
                        cpu.setReg(CpuState.ESP, esp + size);
                        action = String.format("POP SS %04X: loaded as %04X (ring compression)", sel,
                                RingCompression.compressSelector(sel));
                        return Outcome.DONE;
                    }
                }
                return Outcome.NOT_MINE;
            case INSB:
            case INSW:
            case INSD:
            case OUTSB:
            case OUTSW:
            case OUTSD:
                return stringIo(in);
            case RDMSR:
                return msrs.rdmsr(cpu, this) ? Outcome.DONE : Outcome.NOT_MINE;
            case WRMSR:
                return msrs.wrmsr(cpu, this) ? Outcome.DONE : Outcome.NOT_MINE;
            case RDTSC:
                return msrs.rdtsc(cpu, v, this) ? Outcome.DONE : Outcome.NOT_MINE;
            default:
                return Outcome.NOT_MINE;
        }
    }

    /**
     * INS/OUTS (SDM vol. 2, INS and OUTS): DX is the port, the element is 1, 2 or 4 bytes, OUTS reads
     * DS:[E]SI (segment override allowed), INS writes ES:[E]DI (no override), [E]SI/[E]DI step by the
     * element size, backwards when EFLAGS.DF is set; with REP, [E]CX elements (none when it is 0).
     * The address size picks SI/DI/CX or ESI/EDI/ECX. At most {@link #MAX_STRING_ITERATIONS} per trap.
     */
    private Outcome stringIo(Instruction in) {
        boolean write = in.mnemonic.name().startsWith("OUTS");
        int size = (in.opcode & 1) == 0 ? 1 : in.operandSize32 ? 4 : 2;
        int port = cpu.reg(CpuState.EDX) & 0xFFFF;
        boolean rep = in.repPrefix != 0;
        boolean a32 = in.addressSize32;
        int mask = a32 ? -1 : 0xFFFF;
        int index = write ? CpuState.ESI : CpuState.EDI;
        int seg = write ? (in.segmentOverride >= 0 ? in.segmentOverride : SegmentRegister.DS) : SegmentRegister.ES;
        int step = (cpu.eflags() & CpuState.DF) != 0 ? -size : size;
        long count = rep ? cpu.reg(CpuState.ECX) & (a32 ? 0xFFFFFFFFL : 0xFFFFL) : 1;
        long n = Math.min(count, MAX_STRING_ITERATIONS);
        int base = cpu.segment(seg).base;
        int value = 0;
        machine.syncClock();
        for (long i = 0; i < n; i++) {
            int off = cpu.reg(index) & mask;
            int lin = base + off;
            if (!guest.mapped(lin) || !guest.mapped(lin + size - 1)) {
                if (i == 0) {
                    unsupported = String.format("%s at an address the guest has not mapped (%08X): a guest page fault in "
                            + "string I/O is not emulated yet", in.mnemonic.text().toUpperCase(), lin);
                    return Outcome.UNSUPPORTED;
                }
                n = i; // the rest faults on its own next time
                break;
            }
            if (write) {
                value = size == 1 ? guest.read8(lin) : size == 2 ? guest.read16(lin) : guest.read32(lin);
                machine.io().write(port, size, value);
            } else {
                value = machine.io().read(port, size);
                if (size == 1) {
                    guest.write8(lin, value);
                } else if (size == 2) {
                    guest.write16(lin, value);
                } else {
                    guest.write32(lin, value);
                }
            }
            cpu.setReg(index, (cpu.reg(index) & ~mask) | ((off + step) & mask));
            if (rep) {
                int c = cpu.reg(CpuState.ECX);
                cpu.setReg(CpuState.ECX, (c & ~mask) | ((c - 1) & mask));
            }
        }
        io = n > 0;
        ioCount = n;
        ioPort = port;
        ioSize = size;
        ioValue = value;
        ioWrite = write;
        String what = (rep ? "REP " : "") + in.mnemonic.text().toUpperCase();
        action = String.format("%s: %d x %d byte(s) %s port %04X%s", what, n, size, write ? "to" : "from", port,
                n < count ? String.format(", %d left for the next trap", count - n) : "");
        return n < count ? Outcome.AGAIN : Outcome.DONE;
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private Outcome portIo(Instruction in) {
        boolean write = in.mnemonic == dev.ringmaster.engine.cpu.Mnemonic.OUT;
        int size = (in.opcode & 1) == 0 ? 1 : in.operandSize32 ? 4 : 2;
        boolean viaDx = (in.opcode & 0x08) != 0; // EC-EF use DX, E4-E7 an immediate
        int port = viaDx ? cpu.reg(CpuState.EDX) & 0xFFFF : in.imm & 0xFF;
        machine.syncClock();
        int value;
        if (write) {
            value = cpu.reg(CpuState.EAX) & (size == 4 ? -1 : (1 << (size * 8)) - 1);
            machine.io().write(port, size, value);
        } else {
            value = machine.io().read(port, size);
            if (size == 1) {
                cpu.setReg8(0, value);
            } else if (size == 2) {
                cpu.setReg16(CpuState.EAX, value);
            } else {
                cpu.setReg(CpuState.EAX, value);
            }
        }
        io = true;
        ioCount = 1;
        ioPort = port;
        ioSize = size;
        ioValue = value;
        ioWrite = write;
        action = String.format("%s port %04X %s %0" + size * 2 + "X: forwarded to the device", write ? "OUT" : "IN",
                port, write ? "<-" : "->", value);
        return Outcome.DONE;
    }

    private Outcome loadTable(Instruction in) {
        int lin = linear(in);
        int limit = guest.read16(lin);
        int base = guest.read32(lin + 2);
        if (!in.operandSize32) {
            base &= 0x00FFFFFF;
        }
        if (in.mnemonic == dev.ringmaster.engine.cpu.Mnemonic.LGDT) {
            v.gdtrBase = base;
            v.gdtrLimit = limit;
            rings.rebuildGdt(v);
            action = String.format("LGDT: virtual GDTR = %08X/%04X; shadow GDT rebuilt with ring compression", base, limit);
        } else {
            v.idtrBase = base;
            v.idtrLimit = limit;
            rings.installIdt(v);
            action = String.format("LIDT: virtual IDTR = %08X/%04X; shadow IDT follows it", base, limit);
        }
        return Outcome.DONE;
    }

    private Outcome loadTr(Instruction in) {
        int sel = readE16(in);
        int index = sel & 0xFFF8;
        if ((sel & 4) != 0 || index == 0 || index + 7 > (v.gdtrLimit & 0xFFFF)) {
            return Outcome.NOT_MINE; // the guest's own #GP
        }
        int lo = guest.read32(v.gdtrBase + index);
        int hi = guest.read32(v.gdtrBase + index + 4);
        int type = Descriptor.type(hi);
        if (Descriptor.isSegment(hi) || (type != Descriptor.TSS32_AVAIL && type != Descriptor.TSS16_AVAIL)) {
            return Outcome.NOT_MINE;
        }
        guest.write32(v.gdtrBase + index + 4, hi | 0x200); // busy, as the CPU marks it
        v.tr = sel;
        v.trBase = Descriptor.base(lo, hi);
        v.trLimit = Descriptor.limit(lo, hi);
        rings.syncStack(v);
        action = String.format("LTR %04X: virtual TR = TSS at %08X; the real TR stays the VMM's (%04X)", sel, v.trBase,
                rings.vmmTssSelector());
        return Outcome.DONE;
    }

    private Outcome movSpecial(Instruction in) {
        int op = in.opcode;
        int reg = in.rm;
        int n = in.reg;
        switch (op) {
            case 0x0F20: { // MOV r32, CRn
                int val = n == 0 ? v.cr0 : n == 2 ? v.cr2 : n == 3 ? v.cr3 : n == 4 ? v.cr4 : 0;
                cpu.setReg(reg, val);
                action = String.format("MOV %s, CR%d: virtual CR%d = %08X", CpuState.REG32[reg], n, n, val);
                return Outcome.DONE;
            }
            case 0x0F22: { // MOV CRn, r32
                int val = cpu.reg(reg);
                if (n == 0) {
                    if ((val & CpuState.CR0_PE) == 0) {
                        unsupported = "MOV CR0 leaves protected mode: real mode is not virtualized";
                        return Outcome.UNSUPPORTED;
                    }
                    int old = v.cr0;
                    v.cr0 = val | CpuState.CR0_ET;
                    int mirror = CpuState.CR0_TS | CpuState.CR0_EM | CpuState.CR0_MP | CpuState.CR0_NE;
                    cpu.setControlRegisters((cpu.cr0() & ~mirror) | (val & mirror), cpu.cr3(), cpu.cr4());
                    if (((old ^ v.cr0) & (CpuState.CR0_PG | CpuState.CR0_WP)) != 0) {
                        shadow.flush("guest CR0 paging bits changed");
                    }
                } else if (n == 2) {
                    v.cr2 = val;
                } else if (n == 3) {
                    v.cr3 = val;
                    shadow.switchAddressSpace();
                } else if (n == 4) {
                    int old = v.cr4;
                    v.cr4 = val;
                    if (((old ^ val) & (CpuState.CR4_PSE | CpuState.CR4_PGE)) != 0) {
                        shadow.flush("guest CR4 paging bits changed");
                    }
                } else {
                    return Outcome.NOT_MINE;
                }
                action = String.format("MOV CR%d, %s: virtual CR%d = %08X", n, CpuState.REG32[reg], n, val);
                return Outcome.DONE;
            }
            case 0x0F21: // MOV r32, DRn
                cpu.setReg(reg, v.dr[n]);
                action = String.format("MOV %s, DR%d: virtual DR%d = %08X", CpuState.REG32[reg], n, n, v.dr[n]);
                return Outcome.DONE;
            case 0x0F23:
                v.dr[n] = cpu.reg(reg);
                action = String.format("MOV DR%d, %s: virtual DR%d = %08X", n, CpuState.REG32[reg], n, v.dr[n]);
                return Outcome.DONE;
            case 0x8E: { // MOV Sreg, r/m16 — SS with RPL 0 faults in ring 1
                if (n != SegmentRegister.SS) {
                    return Outcome.NOT_MINE;
                }
                int sel = readE16(in);
                if ((sel & 3) != 0 || (sel & 0xFFFC) == 0) {
                    return Outcome.NOT_MINE;
                }
                cpu.loadSegment(SegmentRegister.SS, RingCompression.compressSelector(sel));
                action = String.format("MOV SS, %04X: loaded as %04X (ring compression)", sel,
                        RingCompression.compressSelector(sel));
                return Outcome.DONE;
            }
            default:
                return Outcome.NOT_MINE;
        }
    }

    /** IRET/RETF to a CS (or SS) with RPL 0 faults in ring 1: raise the stacked selectors' RPL and retry. */
    private Outcome fixReturnFrame(Instruction in) {
        int size = in.operandSize32 ? 4 : 2;
        int sp = cpu.segment(SegmentRegister.SS).base + cpu.reg(CpuState.ESP);
        if (in.mnemonic == dev.ringmaster.engine.cpu.Mnemonic.RETF && in.immSize > 0) {
            return Outcome.NOT_MINE;
        }
        int csAt = sp + size;
        int cs = guest.read16(csAt);
        if ((cs & 3) != 0 || (cs & 0xFFFC) == 0) {
            return Outcome.NOT_MINE;
        }
        writeSized(csAt, size, RingCompression.compressSelector(cs));
        action = String.format("%s to CS %04X (RPL 0): stacked selector raised to %04X, retried",
                in.mnemonic.text().toUpperCase(), cs, RingCompression.compressSelector(cs));
        return Outcome.RETRY;
    }

    private void writeSized(int lin, int size, int val) {
        if (size == 4) {
            guest.write32(lin, (guest.read32(lin) & 0xFFFF0000) | (val & 0xFFFF));
        } else {
            guest.write16(lin, val);
        }
    }

    private int readE16(Instruction in) {
        return in.mod == 3 ? cpu.reg(in.rm) & 0xFFFF : guest.read16(linear(in));
    }

    /** Linear address of the instruction's memory operand (as the CPU computes it, no limit checks). */
    public int linear(Instruction in) {
        int a = in.disp;
        if (in.eaBase >= 0) {
            a += cpu.reg(in.eaBase);
        }
        if (in.eaIndex >= 0) {
            a += cpu.reg(in.eaIndex) << in.eaScale;
        }
        if (!in.addressSize32) {
            a &= 0xFFFF;
        }
        return cpu.segment(in.segment).base + a;
    }
}
