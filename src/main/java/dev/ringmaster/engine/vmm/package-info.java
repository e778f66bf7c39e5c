/**
 * The VMM (DESIGN §4): how a guest runs under each technique.
 *
 * <p><b>Entry point for the platform</b> ({@code run --technique}, {@code VirtualMachine}): build the
 * {@link dev.ringmaster.engine.machine.Machine}, load the guest, then
 * {@code TechniqueRunner r = TechniqueFactory.create(technique, machine, TraceSink.of(ring))} and call
 * {@code r.run(n)} wherever {@code machine.run(n)} was called. {@link dev.ringmaster.engine.vmm.TechniqueFactory#isAvailable}
 * says which techniques exist (today: native, trap); the others are refused with a message for users.
 * A VMM's reasons to stop (a stall it detected, something it cannot emulate) come back as
 * {@code RunResult.Kind.STOPPED} with the reason in the detail. Counters ({@link dev.ringmaster.engine.vmm.VmmCounters})
 * are always on; trace events go to the {@link dev.ringmaster.engine.vmm.TraceSink}.
 *
 * <p>Shared pieces: {@link dev.ringmaster.engine.vmm.VirtualCpu} (the privileged state the guest
 * believes it has), {@link dev.ringmaster.engine.vmm.GuestMemory} (guest linear memory through the
 * guest's own page tables), {@code vmm.shadow} (ring compression, VMM memory, shadow page tables),
 * {@code vmm.trap} (trap-and-emulate). Native lives here as {@link dev.ringmaster.engine.vmm.NativeRunner}
 * because {@code native} is a Java keyword.
 */
package dev.ringmaster.engine.vmm;
