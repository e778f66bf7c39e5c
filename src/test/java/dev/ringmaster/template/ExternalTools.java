package dev.ringmaster.template;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external tools some tests use as oracles (also used by the guest tests in
 * {@code dev.ringmaster.guest}). A missing tool FAILS the test with a message
 * naming the Debian package (CI installs them in .ci/run), it never skips silently.
 */
public final class ExternalTools {
    /** What a finished process did. */
    public record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    /** The tool's absolute path; fails the test when it is not on the PATH. */
    public static Path require(String tool, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return fail(tool + " is not installed but this test needs it: install the Debian package " + debianPackage
                + " (CI installs it in .ci/run)");
    }

    /** Runs a command (stderr merged into the output); fails the test if it does not finish in time. */
    public static Result run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        // Read on another thread so that a chatty tool cannot block on a full pipe.
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("[reading output failed: ").append(e).append(']');
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s; output:\n" + out);
        }
        reader.join(5000);
        return new Result(p.exitValue(), out.toString());
    }
}
