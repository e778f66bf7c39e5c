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

    @Override
    public void start(Stage stage) {
        new ManagerWindow(stage, AppEnvironment.fromSystem()).show();
    }
}
