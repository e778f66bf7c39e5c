package dev.ringmaster.app;

import dev.ringmaster.app.prefs.Theme;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.util.StringConverter;

/** The manager window's dialogs: Edit ▸ Preferences… and Help ▸ About Ringmaster. */
final class Dialogs {
    private Dialogs() {
    }

    /** The preferences: the theme, applied (and saved) on OK. */
    static void preferences(ManagerWindow window) {
        Dialog<Theme> dialog = new Dialog<>();
        dialog.setTitle("Preferences");
        dialog.setHeaderText("Ringmaster preferences");
        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.setId("preferencesTheme");
        theme.getItems().setAll(Theme.values());
        theme.setValue(window.themeProperty().get());
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme t) {
                return t == null ? "" : t.displayName();
            }

            @Override
            public Theme fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, new Label("Theme:"), theme);
        grid.addRow(1, new Label("Settings are saved in:"), new Label(window.environment().configDir().toString()));
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("preferencesDialog");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? theme.getValue() : null);
        prepare(dialog, window);
        dialog.showAndWait().ifPresent(t -> window.themeProperty().set(t));
    }

    /** What Ringmaster is, its version, where it keeps its files. */
    static void about(ManagerWindow window) {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.setTitle("About Ringmaster");
        about.setHeaderText("Ringmaster " + version());
        about.setContentText("A virtual machine manager whose hypervisor runs inside the application: a simulated "
                + "IA-32 PC and a VMM that runs a guest natively, by trap-and-emulate, by binary translation, by "
                + "paravirtualization, with hardware assistance or as containers, and shows what each technique does."
                + "\n\nSettings: " + window.environment().configDir()
                + "\nVirtual machines: " + window.environment().dataDir());
        about.getDialogPane().setId("aboutDialog");
        prepare(about, window);
        about.showAndWait();
    }

    /** The jar's Implementation-Version, or "(development build)" when run from classes. */
    static String version() {
        String v = Dialogs.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static void prepare(Dialog<?> dialog, ManagerWindow window) {
        dialog.initOwner(window.stage());
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setResizable(true);
        dialog.getDialogPane().getStylesheets().setAll(ManagerWindow.stylesheets(window.themeProperty().get()));
    }
}
