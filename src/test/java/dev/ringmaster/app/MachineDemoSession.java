package dev.ringmaster.app;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuHooks;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.devices.Key;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * For looking at the VM window with a real guest (screenshots), not a test and not the product's
 * VM: a {@link Machine} booted natively and run on its own thread in slices, publishing its VGA
 * screen, registers, COM1 output and the CPU's ring transitions and exceptions; keys and serial
 * input are queued and applied on the machine's thread between slices. The platform's
 * {@code VirtualMachine} does this for real (lifecycle, pacing, VMM techniques).
 */
final class MachineDemoSession implements VmSession {
    private static final long SLICE = 200_000;

    private final Machine machine;
    private final EventRing<TraceEvent> events = new EventRing<>(1 << 16);
    private final EventRing<byte[]> serial = new EventRing<>(1024);
    private final ConcurrentLinkedQueue<Consumer<Machine>> commands = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream pendingSerial = new ByteArrayOutputStream();
    private volatile TextScreen screen;
    private volatile CpuRegisters registers;
    private volatile String stopped;

    MachineDemoSession(BootSpec boot) throws BootSpec.BootException {
        machine = new Machine(32 << 20);
        boot.load(machine);
        machine.devices().com1().setSink(pendingSerial::write);
        machine.cpu().setHooks(new CpuHooks() {
            @Override
            public void ringTransition(Cpu cpu, int from, int to, TraceEvent.Cause cause) {
                events.offer(new TraceEvent.RingTransition(cpu.instructions(), cpu.cycles(), from, to, cause, cpu.eip()));
            }

            @Override
            public boolean beforeDelivery(Cpu cpu, int vector, int errorCode, EventKind kind, int eip) {
                if (kind == EventKind.EXCEPTION) {
                    events.offer(new TraceEvent.Trap(cpu.instructions(), cpu.cycles(), vector, errorCode, eip, new byte[0],
                            "", TraceEvent.Handler.GUEST, "delivered through the guest's IDT"));
                }
                return false;
            }
        });
        Thread t = new Thread(this::run, "demo-machine");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        while (stopped == null) {
            for (Consumer<Machine> c; (c = commands.poll()) != null; ) {
                c.accept(machine);
            }
            RunResult r = machine.run(SLICE);
            if (pendingSerial.size() > 0) {
                serial.offer(pendingSerial.toByteArray());
                pendingSerial.reset();
            }
            screen = machine.devices().vga().snapshot();
            registers = CpuRegisters.of(machine.cpu());
            switch (r.kind()) {
                case INSTRUCTION_LIMIT -> { }
                case IDLE -> pause(5);
                default -> stopped = r.kind() + ": " + r.detail();
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String id() {
        return "demo-machine";
    }

    @Override
    public String name() {
        return "rmx (demo machine)";
    }

    @Override
    public Technique technique() {
        return Technique.NATIVE;
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
    public void sendKey(Key key, boolean pressed) {
        commands.add(m -> {
            if (pressed) {
                m.devices().keyboardController().press(key);
            } else {
                m.devices().keyboardController().release(key);
            }
        });
    }

    @Override
    public void sendSerial(byte[] bytes) {
        byte[] copy = bytes.clone();
        commands.add(m -> m.devices().com1().typeInput(copy));
    }
}
