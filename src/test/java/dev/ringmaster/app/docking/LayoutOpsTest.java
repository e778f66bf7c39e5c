package dev.ringmaster.app.docking;

import static dev.ringmaster.app.docking.PaneIds.DETAILS;
import static dev.ringmaster.app.docking.PaneIds.EVENT_LOG;
import static dev.ringmaster.app.docking.PaneIds.VM_LIST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.app.docking.LayoutNode.Orientation;
import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LayoutOpsTest {
    private static final DockLayout HOME = DefaultLayouts.manager();

    static void assertSameLayout(LayoutNode expected, LayoutNode actual) {
        LayoutAssertions.assertSameLayout(expected, actual, 1e-9);
    }

    @Test
    void removingAPaneGivesItsSpaceToItsNeighbourAndUnwrapsLoneChildren() {
        Split three = new Split(Orientation.HORIZONTAL, List.of(0.2, 0.7),
                List.of(new Tabs("a"), new Tabs("b"), new Tabs("c")), true);
        assertSameLayout(new Split(Orientation.HORIZONTAL, List.of(0.7), List.of(new Tabs("a"), new Tabs("c")), true),
                LayoutOps.retainPanes(three, id -> !id.equals("b")));
        assertSameLayout(new Split(Orientation.HORIZONTAL, List.of(0.7), List.of(new Tabs("b"), new Tabs("c")), true),
                LayoutOps.retainPanes(three, id -> !id.equals("a")));
        assertSameLayout(new Tabs("c").withFixed(true), LayoutOps.retainPanes(three, "c"::equals));
        assertNull(LayoutOps.retainPanes(three, id -> false));
    }

    @Test
    void removingTheSelectedPaneOfAGroupSelectsTheFirst() {
        Tabs group = new Tabs(List.of("a", "b", "c"), "b", false);
        assertEquals(new Tabs(List.of("a", "c"), null, false), LayoutOps.retainPanes(group, id -> !id.equals("b")));
        assertEquals(new Tabs(List.of("b", "c"), "b", false), LayoutOps.retainPanes(group, id -> !id.equals("a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {VM_LIST, DETAILS, EVENT_LOG})
    void aClosedPaneReopensWhereTheDefaultLayoutHasIt(String pane) {
        DockLayout closed = LayoutOps.retainPanes(HOME, id -> !id.equals(pane));
        assertEquals(2, closed.panes().size());
        assertSameLayout(HOME.root(), LayoutOps.withPaneOpened(closed, HOME, pane).root());
    }

    @Test
    void panesReopenedOneByOneFromNothingRebuildTheDefault() {
        DockLayout layout = DockLayout.EMPTY;
        layout = LayoutOps.withPaneOpened(layout, HOME, DETAILS);
        assertEquals(new Tabs(DETAILS), layout.root());
        layout = LayoutOps.withPaneOpened(layout, HOME, VM_LIST);
        layout = LayoutOps.withPaneOpened(layout, HOME, EVENT_LOG);
        assertSameLayout(HOME.root(), layout.root());
    }

    @Test
    void aPaneWhoseHomeGroupIsOpenJoinsItSelected() {
        DockLayout home = DockLayout.of(new Split(Orientation.HORIZONTAL, List.of(0.5),
                List.of(new Tabs("a", "b"), new Tabs("c"))));
        DockLayout closed = LayoutOps.retainPanes(home, id -> !id.equals("a"));
        DockLayout reopened = LayoutOps.withPaneOpened(closed, home, "a");
        assertEquals(new Tabs(List.of("b", "a"), "a", false), ((Split) reopened.root()).children().get(0));
    }

    @Test
    void aPaneThatIsAlreadyOpenChangesNothing() {
        assertSame(HOME, LayoutOps.withPaneOpened(HOME, HOME, DETAILS));
    }

    @Test
    void aPaneWithoutAHomeGoesBesideEverything() {
        DockLayout opened = LayoutOps.withPaneOpened(HOME, HOME, "registers");
        Split root = assertInstanceOf(Split.class, opened.root());
        assertEquals(Orientation.VERTICAL, root.orientation());
        assertEquals(new Tabs("registers"), root.children().get(2));
        assertEquals(LayoutOps.DEFAULT_SHARE, root.share(2), 1e-9);
        assertEquals(0.72 * (1 - LayoutOps.DEFAULT_SHARE), root.share(0), 1e-9);
    }

    @Test
    void aPaneIsPutInsideAnExistingSplitRunningTheRightWay() {
        // Details was moved under the event log's split: [vm-list | details] lost, only vertical left.
        DockLayout current = DockLayout.of(new Split(Orientation.HORIZONTAL, List.of(0.5),
                List.of(new Tabs(DETAILS), new Tabs(EVENT_LOG))));
        DockLayout opened = LayoutOps.withPaneOpened(current, HOME, VM_LIST);
        Split root = assertInstanceOf(Split.class, opened.root());
        assertEquals(List.of(VM_LIST, DETAILS, EVENT_LOG), root.panes());
        assertEquals(0.5 * 0.68, root.share(0), 1e-9);
        assertEquals(0.5 * 0.32, root.share(1), 1e-9);
        assertEquals(0.5, root.share(2), 1e-9);
    }

    @Test
    void movingAPaneIntoAnotherGroup() {
        DockLayout moved = LayoutOps.withPaneMovedTo(HOME, EVENT_LOG, DETAILS);
        assertSameLayout(new Split(Orientation.HORIZONTAL, List.of(0.68),
                List.of(new Tabs(VM_LIST), new Tabs(List.of(DETAILS, EVENT_LOG), EVENT_LOG, true))),
                moved.root());
        assertThrows(IllegalArgumentException.class, () -> LayoutOps.withPaneMovedTo(HOME, DETAILS, DETAILS));
        assertThrows(IllegalArgumentException.class, () -> LayoutOps.withPaneMovedTo(HOME, "nope", DETAILS));
    }

    @Test
    void sharesFromSplitPanePositionsAreClampedAndOrdered() {
        assertEquals(List.of(0.3, 0.0, 0.7), LayoutOps.sharesFromPositions(new double[] {0.3, 0.2}));
        assertEquals(List.of(1.0, 0.0), LayoutOps.sharesFromPositions(new double[] {1.4}));
        assertEquals(List.of(1.0), LayoutOps.sharesFromPositions(new double[0]));
    }
}
