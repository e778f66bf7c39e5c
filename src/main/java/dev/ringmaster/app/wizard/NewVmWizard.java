package dev.ringmaster.app.wizard;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.Template;
import java.util.Optional;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The New VM wizard (ControlsFX {@link Wizard}), point and click: template → technique → memory →
 * name, folder and summary. Each page's problems are shown on that page and keep Next/Finish
 * disabled until they are fixed. {@link #showAndWait()} answers the filled-in model when the user
 * finished; saving is the caller's.
 */
public final class NewVmWizard {
    private final NewVmViewModel model;
    private final Wizard wizard;

    public NewVmWizard(Window owner, NewVmViewModel model) {
        this.model = model;
        wizard = new Wizard(owner, "New virtual machine");
        WizardPane[] pages = {templatePage(), techniquePage(), memoryPage(), namePage()};
        for (int i = 0; i < pages.length; i++) {
            int index = i;
            pages[i].setPrefSize(640, 420);
            pages[i].getProperties().put("page", index);
            pages[i].setId("wizardPage" + index);
        }
        wizard.setFlow(new Wizard.LinearFlow(pages));
    }

    /** The model, for tests. */
    public NewVmViewModel model() {
        return model;
    }

    /** Shows the wizard; the model when the user pressed Finish with every page valid. */
    public Optional<NewVmViewModel> showAndWait() {
        Optional<ButtonType> b = wizard.showAndWait();
        return b.isPresent() && b.get() == ButtonType.FINISH && model.allValid() ? Optional.of(model) : Optional.empty();
    }

    private WizardPane page(int index, String header, javafx.scene.Node content, StringBinding error) {
        WizardPane p = new WizardPane() {
            @Override
            public void onEnteringPage(Wizard w) {
                super.onEnteringPage(w);
                w.invalidProperty().bind(model.pageInvalid(index)); // Next/Finish only while this page is valid
            }
        };
        p.setHeaderText(header);
        Label problem = new Label();
        problem.getStyleClass().add("wizard-problem");
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.setWrapText(true);
        problem.textProperty().bind(error);
        problem.setId("wizardProblem");
        VBox box = new VBox(10, content, problem);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        p.setContent(box);
        return p;
    }

    private WizardPane templatePage() {
        ListView<Template> list = new ListView<>(model.templates());
        list.setId("wizardTemplates");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Template t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.name() + "  (" + t.id() + ")");
            }
        });
        list.getSelectionModel().select(model.templateProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, t) -> model.templateProperty().set(t));
        Label description = new Label();
        description.setId("wizardTemplateDescription");
        description.setWrapText(true);
        description.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Template t = model.templateProperty().get();
            return t == null ? "" : t.description() + "\n\nBoots " + t.boot().kind() + "; " + t.memoryMiB()
                    + " MiB by default; techniques: " + String.join(", ", t.techniques().stream().map(Technique::displayName).toList());
        }, model.templateProperty()));
        HBox row = new HBox(12, list, description);
        HBox.setHgrow(description, Priority.ALWAYS);
        list.setPrefWidth(250);
        list.setMinWidth(250);
        description.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        description.setMaxHeight(Double.MAX_VALUE);
        return page(0, "Choose the guest: a template from vm-templates/", row, model.templateError());
    }

    private WizardPane techniquePage() {
        ListView<Technique> list = new ListView<>(model.techniques());
        list.setId("wizardTechniques");
        list.setPrefWidth(190);
        list.setMinWidth(190);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Technique t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.displayName());
            }
        });
        model.techniqueProperty().addListener((o, old, t) -> {
            if (t != null && list.getSelectionModel().getSelectedItem() != t) {
                list.getSelectionModel().select(t);
            }
        });
        list.getSelectionModel().select(model.techniqueProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, t) -> {
            if (t != null) {
                model.techniqueProperty().set(t);
            }
        });
        Label text = new Label();
        text.setId("wizardTechniqueDescription");
        text.setWrapText(true);
        text.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Technique t = model.techniqueProperty().get();
            return t == null ? "" : t.description();
        }, model.techniqueProperty()));
        RingsDiagram rings = new RingsDiagram();
        rings.setId("wizardRings");
        rings.show(model.techniqueProperty().get());
        model.techniqueProperty().addListener((o, old, t) -> rings.show(t));
        VBox right = new VBox(12, text, rings);
        HBox row = new HBox(12, list, right);
        HBox.setHgrow(right, Priority.ALWAYS);
        return page(1, "How should Ringmaster run it? (only the techniques this guest allows)", row, model.techniqueError());
    }

    private WizardPane memoryPage() {
        TextField memory = new TextField();
        memory.setId("wizardMemory");
        memory.textProperty().bindBidirectional(model.memoryProperty());
        memory.setPrefColumnCount(6);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Memory (MiB):"), memory, new Label(Template.MIN_MEMORY_MIB + "–" + Template.MAX_MEMORY_MIB));
        return page(2, "Memory", grid, model.memoryError());
    }

    private WizardPane namePage() {
        TextField name = new TextField();
        name.setId("wizardName");
        name.textProperty().bindBidirectional(model.nameProperty());
        // Pick an existing folder or type a new one (created when the VM is saved).
        ComboBox<String> folder = new ComboBox<>(model.folders());
        folder.setId("wizardFolder");
        folder.setEditable(true);
        folder.setMaxWidth(Double.MAX_VALUE);
        folder.setPromptText("top level; pick a folder or type a new one (/ between folder names)");
        folder.getEditor().setText(model.folderProperty().get());
        folder.getEditor().textProperty().bindBidirectional(model.folderProperty());
        folder.valueProperty().addListener((o, old, picked) -> {
            if (picked != null && !picked.equals(model.folderProperty().get())) {
                model.folderProperty().set(picked);
            }
        });
        GridPane.setHgrow(folder, Priority.ALWAYS);
        TextArea summary = new TextArea();
        summary.setId("wizardSummary");
        summary.setEditable(false);
        summary.setPrefRowCount(7);
        summary.textProperty().bind(model.summary());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name:"), name);
        grid.addRow(1, new Label("Folder:"), folder);
        GridPane.setHgrow(name, Priority.ALWAYS);
        VBox box = new VBox(10, grid, new Label("Summary"), summary);
        return page(3, "Name, folder and summary", box, model.nameError());
    }
}
