package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.trace.EventRing;
import dev.ringmaster.engine.trace.TraceEvent;

/**
 * Where a technique sends its trace events (DESIGN §7). Never blocks: the usual sink is the VM's
 * bounded {@link EventRing}, which drops and counts when full.
 */
@FunctionalInterface
public interface TraceSink {
    /** A sink that discards everything (counters still count). */
    TraceSink NONE = e -> { };

    void emit(TraceEvent event);

    /** A sink offering events to {@code ring} (dropped and counted by the ring when it is full). */
    static TraceSink of(EventRing<TraceEvent> ring) {
        return ring::offer;
    }
}
