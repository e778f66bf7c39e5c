package dev.ringmaster.app;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the manager window with this process's environment
 * ({@link AppEnvironment#fromSystem()}). Started by {@code ./mvnw javafx:run} and by
 * {@code java -jar target/ringmaster.jar} without arguments (through {@link dev.ringmaster.Main}).
 */
public final class RingmasterApp extends Application {
    public static void launchGui(String[] args) {
        Application.launch(RingmasterApp.class, args);
    }

    /** System property: processors the VMs may use together (0: no limit); default all but one. */
    public static final String VM_CORES_PROPERTY = "ringmaster.vmCores";

    @Override
    public void start(Stage stage) {
        limitVmThreads();
        new ManagerWindow(stage, AppEnvironment.fromSystem()).show();
    }

    /**
     * Leaves the windows a processor: the VMs of this process share all but one of the host's
     * processors ({@link dev.ringmaster.engine.vm.HostCpuBudget}), unless {@value #VM_CORES_PROPERTY}
     * says otherwise.
     *
     * @return the budget set, in processors (0: unlimited)
     */
    public static double limitVmThreads() {
        double cores = dev.ringmaster.engine.vm.HostCpuBudget.forDesktop(Runtime.getRuntime().availableProcessors());
        String set = System.getProperty(VM_CORES_PROPERTY);
        if (set != null && !set.isBlank()) {
            try {
                cores = Double.parseDouble(set.trim());
            } catch (NumberFormatException e) {
                System.err.println("ringmaster: " + VM_CORES_PROPERTY + "=" + set + " is not a number; using " + cores);
            }
        }
        dev.ringmaster.engine.vm.HostCpuBudget.shared().setCores(cores);
        return dev.ringmaster.engine.vm.HostCpuBudget.shared().cores();
    }
}
