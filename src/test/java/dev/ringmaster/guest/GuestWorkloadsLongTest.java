package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.template.Template;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workloads with counts large enough to cross many timer interrupts, context switches and
 * page-table updates in the middle of them, then two background CPU burners competing with the
 * shell: QEMU's and Ringmaster's transcripts must still be equal with the timing figures masked.
 * Long (about a minute on a loaded machine): run with {@code -Plong}.
 *
 * <p>(Not ctxbench with a burner running: every round trip then waits for the burner's whole time
 * slice, 5 ticks, which is right for a plain round-robin scheduler but makes the run long.)
 */
@Tag("long")
class GuestWorkloadsLongTest {
    private static final String INPUT = """
            sysbench 100000
            pfbench 3000
            ptbench 3000
            ctxbench 3000
            iobench 100000
            cpubench 3000
            spin &
            spin &
            ps
            kill %1 %2
            ringcheck
            ls -l /bin
            cat /doc/syscalls.txt /doc/memory.txt
            sleep 1
            shutdown
            """;

    @TempDir
    Path tmp;

    @Test
    void bigWorkloadsGiveTheSameTranscriptUnderQemuAndRingmaster() throws Exception {
        Template rmx = GuestTranscripts.template("rmx");
        Qemu.Run qemu = Qemu.boot(rmx, "", INPUT, 600);
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, qemu.exitCode(), "QEMU: " + Qemu.tail(qemu.serial()));
        String expected = GuestTranscripts.mask(qemu.serial());
        for (String line : new String[] {"sysbench: 100000 getpid calls in {t:*} ticks",
                "pfbench: 3000 page faults on fresh pages in {t:*} ticks", "ptbench: 3000 map/unmap pairs in {t:*} ticks",
                "ctxbench: 3000 round trips (2 context switches each) in {t:*} ticks",
                "iobench: 100000 writes to port 0x80 in {t:*} ticks",
                "cpubench: 3000 primes (the last is 27449) in {t:*} ticks",
                "verdict: the kernel runs in ring 0 and every observation is consistent (native)"}) {
            assertTrue(expected.contains(line + "\r\n"), "QEMU's transcript lacks \"" + line + "\":\n" + expected);
        }
        Ringmaster.Run ringmaster = Ringmaster.boot(tmp, rmx, "", INPUT);
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, ringmaster.exitCode(), "Ringmaster: " + ringmaster.describe());
        assertEquals(expected, GuestTranscripts.mask(ringmaster.serial()),
                "Ringmaster's transcript against QEMU's (timing figures masked)");
    }
}
