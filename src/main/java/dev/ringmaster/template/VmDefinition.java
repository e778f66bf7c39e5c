package dev.ringmaster.template;

import dev.ringmaster.engine.vmm.Technique;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A user's virtual machine: which template it boots, under which technique, with how much memory
 * and which options. Stored as one JSON file per VM by {@link VmDefinitionStore}.
 *
 * <p>A definition refers to its template by id and does not copy the template's boot section:
 * images and templates are shipped and rebuilt together, so the definition always boots the
 * current build of its guest, and the images are resolved through the {@link TemplateCatalog}
 * when the VM is started or exported. If the template disappears, the definition still loads (the
 * manager can list it and say why it cannot start) and is left unchanged.
 *
 * <p>The constructor enforces every rule and throws {@link InvalidFieldException} naming the JSON
 * field; rules that need the template (the technique must be allowed) are checked on save.
 *
 * @param id         identity; also the file name ({@code <id>.json})
 * @param name       unique (ignoring case) among the user's VMs; one line, no '/', 1–100 characters
 * @param folder     where the manager shows it: "" for the top level, or names separated by '/'
 *                   such as {@code Labs/Week 1}
 * @param templateId the template's id (its file name without .json)
 * @param technique  how the guest runs
 * @param memoryMiB  guest memory, 1–512 MiB
 * @param options    technique and cost-model options
 * @param createdAt  when the VM was created
 * @param notes      free text, may have several lines
 */
public record VmDefinition(UUID id, String name, String folder, String templateId, Technique technique,
        int memoryMiB, Options options, Instant createdAt, String notes) {

    static final int MAX_NAME = 100;
    static final int MAX_FOLDER = 200;
    static final int MAX_NOTES = 20_000;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public VmDefinition {
        Fields.required("id", id);
        checkName(name);
        checkFolder(folder);
        Fields.required("template", templateId);
        if (!TemplateLoader.ID.matcher(templateId).matches()) {
            throw new InvalidFieldException("template", "\"" + templateId + "\" is not a template id "
                    + "(letters, digits, '.', '_' or '-', as in the template's file name)");
        }
        Fields.required("technique", technique);
        Fields.range("memoryMiB", (long) memoryMiB, Template.MIN_MEMORY_MIB, Template.MAX_MEMORY_MIB, " MiB");
        Fields.required("options", options);
        Fields.required("createdAt", createdAt);
        Fields.text("notes", notes, MAX_NOTES, true);
    }

    /**
     * A new definition from a template: a fresh id, the template's default memory, default options,
     * created now, no notes, at the top level. The technique must be one the template allows.
     */
    public static VmDefinition create(String name, Template template, Technique technique) {
        checkAllowed(template, technique);
        return new VmDefinition(UUID.randomUUID(), name, "", template.id(), technique, template.memoryMiB(),
                Options.DEFAULTS, Instant.now().truncatedTo(ChronoUnit.MILLIS), "");
    }

    /** Throws {@link InvalidFieldException} on field "technique" when the template does not allow it. */
    static void checkAllowed(Template template, Technique technique) {
        if (!template.allows(technique)) {
            throw new InvalidFieldException("technique", "template \"" + template.id() + "\" does not allow \""
                    + technique.id() + "\" (allowed: " + String.join(", ",
                            template.techniques().stream().map(Technique::id).toList()) + ")");
        }
    }

    /** Checks a VM name: 1–100 characters, one line, no '/', no surrounding spaces, not a UUID. */
    public static String checkName(String name) {
        Fields.line("name", name, MAX_NAME);
        if (!name.strip().equals(name)) {
            throw new InvalidFieldException("name", "must not start or end with spaces");
        }
        if (name.indexOf('/') >= 0) {
            throw new InvalidFieldException("name", "must not contain '/' (folders are set separately)");
        }
        if (UUID_TEXT.matcher(name).matches()) {
            throw new InvalidFieldException("name", "must not look like a VM id (UUID)");
        }
        return name;
    }

    /** Checks a folder path: "" or names separated by single '/', each without surrounding spaces. */
    public static String checkFolder(String folder) {
        Fields.text("folder", folder, MAX_FOLDER, false);
        if (folder.isEmpty()) {
            return folder;
        }
        for (String part : folder.split("/", -1)) {
            if (part.isBlank()) {
                throw new InvalidFieldException("folder", "\"" + folder + "\" has an empty folder name "
                        + "(use \"\" for the top level and single '/' between names, none at the ends)");
            }
            if (!part.strip().equals(part)) {
                throw new InvalidFieldException("folder", "folder names must not start or end with spaces: \"" + part + "\"");
            }
        }
        return folder;
    }

    /** The key names are unique under: case folded with {@link Locale#ROOT}. */
    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public VmDefinition withName(String newName) {
        return new VmDefinition(id, newName, folder, templateId, technique, memoryMiB, options, createdAt, notes);
    }

    public VmDefinition withFolder(String newFolder) {
        return new VmDefinition(id, name, newFolder, templateId, technique, memoryMiB, options, createdAt, notes);
    }

    public VmDefinition withTechnique(Technique newTechnique) {
        return new VmDefinition(id, name, folder, templateId, newTechnique, memoryMiB, options, createdAt, notes);
    }

    public VmDefinition withMemoryMiB(int newMemoryMiB) {
        return new VmDefinition(id, name, folder, templateId, technique, newMemoryMiB, options, createdAt, notes);
    }

    public VmDefinition withOptions(Options newOptions) {
        return new VmDefinition(id, name, folder, templateId, technique, memoryMiB, newOptions, createdAt, notes);
    }

    public VmDefinition withNotes(String newNotes) {
        return new VmDefinition(id, name, folder, templateId, technique, memoryMiB, options, createdAt, newNotes);
    }

    /** A copy with a new identity: fresh id, another name, created now; everything else the same. */
    public VmDefinition copyAs(String newName) {
        return new VmDefinition(UUID.randomUUID(), newName, folder, templateId, technique, memoryMiB, options,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), notes);
    }

    /**
     * Options of a VM (JSON object {@code options}).
     *
     * @param enableEpt  hardware-assisted technique: use EPT (false: the VMM keeps shadow page tables);
     *                   stored for every technique, used by {@code hw} only
     * @param costPreset the cost model preset id (DESIGN §5), e.g. {@code modern}; lower-case letters,
     *                   digits and '-'. Not checked against the engine's presets here: the engine
     *                   reports an unknown preset when the VM starts.
     * @param cpuHz      simulated CPU clock in Hz (1 kHz–100 GHz), or empty for the preset's default
     */
    public record Options(boolean enableEpt, String costPreset, OptionalLong cpuHz) {
        // Initialized before DEFAULTS, whose construction uses it.
        private static final Pattern PRESET = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
        public static final String DEFAULT_COST_PRESET = "modern";
        public static final long MIN_CPU_HZ = 1_000L;
        public static final long MAX_CPU_HZ = 100_000_000_000L;
        public static final Options DEFAULTS = new Options(true, DEFAULT_COST_PRESET, OptionalLong.empty());

        public Options {
            Fields.required("options.costPreset", costPreset);
            if (!PRESET.matcher(costPreset).matches()) {
                throw new InvalidFieldException("options.costPreset", "\"" + costPreset + "\" is not a preset id "
                        + "(1 to 32 lower-case letters, digits or '-', e.g. \"" + DEFAULT_COST_PRESET + "\")");
            }
            Objects.requireNonNull(cpuHz, "cpuHz");
            if (cpuHz.isPresent()) {
                Fields.range("options.cpuHz", cpuHz.getAsLong(), MIN_CPU_HZ, MAX_CPU_HZ, " Hz");
            }
        }

        public Options withEnableEpt(boolean value) {
            return new Options(value, costPreset, cpuHz);
        }

        public Options withCostPreset(String value) {
            return new Options(enableEpt, value, cpuHz);
        }

        public Options withCpuHz(OptionalLong value) {
            return new Options(enableEpt, costPreset, value);
        }
    }
}
