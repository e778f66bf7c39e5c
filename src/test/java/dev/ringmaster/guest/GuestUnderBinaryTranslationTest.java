package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 5: the unmodified rmx kernel under binary translation runs the whole scripted session (boot,
 * commands, every workload, crashme's faults, shutdown) to exactly the native transcript (the golden file QEMU
 * and native Ringmaster are held to; timing figures masked). ringcheck reports ring 0 with consistent values:
 * every sensitive instruction of the kernel is translated, and the ones its user code runs directly (SGDT, SIDT,
 * SLDT, STR, SMSW) trap through CR4.UMIP and get the guest's values.
 */
class GuestUnderBinaryTranslationTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void rmxRunsTheScriptedSessionToTheNativeTranscript() throws Exception {
        Ringmaster.Run run = Ringmaster.boot(tmp, GuestTranscripts.template("rmx"), "", GuestTranscripts.input(), "bt");
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, run.exitCode(),
                "rmx under bt should end the session with shutdown; " + run.describe());
        GuestTranscripts.assertMatchesGolden(run.serial(), "Ringmaster under binary translation");
        assertTrue(run.serial().contains("every observation is consistent"), run.describe());
    }
}
