/**
 * Trap-and-emulate (DESIGN §4), and why it fails on x86: {@link dev.ringmaster.engine.vmm.trap.TrapAndEmulate}
 * runs the unmodified guest kernel in ring 1, emulates what traps
 * ({@link dev.ringmaster.engine.vmm.trap.PrivilegedEmulator}: CLI/STI/HLT, IN/OUT, LGDT/LIDT/LTR/LLDT,
 * MOV CRn/DRn, CLTS, LMSW, INVLPG, WBINVD/INVD, MOV/POP SS and IRET/RETF with RPL-0 selectors) and watches
 * what does not ({@code SensitiveMonitor}: the sensitive unprivileged instructions counted by address,
 * POPFs that lose IF, stalls). {@link dev.ringmaster.engine.vmm.trap.TrapOptions} sets the stall threshold,
 * whether a stall stops the VM, and whether the VMM may observe IRET (a documented concession: on real
 * x86 IRET in ring 1 loses IF like POPF does).
 *
 * <p>Not yet: string I/O (INS/OUTS), RDMSR/WRMSR, LLDT with a non-null selector, virtual-8086 mode,
 * the cost model's charges for traps (engine/cost), VMM state in machine snapshots.
 */
package dev.ringmaster.engine.vmm.trap;
