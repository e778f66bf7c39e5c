package dev.ringmaster.app;

import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.devices.Key;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vm.GuestCpu;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmOutputs;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.VmmCounters;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a VM window needs of a running VM: outputs the VM thread publishes (drained or polled by the
 * window on its pulse, never waited for) and commands the window sends (queued for the VM thread,
 * never run on the FX thread). {@link VirtualMachineSession} adapts the platform's
 * {@code VirtualMachine}; tests drive the window with their own implementation.
 *
 * <p>Thread rules: the window is the one consumer of {@link #events()} and {@link #serialOutput()};
 * the {@code latest…} methods return the newest immutable snapshot the VM published (a volatile
 * read) and may be called at any time; the commands must not block.
 */
public interface VmSession {
    /** Identifies the VM (lower-case letters, digits and '-': its window's layout file is {@code layouts/vm-<id>.json}). */
    String id();

    /** The VM's name, for the title bar. */
    String name();

    Technique technique();

    /** The VM's trace events (DESIGN §7). */
    EventRing<TraceEvent> events();

    /** Bytes the guest wrote to COM1, in chunks. */
    EventRing<byte[]> serialOutput();

    /** The newest VGA text screen, or null before the VM published one. */
    TextScreen latestScreen();

    /** The newest snapshot of the CPU's registers, or null before the VM published one. */
    CpuRegisters latestRegisters();

    /** The VMM's virtual CPU for the guest, or null when there is no VMM (or it publishes none). */
    default GuestCpu latestGuestCpu() {
        return null;
    }

    /** The VM's counters at the end of its last slice (instructions, cycles, instructions per second). */
    default VmOutputs.Counters counters() {
        return VmOutputs.Counters.ZERO;
    }

    /** The VMM's counters (traps…), or null before power-on or when the VM publishes none. */
    default VmmCounters.Snapshot vmmCounters() {
        return null;
    }

    /** The VM's newest cost ledger (simulated cycles by event), or null when it publishes none. */
    default dev.ringmaster.engine.cost.LedgerSnapshot latestCost() {
        return null;
    }

    /** The user's breakpoints the VM last published (linear addresses). */
    default List<Integer> breakpoints() {
        return List.of();
    }

    /** The lifecycle state the VM last published. */
    VmState state();

    /** Queues a command for the VM thread (start, pause, step, speed…); never blocks. */
    CompletableFuture<VmResult> submit(VmCommand command);

    /** A key of the PC keyboard went down or up (the 8042's keyboard turns it into scan codes). */
    default void sendKey(Key key, boolean pressed) {
        submit(new VmCommand.SendKey(key, pressed));
    }

    /** Bytes typed into the serial console, for COM1's receiver. */
    default void sendSerial(byte[] bytes) {
        submit(new VmCommand.TypeSerial(bytes));
    }
}
