package dev.ringmaster.app;

import dev.ringmaster.app.panes.registers.RegistersPane;
import dev.ringmaster.app.panes.registers.RegistersViewModel;
import dev.ringmaster.app.prefs.Theme;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Not a test: what one refresh of the registers pane costs the FX thread. A pane with every row on
 * screen is given VmWindowDemo's running CPU (EAX, EDX, EDI, EIP, EFLAGS and two flags change at every
 * snapshot, as in VmWindowBench), and each refresh is followed by a pulse (CSS, layout, sync of what
 * is dirty); it prints the FX thread's CPU time per refresh and how many table cells were made anew
 * per refresh. Run with {@code java -cp $(cat /tmp/cp.txt) -Dglass.platform=Monocle
 * -Dmonocle.platform=Headless -Dprism.order=sw dev.ringmaster.app.RegistersPaneBench [refreshes]}.
 */
public final class RegistersPaneBench {
    private RegistersPaneBench() {
    }

    public static void main(String[] args) throws Exception {
        int refreshes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                run(refreshes);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get();
        Platform.exit();
    }

    private static void run(int refreshes) {
        RegistersViewModel model = new RegistersViewModel();
        RegistersPane pane = new RegistersPane(model);
        Scene scene = new Scene(pane, 700, 1000);
        scene.getStylesheets().add(RegistersPaneBench.class.getResource(Theme.BASE_STYLESHEET).toExternalForm());
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            model.update(VmWindowDemo.registers(0, 0x08048130, 0), null);
            pulse();
            Set<Node> cells = cells(pane);
            long made = 0;
            long cpu = 0;
            for (int i = 1; i <= refreshes; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                model.update(VmWindowDemo.registers(i * 7, 0x08048130 + i % 16, i), null);
                pulse();
                cpu += mx.getCurrentThreadCpuTime() - t0;
                Set<Node> now = cells(pane);
                for (Node n : now) {
                    if (!cells.contains(n)) {
                        made++;
                    }
                }
                cells = now;
            }
            System.out.printf("round %d: %.1f µs FX CPU per refresh (a pulse: CSS, layout, sync), %.1f cells made per refresh,"
                    + " %d cells on screen, %d refreshes%n", round, cpu / 1000.0 / refreshes, made / (double) refreshes,
                    cells.size(), refreshes);
        }
        stage.hide();
    }

    /**
     * A pulse, as the toolkit's timer would fire it: only what is dirty gets CSS and layout again
     * ({@code applyCss()} on the pane would force CSS on every node in it), the scene graph is synced
     * and rendered.
     */
    private static void pulse() {
        com.sun.javafx.tk.Toolkit.getToolkit().firePulse();
    }

    private static Set<Node> cells(Node root) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(root.lookupAll(".table-cell"));
        return out;
    }
}
