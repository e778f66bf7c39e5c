package dev.ringmaster.engine.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.cpu.InstructionClass;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every runner charges its cost ledger: retired instructions, the CPU's own deliveries and returns
 * natively, and every counted VMM event under trap-and-emulate — so that a ledger's total is exactly
 * explained by what was counted, and the difference between the techniques by the VMM's events.
 */
class CostChargingTest {
    private static final int RESULTS = 0x6000;

    private record Run(TechniqueRunner runner, LedgerSnapshot cost, VmmCounters.Snapshot counts, long retired,
                       long[] byClass) {
        /** Cycles of the retired instructions, class by class (REP string instructions per iteration). */
        long instructionCycles(CostModel model) {
            long sum = 0;
            for (InstructionClass c : InstructionClass.values()) {
                sum += byClass[c.ordinal()] * model.cost(CostEvent.valueOf("INSN_" + c.name()));
            }
            return sum;
        }
    }

    private static Run run(String guest, Technique t, CostModel model) {
        Machine m = VmmGuests.boot(VmmGuests.assemble(guest));
        TechniqueRunner r = TechniqueFactory.create(t, m, TraceSink.NONE, model);
        RunResult res = r.run(10_000_000);
        assertEquals(RunResult.Kind.DEBUG_EXIT, res.kind(), t + ": " + res.detail());
        assertEquals(0x21, res.exitCode());
        return new Run(r, r.costSnapshot(), r.counters().snapshot(), m.cpu().instructions(), m.cpu().costEventCounts());
    }

    /** Instructions by class + Σ count × recipe: the whole ledger, to the cycle. */
    private static void assertExplained(Run r, CostModel model) {
        long expected = r.instructionCycles(model) + r.counts.cycles(model);
        assertEquals(expected, r.cost.totalCycles(), r.runner.technique() + ": ledger total = instructions + counted events");
        for (InstructionClass c : InstructionClass.values()) {
            assertEquals(r.byClass[c.ordinal()], r.cost.count(CostEvent.valueOf("INSN_" + c.name())), c.name());
        }
    }

    private static final Set<Kind> CPU_KINDS = EnumSet.of(Kind.CPU_EXCEPTIONS, Kind.CPU_INTERRUPTS,
            Kind.CPU_SOFTWARE_INTERRUPTS, Kind.CPU_RETURNS_OUTWARD);

    @Test
    void nativeChargesInstructionsSystemCallsExceptionsAndReturns() {
        for (CostModel model : CostPresets.all()) {
            Run n = run("syscalls.asm", Technique.NATIVE, model);
            assertEquals(model.id(), n.cost.presetId());
            assertEquals(50, n.counts.get(Kind.CPU_SOFTWARE_INTERRUPTS) - 1, "50 int 0x80 and one int 0x81");
            assertEquals(10, n.counts.get(Kind.CPU_EXCEPTIONS), "10 #DE");
            assertEquals(1 + 50 + 10, n.counts.get(Kind.CPU_RETURNS_OUTWARD), "the first IRET to ring 3 and one per event");
            assertEquals(51 * model.cost(CostEvent.SOFTWARE_INTERRUPT), n.cost.cycles(CostEvent.SOFTWARE_INTERRUPT));
            assertEquals(0, n.counts.get(Kind.TRAPS));
            assertExplained(n, model);
            assertTrue(n.cost.hostNanos() > 0, "host time measured");
        }
    }

    @Test
    void trapCostsMoreAndTheDifferenceIsTheVmmsEvents() {
        CostModel model = CostPresets.p4Vt2006();
        for (String guest : new String[] {"syscalls.asm", "paging.asm"}) {
            Run n = run(guest, Technique.NATIVE, model);
            Run t = run(guest, Technique.TRAP, model);
            assertExplained(n, model);
            assertExplained(t, model);
            // the same guest work: what the CPU retired natively, it retired under the VMM or the VMM emulated
            assertEquals(n.retired, t.retired + t.counts.get(Kind.EMULATED_INSTRUCTIONS), guest + ": instructions");
            assertTrue(t.cost.totalCycles() > n.cost.totalCycles(), guest + ": trap " + t.cost.totalCycles()
                    + " > native " + n.cost.totalCycles());
            long vmm = 0;
            long cpuOwn = 0;
            for (Kind k : Kind.values()) {
                long c = k.recipe().cycles(model);
                vmm += CPU_KINDS.contains(k) ? 0 : t.counts.get(k) * c;
                cpuOwn += CPU_KINDS.contains(k) ? (t.counts.get(k) - n.counts.get(k)) * c : 0;
                if (!CPU_KINDS.contains(k)) {
                    assertEquals(0, n.counts.get(k), "natively nothing reaches a VMM: " + k);
                }
            }
            long insns = t.instructionCycles(model) - n.instructionCycles(model);
            assertEquals(t.cost.totalCycles() - n.cost.totalCycles(), vmm + cpuOwn + insns,
                    guest + ": difference = VMM events - deliveries the VMM took over + instruction difference");
            assertTrue(vmm > 0);
        }
    }

    @Test
    void underTrapSystemCallsAreTrapsAndReflections() {
        CostModel model = CostPresets.modern();
        Run t = run("syscalls.asm", Technique.TRAP, model);
        assertEquals(50, t.runner.machine().memory().read32(RESULTS));
        assertEquals(10, t.runner.machine().memory().read32(RESULTS + 4));
        assertEquals(0, t.counts.get(Kind.CPU_SOFTWARE_INTERRUPTS), "the CPU delivered nothing to the guest itself");
        assertEquals(61, t.counts.get(Kind.EXCEPTIONS_REFLECTED), "51 INT n and 10 #DE reflected");
        assertEquals(1 + 60, t.counts.get(Kind.CPU_RETURNS_OUTWARD), "the guest's IRETs to ring 3 run natively");
        assertTrue(t.counts.get(Kind.TRAPS) >= 61);
        assertEquals(t.counts.get(Kind.TRAPS) * model.cost(CostEvent.TRAP_TO_VMM), t.cost.cycles(CostEvent.TRAP_TO_VMM));
        assertTrue(t.counts.get(Kind.SHADOW_GDT_BUILDS) >= 2, "at take-over and at the guest's LGDT");
        assertEquals(t.counts.get(Kind.SHADOW_GDT_BUILDS), t.cost.count(CostEvent.SHADOW_GDT_BUILD));
    }

    @Test
    void presetsChangeTheFiguresNotTheCounts() {
        Run modern = run("syscalls.asm", Technique.TRAP, CostPresets.modern());
        Run p4 = run("syscalls.asm", Technique.TRAP, CostPresets.p4Vt2006());
        assertEquals(modern.counts.counts(), p4.counts.counts());
        assertNotEquals(modern.cost.totalCycles(), p4.cost.totalCycles());
        assertEquals(CostPresets.modern(), TechniqueFactory.create(Technique.NATIVE,
                VmmGuests.boot(VmmGuests.assemble("syscalls.asm")), TraceSink.NONE).costModel(), "the default preset");
    }

    @Test
    void countingChargesEveryKindsRecipe() {
        CostModel model = CostPresets.p4Vt2006();
        VmmCounters c = new VmmCounters(model);
        c.add(Kind.CALLOUTS);
        c.add(Kind.TRANSLATED_INSTRUCTIONS, 7);
        c.add(Kind.TRANSLATIONS);
        c.add(Kind.TC_INVALIDATIONS, 2);
        assertEquals(model.cost(CostEvent.CALLOUT) + 7 * model.cost(CostEvent.TRANSLATION)
                + model.cost(CostEvent.TRANSLATION_BLOCK) + 2 * model.cost(CostEvent.TC_INVALIDATION), c.ledger().totalCycles());
        assertEquals(c.snapshot().cycles(model), c.ledger().totalCycles());
        c.useCostModel(CostPresets.modern());
        assertEquals(c.snapshot().cycles(CostPresets.modern()), c.ledger().totalCycles(), "re-priced with the new model");
        assertEquals(7, c.ledger().count(CostEvent.TRANSLATION));
        c.useCostModel(model);
        assertThrows(IllegalArgumentException.class, () -> c.add(Kind.CALLOUTS, -1));
        c.add(Kind.STALLS);
        assertEquals(1, c.get(Kind.STALLS));
        assertEquals(c.snapshot().cycles(model), c.ledger().totalCycles(), "a free kind is counted, not charged");
    }
}
