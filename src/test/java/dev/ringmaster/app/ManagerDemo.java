package dev.ringmaster.app;

import dev.ringmaster.app.prefs.ConfigDirectory;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateLocator;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * For looking at the manager (screenshots), not a test: a manager window on a fresh data directory
 * with a few rmx and hello-metal VMs in folders, of which the rmx ones under native, trap-and-emulate
 * and binary translation are started (no VM windows) and, once booted, given a workload on their
 * serial line, so that the sparklines move. Run with the test classpath and the project directory as
 * working directory: {@code java -cp … dev.ringmaster.app.ManagerDemo WORK_DIR [--dark]}.
 */
public final class ManagerDemo {
    private ManagerDemo() {
    }

    private static VmDefinition define(Path vms, String name, String folder, String template, Technique t, int mib)
            throws Exception {
        VmDefinition vm = new VmDefinition(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), name, folder,
                template, t, mib, VmDefinition.Options.DEFAULTS, Instant.parse("2026-11-25T08:00:00Z"), "");
        Files.write(vms.resolve(vm.id() + ".json"), VmDefinitionCodec.toJson(vm));
        return vm;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "target/manager-demo").toAbsolutePath();
        System.setProperty(ConfigDirectory.PROPERTY, work.resolve("config").toString());
        System.setProperty(DataDirectory.PROPERTY, work.resolve("data").toString());
        System.setProperty(TemplateLocator.PROPERTY, Path.of("vm-templates").toAbsolutePath().toString());
        Path vms = Files.createDirectories(DataDirectory.vmsDir(work.resolve("data")));
        List<VmDefinition> running = List.of(
                define(vms, "rmx native", "Classroom", "rmx", Technique.NATIVE, 32),
                define(vms, "rmx trap-and-emulate", "Classroom", "rmx", Technique.TRAP, 32),
                define(vms, "rmx binary translation", "Classroom", "rmx", Technique.BT, 32));
        define(vms, "rmx VT-x", "Classroom", "rmx", Technique.HW, 32);
        define(vms, "hello-metal", "", "hello-metal", Technique.NATIVE, 4);
        define(vms, "hello-metal trap", "Labs/Week 1", "hello-metal", Technique.TRAP, 4);
        Platform.startup(() -> {
            ManagerWindow w = new ManagerWindow(new Stage(), AppEnvironment.fromSystem());
            w.show();
            if (List.of(args).contains("--dark")) {
                w.themeProperty().set(dev.ringmaster.app.prefs.Theme.DARK);
            }
            // Run on the three selected at once (virt-manager's multi-select), then show one in the details
            w.vmList().setSelection(w.vmList().vms().stream()
                    .filter(v -> running.stream().anyMatch(d -> d.id().equals(v.definition().id()))).toList(), null);
            w.perform(dev.ringmaster.app.panes.VmStatus.Action.RUN);
            w.vmList().vms().stream().filter(v -> v.name().equals("rmx trap-and-emulate")).findFirst()
                    .ifPresent(w.vmList()::select);
            // once they are at the shell prompt: a long system-call workload
            new Timeline(new KeyFrame(Duration.seconds(10), ev -> running.forEach(d -> w.runtime().vm(d.id())
                    .ifPresent(vm -> vm.submit(new VmCommand.TypeSerial("sysbench 100000000\n"
                            .getBytes(StandardCharsets.ISO_8859_1))))))).play();
            if (Boolean.getBoolean("demo.debug")) {
                Timeline dbg = new Timeline(new KeyFrame(Duration.seconds(3), ev -> running.forEach(d -> {
                    var a = w.vmList().activity(d.id());
                    var c = w.runtime().vm(d.id()).map(vm -> vm.outputs().counters()).orElse(null);
                    System.out.println(d.name() + " " + w.runtime().status(d.id()) + " " + a.latest() + " n="
                            + a.values(dev.ringmaster.app.panes.VmActivity.Series.MIPS).length + " " + c);
                })));
                dbg.setCycleCount(Timeline.INDEFINITE);
                dbg.play();
            }
        });
    }
}
