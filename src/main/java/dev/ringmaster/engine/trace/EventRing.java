package dev.ringmaster.engine.trace;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Bounded single-producer / single-consumer ring buffer: the one channel from a VM's engine
 * thread to the UI (DESIGN §1). The producer never blocks and never allocates: when the ring is
 * full the offered element is dropped and counted. The consumer drains in batches on its pulse.
 *
 * <p>Thread rules: exactly one thread calls {@link #offer}; exactly one thread calls {@link #drain}
 * / {@link #poll}. {@link #dropped()}, {@link #size()} and {@link #offered()} may be read from any
 * thread.
 */
public final class EventRing<T> {
    private final Object[] slots;
    private final int mask;
    /** Next slot the consumer reads (written by the consumer only). */
    private final AtomicLong head = new AtomicLong();
    /** Next slot the producer writes (written by the producer only). */
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Producer-local cache of {@code head}, so a non-full ring costs no volatile read of the consumer's counter. */
    private long headCache;

    /** A ring of at least {@code capacity} slots (rounded up to a power of two). */
    public EventRing(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity out of range: " + capacity);
        }
        int cap = Integer.highestOneBit(capacity);
        if (cap < capacity) {
            cap <<= 1;
        }
        slots = new Object[cap];
        mask = cap - 1;
    }

    public int capacity() {
        return slots.length;
    }

    /**
     * Producer side: appends {@code element}, or drops it when the ring is full.
     *
     * @return true when stored, false when dropped (and counted)
     */
    public boolean offer(T element) {
        if (element == null) {
            throw new NullPointerException("element");
        }
        long t = tail.get();
        if (t - headCache >= slots.length) {
            headCache = head.get();
            if (t - headCache >= slots.length) {
                dropped.incrementAndGet();
                return false;
            }
        }
        slots[(int) t & mask] = element;
        tail.lazySet(t + 1); // release: the slot write is visible before the new tail
        return true;
    }

    /** Consumer side: removes and returns the oldest element, or null when empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        long h = head.get();
        if (h == tail.get()) {
            return null;
        }
        int i = (int) h & mask;
        T e = (T) slots[i];
        slots[i] = null;
        head.lazySet(h + 1);
        return e;
    }

    /**
     * Consumer side: hands up to {@code max} elements, oldest first, to {@code sink}.
     *
     * @return how many were handed over
     */
    @SuppressWarnings("unchecked")
    public int drain(Consumer<? super T> sink, int max) {
        long h = head.get();
        long available = tail.get() - h;
        int n = (int) Math.min(available, Math.max(0, max));
        for (int k = 0; k < n; k++) {
            int i = (int) (h + k) & mask;
            T e = (T) slots[i];
            slots[i] = null;
            sink.accept(e);
        }
        head.lazySet(h + n);
        return n;
    }

    /** Elements currently waiting (approximate while the other side runs). */
    public int size() {
        return (int) Math.max(0, tail.get() - head.get());
    }

    /** Elements dropped because the ring was full, since creation. */
    public long dropped() {
        return dropped.get();
    }

    /** Elements stored (not dropped) since creation. */
    public long offered() {
        return tail.get();
    }
}
