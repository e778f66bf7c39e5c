package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The committed guest images, booted from their templates under QEMU (the oracle for guest
 * behaviour): rmx runs the scripted session to the golden transcript and powers off; hello-metal
 * shows its banner and powers off.
 *
 * <p>{@code -Dringmaster.guest.regenerate=true} (src/guest/regen-golden.sh) first writes the
 * transcript of this run as the new golden file.
 */
class GuestBootsUnderQemuTest {
    private static final long TIMEOUT_SECONDS = 180;

    private static Template template(String id) throws IOException {
        TemplateCatalog catalog = TemplateCatalog.load(GuestTranscripts.projectDir().resolve("vm-templates"));
        return catalog.find(id).orElseThrow(() -> new AssertionError("no valid template " + id + " in vm-templates/: "
                + catalog.errorFor(id).map(Exception::getMessage).orElse("the file is missing")));
    }

    @Test
    void rmxRunsTheScriptedSessionToTheGoldenTranscript() throws Exception {
        Qemu.Run run = Qemu.boot(template("rmx"), "", GuestTranscripts.input(), TIMEOUT_SECONDS);
        if (Boolean.getBoolean("ringmaster.guest.regenerate")) {
            Files.writeString(GuestTranscripts.projectDir().resolve(GuestTranscripts.GOLDEN), run.serial(),
                    StandardCharsets.US_ASCII);
        }
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, run.exitCode(),
                "rmx should end the session with shutdown (isa-debug-exit 0 -> exit code 1); last lines:\n"
                        + Qemu.tail(run.serial()) + "\nstderr: " + run.stderr());
        GuestTranscripts.assertMatchesGolden(run.serial(), "QEMU");
    }

    @Test
    void helloMetalShowsItsBannerAndPowersOff() throws Exception {
        Qemu.Run run = Qemu.boot(template("hello-metal"), "exit", "", 60);
        assertEquals("""
                 Hello from bare metal!\s
                No operating system: this is all the code there is.
                32-bit protected mode, paging off, started by a Multiboot loader.
                Writing to the VGA text buffer at 0xB8000 and to COM1 at port 0x3F8.
                Memory: 4 MiB
                Running in ring 0 (CS & 3).
                Powering off through the isa-debug-exit port 0x501.
                """, run.serial().replace("\r\n", "\n"), "hello-metal's serial output");
        assertEquals(1, run.exitCode(), "hello-metal with \"exit\" powers off through port 0x501 (exit code 1)");
    }
}
