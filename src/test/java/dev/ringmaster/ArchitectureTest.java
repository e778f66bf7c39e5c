package dev.ringmaster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layering rules of DESIGN §1, checked on the sources: the engine and the template layer never
 * import JavaFX or BentoFX (nor the app), and only {@code app/docking} touches BentoFX.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/ringmaster");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED_FX = Pattern.compile("\\b(javafx|software\\.coley)\\.[a-z]");

    private static List<Path> sources(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String violations(Path dir, Pattern forbiddenImport) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path p : sources(dir)) {
            String src = Files.readString(p);
            Matcher m = IMPORT.matcher(src);
            while (m.find()) {
                if (forbiddenImport.matcher(m.group(2)).lookingAt()) {
                    out.append(p).append(": import ").append(m.group(2)).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void engineAndTemplateNeverImportJavaFxBentoOrTheApp() throws IOException {
        Pattern forbidden = Pattern.compile("(javafx\\.|software\\.coley\\.|dev\\.ringmaster\\.app\\b|com\\.sun\\.javafx)");
        String v = violations(MAIN.resolve("engine"), forbidden) + violations(MAIN.resolve("template"), forbidden)
                + violations(MAIN.resolve("cli"), forbidden);
        assertTrue(v.isEmpty(), "engine/template/cli must stay free of JavaFX:\n" + v);
    }

    @Test
    void engineAndTemplateNeverUseFullyQualifiedJavaFx() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path dir : List.of(MAIN.resolve("engine"), MAIN.resolve("template"), MAIN.resolve("cli"))) {
            for (Path p : sources(dir)) {
                String code = Files.readString(p).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                if (QUALIFIED_FX.matcher(code).find()) {
                    out.append(p).append('\n');
                }
            }
        }
        assertTrue(out.isEmpty(), "fully qualified JavaFX/BentoFX use outside app:\n" + out);
    }

    @Test
    void onlyAppDockingTouchesBento() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path p : sources(MAIN)) {
            if (p.startsWith(MAIN.resolve("app/docking"))) {
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(p));
            while (m.find()) {
                if (m.group(2).startsWith("software.coley")) {
                    out.append(p).append(": import ").append(m.group(2)).append('\n');
                }
            }
        }
        assertTrue(out.isEmpty(), "BentoFX used outside app/docking:\n" + out);
    }

    @Test
    void theRuleCatchesAViolation() {
        // The check must be able to fail: a source line importing JavaFX matches the forbidden pattern.
        Pattern forbidden = Pattern.compile("(javafx\\.|software\\.coley\\.)");
        Matcher m = IMPORT.matcher("package x;\nimport javafx.scene.Node;\n");
        assertTrue(m.find() && forbidden.matcher(m.group(2)).lookingAt());
    }
}
