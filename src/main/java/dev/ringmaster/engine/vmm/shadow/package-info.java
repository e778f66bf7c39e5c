/**
 * Machinery shared by trap-and-emulate, binary translation and hardware assistance without EPT
 * (DESIGN §4): {@link dev.ringmaster.engine.vmm.shadow.VmmMemory} (host memory the guest has no address
 * for, mapped at the top 4 MiB of the linear space), {@link dev.ringmaster.engine.vmm.shadow.RingCompression}
 * (guest ring 0 in ring 1: shadow GDT/IDT/TSS, segment truncation) and
 * {@link dev.ringmaster.engine.vmm.shadow.ShadowPaging} (shadow page tables with write-protected guest
 * paging structures).
 *
 * <p>Not yet: a shadow per guest address space (every CR3 load discards the shadow), write tracking of
 * the guest's GDT/IDT pages (the shadow GDT is rebuilt on LGDT/LTR, gates are refreshed at each
 * delivery), LDTs, guest rings 1 and 2, guest global pages (shadowed as ordinary pages), guest CR0.WP = 0
 * supervisor writes to read-only pages.
 */
package dev.ringmaster.engine.vmm.shadow;
