package dev.ringmaster.engine.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random instructions (random bytes, biased towards prefix runs, FWAIT and the 0F map),
 * disassembled by objdump and by us: every disagreement is a failure, reported with the bytes, our
 * text and objdump's. The default run is bounded; {@code -Plong} runs a much larger sweep.
 */
class DisassemblerObjdumpRandomTest {
    private static final int[] PREFIXES = {0x66, 0x67, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0xF2, 0xF3, 0xF0, 0x9B};

    @TempDir
    Path dir;

    @Test
    void randomInstructions32() {
        sweep(true, 0x5EED_0032L, 60_000, 0);
    }

    @Test
    void randomInstructions16() {
        sweep(false, 0x5EED_0016L, 60_000, 0xF000);
    }

    @Test
    @Tag("long")
    void manyRandomInstructions() {
        for (int round = 0; round < 10; round++) {
            sweep(true, 0xC0DE_0000L + round, 400_000, 0x10000L * round);
            sweep(false, 0xC0DE_1000L + round, 400_000, 0x1000L * round);
        }
    }

    private void sweep(boolean code32, long seed, int count, long vma) {
        Random rnd = new Random(seed);
        Corpus c = new Corpus(code32, 3000);
        byte[] buf = new byte[16];
        for (int n = 0; n < count; n++) {
            rnd.nextBytes(buf);
            int k = 0;
            if (rnd.nextInt(3) == 0) {
                int prefixes = 1 + rnd.nextInt(4);
                for (int p = 0; p < prefixes; p++) {
                    buf[k++] = (byte) PREFIXES[rnd.nextInt(PREFIXES.length)];
                }
            }
            if (rnd.nextInt(3) == 0) {
                buf[k] = 0x0F;
            }
            c.add(buf.clone());
        }
        ListingComparison cmp = new ListingComparison();
        String label = "random" + (code32 ? "32-" : "16-") + Long.toHexString(seed);
        int extensions = c.verify(cmp, dir, vma, label);
        cmp.assertAgreement(label + " (" + c.size() + " instructions, " + extensions
                + " undefined here but known to objdump as extensions, not compared)");
        assertTrue(cmp.compared() > count / 2, "compared " + cmp.compared());
    }
}
