package dev.ringmaster.app.panes.traps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The traps pane's model: trapped instructions and other VMM entries (Trap, VmExit and Hypercall
 * trace events) as rows, fed in batches on the pulse, the newest {@link #MAX_ROWS} kept. Rows are
 * filtered by kind and by text (any column), counted by reason, exported (the filtered rows) as
 * CSV or JSON with an atomic write. A trace ring that overflowed makes the table incomplete: the
 * drop count is shown so nobody reads it as complete.
 */
public final class TrapsViewModel {
    public static final int MAX_ROWS = 20_000;
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

    private final ObservableList<TrapRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TrapRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> kind = new SimpleObjectProperty<>(this, "kind", "all");
    private final ObservableList<Count> counts = FXCollections.observableArrayList();
    private final Map<String, Long> countMap = new LinkedHashMap<>();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper trimmed = new ReadOnlyLongWrapper(this, "trimmed");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary");
    private final ObjectProperty<Consumer<TrapRow>> onSelected = new SimpleObjectProperty<>(this, "onSelected", r -> { });
    /** Index in {@link #rows} of VMM entries still waiting for the VMM to resume the guest. */
    private final List<Integer> pendingCost = new ArrayList<>();
    private long sequence;
    private long total;

    public TrapsViewModel() {
        filterText.addListener(o -> refilter());
        kind.addListener(o -> refilter());
        updateSummary();
    }

    private void refilter() {
        String needle = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String k = kind.get() == null ? "all" : kind.get();
        filtered.setPredicate(r -> ("all".equals(k) || r.kind().equals(k)) && r.matches(needle));
        updateSummary();
    }

    /** One pulse's batch of trace events and the ring's drop count. */
    public void onPulse(List<TraceEvent> batch, long droppedTotal) {
        List<TrapRow> added = new ArrayList<>();
        int base = rows.size();
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
                        TrapRow r = rows.get(i);
                        rows.set(i, r.withCost(t.cycles() - r.cycles()));
                    }
                }
                pendingCost.clear();
            }
        }
        rows.addAll(added);
        // Trimmed in chunks (down to 90 % of the maximum) rather than a few rows every pulse: a removal
        // at the front moves every row and every visible cell, so it should be rare.
        int excess = rows.size() > MAX_ROWS ? rows.size() - MAX_ROWS + MAX_ROWS / TRIM_FRACTION : 0;
        if (excess > 0) {
            rows.remove(0, excess);
            trimmed.set(trimmed.get() + excess);
            pendingCost.replaceAll(i -> i - excess);
            pendingCost.removeIf(i -> i < 0);
        }
        if (!added.isEmpty()) {
            counts.setAll(countMap.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(en -> new Count(en.getKey(), en.getValue())).toList());
        }
        dropped.set(droppedTotal);
        updateSummary();
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

    public ObservableList<TrapRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The rows that pass the filter (what the table shows and what is exported). */
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
        return FXCollections.unmodifiableObservableList(counts);
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

    /** The filtered rows as CSV (RFC 4180: header line, CRLF, fields quoted when needed). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (TrapRow r : List.copyOf(filtered)) {
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
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (TrapRow r : List.copyOf(filtered)) {
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

    /** Writes the filtered rows to {@code file} atomically: JSON when its name ends in .json, else CSV. */
    public void export(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String text = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? toJson() : toCsv();
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
