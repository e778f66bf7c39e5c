package dev.ringmaster.template;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every template in one {@code vm-templates/} directory: the good ones, and one
 * {@link ConfigFileException} for each bad file, so that the GUI can list the good templates and
 * show what is wrong with the others. Immutable; load again to pick up changes.
 */
public final class TemplateCatalog {
    private final Path directory;
    private final List<Template> templates;
    private final List<ConfigFileException> errors;

    private TemplateCatalog(Path directory, List<Template> templates, List<ConfigFileException> errors) {
        this.directory = directory;
        this.templates = List.copyOf(templates);
        this.errors = List.copyOf(errors);
    }

    /**
     * Loads every {@code *.json} file directly in {@code directory} (hidden files, i.e. names
     * starting with '.', are skipped), in file-name order.
     *
     * @throws NoSuchFileException   when the directory does not exist
     * @throws NotDirectoryException when it is not a directory
     * @throws IOException           when it cannot be listed
     */
    public static TemplateCatalog load(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "template directory not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".") && !Files.isDirectory(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Template> good = new ArrayList<>();
        List<ConfigFileException> bad = new ArrayList<>();
        for (Path file : files) {
            try {
                good.add(TemplateLoader.load(file));
            } catch (ConfigFileException e) {
                bad.add(e);
            } catch (IOException e) {
                bad.add(new ConfigFileException(file, null, 0, 0, "cannot read the file: " + describe(e), e));
            }
        }
        return new TemplateCatalog(dir, good, bad);
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The (absolute) directory the catalog was loaded from. */
    public Path directory() {
        return directory;
    }

    /** The valid templates, in id order. */
    public List<Template> templates() {
        return templates;
    }

    /** One error per template file that could not be used, in file-name order. */
    public List<ConfigFileException> errors() {
        return errors;
    }

    /** The valid template with this id. */
    public Optional<Template> find(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The error of the template file with this id, when that file exists but is invalid. */
    public Optional<ConfigFileException> errorFor(String id) {
        return errors.stream().filter(e -> TemplateLoader.idOf(e.file()).equals(id)).findFirst();
    }

    /**
     * The template a file refers to in {@code field}, or an error attributed to that file: the
     * template does not exist, or it exists but is invalid (with its own error in the message).
     */
    public Template resolve(String id, Path referringFile, String field) throws ConfigFileException {
        Optional<Template> t = find(id);
        if (t.isPresent()) {
            return t.get();
        }
        Optional<ConfigFileException> bad = errorFor(id);
        if (bad.isPresent()) {
            throw new ConfigFileException(referringFile, field, 0, 0,
                    "template \"" + id + "\" cannot be used: " + bad.get().getMessage(), bad.get());
        }
        String available = templates.isEmpty() ? "none" : templates.stream().map(Template::id).collect(Collectors.joining(", "));
        throw ConfigFileException.field(referringFile, field,
                "no template \"" + id + "\" in " + directory + " (available: " + available + ")");
    }
}
