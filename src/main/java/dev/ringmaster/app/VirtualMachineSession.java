package dev.ringmaster.app;

import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.GuestCpu;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmOutputs;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.VmmCounters;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link VmSession} over a running {@link VirtualMachine}: its published outputs and its command
 * queue. The window becomes the one consumer of the VM's event and serial rings.
 */
public final class VirtualMachineSession implements VmSession {
    private final VirtualMachine vm;
    private final String id;

    public VirtualMachineSession(VirtualMachine vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.id = windowSafe(vm.config().id());
    }

    /** The VM's id as a window id part: lower case; characters other than letters, digits and '-' become '-'. */
    static String windowSafe(String id) {
        String s = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
            s = "x" + s;
        }
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    public VirtualMachine vm() {
        return vm;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return vm.config().name();
    }

    @Override
    public Technique technique() {
        return vm.config().technique();
    }

    @Override
    public EventRing<TraceEvent> events() {
        return vm.outputs().events();
    }

    @Override
    public EventRing<byte[]> serialOutput() {
        return vm.outputs().serial();
    }

    @Override
    public TextScreen latestScreen() {
        return vm.outputs().screen();
    }

    @Override
    public CpuRegisters latestRegisters() {
        return vm.outputs().registers();
    }

    @Override
    public GuestCpu latestGuestCpu() {
        return vm.outputs().guestCpu();
    }

    @Override
    public VmOutputs.Counters counters() {
        return vm.outputs().counters();
    }

    @Override
    public VmmCounters.Snapshot vmmCounters() {
        return vm.outputs().vmmCounters();
    }

    @Override
    public dev.ringmaster.engine.cost.LedgerSnapshot latestCost() {
        return vm.outputs().cost();
    }

    @Override
    public List<Integer> breakpoints() {
        return vm.outputs().breakpoints();
    }

    @Override
    public VmState state() {
        return vm.outputs().state();
    }

    @Override
    public CompletableFuture<VmResult> submit(VmCommand command) {
        return vm.submit(command);
    }
}
