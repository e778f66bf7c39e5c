package dev.ringmaster.engine.cost;

import static dev.ringmaster.engine.cost.CostEvent.*;
import static dev.ringmaster.engine.cost.Reference.AA06;
import static dev.ringmaster.engine.cost.Reference.AGESEN12;
import static dev.ringmaster.engine.cost.Reference.BARHAM03;
import static dev.ringmaster.engine.cost.Reference.BHARGAVA08;
import static dev.ringmaster.engine.cost.Reference.HSSV17;
import static dev.ringmaster.engine.cost.Reference.LKML20;
import static dev.ringmaster.engine.cost.Source.derived;
import static dev.ringmaster.engine.cost.Source.estimate;
import static dev.ringmaster.engine.cost.Source.published;

/**
 * The default preset {@value #ID}: a recent x86 CPU with VT-x and EPT, at a nominal 3 GHz. Its
 * VM-exit cost is the last generation in the per-microarchitecture table of [HSSV17]; VM entry and
 * VMCS accesses are derived from the Core 2 figures of [AA06] Table 1 scaled by the same
 * generational improvement. Software paths (VMM code, translation) have no published cycle counts
 * on a current CPU: they are the fitted 2006 values scaled by 0.4, an estimate of NetBurst's lower
 * instructions per cycle on branchy system code, and are marked as estimates.
 */
final class ModernPreset {
    static final String ID = "modern";

    /** How software paths were scaled from the 2006 preset. */
    private static final String SCALED = "the p4-vt1-2006 value scaled by 0.4: a current core runs the same VMM code "
            + "in fewer cycles than NetBurst (estimated factor)";
    private static final String EXIT_SCALE = "Core 2 (Merom) figure from [AA06] Table 1 x 531/1156, the VM-exit "
            + "improvement from Merom to Broadwell in [HSSV17] Table 4.3";

    private ModernPreset() {
    }

    static CostModel create() {
        return CostModel.builder(ID, "Modern CPU (VT-x with EPT)")
                .era(CostModel.Era.MODERN)
                .description("A recent x86 CPU at a nominal 3 GHz, with VM exits around 500 cycles (a quarter of the first "
                        + "VT-x) and EPT, so a hardware-assisted guest takes no exit for its page faults and page-table "
                        + "writes and beats binary translation on most work. Hardware figures are published measurements "
                        + "or derived from them; the VMMs' software paths are estimates scaled from the 2006 preset.")
                .clockHz(3_000_000_000L, estimate("a nominal clock for a current desktop or server core; only time "
                        + "conversions depend on it"))

                .cost(INSN_SIMPLE, 1, estimate("one cycle per simple instruction (wide cores retire several, but the "
                        + "model does not go below one)"))
                .cost(INSN_MEMORY, 1, estimate("a load or store hitting the L1 cache, pipelined"))
                .cost(INSN_BRANCH, 1, estimate("a predicted branch"))
                .cost(INSN_CALL, 2, estimate("a call with the return-stack buffer; the 2006 pair cost 11 cycles"))
                .cost(INSN_RET, 2, estimate("a predicted return"))
                .cost(INSN_MULTIPLY, 3, estimate("integer multiply latency of recent Intel and AMD cores"))
                .cost(INSN_DIVIDE, 25, estimate("32-bit DIV latency of recent cores is a few tens of cycles"))
                .cost(INSN_STRING_ITERATION, 1, estimate("fast-string REP MOVS/STOS move several bytes per cycle"))
                .cost(INSN_SYSTEM, 10, estimate("a non-serialising system instruction"))
                .cost(INSN_SERIALIZING, 100, estimate("serialising instructions (CPUID, MOV to CR, WRMSR) drain the pipeline: "
                        + "tens to a few hundred cycles"))
                .cost(INSN_PORT_IO, 3000, derived(AA06, "§6.3 nanobenchmarks", "in from port 0x80: 3209 cycles at 3.8 GHz, "
                        + "0.84 us", "about 1 us at 3 GHz: a legacy port access is bound by the chipset bus, not the core "
                                + "clock (estimate that it did not get faster)"))

                .cost(TLB_MISS, 20, estimate("a two-level walk served by the paging-structure caches and L1/L2"))
                .cost(TLB_MISS_EPT, 140, derived(BHARGAVA08, "§2", "a 2-D walk makes up to (n+1)(m+1)-1 references "
                        + "(24 for 4 on 4)", "14 references for a 2-level guest on a 4-level EPT against 2 natively: "
                                + "7 x TLB_MISS, an upper bound"))

                .cost(EXCEPTION_DELIVERY, 180, estimate("IDT gate, ring and stack switch on a current core"))
                .cost(INTERRUPT_DELIVERY, 200, estimate("as an exception, plus acknowledging the interrupt controller"))
                .cost(SOFTWARE_INTERRUPT, 180, estimate("INT n goes through the same gate path as an exception"))
                .cost(IRET_OUTWARD, 120, estimate("IRET to ring 3 with its stack switch"))

                .cost(TRAP_TO_VMM, 480, estimate(SCALED))
                .cost(VMM_EVENT_REFLECTION, 180, estimate(SCALED))
                .cost(VMM_INSTRUCTION_EMULATION, 600, estimate("a current VMM's instruction emulator (fetch, decode, "
                        + "execute one instruction) runs in several hundred cycles; the 2006 hardware VMM's was much slower"))
                .cost(GUEST_PAGE_WALK, 220, estimate(SCALED))
                .cost(SHADOW_PT_UPDATE, 160, estimate(SCALED))
                .cost(SHADOW_PAGE_FAULT, 380, estimate("GUEST_PAGE_WALK + SHADOW_PT_UPDATE, as in the 2006 preset"))
                .cost(SHADOW_CR3_SWITCH, 320, estimate(SCALED))
                .cost(SHADOW_GDT_BUILD, 800, estimate(SCALED))

                .cost(CALLOUT, 420, estimate(SCALED))
                .cost(BT_INLINE_EMULATION, 14, estimate(SCALED))
                .cost(TRANSLATION, 920, estimate(SCALED + " ([AA06] §3: 2300 cycles per instruction in 2006)"))
                .cost(TRANSLATION_BLOCK, 400, estimate(SCALED))
                .cost(TC_LOOKUP, 16, estimate(SCALED))
                .cost(TC_CHAIN, 80, estimate(SCALED))
                .cost(TC_INVALIDATION, 200, estimate(SCALED))

                .cost(HYPERCALL, 360, estimate(BARHAM03, "§3.1", "a software trap into the hypervisor and back: gate "
                        + "delivery 180 + IRET 120 + ~60 cycles of dispatch"))
                .cost(HYPERCALL_PT_UPDATE, 60, estimate(SCALED))

                .cost(VM_EXIT, 531, published(HSSV17, "Table 4.3", "VM exit: 531 cycles on Broadwell (2014), against "
                        + "1926 on Prescott (2005), 1156 Merom, 858 Penryn, 569 Westmere, 507 Sandy Bridge, 466 Ivy Bridge, "
                        + "512 Haswell", "transcribed by a secondary source; the newest generation in the table"))
                .cost(VM_ENTRY, 420, derived(AA06, "Table 1", "Core 2 Duo 2.66 GHz: VM entry 937, page-fault VM exit 1186 "
                        + "cycles", "VM_EXIT x 937/1186: the entry/exit ratio measured on Core 2, the last generation with "
                                + "both published"))
                .cost(VMCS_READ, 24, derived(AA06, "Table 1", "Core 2 Duo: VMREAD 52 cycles", EXIT_SCALE))
                .cost(VMCS_WRITE, 20, derived(AA06, "Table 1", "Core 2 Duo: VMWRITE 44 cycles", EXIT_SCALE))
                .cost(VMM_EXIT_DISPATCH, 250, estimate(LKML20, "", "a current in-kernel VMM dispatches a simple exit in a "
                        + "few hundred cycles; with exit and entry this puts a CPUID exit round trip near 1,400 cycles, "
                        + "the order of the 1,344-1,376-cycle VMRUN round trip measured on AMD"))
                .cost(EPT_VIOLATION, 400, estimate("finding the host page and filling one EPT entry"))

                .cost(IO_DEVICE_EMULATION, 70, estimate(SCALED))
                .cost(WORLD_SWITCH, 2500, estimate(AGESEN12, "", "a full switch of CR3, descriptor tables and MSRs to the "
                        + "host and back: several exits' worth"))
                .cost(CONTAINER_SWITCH, 30, estimate("namespace and accounting pointers switched by the shared kernel"))
                .build();
    }
}
