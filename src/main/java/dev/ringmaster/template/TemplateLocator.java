package dev.ringmaster.template;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Finds the {@code vm-templates/} directory at run time, trying in order:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, when set (then it must exist: no fallback);</li>
 *   <li>{@code vm-templates/} in the working directory ({@code ./mvnw javafx:run} runs in the project root);</li>
 *   <li>next to the application: for {@code target/ringmaster.jar} (or {@code target/classes})
 *       that is {@code ../vm-templates}, i.e. the project root; for an installed jar,
 *       {@code vm-templates/} in the jar's own directory.</li>
 * </ol>
 */
public final class TemplateLocator {
    /** System property naming the templates directory explicitly. */
    public static final String PROPERTY = "ringmaster.templates.dir";
    public static final String DIR_NAME = "vm-templates";

    private TemplateLocator() {
    }

    /** Locates the directory for this process (system properties, working directory, code location). */
    public static Path locate() throws NoSuchFileException {
        return locate(System.getProperties(), Path.of("").toAbsolutePath(), codeLocation().orElse(null));
    }

    /**
     * @param props        system properties to read {@value #PROPERTY} from
     * @param workingDir   the working directory
     * @param codeLocation the jar file or classes directory the application runs from, or null
     * @throws NoSuchFileException with a message listing every place that was tried
     */
    public static Path locate(Properties props, Path workingDir, Path codeLocation) throws NoSuchFileException {
        String explicit = props.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path p = workingDir.resolve(explicit).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            throw new NoSuchFileException(p.toString(), null,
                    "the templates directory set by -D" + PROPERTY + " does not exist or is not a directory");
        }
        Set<Path> tried = new LinkedHashSet<>(candidates(workingDir, codeLocation));
        for (Path p : tried) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        tried.forEach(p -> names.add(p.toString()));
        throw new NoSuchFileException(null, null, "cannot find the " + DIR_NAME + " directory; tried "
                + String.join(", ", names) + "; run Ringmaster from its project directory or set -D" + PROPERTY + "=DIR");
    }

    private static List<Path> candidates(Path workingDir, Path codeLocation) {
        List<Path> out = new ArrayList<>();
        out.add(workingDir.resolve(DIR_NAME).toAbsolutePath().normalize());
        if (codeLocation != null) {
            Path code = codeLocation.toAbsolutePath().normalize();
            Path dir = code.getParent(); // target/ for target/ringmaster.jar and target/classes
            if (dir != null) {
                if (dir.getParent() != null) {
                    out.add(dir.getParent().resolve(DIR_NAME));
                }
                out.add(dir.resolve(DIR_NAME));
            }
        }
        return out;
    }

    /** The jar or classes directory this class was loaded from. */
    static Optional<Path> codeLocation() {
        try {
            CodeSource cs = TemplateLocator.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null || !"file".equals(cs.getLocation().getProtocol())) {
                return Optional.empty();
            }
            return Optional.of(Path.of(cs.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
