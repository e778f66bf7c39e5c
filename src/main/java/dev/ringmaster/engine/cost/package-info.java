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
 * <h2>How a technique charges cycles</h2>
 * The CPU's cycle counter ({@code Cpu.cycles()}) is the VM's clock: each retired instruction adds
 * its own cost ({@code Instruction.cost()}, set by the CPU), and anything else is added with
 * {@code Cpu.chargeCycles(n)}. A technique charges each event into the VM's ledger and advances
 * the CPU's counter by what the ledger returns, so both agree:
 * <pre>{@code
 * CycleLedger ledger = new CycleLedger(CostPresets.byId(definition.options().costPreset()).orElseThrow());
 * // trap-and-emulate, a #GP from a privileged instruction:
 * cpu.chargeCycles(ledger.charge(CostEvent.TRAP_TO_VMM) + ledger.charge(CostEvent.VMM_INSTRUCTION_EMULATION));
 * // binary translation: a callout for IRET, a translated block of n instructions
 * cpu.chargeCycles(ledger.charge(CostEvent.CALLOUT));
 * cpu.chargeCycles(ledger.charge(CostEvent.TRANSLATION, n) + ledger.charge(CostEvent.TRANSLATION_BLOCK));
 * // shadow paging: a traced guest PTE write, a CR3 load
 * cpu.chargeCycles(ledger.charge(CostEvent.SHADOW_PT_UPDATE));
 * cpu.chargeCycles(ledger.charge(CostEvent.SHADOW_CR3_SWITCH));
 * // hardware assist: an I/O exit reading 4 VMCS fields
 * cpu.chargeCycles(ledger.charge(CostEvent.VM_EXIT) + ledger.charge(CostEvent.VMCS_READ, 4)
 *         + ledger.charge(CostEvent.VMM_EXIT_DISPATCH) + ledger.charge(CostEvent.IO_DEVICE_EMULATION)
 *         + ledger.charge(CostEvent.VM_ENTRY));
 * // paravirtualization: a hypercall applying k batched page-table updates
 * cpu.chargeCycles(ledger.charge(CostEvent.HYPERCALL) + ledger.charge(CostEvent.HYPERCALL_PT_UPDATE, k));
 * }</pre>
 * {@link dev.ringmaster.engine.cost.NanobenchmarkModel}'s recipes are worked examples of which events
 * each technique charges for a system call, a port read, a page fault, a PTE write.
 *
 * <h2>Native instruction cycles and overhead</h2>
 * Native instruction cycles are not charged into the ledger: they are already in the CPU's
 * counter. (The preset's {@code INSN_*} costs are used by the nanobenchmark model and synthetic
 * workloads; a running VM uses the CPU's own per-instruction costs, 1 cycle by default. Setting
 * {@code Instruction.cost()} from the preset's instruction classes — e.g. 3209 cycles for a port read
 * on {@code p4-vt1-2006} — is not done yet.) The overhead of a run under a technique is therefore
 * {@code cpu.cycles()} of that run ÷ {@code cpu.cycles()} of a native run of the same workload, on
 * the same preset; the ledger's snapshot ({@code ledger.snapshot()}, taken on the VM thread at the
 * UI pulse) says which events the difference went into ({@link dev.ringmaster.engine.cost.LedgerSnapshot#breakdown()},
 * per category, percent of the ledger total). When both runs charged every cycle into ledgers,
 * {@link dev.ringmaster.engine.cost.LedgerSnapshot#overheadVersus} gives the same ratio directly.
 * The ledger also carries host time measured by the engine
 * ({@link dev.ringmaster.engine.cost.CycleLedger#addHostNanos}) so that views show
 * simulated cycles and host time side by side, never one for the other.
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
