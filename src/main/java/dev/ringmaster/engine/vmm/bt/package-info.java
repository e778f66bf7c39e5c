/**
 * Binary translation (DESIGN §4), VMware-style: {@link dev.ringmaster.engine.vmm.bt.BinaryTranslation} runs the
 * guest kernel only as translated code — the {@link dev.ringmaster.engine.vmm.bt.Translator} turns its basic
 * blocks into real IA-32 code (identical copies, control flow rewritten to stay in the cache with the guest's
 * addresses on its stack, VMCALL callouts for privileged and sensitive instructions and indirect branches) kept
 * in the {@link dev.ringmaster.engine.vmm.bt.TranslationCache} (lookup, chaining, the map from translated-code
 * boundaries back to guest EIPs, invalidation on guest code writes, statistics, listings);
 * {@link dev.ringmaster.engine.vmm.bt.Callouts} performs each callout against the virtual CPU, reusing
 * trap-and-emulate's emulator and machinery. Guest user code runs directly; its SGDT/SIDT/SLDT/STR/SMSW trap
 * through CR4.UMIP ({@link dev.ringmaster.engine.vmm.bt.UserModeReads}).
 *
 * <p>Breakpoints on guest kernel code stop at its translations ({@code setBreakpoints}, re-armed as blocks are
 * translated). Limits: 32-bit flat kernel code segments; indirect branches and the
 * IF-changing instructions are callouts where VMware's translator emitted inline code, so syscall-heavy work
 * pays more here than in the published figures; a snapshot does not keep the cache (it is rebuilt).
 */
package dev.ringmaster.engine.vmm.bt;
