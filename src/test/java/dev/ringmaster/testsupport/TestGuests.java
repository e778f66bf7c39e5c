package dev.ringmaster.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPU test guests of {@code src/test/guest} (see its README): builds them once per JVM with
 * {@code build.sh} into {@code target/test-guests} and lists what was built. Used by the QEMU
 * differential test and by the disassembler's objdump comparison ({@link #elfFiles()}).
 */
public final class TestGuests {
    /** One guest image: its name, how it boots ({@code kernel} = Multiboot ELF, {@code rom}) and its file. */
    public record Guest(String name, String kind, Path image) {
        public boolean isRom() {
            return kind.equals("rom");
        }
    }

    private static final long BUILD_TIMEOUT_SECONDS = 300;
    private static Path built;

    private TestGuests() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("ringmaster.project.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path guestSources() {
        return projectDir().resolve("src/test/guest");
    }

    /**
     * Builds every guest (once per JVM) and returns the output directory. Throws an
     * {@link IllegalStateException} carrying build.sh's message when the build fails — e.g. when
     * nasm, ld or gcc -m32 are missing.
     */
    public static synchronized Path build() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        Path out = projectDir().resolve("target/test-guests");
        Files.createDirectories(out);
        Path log = out.resolve("build.log");
        Process p = new ProcessBuilder("bash", guestSources().resolve("build.sh").toString(), out.toString())
                .directory(projectDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("src/test/guest/build.sh did not finish in " + BUILD_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("building the CPU test guests failed (src/test/guest/build.sh, exit "
                    + p.exitValue() + "); the tools it needs are nasm, binutils, gcc and gcc-multilib "
                    + "(.ci/run installs them):\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        built = out;
        return out;
    }

    /** Every guest image, in the order of images.txt. */
    public static List<Guest> guests() throws IOException, InterruptedException {
        Path dir = build();
        List<Guest> list = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("images.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                throw new IllegalStateException("malformed line in images.txt: " + line);
            }
            list.add(new Guest(f[0], f[1], dir.resolve(f[2])));
        }
        return list;
    }

    /** Every ELF file the build produced (linked images and objects; their .text is 32-bit code). */
    public static List<Path> elfFiles() throws IOException, InterruptedException {
        Path dir = build();
        List<Path> list = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("elf-files.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                list.add(dir.resolve(line.trim()));
            }
        }
        return list;
    }
}
