package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ringmaster.template.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest images under vm-templates/images/ are what src/guest/build.sh makes from the sources
 * in this commit, byte for byte: the build is reproducible (README: same Debian toolchain), so a
 * difference means someone changed the guest and forgot to rebuild and commit the images.
 */
class GuestImagesUpToDateTest {
    /** The images build.sh writes, relative to its output directory. */
    private static final List<String> IMAGES = List.of("rmx/kernel.elf", "rmx/initrd.img", "hello-metal/kernel.elf");

    @TempDir
    Path out;

    @Test
    void committedImagesAreWhatTheBuildProduces() throws Exception {
        for (String[] tool : new String[][] {{"gcc", "gcc and gcc-multilib"}, {"ld", "binutils"}, {"nasm", "nasm"},
                {"cc", "gcc"}, {"bash", "bash"}}) {
            ExternalTools.require(tool[0], tool[1]);
        }
        Path project = GuestTranscripts.projectDir();
        ExternalTools.Result r = ExternalTools.run(600,
                List.of("bash", project.resolve("src/guest/build.sh").toString(), out.toString()));
        assertEquals(0, r.exitCode(), "src/guest/build.sh failed:\n" + r.output());

        Path committed = project.resolve("vm-templates/images");
        assertEquals(IMAGES, files(out), "the files build.sh produces");
        List<String> stale = new ArrayList<>();
        for (String image : IMAGES) {
            Path c = committed.resolve(image);
            if (!Files.isRegularFile(c)) {
                stale.add("vm-templates/images/" + image + " is missing");
            } else if (!Arrays.equals(Files.readAllBytes(c), Files.readAllBytes(out.resolve(image)))) {
                stale.add("vm-templates/images/" + image + " is stale (" + Files.size(c) + " bytes committed, "
                        + Files.size(out.resolve(image)) + " bytes built)");
            }
        }
        if (!stale.isEmpty()) {
            fail(String.join("\n", stale) + "\nRun src/guest/build.sh and commit vm-templates/images/ (with the toolchain "
                    + "listed in src/guest/README.md; another gcc/binutils/nasm version gives other bytes).");
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted((a, b) -> Integer.compare(IMAGES.indexOf(a), IMAGES.indexOf(b))).toList();
        }
    }
}
