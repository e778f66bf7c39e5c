package dev.ringmaster.template;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ringmaster.engine.vmm.Technique;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The JSON form of a {@link VmDefinition} ({@code vms/<id>.json}):
 * <pre>{@code
 * {
 *   "formatVersion" : 1,
 *   "id" : "0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b",
 *   "name" : "rmx under BT",
 *   "folder" : "Labs/Week 1",
 *   "template" : "rmx",
 *   "technique" : "bt",
 *   "memoryMiB" : 32,
 *   "options" : { "enableEpt" : true, "costPreset" : "modern", "cpuHz" : 1000000000 },
 *   "createdAt" : "2025-11-25T09:30:00.123Z",
 *   "notes" : "free text"
 * }
 * }</pre>
 * Required: formatVersion (1), id, name, template, technique, memoryMiB, createdAt. Optional:
 * folder (""), options (and each of its fields: enableEpt true, costPreset "modern", cpuHz absent),
 * notes (""). Unknown fields, nulls and wrong types are errors, as in templates.
 */
public final class VmDefinitionCodec {
    /** The format version this Ringmaster writes and reads. */
    public static final int FORMAT_VERSION = 1;

    @JsonPropertyOrder({"formatVersion", "id", "name", "folder", "template", "technique", "memoryMiB", "options",
            "createdAt", "notes"})
    record DefinitionJson(Long formatVersion, String id, String name, String folder, String template, String technique,
            Long memoryMiB, OptionsJson options, String createdAt, String notes) {
    }

    @JsonPropertyOrder({"enableEpt", "costPreset", "cpuHz"})
    record OptionsJson(Boolean enableEpt, String costPreset, Long cpuHz) {
    }

    private VmDefinitionCodec() {
    }

    /**
     * Reads a definition file.
     *
     * @throws IOException         when it cannot be read ({@link java.nio.file.NoSuchFileException} when absent)
     * @throws ConfigFileException when it is not a valid definition
     */
    public static VmDefinition read(Path file) throws IOException, ConfigFileException {
        return read(file, null);
    }

    /** Reads a definition file whose id must be {@code expectedId} (when not null). */
    static VmDefinition read(Path file, UUID expectedId) throws IOException, ConfigFileException {
        StrictJson.Parsed<DefinitionJson> parsed = StrictJson.read(file, DefinitionJson.class);
        try {
            VmDefinition d = fromJson(parsed.value());
            if (expectedId != null && !d.id().equals(expectedId)) {
                throw new InvalidFieldException("id", "\"" + d.id() + "\" does not match the file name");
            }
            return d;
        } catch (InvalidFieldException e) {
            throw parsed.error(e);
        }
    }

    /** Parses a definition from bytes, attributing errors to {@code file}. */
    static VmDefinition parse(Path file, byte[] bytes) throws ConfigFileException {
        StrictJson.Parsed<DefinitionJson> parsed = new StrictJson.Parsed<>(file, bytes,
                StrictJson.parse(file, bytes, DefinitionJson.class));
        try {
            return fromJson(parsed.value());
        } catch (InvalidFieldException e) {
            throw parsed.error(e);
        }
    }

    /** The file content for a definition: indented UTF-8 JSON. */
    public static byte[] toJson(VmDefinition d) {
        VmDefinition.Options o = d.options();
        OptionsJson options = new OptionsJson(o.enableEpt(), o.costPreset(),
                o.cpuHz().isPresent() ? o.cpuHz().getAsLong() : null);
        return StrictJson.write(new DefinitionJson((long) FORMAT_VERSION, d.id().toString(), d.name(), d.folder(),
                d.templateId(), d.technique().id(), (long) d.memoryMiB(), options, d.createdAt().toString(), d.notes()));
    }

    private static VmDefinition fromJson(DefinitionJson j) {
        long version = Fields.required("formatVersion", j.formatVersion());
        if (version != FORMAT_VERSION) {
            throw new InvalidFieldException("formatVersion", version > FORMAT_VERSION
                    ? "version " + version + " was written by a newer Ringmaster; this one reads version " + FORMAT_VERSION
                    : "unknown version " + version + " (this Ringmaster reads version " + FORMAT_VERSION + ")");
        }
        UUID id = uuid(Fields.required("id", j.id()));
        String name = Fields.required("name", j.name());
        String folder = j.folder() == null ? "" : j.folder();
        String template = Fields.required("template", j.template());
        String techniqueId = Fields.required("technique", j.technique());
        Technique technique = Technique.find(techniqueId)
                .orElseThrow(() -> new InvalidFieldException("technique", Technique.unknownMessage(techniqueId)));
        long memory = Fields.range("memoryMiB", j.memoryMiB(), Template.MIN_MEMORY_MIB, Template.MAX_MEMORY_MIB, " MiB");
        VmDefinition.Options options = options(j.options());
        Instant createdAt = instant(Fields.required("createdAt", j.createdAt()));
        String notes = j.notes() == null ? "" : j.notes();
        return new VmDefinition(id, name, folder, template, technique, (int) memory, options, createdAt, notes);
    }

    private static VmDefinition.Options options(OptionsJson o) {
        if (o == null) {
            return VmDefinition.Options.DEFAULTS;
        }
        return new VmDefinition.Options(
                o.enableEpt() == null ? VmDefinition.Options.DEFAULTS.enableEpt() : o.enableEpt(),
                o.costPreset() == null ? VmDefinition.Options.DEFAULT_COST_PRESET : o.costPreset(),
                o.cpuHz() == null ? OptionalLong.empty() : OptionalLong.of(o.cpuHz()));
    }

    private static UUID uuid(String text) {
        // UUID.fromString accepts forms like "1-2-3-4-5"; insist on the canonical 36-character form.
        if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new InvalidFieldException("id", "\"" + text + "\" is not a UUID like 0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b");
        }
        return UUID.fromString(text);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("createdAt", "\"" + text + "\" is not a UTC time like 2025-01-31T14:05:00Z");
        }
    }
}
