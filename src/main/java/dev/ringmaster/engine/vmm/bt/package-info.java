/**
 * Binary translation (DESIGN §4), first part: the {@link dev.ringmaster.engine.vmm.bt.Translator} (guest
 * kernel basic blocks into real IA-32 code: identical copies, rewritten control flow that keeps the guest's
 * addresses on its stack, callouts for privileged and sensitive instructions) and the
 * {@link dev.ringmaster.engine.vmm.bt.TranslationCache} (lookup by guest physical address, chaining, page
 * invalidation, statistics, the listing the UI shows).
 *
 * <p>Not yet (so {@code TechniqueFactory} does not offer {@code bt}): running translated code — mapping the
 * cache into the VMM window, a code segment for it, the VMCALL callout handler performing each
 * {@link dev.ringmaster.engine.vmm.bt.CalloutKind} against the virtual CPU (reusing trap-and-emulate's
 * emulator), translating cache addresses back to guest addresses in faults and interrupt frames, the
 * indirect-branch lookup, inline virtual-IF operations, invalidation hooked to guest writes, adaptive
 * retranslation of PTE-writing instructions, trace events (Translation, TcInvalidation) and the
 * disassembler's text in listings (mnemonics only for now).
 */
package dev.ringmaster.engine.vmm.bt;
