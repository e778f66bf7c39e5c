/**
 * Virtual machines (DESIGN §1): {@link dev.ringmaster.engine.vm.VirtualMachine} is one thread owning
 * one {@link dev.ringmaster.engine.machine.Machine}; the rest of the application sends it
 * {@link dev.ringmaster.engine.vm.VmCommand}s and gets {@link dev.ringmaster.engine.vm.VmResult}s
 * back, and reads what it publishes in {@link dev.ringmaster.engine.vm.VmOutputs} (trace events and
 * serial output in bounded rings that count drops, the newest screen, registers, state and counters).
 * States: DEFINED, RUNNING, PAUSED, SHUTOFF, CRASHED(reason). Snapshots
 * ({@link dev.ringmaster.engine.vm.SnapshotFile}) hold the whole machine, compressed, with a parent
 * link forming a tree. Pacing ({@link dev.ringmaster.engine.vm.Speed}) never changes what the guest
 * computes.
 */
package dev.ringmaster.engine.vm;
