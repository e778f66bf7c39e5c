package dev.ringmaster.template;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The user's VM definitions: one JSON file per VM, {@code <dir>/<id>.json} (format:
 * {@link VmDefinitionCodec}), by default in {@code $XDG_DATA_HOME/ringmaster/vms/} (see
 * {@link DataDirectory}).
 *
 * <ul>
 *   <li>Saves are atomic ({@link AtomicFiles}): a crash never leaves a truncated definition.</li>
 *   <li>A corrupt file is reported ({@link Listing#errors()}, or a {@link ConfigFileException} from
 *       {@link #load}) and never written over: saving a definition whose file exists but cannot be
 *       read as that definition is refused.</li>
 *   <li>Names are unique ignoring case (as in virt-manager, where a name identifies a VM), so that
 *       {@code ringmaster export NAME} is unambiguous.</li>
 * </ul>
 * The methods are synchronized, so one store may be shared by the threads of one process; two
 * processes writing the same directory are not coordinated (the last save of a file wins, whole).
 */
public final class VmDefinitionStore {
    private final Path directory;

    /** What {@link #list()} found: the valid definitions (by name) and one error per unusable file. */
    public record Listing(List<VmDefinition> definitions, List<ConfigFileException> errors) {
        public Listing {
            definitions = List.copyOf(definitions);
            errors = List.copyOf(errors);
        }
    }

    public VmDefinitionStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The store in this user's data directory ({@link DataDirectory#resolve()}/vms). */
    public static VmDefinitionStore openDefault() {
        return new VmDefinitionStore(DataDirectory.vmsDir(DataDirectory.resolve()));
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds (or will hold) the definition with this id. */
    public Path fileOf(UUID id) {
        return directory.resolve(id + ".json");
    }

    /** Every {@code *.json} file in the directory (none when the directory does not exist yet). */
    public synchronized Listing list() throws IOException {
        List<VmDefinition> good = new ArrayList<>();
        List<ConfigFileException> bad = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Listing(good, bad);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, "*.json")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path file : files) {
            try {
                good.add(readChecked(file));
            } catch (ConfigFileException e) {
                bad.add(e);
            } catch (IOException e) {
                bad.add(new ConfigFileException(file, null, 0, 0, "cannot read the file: " + TemplateCatalog.describe(e), e));
            }
        }
        good.sort(Comparator.comparing((VmDefinition d) -> VmDefinition.nameKey(d.name())).thenComparing(VmDefinition::id));
        return new Listing(good, bad);
    }

    /**
     * The definition with this id.
     *
     * @throws NoSuchFileException when there is none
     * @throws ConfigFileException when its file is corrupt (the file is left as it is)
     */
    public synchronized VmDefinition load(UUID id) throws IOException, ConfigFileException {
        return readChecked(fileOf(id));
    }

    /** The valid definition with this name (ignoring case), if any. */
    public synchronized Optional<VmDefinition> findByName(String name) throws IOException {
        String key = VmDefinition.nameKey(name);
        return list().definitions().stream().filter(d -> VmDefinition.nameKey(d.name()).equals(key)).findFirst();
    }

    /**
     * Creates or replaces a definition, atomically, after checking it against its template.
     *
     * @return the definition as saved
     * @throws InvalidFieldException on field "template" when the catalog has no such valid template,
     *                               on "technique" when the template does not allow it, on "name"
     *                               when another VM has that name
     * @throws ConfigFileException   when the definition's file exists but is corrupt (it is not replaced)
     */
    public synchronized VmDefinition save(VmDefinition definition, TemplateCatalog catalog)
            throws IOException, ConfigFileException {
        Objects.requireNonNull(definition, "definition");
        Template template = catalog.find(definition.templateId()).orElseThrow(() -> new InvalidFieldException("template",
                catalog.errorFor(definition.templateId())
                        .map(e -> "template \"" + definition.templateId() + "\" cannot be used: " + e.getMessage())
                        .orElse("no template \"" + definition.templateId() + "\" in " + catalog.directory())));
        VmDefinition.checkAllowed(template, definition.technique());
        return write(definition);
    }

    /**
     * Renames a VM (the template is not consulted: only the name changes).
     *
     * @throws InvalidFieldException on field "name" when the name is invalid or taken
     */
    public synchronized VmDefinition rename(UUID id, String newName) throws IOException, ConfigFileException {
        return write(load(id).withName(newName));
    }

    /**
     * Copies a VM under a new id, named "NAME (clone)", or "NAME (clone 2)", ... when that is taken;
     * same template, technique, memory, options, folder and notes; created now.
     */
    public synchronized VmDefinition clone(UUID id) throws IOException, ConfigFileException {
        VmDefinition original = load(id);
        return write(original.copyAs(cloneName(original.name(), list())));
    }

    static String cloneName(String name, Listing listing) {
        for (int n = 1; ; n++) {
            String suffix = n == 1 ? " (clone)" : " (clone " + n + ")";
            String base = name.length() + suffix.length() > VmDefinition.MAX_NAME
                    ? name.substring(0, VmDefinition.MAX_NAME - suffix.length()).strip()
                    : name;
            String candidate = base + suffix;
            String key = VmDefinition.nameKey(candidate);
            if (listing.definitions().stream().noneMatch(d -> VmDefinition.nameKey(d.name()).equals(key))) {
                return candidate;
            }
        }
    }

    /**
     * Deletes the definition file with this id, valid or not.
     *
     * @return false when there was none
     */
    public synchronized boolean delete(UUID id) throws IOException {
        return Files.deleteIfExists(fileOf(id));
    }

    /**
     * Every folder: those saved by {@link #createFolder} (kept when empty) and those of the valid
     * definitions, each with its parents, sorted; never the top level "".
     *
     * @throws ConfigFileException when the folder file is corrupt
     */
    public synchronized SortedSet<String> folders() throws IOException, ConfigFileException {
        SortedSet<String> out = new TreeSet<>();
        for (String f : VmFolderFile.read(directory)) {
            addWithParents(out, f);
        }
        for (VmDefinition d : list().definitions()) {
            addWithParents(out, d.folder());
        }
        return out;
    }

    private static void addWithParents(Set<String> out, String folder) {
        for (int i = folder.indexOf('/'); i >= 0; i = folder.indexOf('/', i + 1)) {
            out.add(folder.substring(0, i));
        }
        if (!folder.isEmpty()) {
            out.add(folder);
        }
    }

    /**
     * Creates a folder (and its parents), saved even while it holds no VM.
     *
     * @throws InvalidFieldException on field "folder" when the path is invalid, the top level, or exists
     */
    public synchronized String createFolder(String folder) throws IOException, ConfigFileException {
        VmDefinition.checkFolder(folder);
        if (folder.isEmpty()) {
            throw new InvalidFieldException("folder", "the top level always exists; give the new folder a name");
        }
        if (folders().contains(folder)) {
            throw new InvalidFieldException("folder", "a folder \"" + folder + "\" already exists");
        }
        SortedSet<String> saved = VmFolderFile.read(directory);
        saved.add(folder);
        VmFolderFile.write(directory, saved);
        return folder;
    }

    /**
     * Renames (or moves) a folder with its subfolders and the VMs in them: {@code Labs} to
     * {@code Courses} turns {@code Labs/Week 1} into {@code Courses/Week 1}. Each definition is
     * rewritten atomically, one file after another; the folder file last.
     *
     * @return the definitions that were rewritten
     * @throws InvalidFieldException on field "folder" when either path is invalid, {@code from} does
     *                               not exist, {@code to} exists, or {@code to} is inside {@code from}
     */
    public synchronized List<VmDefinition> renameFolder(String from, String to) throws IOException, ConfigFileException {
        VmDefinition.checkFolder(from);
        VmDefinition.checkFolder(to);
        if (from.isEmpty() || to.isEmpty()) {
            throw new InvalidFieldException("folder", "the top level cannot be renamed, nor a folder renamed to it");
        }
        SortedSet<String> all = folders();
        if (!all.contains(from)) {
            throw new InvalidFieldException("folder", "there is no folder \"" + from + "\"");
        }
        if (from.equals(to)) {
            return List.of();
        }
        if (all.contains(to)) {
            throw new InvalidFieldException("folder", "a folder \"" + to + "\" already exists");
        }
        if (isWithin(to, from)) {
            throw new InvalidFieldException("folder", "cannot move \"" + from + "\" into itself (\"" + to + "\")");
        }
        List<VmDefinition> moved = new ArrayList<>();
        for (VmDefinition d : list().definitions()) {
            if (isWithin(d.folder(), from)) {
                moved.add(write(d.withFolder(to + d.folder().substring(from.length()))));
            }
        }
        SortedSet<String> saved = new TreeSet<>();
        for (String f : VmFolderFile.read(directory)) {
            saved.add(isWithin(f, from) ? to + f.substring(from.length()) : f);
        }
        saved.add(to);
        VmFolderFile.write(directory, saved);
        return moved;
    }

    /** True when {@code folder} is {@code parent} or one of its subfolders. */
    static boolean isWithin(String folder, String parent) {
        return folder.equals(parent) || folder.startsWith(parent + "/");
    }

    /**
     * Moves a VM to another folder ("" for the top level); the folder it leaves stays (saved), as in
     * a file manager, so that moving the last VM out does not make its folder disappear.
     *
     * @throws InvalidFieldException on field "folder" when the path is invalid
     */
    public synchronized VmDefinition moveToFolder(UUID id, String folder) throws IOException, ConfigFileException {
        VmDefinition.checkFolder(folder);
        VmDefinition before = load(id);
        if (before.folder().equals(folder)) {
            return before;
        }
        SortedSet<String> saved = VmFolderFile.read(directory);
        VmDefinition after = write(before.withFolder(folder));
        boolean changed = false;
        for (String f : new String[] {before.folder(), folder}) {
            changed |= !f.isEmpty() && saved.add(f);
        }
        if (changed) {
            VmFolderFile.write(directory, saved);
        }
        return after;
    }

    /**
     * Deletes an empty folder and its (empty) subfolders.
     *
     * @throws InvalidFieldException on field "folder" when it does not exist or still holds a VM
     */
    public synchronized void deleteFolder(String folder) throws IOException, ConfigFileException {
        VmDefinition.checkFolder(folder);
        if (folder.isEmpty() || !folders().contains(folder)) {
            throw new InvalidFieldException("folder", "there is no folder \"" + folder + "\"");
        }
        long vms = list().definitions().stream().filter(d -> isWithin(d.folder(), folder)).count();
        if (vms > 0) {
            throw new InvalidFieldException("folder", "\"" + folder + "\" still holds " + vms
                    + (vms == 1 ? " virtual machine" : " virtual machines") + "; move or delete them first");
        }
        SortedSet<String> saved = VmFolderFile.read(directory);
        saved.removeIf(f -> isWithin(f, folder));
        VmFolderFile.write(directory, saved);
    }

    private VmDefinition write(VmDefinition d) throws IOException, ConfigFileException {
        String key = VmDefinition.nameKey(d.name());
        for (VmDefinition other : list().definitions()) {
            if (!other.id().equals(d.id()) && VmDefinition.nameKey(other.name()).equals(key)) {
                throw new InvalidFieldException("name", "a VM named \"" + other.name() + "\" already exists");
            }
        }
        Path file = fileOf(d.id());
        if (Files.exists(file)) {
            try {
                readChecked(file);
            } catch (ConfigFileException e) {
                throw new ConfigFileException(file, null, 0, 0, "refusing to replace a definition file that cannot "
                        + "be read (" + e.getMessage() + "); move it away or delete the VM first", e);
            }
        }
        AtomicFiles.write(file, VmDefinitionCodec.toJson(d));
        return d;
    }

    /** Reads a file of this store: valid definition, and its id is its file name. */
    private VmDefinition readChecked(Path file) throws IOException, ConfigFileException {
        String stem = TemplateLoader.idOf(file);
        UUID expected;
        try {
            expected = UUID.fromString(stem);
        } catch (IllegalArgumentException e) {
            expected = null;
        }
        if (expected == null || !expected.toString().equalsIgnoreCase(stem)) {
            throw ConfigFileException.file(file, "not a VM definition file name: definitions are named <id>.json "
                    + "after their UUID");
        }
        return VmDefinitionCodec.read(file, expected);
    }
}
