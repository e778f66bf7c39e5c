package dev.ringmaster.template;

import dev.ringmaster.engine.vmm.Technique;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one template file, {@code vm-templates/<id>.json} (format: TEAM.md and
 * {@code package-info}). Strict: unknown fields, nulls, wrong types, missing required fields, an
 * unknown boot kind, fields that do not belong to the boot kind, images that are missing, not
 * regular readable files or outside {@code vm-templates/images/}, memory outside 1–512 MiB, and
 * empty, unknown or duplicated techniques each give one {@link ConfigFileException} naming the
 * file and the field.
 */
public final class TemplateLoader {
    /** Template ids (file name stems): they appear in definitions and on the command line. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The folder, beside the template files, that image paths are relative to. */
    public static final String IMAGES_DIR = "images";

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_CMDLINE = 4096;

    /** The file as Jackson binds it; every field is optional here and checked below. */
    record TemplateJson(String name, String description, String boot, String kernel, List<String> modules,
            String cmdline, String rom, Long memoryMiB, List<String> techniques) {
    }

    private TemplateLoader() {
    }

    /** The template id a file name stands for, if it is a well-formed {@code <id>.json}. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /**
     * Loads and validates {@code file}; its images are looked up in {@code images/} beside it.
     *
     * @throws ConfigFileException the first problem found, naming the file and the field
     * @throws IOException         when the file itself cannot be read
     */
    public static Template load(Path file) throws IOException, ConfigFileException {
        String id = idOf(file);
        if (!file.getFileName().toString().endsWith(".json") || !ID.matcher(id).matches()) {
            throw ConfigFileException.file(file, "the file name must be <id>.json, where the template id is 1 to 64 "
                    + "letters, digits, '.', '_' or '-' starting with a letter or digit");
        }
        StrictJson.Parsed<TemplateJson> parsed = StrictJson.read(file, TemplateJson.class);
        try {
            return validate(id, file, parsed.value());
        } catch (InvalidFieldException e) {
            throw parsed.error(e);
        }
    }

    private static Template validate(String id, Path file, TemplateJson json) {
        String name = Fields.line("name", json.name(), MAX_NAME);
        String description = Fields.line("description", json.description(), MAX_DESCRIPTION);
        String bootKind = Fields.required("boot", json.boot());
        Path images = imagesDir(file);
        Template.Boot boot = switch (bootKind) {
            case "multiboot" -> {
                notWith("rom", json.rom(), bootKind);
                Template.GuestImage kernel = image(images, "kernel", Fields.required("kernel", json.kernel()));
                List<Template.GuestImage> modules = new ArrayList<>();
                List<String> rawModules = StrictJson.listOrEmpty(json.modules());
                for (int i = 0; i < rawModules.size(); i++) {
                    modules.add(image(images, "modules[" + i + "]", rawModules.get(i)));
                }
                String cmdline = json.cmdline() == null ? "" : Fields.text("cmdline", json.cmdline(), MAX_CMDLINE, false);
                yield new Template.Multiboot(kernel, modules, cmdline);
            }
            case "rom" -> {
                notWith("kernel", json.kernel(), bootKind);
                notWith("modules", json.modules(), bootKind);
                notWith("cmdline", json.cmdline(), bootKind);
                yield new Template.Rom(image(images, "rom", Fields.required("rom", json.rom())));
            }
            default -> throw new InvalidFieldException("boot", "unknown boot kind \"" + bootKind + "\" (known: multiboot, rom)");
        };
        int memory = (int) Fields.range("memoryMiB", json.memoryMiB(), Template.MIN_MEMORY_MIB, Template.MAX_MEMORY_MIB, " MiB");
        Set<Technique> techniques = techniques("techniques", json.techniques());
        return new Template(id, file, name, description, boot, memory, techniques);
    }

    /** {@code vm-templates/images/} for a template file in {@code vm-templates/}. */
    public static Path imagesDir(Path templateFile) {
        Path dir = templateFile.toAbsolutePath().normalize().getParent();
        return dir.resolve(IMAGES_DIR);
    }

    private static void notWith(String field, Object value, String bootKind) {
        if (value != null) {
            throw new InvalidFieldException(field, "is not used with boot \"" + bootKind + "\"; remove it");
        }
    }

    /** A non-empty list of known techniques without duplicates. */
    static Set<Technique> techniques(String field, List<String> ids) {
        Fields.required(field, ids);
        if (ids.isEmpty()) {
            throw new InvalidFieldException(field, "must list at least one technique (" + Technique.knownIds() + ")");
        }
        Set<Technique> out = EnumSet.noneOf(Technique.class);
        for (int i = 0; i < ids.size(); i++) {
            String entry = field + "[" + i + "]";
            Technique t = Technique.find(ids.get(i)).orElse(null);
            if (t == null) {
                throw new InvalidFieldException(entry, Technique.unknownMessage(ids.get(i)));
            }
            if (!out.add(t)) {
                throw new InvalidFieldException(entry, "\"" + t.id() + "\" is listed twice");
            }
        }
        return out;
    }

    /**
     * Resolves an image path written in the template: relative, '/'-separated, without '..', inside
     * {@code images/}, naming an existing regular readable file.
     */
    static Template.GuestImage image(Path imagesDir, String field, String relative) {
        if (relative.isEmpty()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
        Fields.text(field, relative, 1024, false);
        if (relative.contains("\\")) {
            throw new InvalidFieldException(field, "\"" + relative + "\": use '/' to separate folders, not '\\'");
        }
        if (relative.startsWith("/") || Path.of(relative).isAbsolute()) {
            throw new InvalidFieldException(field, "\"" + relative + "\" is absolute; image paths are relative to " + imagesDir);
        }
        for (String part : relative.split("/", -1)) {
            if (part.equals("..")) {
                throw new InvalidFieldException(field, "\"" + relative + "\" leaves the images folder ('..' is not allowed); "
                        + "image paths are relative to " + imagesDir);
            }
        }
        Path base = imagesDir.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new InvalidFieldException(field, "\"" + relative + "\" does not name a file inside " + base);
        }
        if (!Files.exists(resolved)) {
            throw new InvalidFieldException(field, "image not found: " + resolved);
        }
        if (!Files.isRegularFile(resolved)) {
            throw new InvalidFieldException(field, "image " + resolved + " is not a regular file");
        }
        if (!Files.isReadable(resolved)) {
            throw new InvalidFieldException(field, "image " + resolved + " is not readable");
        }
        return new Template.GuestImage(relative, resolved);
    }
}
