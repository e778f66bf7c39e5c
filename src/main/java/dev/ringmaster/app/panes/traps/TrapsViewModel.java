package dev.ringmaster.app.panes.traps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.app.pulse.BatchList;
import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.template.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The traps pane's model: trapped instructions and other VMM entries (Trap, VmExit and Hypercall
 * trace events) as rows, fed in batches on the pulse, the newest {@link #MAX_ROWS} kept. Rows are
 * filtered by kind and by text (any column), counted by reason, exported (the filtered rows) as
 * CSV or JSON with an atomic write. A trace ring that overflowed makes the table incomplete: the
 * drop count is shown so nobody reads it as complete.
 *
 * <p>Every batch is taken at the pulse — rows, costs, counts, totals and exports are exact — but
 * the observable state (the rows, the counts, the summary) catches up only when the {@link #gate()}
 * is due: at most {@value #REFRESH_HZ} times a second while the pane shows, never while it is
 * hidden, at once when the user changes the filter.
 */
public final class TrapsViewModel {
    /**
     * Rows kept (and shown, filtered and exported): the last moments of a busy VM, which is what a
     * person reads. A JavaFX table lays out in time that grows with its row count even with a fixed
     * cell size: with 20 000 rows, four busy VM windows spent half their frame time on this table.
     * The counts by reason and the totals stay exact whatever is trimmed.
     */
    public static final int MAX_ROWS = 2_000;
    /**
     * Table refreshes per second at most while the pane is showing: a human reads a few a second, and a
     * scrolling table lays out every visible cell again at each one.
     */
    public static final int REFRESH_HZ = 5;
    /** When the table is full, 1/{@value} of it is removed at once. */
    static final int TRIM_FRACTION = 10;
    /** Kind filter values: everything, or one kind. */
    public static final List<String> KINDS = List.of("all", "trap", "exit", "hypercall");
    static final String[] COLUMNS = {"instructions", "cycles", "kind", "address", "bytes", "disassembly", "reason",
        "handler", "action", "cost"};

    /** Intel SDM vol. 3 table 6-1 mnemonics of the architecture's vectors. */
    private static final String[] VECTOR_NAMES = {"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF",
        null, "#TS", "#NP", "#SS", "#GP", "#PF", null, "#MF", "#AC", "#MC", "#XM"};

    /** A count of rows by reason, for the summary list. */
    public record Count(String reason, long count) {
    }

    /** The model's rows: every VMM entry taken, the newest {@link #MAX_ROWS} kept (exports read these). */
    private final ArrayList<TrapRow> all = new ArrayList<>();
    /** What the table shows: {@link #all} as it was at the last refresh. */
    private final BatchList<TrapRow> rows = new BatchList<>();
    private final FilteredList<TrapRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> kind = new SimpleObjectProperty<>(this, "kind", "all");
    private final BatchList<Count> counts = new BatchList<>();
    private final Map<String, Long> countMap = new LinkedHashMap<>();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper trimmed = new ReadOnlyLongWrapper(this, "trimmed");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary");
    private final ObjectProperty<Consumer<TrapRow>> onSelected = new SimpleObjectProperty<>(this, "onSelected", r -> { });
    /** Index in {@link #all} of VMM entries still waiting for the VMM to resume the guest. */
    private final List<Integer> pendingCost = new ArrayList<>();
    /** Index in {@link #all} of rows whose cost was settled since the last refresh. */
    private final List<Integer> costSettled = new ArrayList<>();
    private final RefreshGate gate = new RefreshGate(REFRESH_HZ);
    private Predicate<TrapRow> predicate = r -> true;
    /** Rows removed from the front of {@link #all} since the last refresh (still shown until then). */
    private int trimmedSinceRefresh;
    private long droppedTotal;
    private long trimmedTotal;
    private boolean countsChanged;
    private boolean dirty;
    private long sequence;
    private long total;

    public TrapsViewModel() {
        filterText.addListener(o -> refilter());
        kind.addListener(o -> refilter());
        updateSummary();
    }

    /** When the table redraws: at most {@value #REFRESH_HZ} times a second while it is showing. */
    public RefreshGate gate() {
        return gate;
    }

    /** The user changed a filter: the table shows it at once, on everything taken so far. */
    private void refilter() {
        String needle = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String k = kind.get() == null ? "all" : kind.get();
        predicate = r -> ("all".equals(k) || r.kind().equals(k)) && r.matches(needle);
        gate.force();
        refreshNow();
        filtered.setPredicate(predicate);
        updateSummary();
    }

    /** One pulse's batch of trace events and the ring's drop count, shown at once (see {@link #take}). */
    public void onPulse(List<TraceEvent> batch, long droppedTotal) {
        take(batch, droppedTotal);
        refreshNow();
    }

    /**
     * One pulse's batch of trace events and the ring's drop count: every event is taken (rows, costs,
     * counts and totals stay exact), the table catches up at the next due {@link #refresh}.
     */
    public void take(List<TraceEvent> batch, long droppedTotal) {
        List<TrapRow> added = new ArrayList<>();
        int base = all.size();
        for (TraceEvent e : batch) {
            TrapRow row = rowOf(e);
            if (row != null) {
                if ("VMM".equals(row.handler())) {
                    pendingCost.add(base + added.size());
                }
                added.add(row);
                countMap.merge(countKey(row), 1L, Long::sum);
                total++;
            } else if (e instanceof TraceEvent.RingTransition t
                    && (t.cause() == Cause.VMM_RESUME || t.cause() == Cause.VM_ENTRY) && !pendingCost.isEmpty()) {
                // The VMM resumed the guest: every entry since the last resume is settled now.
                for (int i : pendingCost) {
                    if (i >= base) {
                        TrapRow r = added.get(i - base);
                        added.set(i - base, r.withCost(t.cycles() - r.cycles()));
                    } else {
                        TrapRow r = all.get(i);
                        all.set(i, r.withCost(t.cycles() - r.cycles()));
                        costSettled.add(i);
                    }
                }
                pendingCost.clear();
            }
        }
        all.addAll(added);
        // Trimmed in chunks (down to 90 % of the maximum) rather than a few rows every pulse: a removal
        // at the front moves every row and every visible cell, so it should be rare.
        int excess = all.size() > MAX_ROWS ? all.size() - MAX_ROWS + MAX_ROWS / TRIM_FRACTION : 0;
        if (excess > 0) {
            all.subList(0, excess).clear();
            trimmedSinceRefresh += excess;
            trimmedTotal += excess;
            pendingCost.replaceAll(i -> i - excess);
            pendingCost.removeIf(i -> i < 0);
            costSettled.replaceAll(i -> i - excess);
            costSettled.removeIf(i -> i < 0);
        }
        if (!added.isEmpty()) {
            countsChanged = true;
            dirty = true;
        }
        if (!costSettled.isEmpty()) {
            dirty = true;
        }
        if (droppedTotal != this.droppedTotal) {
            this.droppedTotal = droppedTotal;
            dirty = true;
        }
    }

    /** At the pulse (time {@code nowNanos}): the table catches up with what was taken, when its gate is due. */
    public void refresh(long nowNanos) {
        if (dirty && gate.due(nowNanos)) {
            refreshNow();
        }
    }

    /**
     * The shown rows become the taken ones in one change: the rows trimmed since the last refresh
     * leave the front, settled costs replace their rows, the new rows are appended.
     */
    private void refreshNow() {
        dirty = false;
        rows.batch(() -> {
            rows.removeHead(Math.min(trimmedSinceRefresh, rows.size()));
            for (int i : costSettled) {
                if (i < rows.size()) {
                    rows.replace(i, all.get(i));
                }
            }
            rows.append(all.subList(rows.size(), all.size()));
        });
        trimmedSinceRefresh = 0;
        costSettled.clear();
        if (countsChanged) {
            countsChanged = false;
            counts.update(countMap.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(en -> new Count(en.getKey(), en.getValue())).toList());
        }
        trimmed.set(trimmedTotal);
        dropped.set(droppedTotal);
        updateSummary();
    }

    /** Trap, exit and hypercall events taken since the window opened (exact, whether shown or not). */
    public long total() {
        return total;
    }

    private static String countKey(TrapRow row) {
        if (!"trap".equals(row.kind()) || row.disassembly().isEmpty()) {
            return row.reason();
        }
        String d = row.disassembly();
        int space = d.indexOf(' ');
        return row.reason() + " " + (space < 0 ? d : d.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private TrapRow rowOf(TraceEvent e) {
        if (e instanceof TraceEvent.Trap t) {
            String reason = t.vector() < 0 ? "instruction" : vectorName(t.vector())
                    + (t.errorCode() < 0 ? "" : t.errorCode() < 10 ? "(" + t.errorCode() + ")"
                    : String.format("(0x%X)", t.errorCode()));
            return new TrapRow(sequence++, t.instructions(), t.cycles(), "trap", t.eip(), t.bytesHex(),
                    t.disassembly(), reason, t.handledBy().name(), t.action(), -1);
        }
        if (e instanceof TraceEvent.VmExit x) {
            return new TrapRow(sequence++, x.instructions(), x.cycles(), "exit", x.eip(), "", "",
                    "exit " + x.reason() + " " + x.reasonName(), "VMM",
                    String.format("qualification %X", x.qualification()), -1);
        }
        if (e instanceof TraceEvent.Hypercall h) {
            String args = Arrays.stream(h.arguments()).mapToObj(a -> String.format("%X", a)).collect(Collectors.joining(", "));
            return new TrapRow(sequence++, h.instructions(), h.cycles(), "hypercall", 0, "", "",
                    "hypercall " + h.number() + " " + h.name(), "VMM",
                    h.name() + "(" + args + ") = " + String.format("%X", h.result()), -1);
        }
        return null;
    }

    /** "#GP", "#PF", "INT 80": the SDM mnemonic of vectors 0–31, else the number. */
    static String vectorName(int vector) {
        if (vector >= 0 && vector < VECTOR_NAMES.length && VECTOR_NAMES[vector] != null) {
            return VECTOR_NAMES[vector];
        }
        return String.format("INT %02Xh", vector);
    }

    private void updateSummary() {
        StringBuilder s = new StringBuilder();
        s.append(filtered.size()).append(" of ").append(rows.size()).append(" shown");
        if (trimmed.get() > 0) {
            s.append(" (").append(trimmed.get()).append(" older removed)");
        }
        s.append(" · ").append(total).append(" since opened");
        s.append(dropped.get() == 0 ? " · none dropped"
                : " · " + dropped.get() + " trace events dropped: the table is incomplete");
        summary.set(s.toString());
    }

    /** The rows the table shows (as of the last refresh), oldest first. */
    public ObservableList<TrapRow> rows() {
        return rows;
    }

    /** The shown rows that pass the filter (what the table shows). */
    public ObservableList<TrapRow> filteredRows() {
        return filtered;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** "all", "trap", "exit" or "hypercall". */
    public ObjectProperty<String> kindProperty() {
        return kind;
    }

    /** Rows by reason (and, for traps, instruction mnemonic), most frequent first. */
    public ObservableList<Count> counts() {
        return counts;
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Told when the user selects a row (the disassembly pane will show its instruction). */
    public ObjectProperty<Consumer<TrapRow>> onSelectedProperty() {
        return onSelected;
    }

    /** The user selected {@code row}. */
    public void select(TrapRow row) {
        if (row != null) {
            onSelected.get().accept(row);
        }
    }

    // ---- export ----------------------------------------------------------------------------------------

    private static Object[] values(TrapRow r) {
        return new Object[] {r.instructions(), r.cycles(), r.kind(), r.address(), r.bytes(), r.disassembly(),
            r.reason(), r.handler(), r.action(), r.cost() < 0 ? "" : r.cost()};
    }

    /** Every row taken that passes the filter (exact: also what the table has not caught up with yet). */
    private List<TrapRow> exported() {
        return all.stream().filter(predicate).toList();
    }

    /** The filtered rows as CSV (RFC 4180: header line, CRLF, fields quoted when needed). */
    public String toCsv() {
        return toCsv(exported());
    }

    private static String toCsv(List<TrapRow> out) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (TrapRow r : out) {
            Object[] v = values(r);
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csvField(String.valueOf(v[i])));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The filtered rows as a JSON array of objects (numbers as numbers; cost null when unknown). */
    public String toJson() {
        return toJson(exported());
    }

    private static String toJson(List<TrapRow> out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (TrapRow r : out) {
            ObjectNode o = array.addObject();
            o.put("instructions", r.instructions());
            o.put("cycles", r.cycles());
            o.put("kind", r.kind());
            o.put("address", r.address());
            o.put("bytes", r.bytes());
            o.put("disassembly", r.disassembly());
            o.put("reason", r.reason());
            o.put("handler", r.handler());
            o.put("action", r.action());
            if (r.cost() < 0) {
                o.putNull("cost");
            } else {
                o.put("cost", r.cost());
            }
        }
        try {
            return mapper.writeValueAsString(array) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the filtered rows to {@code file} atomically: JSON when its name ends in .json, else CSV.
     *
     * @return the number of rows written
     */
    public int export(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<TrapRow> out = exported();
        String text = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? toJson(out) : toCsv(out);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        return out.size();
    }
}
