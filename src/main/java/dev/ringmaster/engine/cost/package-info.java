/**
 * The cycle cost model (DESIGN §5): how many simulated cycles each thing a technique does costs,
 * where every number comes from, and the per-VM account of cycles that the Statistics pane and
 * {@code bench} turn into overhead. No JavaFX here; everything is plain data for the engine thread.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.ringmaster.engine.cost.CostEvent}: everything that costs cycles — instruction classes,
 *       TLB misses, IDT deliveries, and per technique: {@code TRAP_TO_VMM}, {@code VMM_EVENT_REFLECTION},
 *       {@code VMM_INSTRUCTION_EMULATION}, {@code SHADOW_PT_UPDATE}, {@code SHADOW_PAGE_FAULT},
 *       {@code SHADOW_CR3_SWITCH} (shadow paging); {@code CALLOUT}, {@code BT_INLINE_EMULATION},
 *       {@code TRANSLATION}, {@code TRANSLATION_BLOCK}, {@code TC_LOOKUP}, {@code TC_CHAIN},
 *       {@code TC_INVALIDATION} (binary translation); {@code HYPERCALL}, {@code HYPERCALL_PT_UPDATE}
 *       (paravirtualization); {@code VM_EXIT}, {@code VM_ENTRY}, {@code VMCS_READ}, {@code VMCS_WRITE},
 *       {@code VMM_EXIT_DISPATCH}, {@code EPT_VIOLATION} (hardware assist); {@code IO_DEVICE_EMULATION},
 *       {@code WORLD_SWITCH}, {@code CONTAINER_SWITCH}. A TLB flush is charged as the TLB misses it causes
 *       ({@code TLB_MISS}, or {@code TLB_MISS_EPT} under EPT).</li>
 *   <li>{@link dev.ringmaster.engine.cost.CostModel}: one cost and one
 *       {@link dev.ringmaster.engine.cost.Source} (published / derived / estimate, with
 *       {@link dev.ringmaster.engine.cost.Reference} and table or section) per event, and the clock.
 *       {@link dev.ringmaster.engine.cost.CostPresets#byId} resolves {@code options.costPreset} of a VM
 *       definition: {@code modern} (the default) or {@code p4-vt1-2006} (Adams and Agesen's Pentium 4 672).</li>
 *   <li>{@link dev.ringmaster.engine.cost.CycleLedger}: a VM's running account, owned by the VM thread,
 *       allocation-free; {@link dev.ringmaster.engine.cost.LedgerSnapshot}: its immutable copy for other
 *       threads.</li>
 *   <li>{@link dev.ringmaster.engine.cost.Nanobenchmark}, {@link dev.ringmaster.engine.cost.NanobenchmarkModel},
 *       {@link dev.ringmaster.engine.cost.Calibration}: the paper's nanobenchmarks composed from events per
 *       {@link dev.ringmaster.engine.cost.VmmSetup}, and the check that a preset reproduces the published
 *       comparison; {@link dev.ringmaster.engine.cost.CostReport} prints it all as text.</li>
 * </ul>
 *
 * <h2>How a running VM charges cycles</h2>
 * Every technique runner ({@code dev.ringmaster.engine.vmm.TechniqueRunner}, native too) owns a ledger
 * for the cost model chosen when it was created ({@code TechniqueFactory.create(..., CostModel)}; the
 * default is {@code modern}). The runner's {@code VmmCounters} charge it: <b>whatever is counted is
 * charged</b>, each counter kind with its recipe ({@code VmmCounters.Kind.recipe()}: a trap charges
 * {@link dev.ringmaster.engine.cost.CostEvent#TRAP_TO_VMM}, a reflected event
 * {@link dev.ringmaster.engine.cost.CostEvent#VMM_EVENT_REFLECTION}, a shadow fill
 * {@link dev.ringmaster.engine.cost.CostEvent#SHADOW_PAGE_FAULT}, a callout
 * {@link dev.ringmaster.engine.cost.CostEvent#CALLOUT}...). Retired guest instructions are charged
 * between runs, and the exceptions, interrupts, system calls and outward returns the CPU performs
 * itself (natively) through the CPU's hooks. So a ledger's total is exactly the retired instructions
 * plus the counted events times their costs, and the overhead of a technique is its ledger total ÷ the
 * native ledger total of the same workload ({@link dev.ringmaster.engine.cost.LedgerSnapshot#overheadVersus}).
 *
 * <p>The ledger does not advance the guest's clock ({@code Cpu.cycles()}, one cycle per instruction): guest
 * time — the timer ticks a workload prints — is the same under every technique, so the transcripts stay
 * comparable; the simulated-cycle figures are the ledger's. Retired instructions are charged by the class
 * the CPU counts them in ({@code Cpu.costEventCounts()}: {@code InstructionClass} X is {@code INSN_X}; REP
 * string instructions per iteration).
 * {@link dev.ringmaster.engine.cost.NanobenchmarkModel}'s recipes are worked examples of which events
 * each technique charges for a system call, a port read, a page fault, a PTE write. The ledger also
 * carries host time measured by the runner ({@link dev.ringmaster.engine.cost.CycleLedger#addHostNanos})
 * so that views show simulated cycles and host time side by side, never one for the other.
 *
 * <h2>Statistics pane</h2>
 * The pane's view model receives {@link dev.ringmaster.engine.cost.LedgerSnapshot}s (immutable, safe to
 * hand across threads) and the CPU's cycle count; it shows the total, the simulated time
 * ({@link dev.ringmaster.engine.cost.LedgerSnapshot#simulatedNanos()}), the breakdown per
 * {@link dev.ringmaster.engine.cost.CostEvent.Category}, and the overhead against a native baseline
 * of the same workload when one was measured. {@link dev.ringmaster.engine.cost.LedgerSnapshot#minus}
 * gives the events between two pulses (rates). Each number's source is
 * {@link dev.ringmaster.engine.cost.CostModel#source}, for a tooltip; docs/cost-model.md has the table.
 */
package dev.ringmaster.engine.cost;
