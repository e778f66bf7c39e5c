package dev.ringmaster.engine.vmm.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.ringmaster.engine.vmm.shadow.VmmMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The irqstall guest natively and under trap-and-emulate: the POPF lesson, ring-check reads, emulation. */
class TrapAndEmulateTest {
    private static final int RESULTS = 0x6000;
    private static final long BUDGET = 100_000_000;
    private static byte[] image;
    private static int popfAt;
    private static int ticksAt;

    @BeforeAll
    static void build() {
        image = VmmGuests.assemble("irqstall.asm");
        popfAt = VmmGuests.LOAD + VmmGuests.indexOf(image, new byte[] {(byte) 0x9C, (byte) 0xFA, (byte) 0x90,
            (byte) 0x9D}) + 3;
        // "cmp dword [ticks], 6" = 83 3D <ticks> 06
        int cmp = VmmGuests.indexOf(image, new byte[] {(byte) 0x83, 0x3D});
        ticksAt = VmmGuests.le32(image, cmp + 2);
    }

    @Test
    void nativelyTheCriticalSectionIsHarmless() {
        Machine m = VmmGuests.boot(image);
        TechniqueRunner r = TechniqueFactory.create(Technique.NATIVE, m, e -> { });
        RunResult res = r.run(BUDGET);
        assertEquals(RunResult.Kind.DEBUG_EXIT, res.kind(), res.detail());
        assertEquals(0x21, res.exitCode());
        assertTrue(m.memory().read32(ticksAt) >= 6);
        assertEquals(0x08, m.memory().read32(RESULTS) & 0xFFFF, "CS as the kernel sees it natively");
        int gdtBase = m.memory().read32(RESULTS + 6);
        assertTrue(gdtBase >= VmmGuests.LOAD && gdtBase < VmmGuests.LOAD + image.length, "SGDT shows the guest's GDT");
        assertEquals(0, m.memory().read32(RESULTS + 0x1C) & CpuState.IF, "PUSHF after CLI shows IF 0");
    }

    @Test
    void underTrapThePopfStallsTimerDeliveryAndTheVmmNamesIt() {
        Machine m = VmmGuests.boot(image);
        List<TraceEvent> events = new ArrayList<>();
        TrapAndEmulate r = (TrapAndEmulate) TechniqueFactory.create(Technique.TRAP, m, events::add);
        RunResult res = r.run(BUDGET);
        assertEquals(RunResult.Kind.STOPPED, res.kind(), res.detail());
        String where = String.format("%08X", popfAt);
        assertTrue(res.detail().contains("POPFD at " + where), res.detail());
        int ticks = m.memory().read32(ticksAt);
        assertTrue(ticks >= 3 && ticks < 6, "timer ticks stopped after the POPF: " + ticks);
        assertFalse(r.virtualCpu().interruptFlag);
        assertTrue(r.virtualCpu().hasPendingInterrupt());
        assertEquals(popfAt, r.lostInterruptFlagAt());
        assertEquals(1, r.counters().get(Kind.STALLS));
        assertTrue(r.counters().snapshot().sensitiveByAddress().containsKey(popfAt));
        TraceEvent.Trap stall = events.stream().filter(e -> e instanceof TraceEvent.Trap t && t.action().contains("stalled"))
                .map(e -> (TraceEvent.Trap) e).findFirst().orElse(null);
        assertNotNull(stall, "a trace event reports the stall");
        assertEquals(popfAt, stall.eip());
        assertEquals(0x9D, stall.bytes()[0] & 0xFF);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap t && t.eip() == popfAt
                && t.handledBy() == TraceEvent.Handler.GUEST && t.action().contains("IF=1")));
    }

    @Test
    void ringCheckReadsShowRing1AndTheVmmTables() {
        Machine m = VmmGuests.boot(image);
        TechniqueRunner r = TechniqueFactory.create(Technique.TRAP, m, e -> { });
        r.run(BUDGET);
        assertEquals(0x09, m.memory().read32(RESULTS) & 0xFFFF, "MOV r,CS shows RPL 1");
        assertEquals(VmmMemory.LINEAR + VmmMemory.GDT, m.memory().read32(RESULTS + 6), "SGDT shows the host GDT");
        assertEquals(VmmMemory.LINEAR + VmmMemory.IDT, m.memory().read32(RESULTS + 0x0E), "SIDT shows the host IDT");
        assertEquals(0x20, m.memory().read32(RESULTS + 0x18) & 0xFFFF, "STR shows the VMM's TSS selector");
        assertEquals(CpuState.IF, m.memory().read32(RESULTS + 0x1C) & CpuState.IF, "PUSHF shows the real IF");
        assertEquals(0, m.memory().read32(RESULTS + 0x1C) & 0x3000, "PUSHF shows the real IOPL 0");
    }

    @Test
    void privilegedInstructionsAndIoAreEmulated() {
        Machine m = VmmGuests.boot(image);
        List<TraceEvent> events = new ArrayList<>();
        TechniqueRunner r = TechniqueFactory.create(Technique.TRAP, m, events::add);
        r.run(BUDGET);
        var snap = r.counters().snapshot();
        for (String mn : new String[] {"LGDT", "LIDT", "LTR", "CLI", "STI", "HLT", "OUT", "MOV"}) {
            assertTrue(snap.emulatedByMnemonic().getOrDefault(mn, 0L) > 0, mn + " emulated: " + snap.emulatedByMnemonic());
        }
        assertTrue(r.counters().get(Kind.INTERRUPTS_REFLECTED) >= 3);
        assertEquals(0x00000000, r.virtualCpu().cr0 & CpuState.CR0_PG);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Io io && io.port() == 0x43 && io.write()
                && io.value() == 0x34 && io.device().startsWith("pit")), "the PIT programming went through the VMM");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap t && t.handledBy() == TraceEvent.Handler.VMM
                && t.action().startsWith("LGDT")));
        // the guest's own GDT still says DPL 0; the real CS is ring 1
        assertEquals(1, m.cpu().cpl());
    }

    @Test
    void withoutStoppingTheGuestJustSpins() {
        Machine m = VmmGuests.boot(image);
        TrapAndEmulate r = new TrapAndEmulate(m, e -> { }, new TrapOptions(50_000_000L, TrapOptions.StallPolicy.SPIN, true));
        RunResult res = r.run(BUDGET);
        assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, res.kind(), res.detail());
        assertTrue(m.memory().read32(ticksAt) < 6);
        assertNotNull(r.stallReport());
    }

    @Test
    void withoutIretObservationTheFirstInterruptReturnLosesIf() {
        Machine m = VmmGuests.boot(image);
        TrapAndEmulate r = new TrapAndEmulate(m, e -> { }, new TrapOptions(50_000_000L, TrapOptions.StallPolicy.STOP, false));
        RunResult res = r.run(BUDGET);
        assertEquals(RunResult.Kind.STOPPED, res.kind(), res.detail());
        assertEquals(1, m.memory().read32(ticksAt), "only the first tick arrives");
    }
}
