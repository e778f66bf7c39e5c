package dev.ringmaster.engine.vmm.bt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.CpuState;
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
 * The btcheck guest (src/test/resources/vmm/btcheck.asm) natively and under binary translation: every
 * result the kernel records is the same, although none of its own instructions ran as they are — and the
 * translation cache shows why (translations, chaining, callouts, an invalidation after self-modifying code,
 * adaptive retranslation of a page-table store).
 */
class BinaryTranslationTest {
    private static final int RESULTS = 0x6000;
    private static final int RESULTS_LENGTH = 0x58;
    private static final long BUDGET = 100_000_000;
    private static byte[] image;

    @BeforeAll
    static void build() {
        image = VmmGuests.assemble("btcheck.asm");
    }

    private record Run(RunResult result, byte[] results, TechniqueRunner runner, List<TraceEvent> events) {
        int word(int offset) {
            return VmmGuests.le32(results, offset);
        }
    }

    private static Run run(Technique t) {
        Machine m = VmmGuests.boot(image);
        List<TraceEvent> events = new ArrayList<>();
        TechniqueRunner r = TechniqueFactory.create(t, m, events::add);
        RunResult res = r.run(BUDGET);
        return new Run(res, m.memory().readBytes(RESULTS, RESULTS_LENGTH), r, events);
    }

    @Test
    void nativelyTheGuestRecordsWhatARing0KernelSees() {
        Run n = run(Technique.NATIVE);
        assertEquals(RunResult.Kind.DEBUG_EXIT, n.result().kind(), n.result().detail());
        assertEquals(0x21, n.result().exitCode());
        assertEquals(0x08, n.word(0) & 0xFFFF, "CS");
        assertEquals(0, n.word(0x1C) & CpuState.IF, "PUSHF after CLI");
        assertEquals(1, n.word(0x24) & 0xFF, "LAR CS succeeded");
        assertEquals(0x08, n.word(0x28) & 0xFFFF, "PUSH CS");
        assertEquals(1, n.word(0x2C), "the timer ticked on after the POPF");
        assertEquals(0x11111111, n.word(0x30));
        assertEquals(0x22222222, n.word(0x34), "the patched immediate");
        assertEquals(0x5A5A, n.word(0x38), "INT 0x30");
        assertEquals(15, n.word(0x3C), "LOOP");
        assertEquals(0x77, n.word(0x40), "CALL EBX");
        assertEquals(55, n.word(0x44), "the remapped page, ten times");
        assertEquals(0x08, n.word(0x4C) & 0xFFFF, "CS in INT 0x30's frame");
        assertEquals(n.word(0x54), n.word(0x50), "#DE's frame holds the DIV's address");
    }

    @Test
    void underBinaryTranslationEveryResultIsTheNativeOne() {
        Run n = run(Technique.NATIVE);
        Run bt = run(Technique.BT);
        assertEquals(RunResult.Kind.DEBUG_EXIT, bt.result().kind(), bt.result().detail());
        assertEquals(0x21, bt.result().exitCode());
        assertArrayEquals(n.results(), bt.results(), () -> "RESULTS differ:\n native " + hex(n.results()) + "\n bt     "
                + hex(bt.results()));
    }

    @Test
    void theCacheTranslatesChainsCallsOutInvalidatesAndRetranslates() {
        Run bt = run(Technique.BT);
        BinaryTranslation vmm = (BinaryTranslation) bt.runner();
        var c = vmm.counters().snapshot();
        TranslationCache.Stats s = vmm.cache().stats();
        assertTrue(c.get(Kind.TRANSLATIONS) > 10, "translations " + c.get(Kind.TRANSLATIONS));
        assertTrue(c.get(Kind.CALLOUTS) > 20, "callouts " + c.get(Kind.CALLOUTS));
        assertTrue(s.chains > 5, "chained exits " + s.chains);
        assertTrue(s.identical > s.callouts, "most kernel instructions are copied as they are");
        assertTrue(s.calloutsByKind.getOrDefault(CalloutKind.FLAGS, 0L) >= 2, "PUSHF/POPF " + s.calloutsByKind);
        assertTrue(c.emulatedByMnemonic().containsKey("LGDT"), c.emulatedByMnemonic().toString());
        List<TraceEvent.TcInvalidation> inval = bt.events().stream().filter(e -> e instanceof TraceEvent.TcInvalidation)
                .map(e -> (TraceEvent.TcInvalidation) e).toList();
        assertTrue(inval.stream().anyMatch(i -> i.reason().contains("guest wrote") && i.blocks() > 0),
                "self-modifying code invalidates: " + inval);
        assertTrue(inval.stream().anyMatch(i -> i.reason().contains("adaptive retranslation")), inval.toString());
        assertTrue(c.get(Kind.TC_INVALIDATIONS) >= 2);
        assertTrue(s.calloutsByKind.getOrDefault(CalloutKind.PAGE_TABLE_WRITE, 0L) >= 1,
                "the page-table store became a callout: " + s.calloutsByKind);
        assertTrue(bt.events().stream().anyMatch(e -> e instanceof TraceEvent.Translation t && t.identical() > 0));
        assertTrue(bt.events().stream().anyMatch(e -> e instanceof TraceEvent.RingTransition r
                && r.cause() == TraceEvent.Cause.CALLOUT), "callouts appear on the ring timeline");
    }

    @Test
    void aBreakpointOnGuestKernelCodeStopsAtItsTranslation() {
        int divAt = VmmGuests.LOAD + VmmGuests.indexOf(image, new byte[] {0x31, (byte) 0xC9, (byte) 0xF7, (byte) 0xF1}) + 2;
        Machine m = VmmGuests.boot(image);
        BinaryTranslation bt = (BinaryTranslation) TechniqueFactory.create(Technique.BT, m, e -> { });
        bt.setBreakpoints(new int[] {divAt});
        RunResult res = bt.run(BUDGET);
        assertEquals(RunResult.Kind.BREAKPOINT, res.kind(), res.detail());
        int at = m.cpu().segment(1).base + m.cpu().eip();
        assertTrue(bt.cache().contains(at), "stopped in the translation cache");
        assertEquals(divAt, bt.guestAddressOf(at), "at the translation of the guest's DIV");
        bt.setBreakpoints(new int[0]);
        RunResult end = bt.run(BUDGET);
        assertEquals(RunResult.Kind.DEBUG_EXIT, end.kind(), end.detail());
        assertArrayEquals(run(Technique.NATIVE).results(), m.memory().readBytes(RESULTS, RESULTS_LENGTH));
    }

    @Test
    void aTranslatedBlockListsGuestAndTranslationSideBySide() {
        Run bt = run(Technique.BT);
        BinaryTranslation vmm = (BinaryTranslation) bt.runner();
        // the remap loop after adaptive retranslation: mov eax, imm (identical), the PTE store (callout), INVLPG
        TranslatedBlock remap = vmm.cache().blocks().stream()
                .filter(b -> b.instructions().stream().anyMatch(i -> i.callout() == CalloutKind.PAGE_TABLE_WRITE))
                .findFirst().orElseThrow(() -> new AssertionError(vmm.cache().blocks().toString()));
        String listing = vmm.cache().listing(remap);
        List<TranslatedInstruction> ins = remap.instructions();
        assertEquals(TranslatedInstruction.Kind.IDENTICAL, ins.get(0).kind(), listing);
        assertTrue(ins.get(0).text().contains("0x3ff003"), listing);
        assertEquals(CalloutKind.PAGE_TABLE_WRITE, ins.get(1).callout(), listing);
        assertEquals(CalloutKind.INVLPG, ins.get(2).callout(), listing);
        assertTrue(listing.contains("[page table write]") && listing.contains("! FFF"), listing);
        assertTrue(listing.contains("vmcall"), "the translation as the disassembler prints it: " + listing);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i += 4) {
            sb.append(String.format("%02X:%08X ", i, VmmGuests.le32(b, i)));
        }
        return sb.toString();
    }
}
