package dev.ringmaster.engine.cost;

import static dev.ringmaster.engine.cost.CostEvent.*;
import static dev.ringmaster.engine.cost.Reference.AA06;
import static dev.ringmaster.engine.cost.Reference.BARHAM03;
import static dev.ringmaster.engine.cost.Reference.BHARGAVA08;
import static dev.ringmaster.engine.cost.Source.derived;
import static dev.ringmaster.engine.cost.Source.estimate;
import static dev.ringmaster.engine.cost.Source.published;

/**
 * The mid-2000s preset {@value #ID}: the 3.8 GHz Pentium 4 672 (NetBurst "Prescott" core with the
 * first VT-x) on which Adams and Agesen [AA06] compared VMware's software VMM with their hardware
 * VMM. Published figures are taken as they are; the costs of the VMMs' software paths, which the
 * paper only gives as totals, are fitted so that the nanobenchmarks composed by
 * {@link NanobenchmarkModel} reproduce the paper's totals (see each source's note, and
 * {@link Calibration} for the check).
 */
final class Pentium4Vt2006Preset {
    static final String ID = "p4-vt1-2006";

    /** The paper's nanobenchmark section, where most figures come from. */
    private static final String NANO = "§6.3 nanobenchmarks";
    private static final String FIT_TRAP = "fitted together with VMM_EVENT_REFLECTION and CALLOUT so that the software VMM's "
            + "syscall costs ~2000 cycles more than native and divzero ~3223 cycles (model: +2170 and 3060)";

    private Pentium4Vt2006Preset() {
    }

    static CostModel create() {
        return CostModel.builder(ID, "Pentium 4 672, 2006: software VMM vs first-generation VT-x")
                .era(CostModel.Era.FIRST_GENERATION_VT)
                .description("A 3.8 GHz Pentium 4 672, the first Intel CPU with VT-x and the machine of Adams and Agesen's "
                        + "ASPLOS 2006 comparison of VMware's binary-translating VMM with a VT-x VMM. VM exits and entries "
                        + "cost thousands of cycles and there is no EPT, so the hardware VMM keeps shadow page tables and "
                        + "loses to binary translation on page faults and page-table updates while winning on system calls.")
                .clockHz(3_800_000_000L, published(AA06, "Table 1", "3.8 GHz Pentium 4 672", ""))

                .cost(INSN_SIMPLE, 1, estimate("one cycle per simple instruction; the nanobenchmarks are insensitive to it"))
                .cost(INSN_MEMORY, 1, published(AA06, NANO, "ptemod: natively a single-cycle store", ""))
                .cost(INSN_BRANCH, 1, estimate("a predicted branch, like a simple instruction"))
                .cost(INSN_CALL, 5, derived(AA06, NANO, "call/ret: natively 11 cycles per call/return pair",
                        "the pair is published; its split into call 5 + ret 6 is estimated"))
                .cost(INSN_RET, 6, derived(AA06, NANO, "call/ret: natively 11 cycles per call/return pair",
                        "the pair is published; its split into call 5 + ret 6 is estimated"))
                .cost(INSN_MULTIPLY, 10, estimate("integer multiply latency of the Prescott core, about 10 cycles"))
                .cost(INSN_DIVIDE, 40, estimate("a 32-bit DIV on NetBurst takes tens of cycles; a faulting one is cut short"))
                .cost(INSN_STRING_ITERATION, 2, estimate("one REP MOVS/STOS iteration on cached data"))
                .cost(INSN_SYSTEM, 20, estimate("a non-serialising system instruction such as MOV from CR2 or PUSHF"))
                .cost(INSN_SERIALIZING, 140, derived(AA06, NANO,
                        "cr8wr: 35 cycles under the software VMM, about four times faster than native",
                        "native MOV to CR8 = 4 x 35 = 140 cycles; used for every serialising control instruction"))
                .cost(INSN_PORT_IO, 3209, published(AA06, NANO, "in from port 0x80: 3209 cycles natively", ""))

                .cost(TLB_MISS, 60, estimate("a two-level walk with both entries in the L2 cache (Prescott L2 latency "
                        + "is a few tens of cycles)"))
                .cost(TLB_MISS_EPT, 420, derived(BHARGAVA08, "§2", "a 2-D walk of an n-level guest table through an m-level "
                        + "nested table makes up to (n+1)(m+1)-1 references (24 for 4 on 4)",
                        "hypothetical (this CPU has no EPT): 14 references for a 2-level guest on a 4-level EPT against 2 "
                                + "natively, so 7 x TLB_MISS; an upper bound, real walks hit paging-structure caches"))

                .cost(EXCEPTION_DELIVERY, 520, derived(AA06, NANO, "divzero: 889 cycles natively",
                        "889 = DIV 40 + delivery + 10 handler instructions + IRET 320; the delivery/IRET split is estimated"))
                .cost(INTERRUPT_DELIVERY, 520, estimate("same IDT gate and stack switch as EXCEPTION_DELIVERY"))
                .cost(SOFTWARE_INTERRUPT, 520, derived(AA06, NANO, "divzero: 889 cycles natively",
                        "INT n goes through the same IDT gate path as an exception, so it costs as EXCEPTION_DELIVERY"))
                .cost(IRET_OUTWARD, 320, derived(AA06, NANO, "divzero: 889 cycles natively",
                        "see EXCEPTION_DELIVERY; the split is estimated"))

                .cost(TRAP_TO_VMM, 1200, derived(AA06, NANO, "syscall: ~2000 cycles more than native under the software VMM; "
                        + "divzero: 3223 cycles", FIT_TRAP + "; split estimated as hardware delivery ~520 + IRET ~320 + "
                        + "VMM state save/restore ~360"))
                .cost(VMM_EVENT_REFLECTION, 450, derived(AA06, NANO, "syscall: ~+2000 cycles; divzero: 3223 cycles", FIT_TRAP))
                .cost(VMM_INSTRUCTION_EMULATION, 4890, derived(AA06, NANO, "hardware VMM: in 15826 cycles, ptemod 12733 cycles",
                        "fitted so that both exits that emulate an instruction (in, ptemod) are within 12% of the paper "
                                + "(model: 13992 and 14204); the paper gives only the totals"))
                .cost(GUEST_PAGE_WALK, 550, derived(AA06, NANO, "pgfault: 1093 cycles natively, 3927 under the software VMM",
                        "fitted so that the software VMM's pgfault total and its ratio to native are both within 12% "
                                + "(model 3696 cycles, 3.85x against 3.59x)"))
                .cost(SHADOW_PT_UPDATE, 390, derived(AA06, NANO, "ptemod: 391 cycles under the software VMM (the traced "
                        + "PTE write translated into a small program)", "391 minus the 1-cycle store"))
                .cost(SHADOW_PAGE_FAULT, 940, derived(AA06, NANO, "see GUEST_PAGE_WALK and SHADOW_PT_UPDATE",
                        "a hidden fault walks the guest table and fills one shadow entry: 550 + 390"))
                .cost(SHADOW_CR3_SWITCH, 800, estimate("finding the cached shadow page directory for the new address space "
                        + "and switching to it; of the order of a few hidden faults"))
                .cost(SHADOW_GDT_BUILD, 2000, estimate("copying and adjusting a small GDT (tens of descriptors, a few "
                        + "instructions each) and reloading the VMM's view of it; done at boot and on the rare LGDT"))

                .cost(CALLOUT, 1040, derived(AA06, NANO, "syscall: ~+2000 cycles; divzero: 3223 cycles", FIT_TRAP))
                .cost(BT_INLINE_EMULATION, 35, published(AA06, NANO, "cr8wr: 35 cycles under the software VMM (a short "
                        + "sequence of simple instructions)", ""))
                .cost(TRANSLATION, 2300, published(AA06, "§3", "the translator runs at about 2300 cycles per translated x86 "
                        + "instruction", "transcribed by a secondary source; not re-checked against the PDF in this session"))
                .cost(TRANSLATION_BLOCK, 1000, estimate("allocating the translation, its index entry and prologue; "
                        + "small next to 2300 cycles per instruction"))
                .cost(TC_LOOKUP, 40, published(AA06, NANO, "call/ret: the software VMM adds 40 cycles per call/return pair "
                        + "(51 against 11)", "the return is the indirect branch that needs the lookup"))
                .cost(TC_CHAIN, 200, estimate("patching one jump and its bookkeeping"))
                .cost(TC_INVALIDATION, 500, estimate("unlinking one translation and its chains after a write to its code page"))

                .cost(HYPERCALL, 990, estimate(BARHAM03, "§3.1", "a hypercall is a synchronous software trap into the "
                        + "hypervisor: a gate delivery (520) and an IRET (320) plus ~150 cycles of dispatch"))
                .cost(HYPERCALL_PT_UPDATE, 150, estimate(BARHAM03, "§3.3.3", "validating and applying one queued "
                        + "page-table update (reference counts and type checks) inside a batched hypercall"))

                .cost(VM_EXIT, 1931, published(AA06, "Table 1", "page-fault VM exit: 1931 cycles on the 3.8 GHz P4 672",
                        "transcribed by a secondary source; HSSV17 Table 4.3 lists 1926 for Prescott"))
                .cost(VM_ENTRY, 2409, published(AA06, "Table 1", "VM entry: 2409 cycles on the 3.8 GHz P4 672",
                        "transcribed by a secondary source"))
                .cost(VMCS_READ, 178, published(AA06, "Table 1", "VMREAD: 178 cycles on the P4 672",
                        "transcribed by a secondary source"))
                .cost(VMCS_WRITE, 171, published(AA06, "Table 1", "VMWRITE: 171 cycles on the P4 672",
                        "transcribed by a secondary source"))
                .cost(VMM_EXIT_DISPATCH, 3700, derived(AA06, NANO, "pgfault: 11242 cycles under the hardware VMM",
                        "fitted so that pgfault's total and its ratio to native are both within 12% (model 10605 cycles); "
                                + "the paper's VMM was an early, unoptimised one"))
                .cost(EPT_VIOLATION, 1000, estimate("hypothetical on this CPU (no EPT): finding the host page and filling "
                        + "one EPT entry, like a hidden fault"))

                .cost(IO_DEVICE_EMULATION, 179, derived(AA06, NANO, "in: the software VMM is fifteen times faster than native "
                        + "(3209 / 15 = ~214 cycles)", "214 minus the 35-cycle inline sequence that reaches the device model"))
                .cost(WORLD_SWITCH, 8000, estimate("a hosted VMM's switch to the host context and back reloads CR3, the "
                        + "IDT, GDT and segment state and flushes the TLB: several traps' worth"))
                .cost(CONTAINER_SWITCH, 60, estimate("switching namespace and accounting pointers in the shared kernel; "
                        + "a container switch is otherwise a native process switch"))
                .build();
    }
}
