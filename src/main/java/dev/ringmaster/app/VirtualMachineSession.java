package dev.ringmaster.app;

import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.devices.Key;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vmm.Technique;

/** A VM window's view of a platform {@link VirtualMachine}: its outputs, and keys/serial as queued commands. */
public final class VirtualMachineSession implements VmSession {
    private final VirtualMachine vm;

    public VirtualMachineSession(VirtualMachine vm) {
        this.vm = vm;
    }

    public VirtualMachine vm() {
        return vm;
    }

    @Override
    public String id() {
        return vm.config().id();
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
    public void sendKey(Key key, boolean pressed) {
        vm.submit(new VmCommand.SendKey(key, pressed));
    }

    @Override
    public void sendSerial(byte[] bytes) {
        vm.submit(new VmCommand.TypeSerial(bytes));
    }
}
