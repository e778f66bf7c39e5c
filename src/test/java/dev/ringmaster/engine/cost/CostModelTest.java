package dev.ringmaster.engine.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.template.VmDefinition;
import org.junit.jupiter.api.Test;

/** The presets' ids and published numbers, and the calibration against Adams and Agesen. */
class CostModelTest {
    private final CostModel p4 = CostPresets.p4Vt2006();
    private final CostModel modern = CostPresets.modern();

    @Test
    void defaultPresetIsTheOneVmDefinitionsUse() {
        assertEquals(VmDefinition.Options.DEFAULT_COST_PRESET, CostPresets.DEFAULT_ID);
        assertEquals("modern", CostPresets.byId(VmDefinition.Options.DEFAULT_COST_PRESET).orElseThrow().id());
        assertEquals(CostModel.Era.FIRST_GENERATION_VT, CostPresets.byId("p4-vt1-2006").orElseThrow().era());
        assertEquals(CostModel.Era.MODERN, modern.era());
        assertTrue(CostPresets.byId("nehalem").isEmpty());
        assertEquals(java.util.List.of("modern", "p4-vt1-2006"), CostPresets.ids());
    }

    @Test
    void pentium4PresetHasThePublishedFigures() {
        assertEquals(3_800_000_000L, p4.clockHz());
        // Adams & Agesen, ASPLOS 2006, Table 1 (P4 672) and §6.3.
        assertEquals(1931, p4.cost(CostEvent.VM_EXIT));
        assertEquals(2409, p4.cost(CostEvent.VM_ENTRY));
        assertEquals(178, p4.cost(CostEvent.VMCS_READ));
        assertEquals(171, p4.cost(CostEvent.VMCS_WRITE));
        assertEquals(3209, p4.cost(CostEvent.INSN_PORT_IO));
        assertEquals(35, p4.cost(CostEvent.BT_INLINE_EMULATION));
        assertEquals(Source.Basis.PUBLISHED, p4.source(CostEvent.VM_EXIT).basis());
        assertEquals(Reference.AA06, p4.source(CostEvent.VM_EXIT).reference());
        assertEquals("Table 1", p4.source(CostEvent.VM_EXIT).where());
    }

    @Test
    void modernPresetHasCheapExits() {
        assertEquals(531, modern.cost(CostEvent.VM_EXIT));
        assertEquals(Reference.HSSV17, modern.source(CostEvent.VM_EXIT).reference());
        assertTrue(modern.cost(CostEvent.VM_EXIT) * 3 < p4.cost(CostEvent.VM_EXIT), "exits got >3x cheaper since 2005");
        assertTrue(modern.cost(CostEvent.VM_ENTRY) < p4.cost(CostEvent.VM_ENTRY));
    }

    @Test
    void everyCostOfEveryPresetHasASource() {
        for (CostModel m : CostPresets.all()) {
            for (CostEvent e : CostEvent.values()) {
                Source s = m.source(e);
                assertNotNull(s, m.id() + " " + e);
                if (s.basis() != Source.Basis.ESTIMATE) {
                    assertNotNull(s.reference(), m.id() + " " + e + " is " + s.basis() + " but names no publication");
                    assertTrue(!s.where().isBlank(), m.id() + " " + e + " names no table or section");
                }
                assertTrue(m.cost(e) >= 0);
            }
        }
    }

    @Test
    void presetsReproduceThePublishedComparisons() {
        for (CostModel m : CostPresets.all()) {
            for (Calibration.Result r : Calibration.check(m)) {
                assertTrue(r.passed(), m.id() + ": " + r);
            }
            assertTrue(Calibration.passes(m));
        }
    }

    @Test
    void calibrationNoticesABrokenPreset() {
        CostModel cheapExits = p4.withCost(CostEvent.VM_EXIT, 10, Source.estimate("wrong on purpose"))
                .withCost(CostEvent.VM_ENTRY, 10, Source.estimate("wrong on purpose"));
        assertTrue(!Calibration.passes(cheapExits), "10-cycle VM exits and entries cannot reproduce the 2006 figures");
        assertEquals(10, cheapExits.cost(CostEvent.VM_EXIT));
        CostModel slowCallouts = p4.withCost(CostEvent.CALLOUT, 5000, Source.estimate("wrong on purpose"));
        assertTrue(!Calibration.passes(slowCallouts), "5000-cycle callouts cannot reproduce syscall and divzero");
        assertEquals(1931, p4.cost(CostEvent.VM_EXIT), "withCost leaves the original alone");
    }

    @Test
    void builderRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> CostModel.builder("Modern", "x"));
        assertThrows(IllegalStateException.class,
                () -> CostModel.builder("x", "x").clockHz(1_000_000, Source.estimate("e")).build());
        assertThrows(IllegalArgumentException.class,
                () -> p4.toBuilder().cost(CostEvent.CALLOUT, -1, Source.estimate("e")));
        assertEquals(p4, p4.toBuilder().build());
    }
}
