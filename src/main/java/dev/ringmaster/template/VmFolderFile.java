package dev.ringmaster.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The folders the user created in the manager, kept in {@code <vms dir>/.folders.json} so that an
 * empty folder survives a restart (a VM's own folder is stored in its definition). The name starts
 * with '.', so {@link VmDefinitionStore#list()} does not take it for a definition. Written
 * atomically; a corrupt file is reported and never written over.
 *
 * <pre>{ "formatVersion" : 1, "folders" : [ "Labs", "Labs/Week 1" ] }</pre>
 */
final class VmFolderFile {
    static final String FILE_NAME = ".folders.json";
    static final int FORMAT_VERSION = 1;

    /** The JSON shape. */
    record Json(Integer formatVersion, List<String> folders) {
    }

    private VmFolderFile() {
    }

    static Path fileIn(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /** The folders saved in {@code directory} (none when the file does not exist). */
    static SortedSet<String> read(Path directory) throws IOException, ConfigFileException {
        Path file = fileIn(directory);
        SortedSet<String> out = new TreeSet<>();
        if (!Files.exists(file)) {
            return out;
        }
        StrictJson.Parsed<Json> parsed = StrictJson.read(file, Json.class);
        Json json = parsed.value();
        if (json.formatVersion() == null || json.formatVersion() != FORMAT_VERSION) {
            throw ConfigFileException.field(file, "formatVersion", "must be " + FORMAT_VERSION);
        }
        if (json.folders() == null) {
            throw ConfigFileException.field(file, "folders", "is required (a list of folder paths)");
        }
        for (String f : json.folders()) {
            try {
                out.add(VmDefinition.checkFolder(f));
            } catch (InvalidFieldException e) {
                throw parsed.error(e);
            }
        }
        out.remove("");
        return out;
    }

    /** Replaces the saved folders, atomically. */
    static void write(Path directory, SortedSet<String> folders) throws IOException {
        Files.createDirectories(directory);
        AtomicFiles.write(fileIn(directory), StrictJson.write(new Json(FORMAT_VERSION, List.copyOf(folders))));
    }
}
