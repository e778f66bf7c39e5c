package dev.ringmaster.app;

import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.app.panes.console.Screens;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.trace.TraceEvent.Handler;
import dev.ringmaster.engine.vmm.Technique;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Benchmark (not a test): are the VM windows live enough? Opens four VM windows with every pane
 * docked (two showing the traps table, two the rings timeline), measures the frames the FX thread
 * renders per second while the four sessions are idle (the baseline), then while four producer
 * threads flood them as running VMs would — trace events as fast as the rings take them, a new
 * screen, registers and serial output every round — and prints both rates, their ratio, the events
 * the panes took per second and the events the bounded rings dropped. The goal (issue 7, item 4):
 * at least 30 frames per second under load.
 *
 * <p>Then the same with four real VMs (the rmx template under trap-and-emulate, booting and running at
 * full speed on their own threads): frames per second before they start and while they run, their
 * guest instructions per second and the trace events dropped.
 *
 * <p>Run: {@code java -cp <test classpath> [-Dglass.platform=Monocle -Dmonocle.platform=Headless
 * -Dprism.order=sw] dev.ringmaster.app.VmWindowBench [seconds per phase] [synthetic|real|one|both|all]}:
 * {@code one} is four real VMs with one VM window open (the usual desk), {@code both} synthetic and
 * real, {@code all} the three.
 */
public final class VmWindowBench {
    /** Milliseconds each producer rests per round (0: flat out, as a VM running at full speed). */
    static final long PAUSE_MS = Long.getLong("bench.pauseMs", 0);

    private VmWindowBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String mode = args.length > 1 ? args[1] : "both";
        Path config = Files.createTempDirectory("ringmaster-bench");
        System.setProperty("ringmaster.config.dir", config.resolve("config").toString());
        System.setProperty("ringmaster.data.dir", config.resolve("data").toString());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        // as the application does: the VM threads (and the producers standing in for them) share all but one processor
        double vmCores = RingmasterApp.limitVmThreads();
        System.out.printf("VM threads share %s of the host's %d processors (-D%s=N to change; 0: no limit)%n",
                vmCores == 0 ? "all" : String.format("%.1f", vmCores), Runtime.getRuntime().availableProcessors(),
                RingmasterApp.VM_CORES_PROPERTY);
        if (mode.equals("synthetic") || mode.equals("both") || mode.equals("all")) {
            synthetic(seconds);
        }
        if (mode.equals("real") || mode.equals("both") || mode.equals("all")) {
            real(seconds, 4);
        }
        if (mode.equals("one") || mode.equals("all")) {
            real(seconds, 1); // the usual desk: four VMs running, the window of one of them open
        }
        Platform.exit();
    }

    /**
     * Four real VMs: the rmx template booting and running under trap-and-emulate at full speed on
     * their own threads (each VM window with every pane docked, the traps table or the rings timeline
     * in front, the disassembly and statistics panes reading the VM as it runs).
     */
    static void real(int seconds, int windowCount) throws Exception {
        Path project = Path.of(System.getProperty("ringmaster.project.dir", "."));
        dev.ringmaster.template.Template rmx = dev.ringmaster.template.TemplateLoader.load(
                project.resolve("vm-templates").resolve("rmx.json"));
        List<dev.ringmaster.engine.vm.VirtualMachine> vms = new ArrayList<>();
        List<VmWindow> windows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            vms.add(new dev.ringmaster.engine.vm.VirtualMachine(new dev.ringmaster.engine.vm.VmConfig("bench-real-" + i,
                    "rmx " + i, rmx.bootSpec(), rmx.memoryMiB(), Technique.TRAP)));
        }
        CountDownLatch opened = new CountDownLatch(1);
        Platform.runLater(() -> {
            for (int i = 0; i < windowCount; i++) {
                VmWindow w = new VmWindow(new Stage(), new VirtualMachineSession(vms.get(i)), AppEnvironment.fromSystem());
                w.show();
                w.docking().select(front(i));
                windows.add(w);
            }
            opened.countDown();
        });
        opened.await();
        measureFps(2);
        double idle = measureFps(seconds);
        for (var vm : vms) {
            vm.submit(new dev.ringmaster.engine.vm.VmCommand.Start());
        }
        measureFps(2); // the guests boot: their first trace bursts
        long[] i0 = vms.stream().mapToLong(v -> v.outputs().counters().instructions()).toArray();
        long cpu0 = vms.stream().mapToLong(v -> v.outputs().counters().hostCpuNanos()).sum();
        long t0 = System.nanoTime();
        double busy = measureFps(seconds);
        String busyCpu = cpuLine();
        double dt = (System.nanoTime() - t0) / 1e9;
        long instructions = 0;
        for (int i = 0; i < 4; i++) {
            instructions += vms.get(i).outputs().counters().instructions() - i0[i];
        }
        double vmCoresUsed = (vms.stream().mapToLong(v -> v.outputs().counters().hostCpuNanos()).sum() - cpu0) / 1e9 / dt;
        long offered = vms.stream().mapToLong(v -> v.outputs().events().offered()).sum();
        long dropped = vms.stream().mapToLong(v -> v.outputs().events().dropped()).sum();
        System.out.printf("Real VMs: 4 × rmx under trap-and-emulate, %d VM window%s open with all panes docked, pulse %d Hz%n",
                windowCount, windowCount == 1 ? "" : "s", VmWindow.PULSE_HZ);
        System.out.printf("frames/s, VMs defined (baseline): %.1f%n", idle);
        System.out.printf("frames/s with the 4 VMs running: %.1f  (%.2f × baseline); %s%n", busy, busy / idle, busyCpu);
        System.out.printf("guest instructions/s, all 4 VMs: %,.0f, using %.2f processors; trace events stored %,d, dropped %,d%n",
                instructions / dt, vmCoresUsed, offered, dropped);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            windows.forEach(w -> w.stage().close());
            closed.countDown();
        });
        closed.await();
        vms.forEach(dev.ringmaster.engine.vm.VirtualMachine::close);
    }

    /** Four windows fed by four producer threads flooding them as fast as the rings take events. */
    static void synthetic(int seconds) throws Exception {
        List<TestVmSession> sessions = new ArrayList<>();
        List<VmWindow> windows = new ArrayList<>();
        Technique[] techniques = {Technique.TRAP, Technique.BT, Technique.PV, Technique.HW};
        for (int i = 0; i < 4; i++) {
            sessions.add(new TestVmSession("bench-" + i, techniques[i], 16_384));
        }
        CountDownLatch opened = new CountDownLatch(1);
        Platform.runLater(() -> {
            for (int i = 0; i < 4; i++) {
                VmWindow w = new VmWindow(new Stage(), sessions.get(i), AppEnvironment.fromSystem());
                w.show();
                w.docking().select(front(i));
                windows.add(w);
            }
            opened.countDown();
        });
        opened.await();
        measureFps(2); // warm-up: the first layout and CSS pass of four windows

        double idle = measureFps(seconds);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> producers = new ArrayList<>();
        for (TestVmSession s : sessions) {
            Thread t = new Thread(() -> produce(s, running), "bench-" + s.id());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // as a VM thread runs
            producers.add(t);
        }
        producers.forEach(Thread::start);
        double busy = measureFps(seconds);
        String busyCpu = cpuLine();
        running.set(false);
        for (Thread t : producers) {
            t.join();
        }
        long dropped = sessions.stream().mapToLong(s -> s.events().dropped()).sum();
        long offered = sessions.stream().mapToLong(s -> s.events().offered()).sum();
        long taken = offered - sessions.stream().mapToLong(s -> s.events().size()).sum();
        System.out.printf("Synthetic floods: 4 VM windows, all panes docked, pulse %d Hz%n", VmWindow.PULSE_HZ);
        System.out.printf("frames/s idle (baseline): %.1f%n", idle);
        System.out.printf("host: %d cores, load average %.1f (other processes share them)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("frames/s with 4 busy VMs: %.1f  (%.2f × baseline); %s%n", busy, busy / idle, busyCpu);
        System.out.printf("trace events taken by the panes: %,d/s; stored in the rings %,d, dropped %,d (%.1f%%)%n",
                taken / seconds, offered, dropped, 100.0 * dropped / Math.max(1, offered + dropped));
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            windows.forEach(w -> w.stage().close());
            closed.countDown();
        });
        closed.await();
    }

    /**
     * The pane brought to the front in window {@code i}: the pane id in the system property
     * {@code bench.front} (e.g. {@code -Dbench.front=rings}) in every window, or without it the traps
     * table in the even windows and the rings timeline in the odd ones.
     */
    static String front(int i) {
        String id = System.getProperty("bench.front");
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        return i % 2 == 0 ? PaneIds.TRAPS : PaneIds.RINGS;
    }

    /** CPU time the FX thread and the renderer used in the last {@link #measureFps}, per frame, in ms. */
    static double fxCpuPerFrameMs;
    static double renderCpuPerFrameMs;
    /** Share of one core the FX thread used in the last measurement. */
    static double fxCoreShare;

    private static double measureFps(int seconds) throws InterruptedException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong fxThread = new AtomicLong(-1);
        AtomicLong frames = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (frames.getAndIncrement() == 0) {
                    first.set(now);
                    fxThread.set(Thread.currentThread().getId());
                }
                last.set(now);
            }
        };
        long render0 = renderCpu(mx);
        long wall0 = System.nanoTime();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        long[] fxCpu = new long[2];
        Platform.runLater(timer::start);
        // the measurement window: the scheduler stops the frame counter on the FX thread when it is over
        WINDOW.schedule(() -> Platform.runLater(() -> {
            timer.stop();
            stopped.countDown();
        }), seconds, java.util.concurrent.TimeUnit.SECONDS);
        if (!stopped.await(seconds + 60L, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not stop the frame counter");
        }
        long wall = System.nanoTime() - wall0;
        long render = renderCpu(mx) - render0;
        // frames over the whole window: with few frames, the time between the first and the last says little
        double fps = frames.get() * 1e9 / wall;
        long fxId = fxThread.get();
        fxCpu[0] = fxId < 0 ? 0 : mx.getThreadCpuTime(fxId);
        fxCpuPerFrameMs = fxCpuTotal(fxCpu[0]) / 1e6 / Math.max(1, frames.get());
        renderCpuPerFrameMs = render / 1e6 / Math.max(1, frames.get());
        fxCoreShare = (fxCpu[0] - lastFxCpu) / (double) wall;
        lastFxCpu = fxCpu[0];
        return fps;
    }

    private static long lastFxCpu;

    /** Ends measurement windows; paces the producers when {@link #PAUSE_MS} is set. */
    private static final java.util.concurrent.ScheduledExecutorService WINDOW =
            java.util.concurrent.Executors.newScheduledThreadPool(1, r -> {
                Thread t = new Thread(r, "bench-clock");
                t.setDaemon(true);
                return t;
            });

    /** FX thread CPU since the previous measurement. */
    private static long fxCpuTotal(long now) {
        return now - lastFxCpu;
    }

    private static long renderCpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("QuantumRenderer")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** "FX thread 3.1 ms CPU per frame (12 % of a core), renderer 4.0 ms per frame". */
    static String cpuLine() {
        return String.format("FX thread %.1f ms CPU per frame (%.0f%% of a core), renderer %.1f ms CPU per frame",
                fxCpuPerFrameMs, 100 * fxCoreShare, renderCpuPerFrameMs);
    }


    /**
     * {@code count} system calls as a trap-and-emulate guest makes them, each one a ring transition
     * 3 → 1, a trapped CLI in its handler (into the VMM and back), and the return to ring 3: five trace
     * events each, {@code instr} onward (50 instructions apart). @return the instruction count after them
     */
    static long emitSyscalls(TestVmSession s, long instr, int count) {
        for (int i = 0; i < count; i++) {
            instr += 50;
            int eip = 0xC0100000 + (i << 4);
            s.emit(new TraceEvent.RingTransition(instr, instr * 3, 3, 1, Cause.SYSCALL, eip),
                    new TraceEvent.Trap(instr + 5, instr * 3 + 15, 13, 0, eip, new byte[] {(byte) 0xFA}, "cli",
                            Handler.VMM, "emulated"),
                    new TraceEvent.RingTransition(instr + 5, instr * 3 + 15, 1, 0, Cause.TRAP_TO_VMM, eip),
                    new TraceEvent.RingTransition(instr + 6, instr * 3 + 900, 0, 1, Cause.VMM_RESUME, eip + 1),
                    new TraceEvent.RingTransition(instr + 20, instr * 3 + 960, 1, 3, Cause.RETURN, 0x08048000));
        }
        return instr;
    }

    private static void produce(TestVmSession s, AtomicBoolean running) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        // a producer stands in for a VM thread: it draws on the same host CPU budget and rests as a VM does
        try (dev.ringmaster.engine.vm.HostCpuBudget.Account cpu = dev.ringmaster.engine.vm.HostCpuBudget.shared().open()) {
            produce(s, running, mx, cpu);
        }
    }

    private static void produce(TestVmSession s, AtomicBoolean running, java.lang.management.ThreadMXBean mx,
            dev.ringmaster.engine.vm.HostCpuBudget.Account cpu) {
        Screens screens = new Screens();
        long instr = 0;
        int round = 0;
        while (running.get()) {
            try {
                if (!cpu.enter(20_000_000L)) {
                    continue; // other producers' rounds fill the budget, as other VMs' slices would
                }
            } catch (InterruptedException e) {
                return;
            }
            instr = emitSyscalls(s, instr, 256);
            screens.print(round % 25, 0, String.format("round %,12d  instructions %,16d", round, instr), 0x07 + (round % 7 << 4));
            s.publish(screens.snapshot());
            s.publish(VmWindowDemo.registers(round, 0x08048000 + round % 64, round), null);
            s.guestWrites("round " + round + "\r\n");
            round++;
            cpu.leave();
            if (PAUSE_MS > 0) {
                // a paced producer rests between rounds: it waits for the next tick of the bench's clock
                java.util.concurrent.CountDownLatch tick = new java.util.concurrent.CountDownLatch(1);
                WINDOW.schedule(tick::countDown, PAUSE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                try {
                    tick.await();
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                long rest = cpu.afterSlice(mx.getCurrentThreadCpuTime(), System.nanoTime());
                if (rest > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(rest);
                } else {
                    Thread.yield();
                }
            }
        }
    }
}
