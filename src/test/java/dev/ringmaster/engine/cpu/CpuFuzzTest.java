package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.CpuFuzzer.Mode;
import dev.ringmaster.engine.cpu.CpuFuzzer.Tally;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: a malformed instruction stream never throws a host exception ({@link CpuFuzzer}, also run
 * for longer by {@code ringmaster fuzz}). Bounded here; {@code -Plong} runs the long version.
 */
class CpuFuzzTest {
    private final CpuFuzzer fuzzer = new CpuFuzzer();

    private Tally fuzz(int trialsPerMode, long baseSeed) {
        Tally t = new Tally();
        for (Mode m : Mode.values()) {
            for (int i = 0; i < trialsPerMode; i++) {
                t.add(fuzzer.trial(m, baseSeed + i));
            }
        }
        return t;
    }

    private static void assertClean(Tally t) {
        assertTrue(t.hostExceptions().isEmpty(), () -> t.hostExceptions().size() + " host exceptions, first: "
                + t.hostExceptions().get(0).describe());
        Map<String, Long> o = t.outcomes();
        assertTrue(o.getOrDefault(CpuFuzzer.SHUTDOWN, 0L) < t.trials(), "every trial shut down: the setup is broken " + o);
        assertTrue(o.containsKey("exception #UD") && o.containsKey("exception #GP") && o.size() >= 5,
                "random code raises a variety of exceptions: " + o);
    }

    @Test
    void randomBytesInEveryModeNeverThrowOnTheHost() {
        Tally t = fuzz(100, 0x5EED);
        assertEquals(400, t.trials());
        assertClean(t);
    }

    @Test
    void aTrialDependsOnlyOnItsSeedAndMode() {
        CpuFuzzer.Trial a = fuzzer.trial(Mode.PM32, 42);
        fuzz(5, 1000); // other trials in between leave nothing behind
        CpuFuzzer.Trial b = fuzzer.trial(Mode.PM32, 42);
        CpuFuzzer.Trial c = new CpuFuzzer().trial(Mode.PM32, 42);
        assertArrayEquals(a.code(), b.code());
        assertEquals(a.outcome() + " after " + a.instructions(), b.outcome() + " after " + b.instructions());
        assertEquals(a.outcome() + " after " + a.instructions(), c.outcome() + " after " + c.instructions());
        assertArrayEquals(a.code(), fuzzer.trial(Mode.REAL, 42).code());
        assertEquals(CpuFuzzer.CODE_BYTES, a.code().length);
    }

    @Test
    void userModeCannotRunPrivilegedCodeAndPm16RunsTheRandomBytes() {
        // Find seeds whose first byte is HLT (F4): at CPL 3 that is #GP(0), at CPL 0 in pm16 a plain HLT.
        long seed = 0;
        while ((fuzzer.trial(Mode.PM32, seed).code()[0] & 0xFF) != 0xF4) {
            seed++;
        }
        assertEquals("exception #GP", fuzzer.trial(Mode.USER, seed).outcome());
        assertEquals(CpuFuzzer.HLT, fuzzer.trial(Mode.PM16, seed).outcome());
        assertEquals(CpuFuzzer.HLT, fuzzer.trial(Mode.REAL, seed).outcome());
    }

    @Test
    void aHostExceptionIsReportedWithSeedAndBytes() {
        long seed = 0;
        while (!fuzzer.trial(Mode.PM32, seed).outcome().startsWith("exception")) {
            seed++;
        }
        CpuFuzzer.Trial t = fuzzer.trial(Mode.PM32, seed, cpu -> cpu.setHooks(new CpuHooks() {
            @Override
            public void delivered(Cpu c, int vector, int errorCode, EventKind kind) {
                throw new IllegalStateException("planted");
            }

            @Override
            public Action beforeInstruction(Cpu c, Instruction insn) {
                throw new IllegalStateException("planted");
            }
        }));
        CpuFuzzer.Trial clean = fuzzer.trial(Mode.PM32, seed);
        assertEquals(CpuFuzzer.HOST_EXCEPTION, t.outcome());
        assertNotNull(t.hostException());
        String d = t.describe();
        assertTrue(d.contains("seed " + seed) && d.contains(HexFormat.of().formatHex(clean.code())) && d.contains("planted"), d);
        Tally tally = new Tally();
        tally.add(t);
        tally.add(clean);
        assertEquals(1, tally.hostExceptions().size());
        assertEquals(2, tally.trials());
    }

    @Test
    @Tag("long")
    void randomBytesInEveryModeLong() {
        assertClean(fuzz(20_000, System.nanoTime()));
    }
}
