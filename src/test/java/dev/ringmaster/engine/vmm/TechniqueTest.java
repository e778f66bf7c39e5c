package dev.ringmaster.engine.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TechniqueTest {
    @Test
    void identifiersAreTheSixOfDesignSection4InOrder() {
        assertEquals(List.of("native", "trap", "bt", "pv", "hw", "container"),
                Arrays.stream(Technique.values()).map(Technique::id).toList());
        assertEquals("native, trap, bt, pv, hw, container", Technique.knownIds());
    }

    @Test
    void parsesItsOwnIdsAndNothingElse() {
        for (Technique t : Technique.values()) {
            assertEquals(t, Technique.fromId(t.id()));
            assertEquals(t.id(), t.toString());
        }
        assertTrue(Technique.find("vmx").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Technique.fromId("vmx"));
        assertEquals("unknown technique \"vmx\" (known: native, trap, bt, pv, hw, container)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Technique.fromId("HW"));
        assertEquals("unknown technique \"HW\" (known: native, trap, bt, pv, hw, container); identifiers are lower case: \"hw\"",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Technique.fromId(null));
    }

    @Test
    void eachHasADisplayNameAndTwoSentences() {
        for (Technique t : Technique.values()) {
            assertFalse(t.displayName().isBlank());
            String[] sentences = t.description().split("(?<=\\.) ");
            assertEquals(2, sentences.length, t + ": " + t.description());
            assertTrue(t.description().endsWith("."), t.description());
        }
        assertEquals("Binary translation", Technique.BT.displayName());
    }

    @Test
    void whereTheGuestKernelRunsAndWhetherThereIsAVmm() {
        assertEquals(0, Technique.NATIVE.guestKernelRing());
        assertEquals(1, Technique.TRAP.guestKernelRing());
        assertEquals(1, Technique.BT.guestKernelRing());
        assertEquals(1, Technique.PV.guestKernelRing());
        assertEquals(0, Technique.HW.guestKernelRing());
        assertEquals(0, Technique.CONTAINER.guestKernelRing());
        assertFalse(Technique.NATIVE.hasVmm());
        assertFalse(Technique.CONTAINER.hasVmm());
        assertTrue(Technique.TRAP.hasVmm() && Technique.BT.hasVmm() && Technique.PV.hasVmm() && Technique.HW.hasVmm());
    }
}
