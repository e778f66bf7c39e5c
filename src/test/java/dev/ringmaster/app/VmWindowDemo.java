package dev.ringmaster.app;

import dev.ringmaster.app.panes.console.Screens;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.CpuRegisters.Segment;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.trace.TraceEvent.Handler;
import dev.ringmaster.engine.vmm.Technique;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * For looking at the VM window (screenshots), not a test: a VM window fed by a scripted
 * {@link TestVmSession} — a fixed screen and serial text, and a thread emitting the trace of a
 * trap-and-emulate guest's system calls, CLI/STI traps and timer interrupts with a register
 * snapshot per batch; or, with {@code --kernel}, a real {@code VirtualMachine} booting that kernel
 * (the product's path: {@link VirtualMachineSession}), keys typed into it with {@code --type}.
 * Run with the test classpath: {@code java -cp … dev.ringmaster.app.VmWindowDemo [--kernel ELF
 * [--module FILE]... [--cmdline TEXT] [--technique ID] [--type KEYS [--pause]]] [pane id to bring to front…]}
 * ({@code --pause}: run the typed command until the shell's next prompt, or until the VM stops the guest).
 */
public final class VmWindowDemo {
    private VmWindowDemo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--kernel")) {
            // A real guest: --kernel ELF [--module FILE]... [--cmdline TEXT] [--type KEYS] [pane ids...]
            java.util.List<java.nio.file.Path> modules = new java.util.ArrayList<>();
            java.nio.file.Path kernel = java.nio.file.Path.of(args[1]);
            String cmdline = "";
            String type = null;
            Technique technique = Technique.NATIVE;
            boolean pause = false;
            java.util.List<String> panes = new java.util.ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                switch (args[i]) {
                    case "--module" -> modules.add(java.nio.file.Path.of(args[++i]));
                    case "--cmdline" -> cmdline = args[++i];
                    case "--type" -> type = args[++i].replace("\\n", "\n");
                    case "--technique" -> technique = Technique.fromId(args[++i]);
                    case "--pause" -> pause = true;
                    default -> panes.add(args[i]);
                }
            }
            dev.ringmaster.engine.vm.VirtualMachine vm = new dev.ringmaster.engine.vm.VirtualMachine(
                    new dev.ringmaster.engine.vm.VmConfig("rmx-demo", "rmx", dev.ringmaster.engine.machine.BootSpec
                            .multiboot(kernel, modules, cmdline), 32, technique));
            VirtualMachineSession real = new VirtualMachineSession(vm);
            // With keys to type: power on and run until the shell's prompt, so the keys go to the shell.
            java.util.concurrent.CompletableFuture<dev.ringmaster.engine.vm.VmResult> atPrompt = real.submit(type == null
                    ? new dev.ringmaster.engine.vm.VmCommand.Start()
                    : new dev.ringmaster.engine.vm.VmCommand.RunUntil(
                            new dev.ringmaster.engine.vm.RunCondition.SerialContains("rmx:/# ")));
            Platform.startup(() -> {
                VmWindow w = new VmWindow(new Stage(), real, AppEnvironment.fromSystem());
                w.show();
                panes.forEach(p -> w.docking().select(p));
            });
            if (type != null) {
                // Typed through the same path as the console's keys: PC key presses and releases.
                atPrompt.get(60, java.util.concurrent.TimeUnit.SECONDS);
                for (dev.ringmaster.engine.devices.UsKeyboardLayout.Stroke k
                        : dev.ringmaster.engine.devices.UsKeyboardLayout.strokes(type)) {
                    if (k.shift()) {
                        real.sendKey(dev.ringmaster.engine.devices.Key.LEFT_SHIFT, true);
                    }
                    real.sendKey(k.key(), true);
                    real.sendKey(k.key(), false);
                    if (k.shift()) {
                        real.sendKey(dev.ringmaster.engine.devices.Key.LEFT_SHIFT, false);
                    }
                }
                if (pause) {
                    // paused at the shell's next prompt, or where the VM stopped the guest before it
                    // (trap-and-emulate: ringcheck's POPF stall, named by the VMM)
                    real.submit(new dev.ringmaster.engine.vm.VmCommand.RunUntil(
                            new dev.ringmaster.engine.vm.RunCondition.SerialContains("rmx:/# ")));
                } else {
                    real.submit(new dev.ringmaster.engine.vm.VmCommand.Resume());
                }
            }
            return;
        }
        TestVmSession session = new TestVmSession("demo", Technique.TRAP, 8192);
        session.publish(new Screens()
                .print(0, 0, String.format("%-80s", " rmx 0.1 - teaching Unix            trap-and-emulate       tty0"), 0x1F)
                .print(2, 0, "Multiboot: 32 MiB, cmdline \"console=tty0\"", 0x07)
                .print(3, 0, "gdt idt tss ... ok    pic pit ... ok    paging ... ok", 0x07)
                .print(4, 0, "ramfs: 14 files from initrd", 0x07)
                .print(5, 0, "WARNING:", 0x8E).print(5, 9, "running in ring 1 (CS RPL = 1)", 0x0E)
                .print(7, 0, "# ringcheck", 0x0F)
                .print(8, 0, "CS.RPL  1      SMSW  0x0011 (host value!)", 0x07)
                .print(9, 0, "SGDT    0xC0123000 (host GDT!)", 0x07)
                .print(10, 0, "PUSHF   IF=1 after CLI (sensitive, not trapped)", 0x0C)
                .print(12, 0, "# ", 0x0F).cursor(12, 2).snapshot());
        session.guestWrites("rmx 0.1 booting (serial console)\r\nlogin: root\r\n# uname -a\r\nrmx 0.1 i386\r\n# ");
        Platform.startup(() -> {
            VmWindow w = new VmWindow(new Stage(), session, AppEnvironment.fromSystem());
            w.show();
            for (String pane : args) {
                w.docking().select(pane);
            }
            // the scripted VM produces one round of events every 25 ms, as a slowly running guest would
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-vm");
                t.setDaemon(true);
                return t;
            }).scheduleAtFixedRate(new DemoRound(session), 0, 25, java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    /** One round of the scripted VM's trace, screen and registers. */
    private static final class DemoRound implements Runnable {
        private final TestVmSession session;
        private long instr = 1_000_000;
        private int eax;
        private int step;

        DemoRound(TestVmSession session) {
            this.session = session;
        }

        @Override
        public void run() {
            instr += 2_000 + (step * 37) % 900;
            long cycles = instr * 3;
            int eip = 0xC0101000 + (step % 64) * 4;
            session.emit(new TraceEvent.RingTransition(instr, cycles, 3, 1, Cause.SYSCALL, 0xC0100400));
            session.emit(new TraceEvent.Trap(instr + 40, cycles + 120, 13, 0, eip, new byte[] {(byte) 0xFA}, "cli",
                    Handler.VMM, "emulated: virtual IF := 0"));
            session.emit(new TraceEvent.RingTransition(instr + 40, cycles + 120, 1, 0, Cause.TRAP_TO_VMM, eip));
            session.emit(new TraceEvent.RingTransition(instr + 41, cycles + 1_900, 0, 1, Cause.VMM_RESUME, eip + 1));
            if (step % 3 == 0) {
                session.emit(new TraceEvent.Trap(instr + 300, cycles + 2_400, 13, 0, 0x3F8, new byte[] {(byte) 0xEE},
                        "out dx, al", Handler.VMM, "emulated: COM1 THR := 0x23"));
                session.emit(new TraceEvent.RingTransition(instr + 300, cycles + 2_400, 1, 0, Cause.TRAP_TO_VMM, eip + 8));
                session.emit(new TraceEvent.RingTransition(instr + 301, cycles + 4_100, 0, 1, Cause.VMM_RESUME, eip + 9));
            }
            if (step % 5 == 0) {
                session.emit(new TraceEvent.RingTransition(instr + 900, cycles + 5_000, 3, 0, Cause.INTERRUPT, 0xC0100020));
                session.emit(new TraceEvent.Trap(instr + 900, cycles + 5_000, 0x20, -1, 0x08048123, new byte[0], "",
                        Handler.VMM, "IRQ0 reflected through the guest IDT"));
                session.emit(new TraceEvent.RingTransition(instr + 901, cycles + 6_600, 0, 1, Cause.VMM_RESUME, 0xC0100080));
            }
            session.emit(new TraceEvent.RingTransition(instr + 1_000, cycles + 7_000, 1, 3, Cause.RETURN, 0x08048130));
            eax += 7;
            session.publish(registers(eax, 0x08048130 + step % 16, step), null);
            step++;
        }
    }

    static CpuRegisters registers(int eax, int eip, int step) {
        int code = SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_CODE | SegmentRegister.A_RW
                | SegmentRegister.A_DB | SegmentRegister.A_G | SegmentRegister.A_ACCESSED | (3 << 5);
        int data = SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_RW | SegmentRegister.A_DB
                | SegmentRegister.A_G | SegmentRegister.A_ACCESSED | (3 << 5);
        Segment cs = new Segment(0x1B, 0, 0xFFFFFFFF, code, true);
        Segment ds = new Segment(0x23, 0, 0xFFFFFFFF, data, true);
        Segment tr = new Segment(0x28, 0xC0125000, 0x67, SegmentRegister.A_P | 0xB, true);
        Segment ldt = new Segment(0, 0, 0, 0, false);
        return new CpuRegisters(new int[] {eax, 0x10, step % 2 == 0 ? 0x3F8 : 0x3FD, 0xC0130000, 0xBFFFFF80,
            0xBFFFFFA0, 0x0804A000, step}, eip, 0x202 | (step % 2 == 0 ? 0x40 : 0x1), List.of(ds, cs, ds, ds, ds, ds), ldt, tr,
                0xC0123000, 0x2F, 0xC0123800, 0x7FF, 0x80010033, 0x0804C000, 0x00400000, 0x10, 3, false,
                1_000_000L + step * 3000L, 3_000_000L + step * 9000L);
    }
}
