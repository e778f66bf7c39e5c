package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void rmxRunsTheScriptedSessionToTheGoldenTranscript() throws Exception {
        Qemu.Run run = Qemu.boot(GuestTranscripts.template("rmx"), "", GuestTranscripts.input(), TIMEOUT_SECONDS);
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
        Qemu.Run run = Qemu.boot(GuestTranscripts.template("hello-metal"), "exit", "", 60);
        assertEquals(GuestTranscripts.HELLO_METAL_BANNER, run.serial().replace("\r\n", "\n"), "hello-metal's serial output");
        assertEquals(1, run.exitCode(), "hello-metal with \"exit\" powers off through port 0x501 (exit code 1)");
    }
}
