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
        assertTrue(list.canRun().get());
        assertEquals("Resume paused", list.actionHint(Action.RUN));
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
        assertTrue(VmStatus.CRASHED.allows(Action.RUN));
        assertFalse(VmStatus.CRASHED.allows(Action.PAUSE));
        assertFalse(VmStatus.RUNNING.allows(Action.RUN));
    }
}
