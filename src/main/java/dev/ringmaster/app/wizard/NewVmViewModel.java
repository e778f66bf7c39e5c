package dev.ringmaster.app.wizard;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.InvalidFieldException;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.VmDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The New VM wizard's state and rules, without a toolkit: the template, the technique (only those the
 * template allows), memory, name and folder, each page's error ("" when the page is valid) and the
 * summary. The pages bind to it; the wizard may only move on while its page's error is empty.
 */
public final class NewVmViewModel {
    private final ObservableList<Template> templates = FXCollections.observableArrayList();
    private final ObjectProperty<Template> template = new SimpleObjectProperty<>(this, "template");
    private final ObservableList<Technique> techniques = FXCollections.observableArrayList();
    private final ObjectProperty<Technique> technique = new SimpleObjectProperty<>(this, "technique");
    private final StringProperty memory = new SimpleStringProperty(this, "memory", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final Set<String> takenNames;
    private final ObservableList<String> folders = FXCollections.observableArrayList();
    private final StringBinding templateError;
    private final StringBinding techniqueError;
    private final StringBinding memoryError;
    private final StringBinding nameError;
    private final StringBinding summary;

    /**
     * @param templates  the catalog's templates, in display order
     * @param takenNames names of the user's existing VMs (compared case-insensitively)
     */
    public NewVmViewModel(List<Template> templates, Collection<String> takenNames) {
        this(templates, takenNames, List.of());
    }

    /**
     * @param templates       the catalog's templates, in display order
     * @param takenNames      names of the user's existing VMs (compared case-insensitively)
     * @param existingFolders the library's folders (paths such as {@code Labs/Week 1}): the folder picker's choices
     */
    public NewVmViewModel(List<Template> templates, Collection<String> takenNames, Collection<String> existingFolders) {
        this.folders.setAll(existingFolders.stream().filter(f -> !f.isEmpty()).distinct().sorted().toList());
        this.templates.setAll(templates);
        this.takenNames = takenNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        template.addListener((o, old, t) -> {
            techniques.setAll(t == null ? List.of() : List.copyOf(t.techniques()));
            if (t != null) {
                technique.set(t.allows(Technique.NATIVE) ? Technique.NATIVE : techniques.get(0));
                memory.set(Integer.toString(t.memoryMiB()));
                if (name.get().isEmpty() || old != null && name.get().equals(suggestName(old))) {
                    name.set(suggestName(t));
                }
            } else {
                technique.set(null);
            }
        });
        templateError = Bindings.createStringBinding(() -> template.get() == null
                ? (this.templates.isEmpty() ? "There are no templates (vm-templates/ is empty or missing)" : "Choose a template")
                : "", template);
        techniqueError = Bindings.createStringBinding(() -> {
            if (technique.get() == null) {
                return "Choose a technique";
            }
            return template.get() != null && !template.get().allows(technique.get())
                    ? template.get().name() + " cannot run under " + technique.get().displayName() : "";
        }, technique, template);
        memoryError = Bindings.createStringBinding(() -> memoryProblem(memory.get()), memory);
        nameError = Bindings.createStringBinding(() -> nameProblem(name.get(), folder.get()), name, folder);
        summary = Bindings.createStringBinding(this::summaryText, template, technique, memory, name, folder);
        if (!templates.isEmpty()) {
            template.set(templates.get(0));
        }
    }

    private String suggestName(Template t) {
        String base = t.name();
        String candidate = base;
        for (int i = 2; takenNames.contains(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = base + " " + i;
        }
        return candidate;
    }

    static String memoryProblem(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "Enter the memory size in MiB";
        }
        if (!t.chars().allMatch(Character::isDigit) || t.length() > 6) {
            return "Memory must be a whole number of MiB";
        }
        int v = Integer.parseInt(t);
        if (v < Template.MIN_MEMORY_MIB || v > Template.MAX_MEMORY_MIB) {
            return "Memory must be " + Template.MIN_MEMORY_MIB + "–" + Template.MAX_MEMORY_MIB + " MiB";
        }
        return "";
    }

    private String nameProblem(String n, String f) {
        try {
            VmDefinition.checkName(n == null ? "" : n);
            VmDefinition.checkFolder(f == null ? "" : f);
        } catch (InvalidFieldException e) {
            return (e.field().equals("folder") ? "Folder " : "Name ") + e.problem();
        }
        if (takenNames.contains(n.toLowerCase(Locale.ROOT))) {
            return "A virtual machine named \"" + n + "\" already exists";
        }
        return "";
    }

    private String summaryText() {
        Template t = template.get();
        Technique q = technique.get();
        if (t == null || q == null) {
            return "";
        }
        return "Name: " + name.get() + "\n"
                + "Folder: " + (folder.get().isEmpty() ? "(top level)" : folder.get() + (isNewFolder() ? " (new)" : "")) + "\n"
                + "Template: " + t.name() + " (" + t.id() + ")\n"
                + "Boots: " + t.boot().kind() + " — " + t.boot().images().stream().map(Template.GuestImage::relativePath)
                        .collect(Collectors.joining(", ")) + "\n"
                + "Technique: " + q.displayName() + "\n"
                + "Memory: " + memory.get().strip() + " MiB";
    }

    /** The definition the wizard describes; only when every page is valid. */
    public VmDefinition definition() {
        if (!allValid()) {
            throw new IllegalStateException("the wizard is not complete: " + firstError());
        }
        return VmDefinition.create(name.get(), template.get(), technique.get())
                .withMemoryMiB(Integer.parseInt(memory.get().strip()))
                .withFolder(folder.get());
    }

    public boolean allValid() {
        return firstError().isEmpty();
    }

    private String firstError() {
        for (StringBinding b : List.of(templateError, techniqueError, memoryError, nameError)) {
            if (!b.get().isEmpty()) {
                return b.get();
            }
        }
        return "";
    }

    /** Page {@code index} (0 template, 1 technique, 2 memory, 3 name) is invalid. */
    public BooleanBinding pageInvalid(int index) {
        StringBinding e = switch (index) {
            case 0 -> templateError;
            case 1 -> techniqueError;
            case 2 -> memoryError;
            case 3 -> nameError;
            default -> throw new IllegalArgumentException("page " + index);
        };
        return e.isNotEmpty();
    }

    public ObservableList<Template> templates() {
        return templates;
    }

    public ObjectProperty<Template> templateProperty() {
        return template;
    }

    public ObservableList<Technique> techniques() {
        return techniques;
    }

    public ObjectProperty<Technique> techniqueProperty() {
        return technique;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    /** The existing folders the user can pick (sorted); a folder typed that is not among them is created. */
    public ObservableList<String> folders() {
        return folders;
    }

    /** True when the folder typed is not one of the existing folders (and not the top level): saving creates it. */
    public boolean isNewFolder() {
        String f = folder.get() == null ? "" : folder.get().strip();
        return !f.isEmpty() && !folders.contains(f);
    }

    public StringBinding templateError() {
        return templateError;
    }

    public StringBinding techniqueError() {
        return techniqueError;
    }

    public StringBinding memoryError() {
        return memoryError;
    }

    public StringBinding nameError() {
        return nameError;
    }

    public StringBinding summary() {
        return summary;
    }
}
