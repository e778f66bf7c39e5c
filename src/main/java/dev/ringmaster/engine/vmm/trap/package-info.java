/**
 * Trap-and-emulate (DESIGN §4), and why it fails on x86: {@link dev.ringmaster.engine.vmm.trap.TrapAndEmulate}
 * runs the unmodified guest kernel in ring 1, emulates what traps
 * ({@link dev.ringmaster.engine.vmm.trap.PrivilegedEmulator}: CLI/STI/HLT, IN/OUT, INS/OUTS (REP, 8/16/32 bits,
 * DF, segment override, 16-bit addressing; at most 4096 iterations per trap), RDMSR/WRMSR of the CPU's MSRs
 * ({@code VirtualMsrs}: TSC, SYSENTER_CS/ESP/EIP; others are the guest's #GP(0)), RDTSC once the guest wrote
 * the TSC, LGDT/LIDT/LTR/LLDT,
 * MOV CRn/DRn, CLTS, LMSW, INVLPG, WBINVD/INVD, MOV/POP SS and IRET/RETF with RPL-0 selectors) and watches
 * what does not ({@code SensitiveMonitor}: the sensitive unprivileged instructions counted by address,
 * POPFs that lose IF, stalls). {@link dev.ringmaster.engine.vmm.trap.TrapOptions} sets the stall threshold,
 * whether a stall stops the VM, and whether the VMM may observe IRET (a documented concession: on real
 * x86 IRET in ring 1 loses IF like POPF does).
 *
 * <p>Every counted event is charged to the runner's cost ledger (see {@code VmmCounters}).
 *
 * <p>Not yet: a guest page fault in the middle of INS/OUTS (the VMM stops with a reason; segment limits
 * are not checked there either), SYSENTER with the guest's MSRs, LLDT with a non-null selector,
 * virtual-8086 mode.
 */
package dev.ringmaster.engine.vmm.trap;
