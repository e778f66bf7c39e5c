package dev.ringmaster.app.panes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.panes.VmStatus.Action;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.VmDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The VM list and details view models, without a toolkit. */
class VmViewModelsTest {
    static VmDefinition definition(String name, String folder, Technique technique) {
        return new VmDefinition(UUID.nameUUIDFromBytes(name.getBytes()), name, folder, "rmx", technique, 32,
                VmDefinition.Options.DEFAULTS, Instant.parse("2025-11-25T09:30:00Z"), "");
    }

    static VmEntry entry(String name, String folder, Technique technique, VmStatus status) {
        return new VmEntry(definition(name, folder, technique), status, "rmx teaching Unix", null);
    }

    @Test
    void vmsAreSortedByFolderThenNameIgnoringCase() {
        VmListViewModel list = new VmListViewModel();
        list.setVms(List.of(entry("zeta", "", Technique.BT, VmStatus.SHUT_OFF),
                entry("Alpha", "Labs", Technique.HW, VmStatus.SHUT_OFF),
                entry("beta", "", Technique.PV, VmStatus.SHUT_OFF)));
        assertEquals(List.of("beta", "zeta", "Alpha"), list.vms().stream().map(VmEntry::name).toList());
    }

    @Test
    void theSelectionFollowsTheVmAcrossReloadsAndClearsWhenItIsGone() {
        VmListViewModel list = new VmListViewModel();
        list.setVms(List.of(entry("a", "", Technique.BT, VmStatus.SHUT_OFF), entry("b", "", Technique.BT, VmStatus.SHUT_OFF)));
        list.select(list.vms().get(1));
        VmEntry reloaded = entry("b", "", Technique.BT, VmStatus.PAUSED);
        list.setVms(List.of(entry("a", "", Technique.BT, VmStatus.SHUT_OFF), reloaded));
        assertEquals(reloaded, list.selectedProperty().get());
        list.setVms(List.of(entry("a", "", Technique.BT, VmStatus.SHUT_OFF)));
        assertNull(list.selectedProperty().get());
        assertThrows(IllegalArgumentException.class, () -> list.select(reloaded));
    }

    @Test
    void lifecycleActionsNeedASelectionAnAllowingStateAndTheEngine() {
        VmListViewModel list = new VmListViewModel();
        list.setVms(List.of(entry("off", "", Technique.BT, VmStatus.SHUT_OFF),
                entry("on", "", Technique.BT, VmStatus.RUNNING),
                entry("paused", "", Technique.BT, VmStatus.PAUSED)));
        assertFalse(list.canRun().get() || list.canPause().get() || list.canForceOff().get(), "nothing selected");
        assertEquals("Select a virtual machine first", list.actionHint(Action.RUN));

        list.select(list.vms().get(0));
        assertFalse(list.canRun().get(), "no engine in this build: still disabled");
        assertTrue(list.actionHint(Action.RUN).contains("not part of this build"));

        list.engineAvailableProperty().set(true);
        assertTrue(list.canRun().get());
        assertFalse(list.canPause().get());
        assertFalse(list.canForceOff().get());
        assertEquals("Start off", list.actionHint(Action.RUN));
        assertEquals("Not possible while off is shut off", list.actionHint(Action.PAUSE));

        list.select(list.vms().get(1)); // "on" sorts before "paused"
        assertEquals("on", list.selectedProperty().get().name());
        assertFalse(list.canRun().get());
        assertTrue(list.canPause().get());
        assertTrue(list.canForceOff().get());

        list.select(list.vms().get(2));
        assertFalse(list.canRun().get(), "a paused VM is resumed, not run");
        assertTrue(list.can(Action.RESUME).get());
        assertEquals("Resume paused", list.actionHint(Action.RESUME));
        assertFalse(list.canPause().get());
        assertTrue(list.canForceOff().get());

        list.select(null);
        assertFalse(list.canRun().get() || list.canPause().get() || list.canForceOff().get());
    }

    @Test
    void detailsExplainTheEmptyStatesAndDescribeTheSelectedVm() {
        VmListViewModel list = new VmListViewModel();
        DetailsViewModel details = new DetailsViewModel(list, ZoneOffset.UTC);
        assertEquals(DetailsViewModel.NO_VMS, details.emptyMessageProperty().get());
        assertTrue(details.rows().isEmpty());

        VmDefinition hw = new VmDefinition(UUID.randomUUID(), "rmx on VT-x", "Labs/Week 1", "rmx", Technique.HW, 64,
                VmDefinition.Options.DEFAULTS.withEnableEpt(false), Instant.parse("2025-11-25T09:30:00Z"), "try EPT off");
        list.setVms(List.of(new VmEntry(hw, VmStatus.SHUT_OFF, "rmx teaching Unix", null),
                new VmEntry(definition("orphan", "", Technique.TRAP), VmStatus.SHUT_OFF, null, "there is no template \"rmx\"")));
        assertEquals(DetailsViewModel.NO_SELECTION, details.emptyMessageProperty().get());

        list.select(list.vms().stream().filter(v -> v.name().equals("rmx on VT-x")).findFirst().orElseThrow());
        assertEquals("rmx on VT-x", details.titleProperty().get());
        assertEquals("", details.emptyMessageProperty().get());
        assertEquals(List.of(
                new DetailsViewModel.Row("State", "Shut off"),
                new DetailsViewModel.Row("Technique", "Hardware-assisted (hw)"),
                new DetailsViewModel.Row("Guest kernel runs in", "ring 0 of VMX non-root mode"),
                new DetailsViewModel.Row("How it runs", Technique.HW.description()),
                new DetailsViewModel.Row("Template", "rmx teaching Unix (rmx)"),
                new DetailsViewModel.Row("Memory", "64 MiB"),
                new DetailsViewModel.Row("EPT", "off (the VMM keeps shadow page tables)"),
                new DetailsViewModel.Row("Cost model", "modern"),
                new DetailsViewModel.Row("Folder", "Labs/Week 1"),
                new DetailsViewModel.Row("Created", "2025-11-25 09:30"),
                new DetailsViewModel.Row("Notes", "try EPT off")), details.rows());

        list.select(list.vms().stream().filter(v -> v.name().equals("orphan")).findFirst().orElseThrow());
        assertTrue(details.rows().contains(new DetailsViewModel.Row("Template", "rmx — there is no template \"rmx\"")));
        assertTrue(details.rows().contains(new DetailsViewModel.Row("Guest kernel runs in", "ring 1")));

        list.select(null);
        assertEquals("", details.titleProperty().get());
        assertTrue(details.rows().isEmpty());
    }

    @Test
    void theStatesAllowWhatVirtManagerAllows() {
        assertTrue(VmStatus.SHUT_OFF.allows(Action.RUN));
        assertFalse(VmStatus.SHUT_OFF.allows(Action.FORCE_OFF));
        assertFalse(VmStatus.SHUT_OFF.allows(Action.RESET));
        assertFalse(VmStatus.SHUT_OFF.allows(Action.SNAPSHOT));
        assertTrue(VmStatus.CRASHED.allows(Action.RUN));
        assertTrue(VmStatus.CRASHED.allows(Action.FORCE_OFF));
        assertTrue(VmStatus.CRASHED.allows(Action.RESET));
        assertFalse(VmStatus.CRASHED.allows(Action.PAUSE));
        assertFalse(VmStatus.CRASHED.allows(Action.SNAPSHOT), "its machine is not in a state to save");
        assertFalse(VmStatus.RUNNING.allows(Action.RUN));
        assertFalse(VmStatus.RUNNING.allows(Action.RESUME));
        assertTrue(VmStatus.RUNNING.allows(Action.SNAPSHOT));
        assertTrue(VmStatus.PAUSED.allows(Action.RESUME));
        assertFalse(VmStatus.PAUSED.allows(Action.PAUSE));
        assertTrue(VmStatus.PAUSED.allows(Action.SNAPSHOT));
    }

    @Test
    void multiSelectEnablesAnActionWhenOneVmAllowsItAndAppliesItToThoseThatDo() {
        VmListViewModel list = new VmListViewModel();
        list.engineAvailableProperty().set(true);
        list.setVms(List.of(entry("a", "", Technique.NATIVE, VmStatus.SHUT_OFF),
                entry("b", "", Technique.NATIVE, VmStatus.RUNNING),
                entry("c", "", Technique.NATIVE, VmStatus.SHUT_OFF)));
        VmEntry a = list.vms().get(0);
        VmEntry b = list.vms().get(1);
        VmEntry c = list.vms().get(2);
        list.setSelection(List.of(c, a), c);
        assertEquals(List.of(a, c), list.selection(), "in list order");
        assertEquals(c, list.selectedProperty().get(), "the lead is the one the details show");
        assertEquals(List.of(a, c), list.targets(Action.RUN));
        assertEquals("Start 2 virtual machines", list.actionHint(Action.RUN));
        assertFalse(list.canPause().get());
        assertEquals("Not possible in the states of the selected virtual machines", list.actionHint(Action.PAUSE));

        list.setSelection(List.of(a, b, c), null);
        assertTrue(list.canRun().get() && list.canPause().get() && list.canForceOff().get());
        assertEquals(List.of(b), list.targets(Action.PAUSE));
        assertEquals(List.of(b), list.targets(Action.FORCE_OFF));

        // a reload (new states) keeps the selection by id
        list.refreshStatuses(id -> VmStatus.RUNNING, id -> "started");
        assertEquals(3, list.selection().size());
        assertEquals(List.of(), list.targets(Action.RUN));
        assertEquals(3, list.targets(Action.PAUSE).size());
        assertEquals("started", list.selection().get(0).statusReason());

        list.select(null);
        assertTrue(list.selection().isEmpty());
        assertFalse(list.canForceOff().get());
    }

    @Test
    void aDropMovesTheDraggedVmsToTheFolderOfTheRowTheyAreDroppedOn() {
        VmListViewModel list = new VmListViewModel();
        VmEntry alpha = entry("alpha", "Labs", Technique.NATIVE, VmStatus.SHUT_OFF);
        VmEntry beta = entry("beta", "", Technique.NATIVE, VmStatus.SHUT_OFF);
        VmEntry gamma = entry("gamma", "Labs/Week 1", Technique.NATIVE, VmStatus.SHUT_OFF);
        list.setVms(List.of(alpha, beta, gamma));
        List<String> moves = new java.util.ArrayList<>();
        list.setMover((vms, folder) -> vms.forEach(v -> moves.add(v.name() + " -> " + folder)));
        String a = alpha.definition().id().toString();
        String b = beta.definition().id().toString();
        String g = gamma.definition().id().toString();

        assertEquals("Labs/Week 1", list.drop(List.of(b), new VmListRow.Folder("Labs/Week 1")));
        assertEquals("Labs", list.drop(List.of(b, g), new VmListRow.Vm(alpha)), "onto a VM: into its folder");
        assertEquals("", list.drop(List.of(a), null), "below the rows: the top level");
        assertEquals(List.of("beta -> Labs/Week 1", "beta -> Labs", "gamma -> Labs", "alpha -> "), moves);

        assertFalse(list.canDrop(List.of(a), new VmListRow.Folder("Labs")), "already there");
        assertEquals(null, list.drop(List.of(a), new VmListRow.Vm(alpha)), "onto itself: nothing moves");
        assertEquals(null, list.drop(List.of("not-a-vm"), new VmListRow.Folder("Labs")));
        assertTrue(list.canDrop(List.of(a, b), new VmListRow.Vm(beta)));
        assertEquals(4, moves.size());
    }
}
