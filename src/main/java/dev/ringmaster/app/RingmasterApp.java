package dev.ringmaster.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: the manager window. */
public final class RingmasterApp extends Application {
    public static void launchGui(String[] args) {
        Application.launch(RingmasterApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Ringmaster");
        stage.setScene(new Scene(new Label("Ringmaster"), 1100, 720));
        stage.show();
    }
}
