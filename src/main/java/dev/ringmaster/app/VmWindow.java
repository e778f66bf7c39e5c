package dev.ringmaster.app;

import dev.ringmaster.app.docking.DefaultLayouts;
import dev.ringmaster.app.docking.DockLayout;
import dev.ringmaster.app.docking.DockingManager;
import dev.ringmaster.app.docking.LayoutStore;
import dev.ringmaster.app.docking.PaneIds;
import dev.ringmaster.app.docking.PaneRegistry;
import dev.ringmaster.app.panes.console.ConsolePane;
import dev.ringmaster.app.panes.console.SerialTerminalViewModel;
import dev.ringmaster.app.panes.console.VgaScreenViewModel;
import dev.ringmaster.app.panes.disasm.DisassemblyPane;
import dev.ringmaster.app.panes.disasm.DisassemblyViewModel;
import dev.ringmaster.app.panes.registers.RegistersPane;
import dev.ringmaster.app.panes.registers.RegistersViewModel;
import dev.ringmaster.app.panes.rings.RingsPane;
import dev.ringmaster.app.panes.rings.RingsViewModel;
import dev.ringmaster.app.panes.stats.StatisticsPane;
import dev.ringmaster.app.panes.stats.StatisticsViewModel;
import dev.ringmaster.app.panes.traps.TrapsPane;
import dev.ringmaster.app.panes.traps.TrapsViewModel;
import dev.ringmaster.app.prefs.ConfigRead;
import dev.ringmaster.app.prefs.Theme;
import dev.ringmaster.app.pulse.PulseDrainer;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.trace.TraceEvent;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * A VM's own window: its panes (console, disassembly, registers, traps, rings, statistics) in a dock whose layout is saved
 * per VM ({@code layouts/vm-<id>.json}), fed from a {@link VmSession} on the pulse. Each frame the
 * window advances the console's blink phases; at the pulse rate it drains the VM's trace and serial
 * rings (one batch per pane) and polls the newest screen, register and state snapshots. Keys,
 * typed serial bytes and the toolbar's commands (lifecycle, step, speed) go back to the session.
 * Closing the window does not stop the VM. FX thread only.
 */
public final class VmWindow {
    public static final int PULSE_HZ = 30;
    /** Trace events taken per pulse: at 30 Hz, 120 000 a second; the rest wait in (or drop from) the ring. */
    public static final int EVENTS_PER_PULSE = 4096;
    public static final int SERIAL_CHUNKS_PER_PULSE = 256;
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 880;

    private final Stage stage;
    private final VmSession session;
    private final String windowId;
    private final LayoutStore layouts;
    private final PulseDrainer drainer;
    private final VgaScreenViewModel vga = new VgaScreenViewModel();
    private final SerialTerminalViewModel serial;
    private final RingsViewModel rings;
    private final TrapsViewModel traps = new TrapsViewModel();
    private final RegistersViewModel registers = new RegistersViewModel();
    private final DisassemblyViewModel disassembly;
    private final StatisticsViewModel statistics;
    private final dev.ringmaster.app.panes.tc.TranslationCacheViewModel translations;
    private final DockingManager docking;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final AnimationTimer timer;
    private final VmControls controls;
    private ConsolePane consolePane;
    private long frameNanos;

    /** Builds the window on {@code stage} (FX thread); {@link #show()} shows it. */
    public VmWindow(Stage stage, VmSession session, AppEnvironment env) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.session = Objects.requireNonNull(session, "session");
        windowId = "vm-" + session.id();
        layouts = new LayoutStore(env.configDir(), env.clock());
        layouts.fileFor(windowId); // validates the id before anything is built
        serial = new SerialTerminalViewModel(session::sendSerial);
        controls = new VmControls(session, Platform::runLater);
        rings = new RingsViewModel(session.technique());
        disassembly = new DisassemblyViewModel(session::submit, controls::send, Platform::runLater);
        statistics = new StatisticsViewModel(session.technique());
        translations = new dev.ringmaster.app.panes.tc.TranslationCacheViewModel(session::submit, Platform::runLater,
                session.technique());
        traps.onSelectedProperty().set(row -> {
            if (!"hypercall".equals(row.kind())) {
                disassembly.showAddress(row.eip());
                // bring the listing to the front, unless that would hide the traps table itself
                showDisassembly();
            }
        });
        drainer = new PulseDrainer(PULSE_HZ, e -> problem.set("A pane failed to take its events: " + e));
        drainer.register(session.events(), EVENTS_PER_PULSE, this::onEvents);
        drainer.register(session.serialOutput(), SERIAL_CHUNKS_PER_PULSE, (chunks, dropped) -> {
            // One write per pulse, so the terminal's list changes once however many chunks came.
            int length = 0;
            for (byte[] chunk : chunks) {
                length += chunk.length;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            // A full ring drops the newest chunks: the gap follows what it held, drained just now.
            serial.take(all, dropped);
        });

        PaneRegistry panes = new PaneRegistry()
                .register(PaneIds.CONSOLE, "Console", () -> consolePane = new ConsolePane(vga, serial, session::sendKey))
                .register(PaneIds.DISASSEMBLY, "Disassembly", () -> new DisassemblyPane(disassembly))
                .register(PaneIds.REGISTERS, "Registers", () -> new RegistersPane(registers))
                .register(PaneIds.TRAPS, "Traps", () -> new TrapsPane(traps))
                .register(PaneIds.RINGS, "Rings", () -> new RingsPane(rings))
                .register(PaneIds.STATISTICS, "Statistics", () -> new StatisticsPane(statistics))
                .register(PaneIds.TRANSLATION_CACHE, "Translation cache",
                        () -> new dev.ringmaster.app.panes.tc.TranslationCachePane(translations));
        docking = new DockingManager(windowId, panes,
                DefaultLayouts.vmWindow(session.technique() == dev.ringmaster.engine.vmm.Technique.BT));
        docking.apply(readLayout());

        Label problemLine = new Label();
        problemLine.setId("vmProblem");
        problemLine.textProperty().bind(problem);
        problemLine.visibleProperty().bind(problem.isNotEmpty());
        problemLine.managedProperty().bind(problemLine.visibleProperty());
        BorderPane root = new BorderPane(docking.view());
        root.setTop(controls.bar());
        root.setBottom(new javafx.scene.layout.VBox(controls.statusLine(), problemLine));
        root.setId("vmRoot");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        // Never larger than the screen (leave room for the title bar and the desktop's panels).
        Scene scene = new Scene(root, Math.min(DEFAULT_WIDTH, screen.getWidth() * 0.95),
                Math.min(DEFAULT_HEIGHT, screen.getHeight() * 0.9));
        scene.getStylesheets().setAll(ManagerWindow.stylesheets(Theme.LIGHT));
        root.getStyleClass().add("theme-" + Theme.LIGHT.id());
        stage.setScene(scene);
        stage.setTitle(session.name() + " — " + session.technique().displayName() + " — Ringmaster");

        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            timer.start();
            if (consolePane != null && docking.isOpen(PaneIds.CONSOLE)) {
                consolePane.screenView().requestFocus(); // typing goes to the guest at once
            }
        });
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> saveLayout());
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> timer.stop());
    }

    /** One frame: blink phases every frame; drain and poll at the pulse rate. */
    void frame(long now) {
        frameNanos = now;
        vga.tick(now);
        if (drainer.tick(now)) {
            poll();
        }
    }

    /** Takes the newest snapshots the VM published (also called after every drain). */
    void poll() {
        controls.poll();
        tellTheGates();
        vga.show(session.latestScreen(), frameNanos);
        serial.refresh(frameNanos);
        CpuRegisters r = session.latestRegisters();
        registers.update(r, session.latestGuestCpu(), frameNanos);
        disassembly.update(r, session.state(), session.breakpoints(), frameNanos);
        traps.refresh(frameNanos);
        statistics.update(session.counters(), session.vmmCounters(), session.latestCost(), session.events().dropped(),
                session.serialOutput().dropped(), frameNanos);
        translations.pulse(session.state(), frameNanos);
        rings.pulse(frameNanos); // what waited for the rings' gate, also when no events came
    }

    /**
     * Tells the gates of the panes whether their pane is on screen (see
     * {@link dev.ringmaster.app.pulse.RefreshGate}), and forces the console's, registers' and traps'
     * while the VM is not running: a pause, a step or a breakpoint is shown at
     * the pulse that sees it (the disassembly forces its own gate from the VM state it is given).
     */
    private void tellTheGates() {
        boolean console = docking.isShowing(PaneIds.CONSOLE) && consolePane != null;
        vga.gate().setShowing(console && consolePane.vgaTabSelected());
        serial.gate().setShowing(console && !consolePane.vgaTabSelected());
        registers.gate().setShowing(docking.isShowing(PaneIds.REGISTERS));
        disassembly.gate().setShowing(docking.isShowing(PaneIds.DISASSEMBLY));
        traps.gate().setShowing(docking.isShowing(PaneIds.TRAPS));
        statistics.setShowing(docking.isShowing(PaneIds.STATISTICS));
        rings.setShowing(docking.isShowing(PaneIds.RINGS));
        dev.ringmaster.engine.vm.VmState state = session.state();
        if (state == null || !state.is(dev.ringmaster.engine.vm.VmState.Kind.RUNNING)) {
            vga.gate().force();
            serial.gate().force();
            registers.gate().force();
            traps.gate().force();
        }
    }

    private void showDisassembly() {
        if (!docking.visibleBeside(PaneIds.DISASSEMBLY).map(PaneIds.TRAPS::equals).orElse(false)) {
            docking.select(PaneIds.DISASSEMBLY);
        }
    }

    private void onEvents(List<TraceEvent> batch, long dropped) {
        traps.take(batch, dropped);
        rings.onPulse(batch, dropped, frameNanos);
    }

    private DockLayout readLayout() {
        ConfigRead<DockLayout> read = layouts.load(windowId);
        if (read instanceof ConfigRead.Unusable<DockLayout> u) {
            problem.set(u.describe("window layout", "the default layout is shown"));
        }
        return read.orElse(docking.homeLayout());
    }

    private void saveLayout() {
        try {
            layouts.save(windowId, docking.capture());
        } catch (IOException e) {
            problem.set("Could not save the window layout: " + e.getMessage());
        }
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    public String windowId() {
        return windowId;
    }

    public DockingManager docking() {
        return docking;
    }

    /** The console pane (created with the dock). */
    public ConsolePane consolePane() {
        return consolePane;
    }

    public VgaScreenViewModel vga() {
        return vga;
    }

    public SerialTerminalViewModel serial() {
        return serial;
    }

    public RingsViewModel rings() {
        return rings;
    }

    public TrapsViewModel traps() {
        return traps;
    }

    public RegistersViewModel registers() {
        return registers;
    }

    public DisassemblyViewModel disassembly() {
        return disassembly;
    }

    public dev.ringmaster.app.panes.tc.TranslationCacheViewModel translations() {
        return translations;
    }

    public StatisticsViewModel statistics() {
        return statistics;
    }

    /** The answer to the last toolbar command ("" when it was done, "Not allowed: …" otherwise). */
    public ReadOnlyStringProperty commandAnswerProperty() {
        return controls.answerProperty();
    }

    /** The last problem shown in the window's status line ("" when none). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
