package dev.ringmaster.engine.cost;

/**
 * Everything the engine charges simulated cycles for (DESIGN §5). Each event has one cost per
 * {@link CostModel}; the engine charges events into a {@link CycleLedger} as they happen, so the
 * ledger's total is the simulated time of the run and its breakdown says where the time went.
 *
 * <p>Events are deliberately fine-grained so that the same guest work can be composed differently
 * per technique: a guest {@code int 0x80} is one {@link #SOFTWARE_INTERRUPT} natively, but a
 * {@link #TRAP_TO_VMM} plus a {@link #VMM_EVENT_REFLECTION} under binary translation. Costs are in
 * cycles of the simulated CPU the preset models (see {@link CostModel#clockHz()}). The ordinal is
 * the index into the model's and the ledger's arrays; reordering constants changes nothing else.
 */
public enum CostEvent {
    // --- Instructions, charged once per retired guest (or translated) instruction, by class ---

    /** A simple integer instruction: ALU, MOV between registers, LEA, flag operations, NOP, XCHG reg. */
    INSN_SIMPLE(Category.INSTRUCTION, "simple instruction"),
    /** An instruction that loads or stores memory (hitting the cache), including PUSH/POP and MOV with memory. */
    INSN_MEMORY(Category.INSTRUCTION, "memory instruction"),
    /** A direct jump or conditional branch (predicted), LOOP, JCXZ. */
    INSN_BRANCH(Category.INSTRUCTION, "branch"),
    /** A near CALL (direct or indirect); its return is {@link #INSN_RET}. */
    INSN_CALL(Category.INSTRUCTION, "call"),
    /** A near RET (an indirect branch through the return stack). */
    INSN_RET(Category.INSTRUCTION, "ret"),
    /** An integer multiplication (MUL, IMUL). */
    INSN_MULTIPLY(Category.INSTRUCTION, "multiply"),
    /** An integer division (DIV, IDIV), also when it raises #DE. */
    INSN_DIVIDE(Category.INSTRUCTION, "divide"),
    /** One iteration of a REP-prefixed string instruction (MOVS, STOS, CMPS, SCAS, LODS). */
    INSN_STRING_ITERATION(Category.INSTRUCTION, "string iteration"),
    /**
     * A non-serialising system instruction executed natively: MOV from CRn/DRn, SGDT/SIDT/SLDT/STR,
     * SMSW, LAR/LSL/VERR/VERW, PUSHF/POPF, CLI/STI, RDTSC, far control transfers within a ring.
     */
    INSN_SYSTEM(Category.INSTRUCTION, "system instruction"),
    /**
     * A serialising or privileged control instruction executed natively: MOV to CRn/DRn, LGDT/LIDT/
     * LLDT/LTR, LMSW, CLTS, CPUID, RDMSR/WRMSR, INVLPG, INVD/WBINVD, HLT (wake-up), IRET within a ring.
     */
    INSN_SERIALIZING(Category.INSTRUCTION, "serialising instruction"),
    /** A port I/O instruction (IN, OUT, INS, OUTS) executed natively: a round trip to a chipset register. */
    INSN_PORT_IO(Category.INSTRUCTION, "port I/O instruction"),

    // --- Address translation ---

    /** A TLB miss natively (or with shadow page tables): the hardware walks the two-level page table. */
    TLB_MISS(Category.MEMORY, "TLB miss (page walk)"),
    /**
     * A TLB miss with EPT: the two-dimensional walk, in which every guest page-table reference is
     * itself translated through the EPT (up to 14 memory references for a two-level guest and a
     * four-level EPT, against 2 natively).
     */
    TLB_MISS_EPT(Category.MEMORY, "TLB miss (2-D EPT walk)"),

    // --- Interrupts and exceptions delivered by the CPU to the guest's own IDT ---

    /** A fault or trap delivered through the IDT, including the ring switch and the stack switch through the TSS. */
    EXCEPTION_DELIVERY(Category.EXCEPTION, "exception delivery"),
    /** An external (hardware) interrupt delivered through the IDT, including the ring switch. */
    INTERRUPT_DELIVERY(Category.EXCEPTION, "interrupt delivery"),
    /** A software interrupt ({@code INT n}, e.g. a system call) through an IDT gate, including the ring switch. */
    SOFTWARE_INTERRUPT(Category.EXCEPTION, "software interrupt (INT n)"),
    /** An IRET (or far return) to an outer ring, e.g. from the kernel back to ring 3, with its stack switch. */
    IRET_OUTWARD(Category.EXCEPTION, "IRET to an outer ring"),

    // --- Software VMM: trap-and-emulate, binary translation, shadow paging ---

    /**
     * A guest fault, interrupt or trapping instruction caught by a software VMM: the hardware delivery
     * into the VMM's ring-0 handler, the VMM saving and restoring guest state, and the return to the
     * guest. It is the software VMM's round trip; what the VMM does in between is charged separately.
     */
    TRAP_TO_VMM(Category.SOFTWARE_VMM, "trap to the VMM and back"),
    /**
     * The VMM delivers an exception or interrupt to the guest kernel as the guest's own IDT says:
     * reads the gate, builds the frame on the guest stack, switches to the guest handler (virtual delivery).
     */
    VMM_EVENT_REFLECTION(Category.SOFTWARE_VMM, "event reflected to the guest"),
    /**
     * After a trap or VM exit, the VMM fetches, decodes and emulates one guest instruction in software
     * (the generic interpreter path: the instruction was not known in advance).
     */
    VMM_INSTRUCTION_EMULATION(Category.SOFTWARE_VMM, "instruction emulated by the VMM"),
    /** The VMM walks the guest's page tables in software, e.g. to tell a true guest #PF from a hidden fault. */
    GUEST_PAGE_WALK(Category.SOFTWARE_VMM, "guest page walk in software"),
    /** A traced write to a guest page-table entry: the VMM validates it and updates the shadow entry. */
    SHADOW_PT_UPDATE(Category.SOFTWARE_VMM, "shadow page-table update"),
    /**
     * A hidden page fault: the guest mapping exists but its shadow entry does not yet; the VMM walks
     * the guest page table and fills the shadow entry (excluding the trap or exit itself).
     */
    SHADOW_PAGE_FAULT(Category.SOFTWARE_VMM, "hidden fault (shadow fill)"),
    /** A guest CR3 write under shadow paging: the VMM finds or builds the shadow page tables for the new space. */
    SHADOW_CR3_SWITCH(Category.SOFTWARE_VMM, "shadow CR3 switch"),
    /**
     * The guest loaded a descriptor table (LGDT) and the VMM rebuilt its shadow GDT: every guest descriptor
     * copied with ring 0 compressed to the VMM's guest-kernel ring, the VMM's own descriptors kept.
     */
    SHADOW_GDT_BUILD(Category.SOFTWARE_VMM, "shadow GDT rebuilt"),

    // --- Binary translation ---

    /**
     * Translated code leaves the translation cache to call the VMM, which emulates an instruction the
     * translator already decoded (IRET, POPF, MOV CR, LGDT...) or handles a miss, and comes back.
     */
    CALLOUT(Category.BINARY_TRANSLATION, "callout from translated code"),
    /**
     * A sensitive instruction the translator replaced by a short inline sequence in the translation
     * cache, with no callout: CLI/STI on the virtual IF, a virtual CR read or write, an I/O port
     * modelled by the VMM.
     */
    BT_INLINE_EMULATION(Category.BINARY_TRANSLATION, "inline emulation in translated code"),
    /** Translating one guest instruction (decode, classify, emit identical or rewritten code). */
    TRANSLATION(Category.BINARY_TRANSLATION, "translation (per instruction)"),
    /** The per-block overhead of a translation: allocating it in the cache, its prologue and index entry. */
    TRANSLATION_BLOCK(Category.BINARY_TRANSLATION, "translation (per block)"),
    /**
     * An indirect branch or return in translated code: a hash lookup from the guest target address
     * to its translation (a hit; a miss is a {@link #CALLOUT}).
     */
    TC_LOOKUP(Category.BINARY_TRANSLATION, "translation cache lookup"),
    /** Patching a block's exit to jump straight to its successor's translation (chaining). */
    TC_CHAIN(Category.BINARY_TRANSLATION, "chaining two translations"),
    /** Invalidating one translation because the guest wrote to the code it came from. */
    TC_INVALIDATION(Category.BINARY_TRANSLATION, "translation invalidated"),

    // --- Paravirtualization ---

    /** A hypercall round trip ({@code int 0x82} into the hypervisor and back), excluding the work it asks for. */
    HYPERCALL(Category.PARAVIRTUALIZATION, "hypercall round trip"),
    /** One page-table update validated and applied by the hypervisor inside a (possibly batched) hypercall. */
    HYPERCALL_PT_UPDATE(Category.PARAVIRTUALIZATION, "page-table update in a hypercall"),

    // --- Hardware-assisted (VT-x-like) ---

    /** A VM exit: the CPU saves guest state to the VMCS and loads the host (VMM) state. */
    VM_EXIT(Category.HARDWARE_VMM, "VM exit"),
    /** A VM entry (VMRESUME): the CPU checks and loads guest state from the VMCS, injecting an event if asked. */
    VM_ENTRY(Category.HARDWARE_VMM, "VM entry"),
    /** One VMREAD of a VMCS field by the VMM (exit reason, qualification, guest RIP...). */
    VMCS_READ(Category.HARDWARE_VMM, "VMCS read"),
    /** One VMWRITE of a VMCS field by the VMM (guest RIP, event injection, controls...). */
    VMCS_WRITE(Category.HARDWARE_VMM, "VMCS write"),
    /** The VMM's software path for one VM exit: dispatching on the exit reason and returning to VM entry. */
    VMM_EXIT_DISPATCH(Category.HARDWARE_VMM, "VM exit handler dispatch"),
    /** The VMM's work for an EPT violation: finding the host page and filling the EPT entry (exit and entry excluded). */
    EPT_VIOLATION(Category.HARDWARE_VMM, "EPT violation fixed up"),

    // --- Devices and the host ---

    /** The VMM's device model handling one port access (a PIC, PIT, UART or chipset register). */
    IO_DEVICE_EMULATION(Category.DEVICE, "device emulation (per access)"),
    /**
     * A world switch of a hosted VMM: from the VMM's context to the host operating system's and back,
     * e.g. to hand an I/O request to a host driver.
     */
    WORLD_SWITCH(Category.DEVICE, "world switch (VMM to host and back)"),

    // --- Containers ---

    /**
     * A context switch between processes of different containers, beyond what a native process switch
     * costs: switching namespace and cgroup bookkeeping in the shared kernel.
     */
    CONTAINER_SWITCH(Category.CONTAINER, "container switch (beyond a process switch)");

    /** Groups of events, for the UI's breakdowns. */
    public enum Category {
        INSTRUCTION("Instructions"),
        MEMORY("Address translation"),
        EXCEPTION("Interrupts and exceptions"),
        SOFTWARE_VMM("Software VMM"),
        BINARY_TRANSLATION("Binary translation"),
        PARAVIRTUALIZATION("Paravirtualization"),
        HARDWARE_VMM("Hardware-assisted"),
        DEVICE("Devices and host"),
        CONTAINER("Containers");

        private final String title;

        Category(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private static final CostEvent[] VALUES = values();

    private final Category category;
    private final String label;

    CostEvent(Category category, String label) {
        this.category = category;
        this.label = label;
    }

    public Category category() {
        return category;
    }

    /** A short lower-case description for tables, e.g. "VM exit". */
    public String label() {
        return label;
    }

    /** How many events there are: the length of the cost and ledger arrays. */
    public static int count() {
        return VALUES.length;
    }

    /** The event with this ordinal, without allocating (unlike {@code values()[i]}). */
    public static CostEvent of(int ordinal) {
        return VALUES[ordinal];
    }
}
