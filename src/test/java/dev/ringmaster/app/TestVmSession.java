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
import java.util.concurrent.CompletableFuture;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link VmSession} driven by a test, standing in for a running VM: the test thread is the
 * producer of its rings and publishes screens and register snapshots; what the window sends back
 * (keys, serial bytes) is recorded.
 */
final class TestVmSession implements VmSession {
    record KeyStroke(Key key, boolean pressed) {
    }

    private final String id;
    private final Technique technique;
    private final EventRing<TraceEvent> events;
    private final EventRing<byte[]> serial = new EventRing<>(256);
    private volatile TextScreen screen;
    private volatile CpuRegisters registers;
    private volatile GuestCpu guestCpu;
    volatile VmOutputs.Counters counters = VmOutputs.Counters.ZERO;
    volatile VmmCounters.Snapshot vmmCounters;
    final List<KeyStroke> keys = new CopyOnWriteArrayList<>();
    final List<VmCommand> commands = new CopyOnWriteArrayList<>();
    volatile VmState state = VmState.of(VmState.Kind.RUNNING, "");
    private final ByteArrayOutputStream typed = new ByteArrayOutputStream();

    TestVmSession(String id, Technique technique, int eventCapacity) {
        this.id = id;
        this.technique = technique;
        this.events = new EventRing<>(eventCapacity);
    }

    TestVmSession(String id, Technique technique) {
        this(id, technique, 1024);
    }

    void publish(TextScreen s) {
        screen = s;
    }

    void publish(CpuRegisters real, GuestCpu guest) {
        registers = real;
        guestCpu = guest;
    }

    void emit(TraceEvent... es) {
        for (TraceEvent e : es) {
            events.offer(e);
        }
    }

    void guestWrites(String text) {
        serial.offer(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    synchronized byte[] typedBytes() {
        return typed.toByteArray();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return "Test VM " + id;
    }

    @Override
    public Technique technique() {
        return technique;
    }

    @Override
    public EventRing<TraceEvent> events() {
        return events;
    }

    @Override
    public EventRing<byte[]> serialOutput() {
        return serial;
    }

    @Override
    public TextScreen latestScreen() {
        return screen;
    }

    @Override
    public CpuRegisters latestRegisters() {
        return registers;
    }

    @Override
    public GuestCpu latestGuestCpu() {
        return guestCpu;
    }

    @Override
    public VmOutputs.Counters counters() {
        return counters;
    }

    @Override
    public VmmCounters.Snapshot vmmCounters() {
        return vmmCounters;
    }

    @Override
    public VmState state() {
        return state;
    }

    @Override
    public CompletableFuture<VmResult> submit(VmCommand command) {
        commands.add(command);
        return CompletableFuture.completedFuture(new VmResult.Done(state, "test"));
    }

    @Override
    public void sendKey(Key key, boolean pressed) {
        keys.add(new KeyStroke(key, pressed));
    }

    @Override
    public synchronized void sendSerial(byte[] bytes) {
        typed.writeBytes(bytes);
    }
}
