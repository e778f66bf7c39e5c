package dev.ringmaster.engine.cost;

import static dev.ringmaster.engine.cost.CostEvent.*;

/**
 * How each {@link Nanobenchmark} iteration is executed under each {@link VmmSetup}, as a
 * {@link CostRecipe} of the events the engine charges. The recipes follow the mechanisms of DESIGN
 * §4 and [AA06] §6.3; the guest handlers' path lengths are estimates (the paper does not publish
 * FrobOS's code): {@value #SYSCALL_HANDLER} instructions for the system call and #DE handlers,
 * {@value #PAGE_FAULT_HANDLER} plus a read of CR2 for the #PF handler, which skips the faulting
 * instruction (it does not map the page, since the paper's hardware VMM would then also pay for a
 * page-table write).
 *
 * <p>Mechanisms, in short: natively an exception is a gate delivery and an IRET. A software VMM
 * (trap-and-emulate, binary translation) catches it ({@link CostEvent#TRAP_TO_VMM}) and reflects it
 * to the guest; under binary translation the guest kernel's IRET is a {@link CostEvent#CALLOUT},
 * under trap-and-emulate it runs in ring 1 as is. The hardware VMM takes no exit for system calls,
 * #DE or CR8 writes (TPR shadow), and exits on I/O; without EPT it also exits on #PF (shadow paging)
 * and on writes to write-protected guest page tables. A paravirtual guest makes system calls through
 * a fast handler that bypasses the hypervisor ([BARHAM03] §2.3), takes other exceptions through the
 * hypervisor, and updates page tables by hypercall.
 */
public final class NanobenchmarkModel {
    /** Instructions of the system-call and #DE handlers (estimate). */
    public static final int SYSCALL_HANDLER = 10;
    /** Instructions of the #PF handler besides its read of CR2 (estimate). */
    public static final int PAGE_FAULT_HANDLER = 40;

    private NanobenchmarkModel() {
    }

    /** One iteration of {@code benchmark} under {@code setup}. */
    public static CostRecipe recipe(Nanobenchmark benchmark, VmmSetup setup) {
        return switch (benchmark) {
            case SYSCALL -> syscall(setup);
            case IN -> in(setup);
            case CR8WR -> cr8wr(setup);
            case CALL_RET -> callRet(setup);
            case PGFAULT -> pgfault(setup);
            case DIVZERO -> divzero(setup);
            case PTEMOD -> ptemod(setup);
        };
    }

    /**
     * Cycles of one iteration: the recipe charged into a fresh {@link CycleLedger} of {@code model},
     * as the engine would charge it.
     */
    public static long cycles(CostModel model, Nanobenchmark benchmark, VmmSetup setup) {
        CycleLedger ledger = new CycleLedger(model);
        recipe(benchmark, setup).chargeTo(ledger);
        return ledger.totalCycles();
    }

    private static CostRecipe.Builder r() {
        return CostRecipe.builder();
    }

    private static CostRecipe syscall(VmmSetup s) {
        return switch (s) {
            // INT 0x80 through the guest's gate, the handler, IRET to ring 3; PV: the validated fast handler.
            case NATIVE, PARAVIRTUAL, HARDWARE_VMM, HARDWARE_VMM_EPT ->
                    r().add(SOFTWARE_INTERRUPT).add(INSN_SIMPLE, SYSCALL_HANDLER).add(IRET_OUTWARD).build();
            // The INT reaches the VMM, which reflects it to the guest kernel in ring 1; its IRET runs as is.
            case TRAP_AND_EMULATE -> r().add(TRAP_TO_VMM).add(VMM_EVENT_REFLECTION).add(INSN_SIMPLE, SYSCALL_HANDLER)
                    .add(IRET_OUTWARD).build();
            // As trap-and-emulate, but the kernel runs translated and its IRET is a callout.
            case SOFTWARE_VMM -> r().add(TRAP_TO_VMM).add(VMM_EVENT_REFLECTION).add(INSN_SIMPLE, SYSCALL_HANDLER)
                    .add(CALLOUT).add(IRET_OUTWARD).build();
        };
    }

    private static CostRecipe in(VmmSetup s) {
        return switch (s) {
            case NATIVE -> r().add(INSN_PORT_IO).build();
            // #GP (IOPL < CPL in ring 1), then the generic emulator and the device model.
            case TRAP_AND_EMULATE -> r().add(TRAP_TO_VMM).add(VMM_INSTRUCTION_EMULATION).add(IO_DEVICE_EMULATION).build();
            case SOFTWARE_VMM -> r().add(BT_INLINE_EMULATION).add(IO_DEVICE_EMULATION).build();
            case PARAVIRTUAL -> r().add(HYPERCALL).add(IO_DEVICE_EMULATION).build();
            // I/O exit: read reason, qualification, RIP, length; emulate; advance RIP; enter.
            case HARDWARE_VMM, HARDWARE_VMM_EPT -> r().add(VM_EXIT).add(VMCS_READ, 4).add(VMM_EXIT_DISPATCH)
                    .add(VMM_INSTRUCTION_EMULATION).add(IO_DEVICE_EMULATION).add(VMCS_WRITE).add(VM_ENTRY).build();
        };
    }

    private static CostRecipe cr8wr(VmmSetup s) {
        return switch (s) {
            // The TPR shadow lets the hardware VMM's guest write CR8 without an exit.
            case NATIVE, HARDWARE_VMM, HARDWARE_VMM_EPT -> r().add(INSN_SERIALIZING).build();
            case TRAP_AND_EMULATE -> r().add(TRAP_TO_VMM).add(VMM_INSTRUCTION_EMULATION).build();
            case SOFTWARE_VMM -> r().add(BT_INLINE_EMULATION).build();
            // The virtual interrupt priority lives in the shared page.
            case PARAVIRTUAL -> r().add(INSN_MEMORY).build();
        };
    }

    private static CostRecipe callRet(VmmSetup s) {
        CostRecipe pair = r().add(INSN_CALL).add(INSN_RET).build();
        // Translated code turns the return into a lookup of the target's translation.
        return s == VmmSetup.SOFTWARE_VMM ? r().add(pair).add(TC_LOOKUP).build() : pair;
    }

    /** The guest's #PF handler after delivery: its instructions, CR2, IRET. */
    private static CostRecipe.Builder pfHandler(CostRecipe.Builder b, CostEvent readCr2) {
        return b.add(INSN_SIMPLE, PAGE_FAULT_HANDLER).add(readCr2).add(IRET_OUTWARD);
    }

    private static CostRecipe pgfault(VmmSetup s) {
        // The faulting load and the walk that finds the page not present.
        CostRecipe access = r().add(INSN_MEMORY).add(s.ept() ? TLB_MISS_EPT : TLB_MISS).build();
        return switch (s) {
            case NATIVE, HARDWARE_VMM_EPT -> pfHandler(r().add(access).add(EXCEPTION_DELIVERY), INSN_SYSTEM).build();
            // The VMM walks the guest table (a true fault), reflects; reading CR2 in ring 1 traps too.
            case TRAP_AND_EMULATE -> r().add(access).add(TRAP_TO_VMM).add(GUEST_PAGE_WALK).add(VMM_EVENT_REFLECTION)
                    .add(INSN_SIMPLE, PAGE_FAULT_HANDLER).add(TRAP_TO_VMM).add(VMM_INSTRUCTION_EMULATION)
                    .add(IRET_OUTWARD).build();
            // Translated kernel: the virtual CR2 is read inline, the IRET is a callout.
            case SOFTWARE_VMM -> r().add(access).add(TRAP_TO_VMM).add(GUEST_PAGE_WALK).add(VMM_EVENT_REFLECTION)
                    .add(INSN_SIMPLE, PAGE_FAULT_HANDLER).add(BT_INLINE_EMULATION).add(CALLOUT).add(IRET_OUTWARD).build();
            // Page faults always go through the hypervisor, which saves CR2 in the shared page.
            case PARAVIRTUAL -> pfHandler(r().add(access).add(TRAP_TO_VMM).add(VMM_EVENT_REFLECTION), INSN_MEMORY).build();
            // #PF exit; the VMM's software MMU finds a true fault and injects it (two VMCS writes).
            case HARDWARE_VMM -> pfHandler(r().add(access).add(VM_EXIT).add(VMCS_READ, 4).add(VMM_EXIT_DISPATCH)
                    .add(GUEST_PAGE_WALK).add(VMCS_WRITE, 2).add(VM_ENTRY).add(EXCEPTION_DELIVERY), INSN_SYSTEM).build();
        };
    }

    private static CostRecipe divzero(VmmSetup s) {
        CostRecipe handler = r().add(INSN_SIMPLE, SYSCALL_HANDLER).add(IRET_OUTWARD).build();
        return switch (s) {
            // #DE is not in the exception bitmap: delivered by the CPU to the guest's IDT.
            case NATIVE, HARDWARE_VMM, HARDWARE_VMM_EPT -> r().add(INSN_DIVIDE).add(EXCEPTION_DELIVERY).add(handler).build();
            case TRAP_AND_EMULATE, PARAVIRTUAL -> r().add(INSN_DIVIDE).add(TRAP_TO_VMM).add(VMM_EVENT_REFLECTION)
                    .add(handler).build();
            case SOFTWARE_VMM -> r().add(INSN_DIVIDE).add(TRAP_TO_VMM).add(VMM_EVENT_REFLECTION)
                    .add(INSN_SIMPLE, SYSCALL_HANDLER).add(CALLOUT).add(IRET_OUTWARD).build();
        };
    }

    private static CostRecipe ptemod(VmmSetup s) {
        return switch (s) {
            case NATIVE, HARDWARE_VMM_EPT -> r().add(INSN_MEMORY).build();
            // The store hits a write-protected guest page table: trace fault, emulate, update the shadow.
            case TRAP_AND_EMULATE -> r().add(INSN_MEMORY).add(TRAP_TO_VMM).add(VMM_INSTRUCTION_EMULATION)
                    .add(SHADOW_PT_UPDATE).build();
            // Adaptive translation turned the traced store into an inline trace program.
            case SOFTWARE_VMM -> r().add(INSN_MEMORY).add(SHADOW_PT_UPDATE).build();
            // One update per hypercall (batching divides the hypercall among the updates).
            case PARAVIRTUAL -> r().add(HYPERCALL).add(HYPERCALL_PT_UPDATE).build();
            case HARDWARE_VMM -> r().add(INSN_MEMORY).add(VM_EXIT).add(VMCS_READ, 4).add(VMM_EXIT_DISPATCH)
                    .add(VMM_INSTRUCTION_EMULATION).add(SHADOW_PT_UPDATE).add(VMCS_WRITE).add(VM_ENTRY).build();
        };
    }
}
