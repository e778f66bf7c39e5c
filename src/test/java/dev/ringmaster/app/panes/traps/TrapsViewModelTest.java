package dev.ringmaster.app.panes.traps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.trace.TraceEvent.Handler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrapsViewModelTest {
    @TempDir
    Path dir;

    static TraceEvent.Trap cli(long instr, long cycles) {
        return new TraceEvent.Trap(instr, cycles, 13, 0, 0xC0101234, new byte[] {(byte) 0xFA}, "cli", Handler.VMM,
                "emulated: virtual IF := 0");
    }

    static List<TraceEvent> sample() {
        return List.of(
                cli(100, 1000),
                new TraceEvent.RingTransition(101, 1500, 0, 1, Cause.VMM_RESUME, 0xC0101235),
                new TraceEvent.Trap(200, 2000, 14, 2, 0x08048010, new byte[] {(byte) 0x89, 0x03}, "mov [ebx], eax",
                        Handler.GUEST, "reflected to the guest, \"page not present\""),
                new TraceEvent.VmExit(300, 3000, 12, "HLT", 0, 0xC0100020),
                new TraceEvent.Hypercall(400, 4000, 3, "set_trap_table", new int[] {0x1000, 0, 0, 0, 0}, 0),
                cli(500, 5000));
    }

    @Test
    void trapsExitsAndHypercallsBecomeRows() {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        assertEquals(5, m.rows().size(), "the ring transition is not a row");
        TrapRow first = m.rows().get(0);
        assertEquals("trap", first.kind());
        assertEquals("C0101234", first.address());
        assertEquals("fa", first.bytes());
        assertEquals("#GP(0)", first.reason());
        assertEquals("VMM", first.handler());
        assertEquals(500, first.cost(), "cycles from the trap to the VMM's resume");
        assertEquals("#PF(2)", m.rows().get(1).reason());
        assertEquals(-1, m.rows().get(1).cost(), "the guest handled it: no VMM cost");
        assertEquals("exit 12 HLT", m.rows().get(2).reason());
        assertEquals("hypercall 3 set_trap_table", m.rows().get(3).reason());
        assertEquals("set_trap_table(1000, 0, 0, 0, 0) = 0", m.rows().get(3).action());
        assertEquals(-1, m.rows().get(4).cost(), "not resumed yet");
    }

    @Test
    void theCostOfAnEntryIsSettledByAResumeInALaterBatch() {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(List.of(cli(10, 100)), 0);
        assertEquals(-1, m.rows().get(0).cost());
        m.onPulse(List.of(new TraceEvent.RingTransition(11, 340, 0, 1, Cause.VMM_RESUME, 0)), 0);
        assertEquals(240, m.rows().get(0).cost());
    }

    @Test
    void filterByKindAndByTextInAnyColumn() {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        m.kindProperty().set("trap");
        assertEquals(3, m.filteredRows().size());
        m.filterTextProperty().set("CLI");
        assertEquals(2, m.filteredRows().size(), "case-insensitive, in the disassembly");
        m.kindProperty().set("all");
        m.filterTextProperty().set("0804");
        assertEquals(1, m.filteredRows().size(), "in the address");
        m.filterTextProperty().set("hlt");
        assertEquals("exit", m.filteredRows().get(0).kind());
        assertTrue(m.summaryProperty().get().startsWith("1 of 5 shown"), m.summaryProperty().get());
    }

    @Test
    void countsByReasonMostFrequentFirst() {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        assertEquals(new TrapsViewModel.Count("#GP(0) CLI", 2), m.counts().get(0));
        assertEquals(4, m.counts().size());
    }

    @Test
    void droppedEventsAreSaid() {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        assertTrue(m.summaryProperty().get().endsWith("none dropped"));
        m.onPulse(List.of(), 42);
        assertEquals(42, m.droppedProperty().get());
        assertTrue(m.summaryProperty().get().endsWith("42 trace events dropped: the table is incomplete"),
                m.summaryProperty().get());
    }

    @Test
    void csvHasAHeaderAndQuotesFieldsThatNeedIt() throws Exception {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        m.kindProperty().set("trap");
        String csv = m.toCsv();
        String[] lines = csv.split("\r\n");
        assertEquals(4, lines.length, "header and the three shown rows: " + csv);
        assertEquals("instructions,cycles,kind,address,bytes,disassembly,reason,handler,action,cost", lines[0]);
        assertEquals("100,1000,trap,C0101234,fa,cli,#GP(0),VMM,emulated: virtual IF := 0,500", lines[1]);
        assertEquals("200,2000,trap,08048010,89 03,\"mov [ebx], eax\",#PF(2),GUEST,"
                + "\"reflected to the guest, \"\"page not present\"\"\",", lines[2]);
        Path file = dir.resolve("out/traps.csv");
        m.export(file);
        assertEquals(csv, Files.readString(file));
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void jsonIsAnArrayOfRowObjects() throws Exception {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        Path file = dir.resolve("traps.json");
        m.export(file);
        JsonNode array = new ObjectMapper().readTree(file.toFile());
        assertEquals(5, array.size());
        assertEquals(500, array.get(0).get("cost").asLong());
        assertTrue(array.get(1).get("cost").isNull());
        assertEquals("mov [ebx], eax", array.get(1).get("disassembly").asText());
        assertEquals(300, array.get(2).get("instructions").asLong());
    }

    @Test
    void selectionIsHandedToTheCallback() {
        TrapsViewModel m = new TrapsViewModel();
        m.onPulse(sample(), 0);
        List<Integer> eips = new ArrayList<>();
        m.onSelectedProperty().set(r -> eips.add(r.eip()));
        m.select(m.rows().get(1));
        m.select(null);
        assertEquals(List.of(0x08048010), eips);
    }

    @Test
    void onlyTheNewestRowsAreKept() {
        TrapsViewModel m = new TrapsViewModel();
        List<TraceEvent> many = new ArrayList<>();
        for (int i = 0; i < TrapsViewModel.MAX_ROWS + 10; i++) {
            many.add(cli(i, i));
        }
        m.onPulse(many, 0);
        // full: trimmed in one chunk down to 90 %, the newest kept
        int kept = TrapsViewModel.MAX_ROWS - TrapsViewModel.MAX_ROWS / TrapsViewModel.TRIM_FRACTION;
        int first = TrapsViewModel.MAX_ROWS + 10 - kept;
        assertEquals(kept, m.rows().size());
        assertEquals(first, m.rows().get(0).instructions());
        assertEquals(TrapsViewModel.MAX_ROWS + 9, m.rows().get(kept - 1).instructions());
        assertTrue(m.summaryProperty().get().contains("(" + first + " older removed)"), m.summaryProperty().get());
        m.onPulse(List.of(new TraceEvent.RingTransition(0, TrapsViewModel.MAX_ROWS + 100, 0, 1, Cause.VMM_RESUME, 0)), 0);
        assertEquals(TrapsViewModel.MAX_ROWS + 100 - first, m.rows().get(0).cost(), "pending entries survive trimming");
        m.onPulse(List.of(cli(1, 1)), 0);
        assertEquals(kept + 1, m.rows().size(), "below the maximum nothing more is removed");
    }

    static final long MS = 1_000_000L;

    @Test
    void aHiddenTableTakesAndCountsEverythingButShowsNothingUntilItComesToTheFront() {
        TrapsViewModel m = new TrapsViewModel();
        m.gate().setShowing(false);
        m.take(sample(), 7);
        m.refresh(0);
        m.refresh(500 * MS);
        assertTrue(m.rows().isEmpty(), "nothing shown while hidden");
        assertTrue(m.counts().isEmpty());
        assertEquals(0, m.droppedProperty().get());
        assertEquals(5, m.total(), "but every row is taken");
        assertEquals(6, m.toCsv().split("\r\n").length, "and exported: header and the five rows");
        m.gate().setShowing(true);
        m.refresh(501 * MS);
        assertEquals(5, m.rows().size(), "shown as soon as it comes to the front");
        assertEquals(500, m.rows().get(0).cost());
        assertEquals(new TrapsViewModel.Count("#GP(0) CLI", 2), m.counts().get(0));
        assertEquals(7, m.droppedProperty().get());
        assertTrue(m.summaryProperty().get().startsWith("5 of 5 shown"), m.summaryProperty().get());
    }

    @Test
    void aShowingTableCatchesUpAtMostFiveTimesASecondInOneChange() {
        TrapsViewModel m = new TrapsViewModel();
        List<Integer> changes = new ArrayList<>();
        m.rows().addListener((javafx.collections.ListChangeListener<TrapRow>) c -> changes.add(m.rows().size()));
        m.take(List.of(cli(10, 100)), 0);
        m.refresh(0);
        assertEquals(1, m.rows().size());
        m.take(List.of(new TraceEvent.RingTransition(11, 340, 0, 1, Cause.VMM_RESUME, 0), cli(20, 400), cli(30, 500)), 0);
        m.refresh(66 * MS);
        m.refresh(133 * MS);
        assertEquals(1, m.rows().size(), "not yet: the last refresh was less than 200 ms ago");
        assertEquals(-1, m.rows().get(0).cost(), "the shown row waits too");
        assertTrue(m.toCsv().contains("10,100,trap,C0101234,fa,cli,#GP(0),VMM,emulated: virtual IF := 0,240"),
                "the export has the settled cost at once");
        m.refresh(200 * MS);
        assertEquals(3, m.rows().size());
        assertEquals(240, m.rows().get(0).cost(), "the settled cost replaces the shown row");
        assertEquals(List.of(1, 3), changes, "one change per refresh: the settled row and the new ones together");
        assertEquals(3, m.total());
    }

    @Test
    void aFilterChangeShowsAtOnceOnEverythingTaken() {
        TrapsViewModel m = new TrapsViewModel();
        m.take(sample(), 0);
        m.refresh(0);
        m.take(List.of(cli(600, 6000)), 0);
        m.refresh(10 * MS);
        assertEquals(5, m.rows().size(), "not due yet");
        m.filterTextProperty().set("cli");
        assertEquals(3, m.filteredRows().size(), "the filter applies to the rows taken so far, at once");
        assertTrue(m.summaryProperty().get().startsWith("3 of 6 shown"), m.summaryProperty().get());
    }

    @Test
    void trimmingSettlingAndAppendingWhileTheTableLagsGiveTheSameRowsAsTheModel() {
        TrapsViewModel m = new TrapsViewModel();
        List<TraceEvent> first = new ArrayList<>();
        for (int i = 0; i < TrapsViewModel.MAX_ROWS - 5; i++) {
            first.add(cli(i, i));
        }
        m.take(first, 0);
        m.refresh(0);
        int[] changes = {0};
        m.rows().addListener((javafx.collections.ListChangeListener<TrapRow>) c -> changes[0]++);
        List<TraceEvent> more = new ArrayList<>();
        more.add(new TraceEvent.RingTransition(0, 1_000_000, 0, 1, Cause.VMM_RESUME, 0)); // settles them all
        for (int i = 0; i < 100; i++) {
            more.add(cli(100_000 + i, 100_000 + i));
        }
        m.take(more, 0);
        m.refresh(40 * MS);
        assertEquals(0, changes[0], "not due yet");
        m.refresh(200 * MS);
        assertEquals(1, changes[0], "trimmed, settled and appended in one change");
        int kept = TrapsViewModel.MAX_ROWS - TrapsViewModel.MAX_ROWS / TrapsViewModel.TRIM_FRACTION;
        assertEquals(kept, m.rows().size());
        assertEquals(100_099, m.rows().get(kept - 1).instructions());
        long firstKept = m.rows().get(0).instructions();
        assertEquals(1_000_000 - firstKept, m.rows().get(0).cost(), "a shown row whose cost was settled while lagging");
        StringBuilder csv = new StringBuilder(String.join(",", TrapsViewModel.COLUMNS)).append("\r\n");
        for (TrapRow r : m.rows()) {
            csv.append(r.instructions()).append(',').append(r.cycles()).append(",trap,").append(r.address())
                    .append(",fa,cli,#GP(0),VMM,emulated: virtual IF := 0,").append(r.cost() < 0 ? "" : r.cost())
                    .append("\r\n");
        }
        assertEquals(csv.toString(), m.toCsv(), "the shown rows are exactly the model's");
    }
}
