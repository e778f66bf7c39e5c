package dev.ringmaster.app;

import dev.ringmaster.app.panes.VmActivity;
import dev.ringmaster.app.panes.VmEntry;
import dev.ringmaster.app.panes.VmStatus;
import dev.ringmaster.engine.vm.Speed;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmConfig;
import dev.ringmaster.engine.vm.VmOutputs;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.VmDefinition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The manager's running VMs: one platform {@link VirtualMachine} per definition that was started, and
 * its VM window. Lives on the FX thread; talks to each VM only through its command queue and reads
 * only what the VM publishes. Closing a VM window leaves the VM running (as virt-manager does).
 */
public final class VmRuntime {
    private final AppEnvironment env;
    private final BiConsumer<String, String> problem;
    private final Map<UUID, Live> live = new HashMap<>();

    private static final class Live {
        final VirtualMachine vm;
        final VirtualMachineSession session;
        VmWindow window;

        Live(VirtualMachine vm) {
            this.vm = vm;
            this.session = new VirtualMachineSession(vm);
        }
    }

    /**
     * @param problem told (title, text) when an action fails: a missing template, a technique that is
     *                not implemented, images that cannot be loaded
     */
    public VmRuntime(AppEnvironment env, BiConsumer<String, String> problem) {
        this.env = env;
        this.problem = problem;
    }

    /** The manager's status of a VM: shut off unless it was started here. */
    public VmStatus status(UUID id) {
        Live l = live.get(id);
        if (l == null) {
            return VmStatus.SHUT_OFF;
        }
        return switch (l.vm.state().kind()) {
            case DEFINED, SHUTOFF -> VmStatus.SHUT_OFF;
            case RUNNING -> VmStatus.RUNNING;
            case PAUSED -> VmStatus.PAUSED;
            case CRASHED -> VmStatus.CRASHED;
        };
    }

    /** The VM's last state change reason ("" when it never ran). */
    public String reason(UUID id) {
        Live l = live.get(id);
        return l == null ? "" : l.vm.state().reason();
    }

    /**
     * Run: starts a shut-off VM (the same engine thread and window when it was opened or ran before),
     * starts a crashed one afresh, resumes a paused one.
     *
     * @param openWindow also open (or raise) its VM window
     */
    public void run(VmEntry entry, boolean openWindow) {
        VmDefinition d = entry.definition();
        Live l = live.get(d.id());
        if (l != null && l.vm.state().is(VmState.Kind.PAUSED)) {
            l.vm.submit(new VmCommand.Resume());
        } else if (l != null && (l.vm.state().is(VmState.Kind.DEFINED) || l.vm.state().is(VmState.Kind.SHUTOFF))) {
            start(d, l.vm);
        } else if (l == null || !l.vm.state().is(VmState.Kind.RUNNING)) {
            if (create(d).isEmpty()) {
                return;
            }
            start(d, live.get(d.id()).vm);
        }
        if (openWindow) {
            openWindow(d.id());
        }
    }

    /** Run, and open the VM's window. */
    public void run(VmEntry entry) {
        run(entry, true);
    }

    /**
     * Open: the VM's window; a VM that was never started gets its engine thread (powered off) so that
     * the window has something to show; Run then starts it.
     */
    public void open(VmEntry entry) {
        UUID id = entry.definition().id();
        if (!live.containsKey(id) && create(entry.definition()).isEmpty()) {
            return;
        }
        openWindow(id);
    }

    /** A new powered-off VM for {@code d}, replacing (and closing) an old one; empty after telling why not. */
    private Optional<Live> create(VmDefinition d) {
        Optional<VmConfig> config = configOf(d);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        VirtualMachine vm;
        try {
            vm = new VirtualMachine(config.get());
        } catch (IllegalArgumentException e) {
            problem.accept("Cannot run " + d.name(), e.getMessage() + " — only native runs in this build.");
            return Optional.empty();
        }
        Live old = live.get(d.id());
        if (old != null) {
            closeWindow(old);
            old.vm.close();
        }
        Live fresh = new Live(vm);
        live.put(d.id(), fresh);
        vm.submit(new VmCommand.SetSpeed(Speed.REAL_TIME));
        return Optional.of(fresh);
    }

    private void start(VmDefinition d, VirtualMachine vm) {
        vm.submit(new VmCommand.Start()).thenAccept(r -> {
            if (r instanceof VmResult.Failed f) {
                Platform.runLater(() -> problem.accept("Cannot start " + d.name(), f.message()));
            } else if (r instanceof VmResult.NotAllowed n) {
                Platform.runLater(() -> problem.accept("Cannot start " + d.name(), n.reason()));
            }
        });
    }

    public void pause(VmEntry entry) {
        submit(entry, new VmCommand.Pause());
    }

    public void resume(VmEntry entry) {
        submit(entry, new VmCommand.Resume());
    }

    /** Reset: power-cycles the guest (a fresh machine from the configuration), then it runs. */
    public void reset(VmEntry entry) {
        submit(entry, new VmCommand.Reset());
    }

    public void forceOff(VmEntry entry) {
        submit(entry, new VmCommand.ForceOff());
    }

    /** Where the snapshots of a VM go: {@code <data>/vms/<id>/snapshots/}. */
    public Path snapshotDirectory(UUID id) {
        return DataDirectory.vmsDir(env.dataDir()).resolve(id.toString()).resolve("snapshots");
    }

    /**
     * Snapshot: the whole machine into {@code <timestamp>.rmsnap} in the VM's snapshot directory. The
     * engine's answer comes back later: saved (told to {@code saved}), or refused / failed (a notice
     * with the engine's reason, e.g. a technique whose VMM state snapshots do not hold yet).
     */
    public void snapshot(VmEntry entry, java.util.function.Consumer<dev.ringmaster.engine.vm.SnapshotInfo> saved) {
        Live l = live.get(entry.definition().id());
        if (l == null) {
            return;
        }
        String name = SNAPSHOT_NAME.format(java.time.LocalDateTime.now(env.clock()));
        Path file = snapshotDirectory(entry.definition().id()).resolve(name + ".rmsnap");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            problem.accept("No snapshot of " + entry.name(), "Cannot create " + file.getParent() + ": " + e.getMessage());
            return;
        }
        l.vm.submit(new VmCommand.TakeSnapshot(file, name)).thenAccept(r -> Platform.runLater(() -> {
            if (r instanceof VmResult.SnapshotTaken t) {
                saved.accept(t.info());
            } else if (r instanceof VmResult.NotAllowed n) {
                problem.accept("No snapshot of " + entry.name(), n.reason());
            } else if (r instanceof VmResult.Failed f) {
                problem.accept("No snapshot of " + entry.name(), f.message());
            } else {
                problem.accept("No snapshot of " + entry.name(), "unexpected answer " + r);
            }
        }));
    }

    private static final java.time.format.DateTimeFormatter SNAPSHOT_NAME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /**
     * The counters of a started VM for the manager's sparklines (a volatile read of what its thread
     * published), or null when it is not running or paused.
     */
    public VmActivity.Sample sample(UUID id, long nowNanos) {
        Live l = live.get(id);
        if (l == null) {
            return null;
        }
        VmState.Kind k = l.vm.state().kind();
        if (k != VmState.Kind.RUNNING && k != VmState.Kind.PAUSED) {
            return null;
        }
        VmOutputs.Counters c = l.vm.outputs().counters();
        return new VmActivity.Sample(nowNanos, c.instructions(), c.vmmTraps(), c.hostCpuNanos());
    }

    private void submit(VmEntry entry, VmCommand c) {
        Live l = live.get(entry.definition().id());
        if (l != null) {
            l.vm.submit(c).thenAccept(r -> {
                if (r instanceof VmResult.NotAllowed n) {
                    Platform.runLater(() -> problem.accept("Not possible now", n.reason()));
                } else if (r instanceof VmResult.Failed f) {
                    Platform.runLater(() -> problem.accept("Failed", f.message()));
                }
            });
        }
    }

    /** Opens (or brings to front) the VM window of a started VM. */
    public void openWindow(UUID id) {
        Live l = live.get(id);
        if (l == null) {
            return;
        }
        if (l.window == null) {
            l.window = new VmWindow(new Stage(), l.session, env);
        }
        l.window.show();
        l.window.stage().toFront();
    }

    /** The window of a started VM, if it was opened. */
    public Optional<VmWindow> window(UUID id) {
        Live l = live.get(id);
        return l == null ? Optional.empty() : Optional.ofNullable(l.window);
    }

    /** The running VM of a definition, if it was started. */
    public Optional<VirtualMachine> vm(UUID id) {
        Live l = live.get(id);
        return l == null ? Optional.empty() : Optional.of(l.vm);
    }

    private static void closeWindow(Live l) {
        if (l.window != null) {
            l.window.stage().close();
            l.window = null;
        }
    }

    /** Forces every VM off and ends its thread (the application is quitting). */
    public void shutdown() {
        for (Live l : live.values()) {
            closeWindow(l);
            l.vm.close();
        }
        live.clear();
    }

    private Optional<VmConfig> configOf(VmDefinition d) {
        TemplateCatalog catalog;
        try {
            catalog = env.templates().load();
        } catch (Exception e) {
            problem.accept("Cannot run " + d.name(), "The VM templates cannot be loaded: " + e.getMessage());
            return Optional.empty();
        }
        Optional<Template> t = catalog.find(d.templateId());
        if (t.isEmpty()) {
            problem.accept("Cannot run " + d.name(), catalog.errorFor(d.templateId()).map(Throwable::getMessage)
                    .orElse("There is no template \"" + d.templateId() + "\" in " + catalog.directory()));
            return Optional.empty();
        }
        return Optional.of(new VmConfig(d.id().toString(), d.name(), t.get().bootSpec(), d.memoryMiB(), d.technique()));
    }
}
