package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted rmx session (issue 5, item 7): its serial input, its golden transcript, and the one
 * mask that makes transcripts from different machines comparable.
 *
 * <p>rmx prints every figure that depends on time - elapsed ticks, CPU time in {@code ps}, the date
 * - as a marker {@code {t:...}}, and nothing else in its output depends on time (see
 * {@code src/guest/README.md}, "Transcripts"). {@link #mask} replaces exactly those markers; two
 * runs of the same images must then give identical text, byte for byte (CR LF included).
 *
 * <p>Where the transcripts come from:
 * <ul>
 *   <li>QEMU: {@link GuestBootsUnderQemuTest}, which also regenerates the golden file
 *       ({@code src/guest/regen-golden.sh}).</li>
 *   <li>Ringmaster (native): {@link GuestBootsUnderRingmasterTest}, through
 *       {@code ringmaster run --kernel ... --module ... --cmdline ... --input ...}.</li>
 * </ul>
 */
final class GuestTranscripts {
    /** The keys typed on the serial line, all at once, before the guest boots. */
    static final String INPUT = "src/test/resources/guest/rmx-session.input.txt";
    /** What QEMU printed on the serial line for that input (raw: unmasked, CR LF line ends). */
    static final String GOLDEN = "src/test/resources/guest/rmx-session.golden.txt";
    /** A timing figure: "{t:" up to the next "}" on the same line. */
    static final Pattern TIMING = Pattern.compile("\\{t:[^{}\\r\\n]*\\}");
    static final String TIMING_MASK = "{t:*}";
    /** The session ends with "shutdown": value 0 on isa-debug-exit, exit code (0 << 1) | 1. */
    static final int EXPECTED_EXIT_CODE = 1;
    /** What hello-metal prints on COM1 with "exit" on its command line (line ends as LF). */
    static final String HELLO_METAL_BANNER = """
             Hello from bare metal!\s
            No operating system: this is all the code there is.
            32-bit protected mode, paging off, started by a Multiboot loader.
            Writing to the VGA text buffer at 0xB8000 and to COM1 at port 0x3F8.
            Memory: 4 MiB
            Running in ring 0 (CS & 3).
            Powering off through the isa-debug-exit port 0x501.
            """;

    private GuestTranscripts() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("ringmaster.project.dir", "")).toAbsolutePath();
    }

    /** A template of vm-templates/, which must be there and valid. */
    static Template template(String id) throws IOException {
        TemplateCatalog catalog = TemplateCatalog.load(projectDir().resolve("vm-templates"));
        return catalog.find(id).orElseThrow(() -> new AssertionError("no valid template " + id + " in vm-templates/: "
                + catalog.errorFor(id).map(Exception::getMessage).orElse("the file is missing")));
    }

    static String input() throws IOException {
        return Files.readString(projectDir().resolve(INPUT), StandardCharsets.US_ASCII);
    }

    static String golden() throws IOException {
        return Files.readString(projectDir().resolve(GOLDEN), StandardCharsets.US_ASCII);
    }

    /** Replaces every timing figure by {@link #TIMING_MASK}; everything else stays as it is. */
    static String mask(String transcript) {
        return TIMING.matcher(transcript).replaceAll(Matcher.quoteReplacement(TIMING_MASK));
    }

    /**
     * Fails unless {@code actual}, masked, equals the masked golden transcript. The message names
     * the first line that differs; the assertion carries both texts for an IDE's diff view.
     */
    static void assertMatchesGolden(String actual, String where) throws IOException {
        String expected = mask(golden());
        String got = mask(actual);
        if (expected.equals(got)) {
            return;
        }
        String[] e = expected.split("\n", -1);
        String[] g = got.split("\n", -1);
        int line = 0;
        while (line < e.length && line < g.length && e[line].equals(g[line])) {
            line++;
        }
        String message = where + "'s transcript differs from " + GOLDEN + " (timing figures {t:...} masked) at line "
                + (line + 1) + ":\n  expected: " + (line < e.length ? visible(e[line]) : "(end of transcript)")
                + "\n  actual:   " + (line < g.length ? visible(g[line]) : "(end of transcript)")
                + "\nIf the guest changed on purpose, run src/guest/regen-golden.sh and review the diff.";
        assertEquals(expected, got, message);
    }

    private static String visible(String s) {
        return s.replace("\r", "\\r");
    }
}
