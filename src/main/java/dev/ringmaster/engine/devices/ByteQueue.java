package dev.ringmaster.engine.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A growable FIFO of bytes (a ring buffer that doubles when full): the host-side input queues of
 * the UART and the keyboard, and the small hardware FIFOs. Allocation-free once it has grown to
 * its working size.
 */
final class ByteQueue {
    private byte[] buf;
    private int head;
    private int size;
    private final int limit;

    /** An unbounded queue (grows as needed). */
    ByteQueue(int initialCapacity) {
        this(initialCapacity, Integer.MAX_VALUE);
    }

    /** A queue that refuses bytes beyond {@code limit} (a hardware FIFO). */
    ByteQueue(int initialCapacity, int limit) {
        buf = new byte[Math.max(1, Math.min(initialCapacity, limit))];
        this.limit = limit;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFull() {
        return size >= limit;
    }

    /** Appends a byte; returns false (and drops it) when the queue is at its limit. */
    boolean add(int b) {
        if (size >= limit) {
            return false;
        }
        if (size == buf.length) {
            grow();
        }
        buf[(head + size) % buf.length] = (byte) b;
        size++;
        return true;
    }

    /** Puts a byte at the front (it will be the next one taken). */
    boolean addFirst(int b) {
        if (size >= limit) {
            return false;
        }
        if (size == buf.length) {
            grow();
        }
        head = (head - 1 + buf.length) % buf.length;
        buf[head] = (byte) b;
        size++;
        return true;
    }

    /** Removes and returns the oldest byte (0–255); the queue must not be empty. */
    int remove() {
        if (size == 0) {
            throw new IllegalStateException("queue is empty");
        }
        int b = buf[head] & 0xFF;
        head = (head + 1) % buf.length;
        size--;
        return b;
    }

    /** The oldest byte without removing it; the queue must not be empty. */
    int peek() {
        if (size == 0) {
            throw new IllegalStateException("queue is empty");
        }
        return buf[head] & 0xFF;
    }

    /** The byte {@code i} places from the front. */
    int get(int i) {
        return buf[(head + i) % buf.length] & 0xFF;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private void grow() {
        byte[] n = new byte[buf.length * 2];
        for (int i = 0; i < size; i++) {
            n[i] = buf[(head + i) % buf.length];
        }
        buf = n;
        head = 0;
    }

    void save(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeByte(get(i));
        }
    }

    void load(DataInput in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException(what + ": bad length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        clear();
        for (byte x : b) {
            add(x);
        }
    }
}
