package dev.ringmaster.app;

import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.app.panes.console.Screens;
import dev.ringmaster.engine.vmm.Technique;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.stage.Stage;

/**
 * Benchmark (not a test), the FX thread's side only and without threads competing with it: one VM
 * window fed as a flooding VM would feed it, driven frame by frame on the FX thread with a simulated
 * clock — each frame the window's own frame work (drain and poll at the pulse), then the CSS and
 * layout passes a pulse would run — and the FX thread's CPU time per frame printed. Nothing else
 * runs meanwhile, so the figure is stable on a loaded machine (VmWindowBench measures the whole
 * toolkit, renderer included, under real contention). A frame interval of 16.7 ms is a window at
 * 60 frames/s (a pulse every other frame), 33 ms one at 30, 300 ms a window that only gets 3
 * frames/s (every frame a pulse, every pane due).
 *
 * <p>Run: {@code java -cp <test classpath> -Dglass.platform=Monocle -Dmonocle.platform=Headless
 * -Dprism.order=sw dev.ringmaster.app.VmWindowPulseBench [frames] [frame interval ms] [front pane id]}.
 */
public final class VmWindowPulseBench {
    private VmWindowPulseBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double intervalMs = args.length > 1 ? Double.parseDouble(args[1]) : 33.3;
        String front = args.length > 2 ? args[2] : PaneIds.TRAPS;
        Path config = Files.createTempDirectory("ringmaster-pulse-bench");
        System.setProperty("ringmaster.config.dir", config.resolve("config").toString());
        System.setProperty("ringmaster.data.dir", config.resolve("data").toString());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        TestVmSession session = new TestVmSession("pulse-bench", Technique.TRAP, 16_384);
        CompletableFuture<String> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(run(session, frames, intervalMs, front));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        System.out.println(result.get());
        Platform.exit();
    }

    /** Everything on the FX thread: no real pulse can run in between. */
    private static String run(TestVmSession session, int frames, double intervalMs, String front) {
        VmWindow w = new VmWindow(new Stage(), session, AppEnvironment.fromSystem());
        w.show();
        w.docking().select(front);
        Parent root = w.stage().getScene().getRoot();
        Producer producer = new Producer(session);
        long step = Math.round(intervalMs * 1_000_000);
        long now = 1_000_000_000L;
        for (int i = 0; i < 30; i++) { // warm-up: first layout, CSS, JIT
            producer.round();
            now = frame(w, root, now, step);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < frames; i++) {
            producer.round();
            now = frame(w, root, now, step);
        }
        double perFrame = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / frames;
        w.stage().close();
        return String.format("one VM window, %s in front, a frame every %.1f ms: FX thread %.2f ms CPU per frame"
                + " (window frame work, CSS and layout; %d frames)", front, intervalMs, perFrame, frames);
    }

    private static long frame(VmWindow w, Parent root, long now, long step) {
        w.frame(now);
        // the pulse's CSS pass: only what is dirty (Node.applyCss would restyle the whole window)
        com.sun.javafx.scene.NodeHelper.processCSS(root);
        root.layout();
        return now + step;
    }

    /** What a flooding VM publishes between two frames: more trace events than a pulse takes, a screen, registers, serial lines. */
    private static final class Producer {
        private final TestVmSession session;
        private final Screens screens = new Screens();
        private long instr;
        private int round;

        Producer(TestVmSession session) {
            this.session = session;
        }

        void round() {
            instr = VmWindowBench.emitSyscalls(session, instr, 1024);
            for (int k = 0; k < 8; k++) {
                screens.print(round % 25, 0, String.format("round %,12d  instructions %,16d", round, instr),
                        0x07 + (round % 7 << 4));
                session.guestWrites("round " + round + "\r\n");
                round++;
            }
            session.publish(screens.snapshot());
            session.publish(VmWindowDemo.registers(round, 0x08048000 + round % 64, round), null);
        }
    }
}
