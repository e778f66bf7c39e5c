package dev.ringmaster.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.testsupport.Roms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3/§5: virtual time comes from simulated cycles only, so the same image and input give the
 * same instruction count at every output byte — however the run is cut into slices.
 */
class DeterminismTest {
    private static final byte[] TIMER_GUEST = Roms.assemble(Roms.timerGuest(12));

    /** (instruction count, byte) for every byte the guest writes to COM1, running in slices of {@code slice}. */
    private static List<String> trace(long slice, long cycleSlice) {
        Machine m = new Machine(1 << 20);
        RomLoader.load(m, TIMER_GUEST);
        List<String> out = new ArrayList<>();
        m.devices().com1().setSink(b -> out.add(m.cpu().instructions() + ":" + (char) b));
        RunResult r;
        do {
            r = cycleSlice > 0 ? m.run(slice, m.cpu().cycles() + cycleSlice) : m.run(slice);
        } while (r.kind() == RunResult.Kind.INSTRUCTION_LIMIT || r.kind() == RunResult.Kind.TIME_LIMIT);
        assertEquals(RunResult.Kind.DEBUG_EXIT, r.kind(), r.detail());
        out.add("end:" + r.instructions() + "/" + r.cycles());
        return out;
    }

    @Test
    void sameInstructionCountAtEveryOutputByteWhateverTheSlicing() {
        List<String> whole = trace(Long.MAX_VALUE, 0);
        String text = String.join("", whole.stream().filter(s -> !s.startsWith("end")).map(s -> s.substring(s.indexOf(':') + 1)).toList());
        assertTrue(text.endsWith("END\n") && text.chars().filter(c -> c == 'T').count() == 12, text);
        assertTrue(text.contains(".T") || text.contains("T."), "timer ticks interleave with the main loop's output: " + text);
        assertEquals(whole, trace(1, 0), "one instruction at a time");
        assertEquals(whole, trace(7777, 0), "odd instruction slices");
        assertEquals(whole, trace(Long.MAX_VALUE, 333_333), "time slices (as a paced VM runs)");
    }
}
