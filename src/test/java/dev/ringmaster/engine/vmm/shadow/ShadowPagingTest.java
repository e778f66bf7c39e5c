package dev.ringmaster.engine.vmm.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import dev.ringmaster.engine.vmm.VmmGuests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paging guest natively and under trap-and-emulate's shadow page tables: the guest must see the
 * same faults (CR2, error codes), the same A/D bits and the same memory, natively being the oracle.
 */
class ShadowPagingTest {
    private static final int RESULTS = 0x6000;
    private static byte[] image;

    @BeforeAll
    static void build() {
        image = VmmGuests.assemble("paging.asm");
    }

    private static int[] run(Technique t, List<TraceEvent> events, TechniqueRunner[] out) {
        Machine m = VmmGuests.boot(image);
        TechniqueRunner r = TechniqueFactory.create(t, m, events::add);
        out[0] = r;
        RunResult res = r.run(1_000_000);
        assertEquals(RunResult.Kind.DEBUG_EXIT, res.kind(), t + ": " + res.detail());
        assertEquals(0x21, res.exitCode());
        int[] v = new int[8];
        for (int i = 0; i < 8; i++) {
            v[i] = m.memory().read32(RESULTS + 4 * i);
        }
        return v;
    }

    @Test
    void theGuestSeesExactlyWhatItSeesNatively() {
        TechniqueRunner[] r = new TechniqueRunner[1];
        int[] nat = run(Technique.NATIVE, new ArrayList<>(), r);
        // the oracle itself, checked against the SDM
        assertEquals(0x400000, nat[0], "CR2 of the first fault");
        assertEquals(0, nat[1], "not present, read, supervisor");
        assertEquals(0x11111111, nat[7], "the page the handler mapped");
        assertEquals(0x300000 | 0x3 | 0x20 | 0x40, nat[3], "PTE with A and D after the write");
        assertEquals(0x22222222, nat[2], "the PTE rewritten with MOV + INVLPG takes effect");
        assertEquals(0x401000, nat[4]);
        assertEquals(3, nat[5], "present, write, supervisor (CR0.WP)");
        assertEquals(2, nat[6]);
        List<TraceEvent> events = new ArrayList<>();
        int[] trap = run(Technique.TRAP, events, r);
        for (int i = 0; i < 8; i++) {
            assertEquals(nat[i], trap[i], String.format("result +%X under trap", i * 4));
        }
        var c = r[0].counters();
        assertEquals(2, c.get(Kind.GUEST_PAGE_FAULTS), "exactly the guest's own faults are reflected");
        assertTrue(c.get(Kind.SHADOW_FILLS) > 0);
        assertTrue(c.get(Kind.SHADOW_UPDATES) >= 2, "the PTE stores to the protected page table were seen");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap t && t.handledBy() == TraceEvent.Handler.VMM
                && t.action().contains("page-table write [00202000] <- 00301003")), "the MOV to the PTE was performed by the VMM");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.ShadowUpdate s && s.linearAddress() == 0x400000));
    }

    @Test
    void theVmmWindowIsHiddenFromTheGuest() {
        byte[] hidden = VmmGuests.assemble("hidden.asm");
        Machine nm = VmmGuests.boot(hidden);
        RunResult nat = TechniqueFactory.create(Technique.NATIVE, nm, e -> { }).run(100_000);
        assertEquals(0x41, nat.exitCode(), "natively the top of the address space is just empty: " + nat.detail());
        Machine tm = VmmGuests.boot(hidden);
        TechniqueRunner r = TechniqueFactory.create(Technique.TRAP, tm, e -> { });
        int gdtWord = tm.memory().read32(VmmMemory.BASE);
        RunResult trap = r.run(100_000);
        assertEquals(0x21, trap.exitCode(), "under the VMM the guest's own #GP handler ran: " + trap.detail());
        assertEquals(gdtWord, tm.memory().read32(VmmMemory.BASE), "the VMM's memory was not written");
        assertEquals(1, r.counters().snapshot().reflectedByVector()[13]);
    }

    @Test
    void truncatedSegmentsKeepTheGuestOutOfTheVmmWindow() {
        assertEquals(VmmMemory.LINEAR - 1, RingCompression.truncatedLimit(0, 0xFFFFFFFF));
        assertEquals(0xFFFF, RingCompression.truncatedLimit(0, 0xFFFF));
        long d = RingCompression.compress(0x0000FFFF, 0x00CF9A00);
        int hi = (int) (d >>> 32);
        assertEquals(1, (hi >> 13) & 3, "DPL 0 raised to 1");
        int limitPages = ((hi & 0xF0000) | ((int) d & 0xFFFF));
        assertEquals((VmmMemory.LINEAR >>> 12) - 1, limitPages, "limit cut below the VMM window (4 KiB units)");
        long user = RingCompression.compress(0x0000FFFF, 0x00CFFA00);
        assertEquals(3, ((int) (user >>> 32) >> 13) & 3, "DPL 3 unchanged");
    }
}
