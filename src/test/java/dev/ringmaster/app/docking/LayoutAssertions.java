package dev.ringmaster.app.docking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;

/** Comparing layouts whose divider positions come from arithmetic or from a laid-out window. */
public final class LayoutAssertions {
    private LayoutAssertions() {
    }

    /** Equal shapes, panes, selection and fixedness; divider positions within {@code tolerance}. */
    public static void assertSameLayout(LayoutNode expected, LayoutNode actual, double tolerance) {
        if (expected == null || actual == null) {
            assertSame(expected, actual);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), () -> expected + "\nvs\n" + actual);
        assertEquals(expected.fixed(), actual.fixed(), () -> "fixed of " + expected + "\nvs\n" + actual);
        if (expected instanceof Tabs) {
            assertEquals(expected, actual);
            return;
        }
        Split e = (Split) expected;
        Split a = (Split) actual;
        assertEquals(e.orientation(), a.orientation());
        assertEquals(e.children().size(), a.children().size(), () -> expected + "\nvs\n" + actual);
        for (int i = 0; i < e.dividers().size(); i++) {
            assertEquals(e.dividers().get(i), a.dividers().get(i), tolerance, "divider " + i + " of " + actual);
        }
        for (int i = 0; i < e.children().size(); i++) {
            assertSameLayout(e.children().get(i), a.children().get(i), tolerance);
        }
    }
}
