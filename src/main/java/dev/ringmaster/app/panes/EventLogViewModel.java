package dev.ringmaster.app.panes;

import dev.ringmaster.app.pulse.PulseDrainer;
import dev.ringmaster.engine.trace.EventRing;
import java.time.Clock;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The event log's model: entries arrive through a bounded {@link EventRing} (the producer never
 * waits; what does not fit is dropped and counted) and are moved into the visible list once per
 * pulse, in one batch. The list keeps the newest {@link #MAX_ENTRIES}.
 *
 * <p>The application's own notices are posted with {@link #post} from the FX thread, the ring's one
 * producer; a VM's trace events will come through that VM's own ring.
 */
public final class EventLogViewModel {
    public static final int RING_CAPACITY = 1024;
    public static final int MAX_PER_PULSE = 256;
    public static final int MAX_ENTRIES = 5000;

    private final Clock clock;
    private final EventRing<LogEntry> ring;
    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<LogEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final LongProperty dropped = new SimpleLongProperty(this, "dropped");
    private final LongProperty trimmed = new SimpleLongProperty(this, "trimmed");
    private final StringExpression summary;

    public EventLogViewModel(Clock clock) {
        this(clock, RING_CAPACITY);
    }

    EventLogViewModel(Clock clock, int ringCapacity) {
        this.clock = clock;
        this.ring = new EventRing<>(ringCapacity);
        summary = Bindings.createStringBinding(() -> {
            String s = entries.size() == 1 ? "1 entry" : entries.size() + " entries";
            if (trimmed.get() > 0) {
                s += " (" + trimmed.get() + " older ones removed)";
            }
            return s + " · " + (dropped.get() == 0 ? "none dropped" : dropped.get() + " dropped");
        }, entries, dropped, trimmed);
    }

    /** Producer side (FX thread): queues an entry for the next pulse. @return false when it was dropped */
    public boolean post(LogEntry.Severity severity, String source, String message) {
        return ring.offer(new LogEntry(clock.instant(), severity, source, message));
    }

    /** Drains the ring on {@code drainer}'s pulses. */
    public PulseDrainer.Registration attach(PulseDrainer drainer) {
        return drainer.register(ring, MAX_PER_PULSE, this::onPulse);
    }

    /** The pulse sink: appends a batch, trims the oldest beyond {@link #MAX_ENTRIES}, updates the drop count. */
    void onPulse(List<LogEntry> batch, long droppedTotal) {
        if (!batch.isEmpty()) {
            entries.addAll(batch);
            int excess = entries.size() - MAX_ENTRIES;
            if (excess > 0) {
                entries.remove(0, excess);
                trimmed.set(trimmed.get() + excess);
            }
        }
        dropped.set(droppedTotal);
    }

    /** The visible entries, oldest first (read-only). */
    public ObservableList<LogEntry> entries() {
        return entriesView;
    }

    /** Entries the ring dropped because the log could not keep up. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped;
    }

    /** "3 entries · none dropped". */
    public StringExpression summary() {
        return summary;
    }
}
