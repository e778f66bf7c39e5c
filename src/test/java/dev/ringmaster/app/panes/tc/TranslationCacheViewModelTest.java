package dev.ringmaster.app.panes.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.TraceSink;
import dev.ringmaster.engine.vmm.VmmGuests;
import dev.ringmaster.engine.vmm.bt.BinaryTranslation;
import dev.ringmaster.engine.vmm.bt.CalloutKind;
import dev.ringmaster.engine.vmm.bt.TranslationCacheView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The translation-cache pane's model on the real translator's picture of the btcheck guest, without a toolkit. */
class TranslationCacheViewModelTest {
    private static final VmState RUNNING = VmState.of(VmState.Kind.RUNNING, "");
    private static TranslationCacheView picture;

    @BeforeAll
    static void translate() {
        var m = VmmGuests.boot(VmmGuests.assemble("btcheck.asm"));
        BinaryTranslation bt = (BinaryTranslation) TechniqueFactory.create(Technique.BT, m, TraceSink.NONE);
        assertEquals(RunResult.Kind.DEBUG_EXIT, bt.run(100_000_000).kind());
        picture = bt.view(TranslationCacheViewModel.MAX_BLOCKS);
    }

    @Test
    void showsTheStatisticsAndTheBlocksAndFollowsTheSelection() {
        List<VmCommand> asked = new ArrayList<>();
        TranslationCacheViewModel m = new TranslationCacheViewModel(c -> {
            asked.add(c);
            return CompletableFuture.completedFuture(new VmResult.Translations(RUNNING, picture));
        }, Runnable::run, Technique.BT);
        m.pulse(RUNNING, 0);
        assertEquals(1, asked.size());
        assertEquals(new VmCommand.ReadTranslations(TranslationCacheViewModel.MAX_BLOCKS), asked.get(0));
        m.pulse(RUNNING, 500_000_000L);
        assertEquals(1, asked.size(), "not again within a second");
        m.pulse(RUNNING, 1_000_000_000L);
        assertEquals(2, asked.size(), "every second while it runs");

        assertEquals(picture.blocks().size(), m.blocks().size());
        assertTrue(m.statsProperty().get().contains(picture.stats().liveBlocks() + " live blocks"), m.statsProperty().get());
        assertTrue(m.calloutsProperty().get().contains("page table write"), m.calloutsProperty().get());
        assertNotNull(m.selectedProperty().get(), "the newest block is selected");
        assertEquals(m.selectedProperty().get().lines(), m.lines());

        TranslationCacheView.Block remap = picture.blocks().stream()
                .filter(b -> b.lines().stream().anyMatch(l -> l.callout() == CalloutKind.PAGE_TABLE_WRITE)).findFirst()
                .orElseThrow();
        assertTrue(m.showGuestAddress(remap.guestAddress() + 5), "an address inside the block");
        assertEquals(remap, m.selectedProperty().get());
        assertEquals("!", m.lines().get(1).mark());
        assertEquals("page table write", m.lines().get(1).calloutText());

        m.filterProperty().set(String.format("%08x", remap.guestAddress()));
        assertEquals(List.of(remap), List.copyOf(m.blocks()));
        assertEquals(remap, m.selectedProperty().get(), "the selection survives the filter");
        m.filterProperty().set("nothing");
        assertTrue(m.blocks().isEmpty());
        assertTrue(m.lines().isEmpty());
        assertFalse(m.showGuestAddress(remap.guestAddress()));
    }

    @Test
    void otherTechniquesSayThereIsNoCacheAndAskNothing() {
        List<VmCommand> asked = new ArrayList<>();
        TranslationCacheViewModel m = new TranslationCacheViewModel(c -> {
            asked.add(c);
            return new CompletableFuture<>();
        }, Runnable::run, Technique.TRAP);
        m.pulse(RUNNING, 0);
        m.refresh();
        assertTrue(asked.isEmpty());
        assertTrue(m.statusProperty().get().contains("binary translation only"), m.statusProperty().get());
    }

    @Test
    void aRefusalIsShownAndOneRequestIsInFlightAtATime() {
        List<CompletableFuture<VmResult>> pending = new ArrayList<>();
        TranslationCacheViewModel m = new TranslationCacheViewModel(c -> {
            CompletableFuture<VmResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }, Runnable::run, Technique.BT);
        m.refresh();
        m.refresh();
        assertEquals(1, pending.size(), "one request at a time");
        pending.get(0).complete(new VmResult.NotAllowed(RUNNING,
                "cannot read the translation cache: it is DEFINED (no machine yet)"));
        assertTrue(m.statusProperty().get().contains("no machine yet"), m.statusProperty().get());
        m.refresh();
        assertEquals(2, pending.size());
    }
}
