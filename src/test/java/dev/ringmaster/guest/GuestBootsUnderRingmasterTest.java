package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 7, Ringmaster's half: the committed images boot on Ringmaster's own PC (native,
 * {@code ringmaster run --kernel ... --module ... --cmdline ...}, exactly what the templates say) and
 * print the same serial transcript as under QEMU ({@link GuestBootsUnderQemuTest} holds QEMU to the
 * same golden file), timing figures masked and nothing else.
 */
class GuestBootsUnderRingmasterTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void rmxRunsTheScriptedSessionToTheSameTranscriptAsUnderQemu() throws Exception {
        Ringmaster.Run run = Ringmaster.boot(tmp, GuestTranscripts.template("rmx"), "", GuestTranscripts.input());
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, run.exitCode(),
                "rmx should end the session with shutdown (debug exit 0 -> exit code 1); " + run.describe());
        GuestTranscripts.assertMatchesGolden(run.serial(), "Ringmaster");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void helloMetalShowsItsBannerAndPowersOff() throws Exception {
        Ringmaster.Run run = Ringmaster.boot(tmp, GuestTranscripts.template("hello-metal"), "exit", "");
        assertEquals(GuestTranscripts.HELLO_METAL_BANNER, run.serial().replace("\r\n", "\n"),
                "hello-metal's serial output; " + run.describe());
        assertEquals(1, run.exitCode(), "hello-metal with \"exit\" powers off through port 0x501 (exit code 1); "
                + run.describe());
    }

    @Test
    void escapesTheInputForRunsNotation() {
        assertEquals("ls /\\n echo \\\\x \"q\"", Ringmaster.escape("ls /\n echo \\x \"q\""));
        assertEquals("\\x1b[A\\r\\t\\x7f", Ringmaster.escape("\u001b[A\r\t\u007f"));
    }
}
