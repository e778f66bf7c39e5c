package dev.ringmaster.app;

import dev.ringmaster.app.panes.VmEntry;
import dev.ringmaster.app.panes.VmStatus;
import dev.ringmaster.engine.vm.Speed;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmConfig;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.VmDefinition;
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

    /** Run: start (or restart) a shut-off or crashed VM, resume a paused one; opens its window. */
    public void run(VmEntry entry) {
        VmDefinition d = entry.definition();
        Live l = live.get(d.id());
        if (l != null && l.vm.state().is(VmState.Kind.PAUSED)) {
            l.vm.submit(new VmCommand.Resume());
            openWindow(d.id());
            return;
        }
        if (l != null && l.vm.state().is(VmState.Kind.RUNNING)) {
            openWindow(d.id());
            return;
        }
        Optional<VmConfig> config = configOf(d);
        if (config.isEmpty()) {
            return;
        }
        VirtualMachine vm;
        try {
            vm = new VirtualMachine(config.get());
        } catch (IllegalArgumentException e) {
            problem.accept("Cannot run " + d.name(), e.getMessage() + " — only native runs in this build.");
            return;
        }
        if (l != null) {
            closeWindow(l);
            l.vm.close();
        }
        Live fresh = new Live(vm);
        live.put(d.id(), fresh);
        vm.submit(new VmCommand.SetSpeed(Speed.REAL_TIME));
        vm.submit(new VmCommand.Start()).thenAccept(r -> {
            if (r instanceof VmResult.Failed f) {
                Platform.runLater(() -> problem.accept("Cannot start " + d.name(), f.message()));
            }
        });
        openWindow(d.id());
    }

    public void pause(VmEntry entry) {
        submit(entry, new VmCommand.Pause());
    }

    public void forceOff(VmEntry entry) {
        submit(entry, new VmCommand.ForceOff());
    }

    private void submit(VmEntry entry, VmCommand c) {
        Live l = live.get(entry.definition().id());
        if (l != null) {
            l.vm.submit(c).thenAccept(r -> {
                if (r instanceof VmResult.NotAllowed n) {
                    Platform.runLater(() -> problem.accept("Not possible now", n.reason()));
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
