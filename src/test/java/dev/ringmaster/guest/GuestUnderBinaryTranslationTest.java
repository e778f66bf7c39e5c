package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.vmm.shadow.VmmMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 5: the unmodified rmx kernel under binary translation runs the whole scripted session
 * (boot, commands, every workload, crashme's faults, shutdown) to the native transcript. ringcheck's kernel
 * half reports ring 0 with consistent values — every sensitive instruction of the kernel is translated. The
 * one line that differs is ring-3 SGDT: user code runs directly, as in VMware's VMM, so an unprivileged SGDT
 * in user mode shows the VMM's shadow GDT (the "Red Pill" leak of real x86); the test holds it to exactly that.
 */
class GuestUnderBinaryTranslationTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void rmxRunsTheScriptedSessionToTheNativeTranscriptExceptUserModeSgdt() throws Exception {
        Ringmaster.Run run = Ringmaster.boot(tmp, GuestTranscripts.template("rmx"), "", GuestTranscripts.input(), "bt");
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, run.exitCode(),
                "rmx under bt should end the session with shutdown; " + run.describe());
        String[] expected = GuestTranscripts.mask(GuestTranscripts.golden()).split("\n", -1);
        String[] got = GuestTranscripts.mask(run.serial()).split("\n", -1);
        assertEquals(expected.length, got.length, "transcript length; " + run.describe());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            if (!expected[i].equals(got[i])) {
                differences.add((i + 1) + ": " + expected[i].strip() + "  ->  " + got[i].strip());
            }
        }
        assertEquals(2, differences.size(), String.join("\n", differences));
        assertTrue(differences.get(0).contains("SGDT") && differences.get(0).contains("not privileged")
                && differences.get(0).contains(String.format("0x%08x", VmmMemory.LINEAR) + " "),
                "ring-3 SGDT shows the VMM's shadow GDT: " + differences.get(0));
        assertTrue(differences.get(1).contains("verdict") && differences.get(1).contains("1 user-level observation"),
                differences.get(1));
        String kernelHalf = run.serial().substring(run.serial().indexOf("kernel (probed"),
                run.serial().indexOf("user (this program"));
        assertTrue(kernelHalf.contains("RPL 0: ring 0") && !kernelHalf.contains("MISMATCH"), kernelHalf);
    }
}
