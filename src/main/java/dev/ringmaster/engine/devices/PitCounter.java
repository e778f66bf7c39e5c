package dev.ringmaster.engine.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One counter of the 8254 (Intel 8254 datasheet, "Operation" and "Modes"), computed rather than
 * stepped: its count and OUT at any CLK pulse number are a function of when it was loaded, so nothing
 * runs per pulse. Ticks are absolute CLK pulse numbers: tick {@code t} means {@code t} pulses have
 * occurred since power-on; an event "at tick t" happens after pulse {@code t}, and the next pulse is
 * {@code t+1}.
 *
 * <p>The counting element (CE) is described by a phase: the pulse at which it was loaded, and
 * {@code j}, the number of counting pulses since then ({@code j = anchorJ + (t - anchorTick)} while
 * counting, frozen while the gate holds it). A second, pending phase takes over at a later pulse:
 * a new count in modes 2/3 at the end of the current (half-)cycle, a count written in modes 0/4 on
 * the next pulse, a gate trigger in modes 1/2/3/5 on the next pulse.
 */
final class PitCounter {
    private static final long NEVER = Long.MAX_VALUE;

    // programming
    private int controlBits = 0x36; // RW1 RW0 M2 M1 M0 BCD as last written (power-on: LSB/MSB, mode 3, binary)
    private int mode = 3;
    private int rw = 3;
    private boolean bcd;
    private int crN; // count register as a binary count 1..65536 (10000 in BCD)
    private boolean crValid;
    private long crLoadTick = NEVER; // when the count register reaches the CE (null count until then)
    private boolean writeMsbNext;
    private int writeLsb;
    private boolean holdLow; // mode 0: first byte of a two-byte count written
    private boolean gate;

    // reading
    private boolean readMsbNext;
    private boolean countLatched;
    private int latchedCount;
    private boolean statusLatched;
    private int latchedStatus;

    // current phase
    private int ceHold; // CE value shown before anything is loaded
    private int curN;
    private long curLoad = NEVER;
    private long curAnchorTick;
    private long curAnchorJ;
    private boolean curRunning;

    // pending phase
    private long pendTick = NEVER;
    private int pendN;
    private long pendJ;
    private boolean pendRunning;

    PitCounter(boolean gate) {
        this.gate = gate;
    }

    /** Power-on: as if control word "LSB then MSB, mode 3, binary" had been written and no count yet. */
    void reset(boolean gateLevel) {
        controlBits = 0x36;
        mode = 3;
        rw = 3;
        bcd = false;
        crN = 0x10000;
        crValid = false;
        crLoadTick = NEVER;
        writeMsbNext = false;
        writeLsb = 0;
        holdLow = false;
        gate = gateLevel;
        readMsbNext = false;
        countLatched = false;
        statusLatched = false;
        latchedCount = 0;
        latchedStatus = 0;
        ceHold = 0;
        curN = 0x10000;
        curLoad = NEVER;
        curAnchorTick = 0;
        curAnchorJ = 0;
        curRunning = false;
        pendTick = NEVER;
    }

    // ---- evaluation (pure) ----

    private int modulus() {
        return bcd ? 10000 : 0x10000;
    }

    private static long jAt(long t, long anchorTick, long anchorJ, boolean running) {
        return anchorJ + (running && t > anchorTick ? t - anchorTick : 0);
    }

    /** Counting pulses since the CE was loaded, at tick {@code t} (of the phase then in force), or -1 before any load. */
    private long countedAt(long t) {
        if (t >= pendTick) {
            return jAt(t, pendTick, pendJ, pendRunning);
        }
        if (curLoad != NEVER && t >= curLoad) {
            return jAt(t, curAnchorTick, curAnchorJ, curRunning);
        }
        return -1;
    }

    /** The count N of the phase in force at tick {@code t}. */
    private int countAt(long t) {
        return t >= pendTick ? pendN : curN;
    }

    /** The CE value (binary) at tick {@code t}. */
    private int binaryValue(long t) {
        long j = countedAt(t);
        return j < 0 ? ceHold : valueOf(countAt(t), j);
    }

    private int valueOf(int n, long j) {
        switch (mode) {
            case 2:
                return n == 1 ? 1 : (int) (n - j % n);
            case 3: {
                if (n == 1) {
                    return 1;
                }
                int p = (int) (j % n);
                if ((n & 1) == 0) {
                    return n - 2 * (p % (n / 2));
                }
                int high = (n + 1) / 2;
                return p < high ? n - 1 - 2 * p : n - 1 - 2 * (p - high);
            }
            default:
                return (int) Math.floorMod(n - j, (long) modulus());
        }
    }

    /** The count as the chip shows it (16 bits; BCD digits in BCD mode). */
    int count(long t) {
        int v = binaryValue(t) % modulus();
        return bcd ? toBcd(v) : v & 0xFFFF;
    }

    /** The OUT pin at tick {@code t}. */
    boolean out(long t) {
        if (holdLow) {
            return false;
        }
        long j = countedAt(t);
        if (j < 0) {
            return mode != 0; // after the control word: low in mode 0, high otherwise
        }
        int n = countAt(t);
        switch (mode) {
            case 0:
            case 1:
                return j >= n;
            case 2:
                return !gate || n == 1 || j % n != n - 1;
            case 3:
                return !gate || n == 1 || j % n < (n + 1) / 2;
            default:
                return j != n; // modes 4 and 5: one low pulse at terminal count
        }
    }

    /** The null-count flag: a count was written and has not reached the CE yet. */
    boolean nullCount(long t) {
        return !crValid || t < crLoadTick;
    }

    /** The first tick after {@code after} at which OUT changes (given no further programming), or {@link Long#MAX_VALUE}. */
    long nextEdge(long after) {
        long c = after;
        boolean level = out(after);
        for (int guard = 0; guard < 64; guard++) {
            long cand = nextCandidate(c);
            if (cand == NEVER) {
                return NEVER;
            }
            if (out(cand) != level) {
                return cand;
            }
            c = cand;
        }
        return NEVER;
    }

    private long nextCandidate(long c) {
        if (c < pendTick) {
            long x = curLoad == NEVER ? NEVER : phaseCandidate(c, curN, curLoad, curAnchorTick, curAnchorJ, curRunning);
            return Math.min(x, pendTick);
        }
        return phaseCandidate(c, pendN, pendTick, pendTick, pendJ, pendRunning);
    }

    /** Smallest tick > c at which OUT may change within one phase. */
    private long phaseCandidate(long c, int n, long load, long anchorTick, long anchorJ, boolean running) {
        if (c < load) {
            return load;
        }
        if (!running) {
            return NEVER;
        }
        long jFrom = c < anchorTick ? anchorJ - 1 : jAt(c, anchorTick, anchorJ, true);
        long jn;
        switch (mode) {
            case 0:
            case 1:
                jn = jFrom < n ? n : NEVER;
                break;
            case 2:
                jn = n == 1 ? NEVER : Math.min(nextOf(jFrom, n, n - 1, 0), nextOf(jFrom, n, 0, 1));
                break;
            case 3:
                jn = n == 1 ? NEVER : Math.min(nextOf(jFrom, n, (n + 1) / 2, 0), nextOf(jFrom, n, 0, 1));
                break;
            default:
                jn = jFrom < n ? n : jFrom < n + 1L ? n + 1L : NEVER;
                break;
        }
        return jn == NEVER ? NEVER : anchorTick + (jn - anchorJ);
    }

    /** Smallest value &gt; x of the form k·n + off with k ≥ kMin. */
    private static long nextOf(long x, int n, int off, int kMin) {
        long k = Math.max(kMin, Math.floorDiv(x - off, (long) n) + 1);
        return k * n + off;
    }

    // ---- programming ----

    /** Applies a pending phase whose pulse has come (call before any change at tick t). */
    private void settle(long t) {
        if (pendTick <= t) {
            curN = pendN;
            curLoad = pendTick;
            curAnchorTick = pendTick;
            curAnchorJ = pendJ;
            curRunning = pendRunning;
            pendTick = NEVER;
        }
    }

    /** A control word (RW ≠ 00) for this counter, at tick t. */
    void controlWord(int cw, long t) {
        settle(t);
        ceHold = binaryValue(t);
        controlBits = cw & 0x3F;
        rw = (cw >>> 4) & 3;
        int m = (cw >>> 1) & 7;
        mode = m > 5 ? m - 4 : m;
        bcd = (cw & 1) != 0;
        crValid = false;
        crLoadTick = NEVER;
        writeMsbNext = false;
        holdLow = false;
        readMsbNext = false;
        countLatched = false;
        statusLatched = false;
        curLoad = NEVER;
        curRunning = false;
        pendTick = NEVER;
    }

    void latchCount(long t) {
        if (!countLatched) {
            countLatched = true;
            latchedCount = count(t);
            readMsbNext = false;
        }
    }

    void latchStatus(long t) {
        if (!statusLatched) {
            statusLatched = true;
            latchedStatus = (out(t) ? 0x80 : 0) | (nullCount(t) ? 0x40 : 0) | controlBits;
        }
    }

    int read(long t) {
        if (statusLatched) {
            statusLatched = false;
            return latchedStatus;
        }
        int v = countLatched ? latchedCount : count(t);
        int b;
        switch (rw) {
            case 1:
                b = v & 0xFF;
                countLatched = false;
                break;
            case 2:
                b = (v >>> 8) & 0xFF;
                countLatched = false;
                break;
            default:
                if (!readMsbNext) {
                    b = v & 0xFF;
                    readMsbNext = true;
                } else {
                    b = (v >>> 8) & 0xFF;
                    readMsbNext = false;
                    countLatched = false;
                }
        }
        return b;
    }

    void write(int value, long t) {
        value &= 0xFF;
        int cr;
        switch (rw) {
            case 1:
                cr = value;
                break;
            case 2:
                cr = value << 8;
                break;
            default:
                if (!writeMsbNext) {
                    writeLsb = value;
                    writeMsbNext = true;
                    if (mode == 0) {
                        // mode 0: writing the first byte stops counting and sets OUT low at once
                        settle(t);
                        ceHold = binaryValue(t);
                        curLoad = NEVER;
                        pendTick = NEVER;
                        holdLow = true;
                    }
                    return;
                }
                writeMsbNext = false;
                cr = writeLsb | (value << 8);
        }
        loadCount(cr, t);
    }

    private void loadCount(int cr, long t) {
        settle(t);
        int n = bcd ? fromBcd(cr) : cr;
        if (n == 0) {
            n = modulus();
        }
        boolean first = !crValid;
        crN = n;
        crValid = true;
        crLoadTick = NEVER; // until a load, a cycle end or a trigger transfers it
        holdLow = false;
        switch (mode) {
            case 0, 4 -> loadAtNextPulse(t, gate);
            case 1, 5 -> { } // used by the next gate trigger
            default -> { // 2, 3
                if (first || curLoad == NEVER) {
                    loadAtNextPulse(t, gate);
                } else if (curRunning && gate) {
                    scheduleAtCycleEnd(t);
                }
            }
        }
    }

    /** The count register reaches the CE on the next pulse (replacing a load not yet done), counting if {@code running}. */
    private void loadAtNextPulse(long t, boolean running) {
        crLoadTick = t + 1;
        if (curLoad == NEVER || t < curLoad) {
            ceHold = binaryValue(t);
            curN = crN;
            curLoad = t + 1;
            curAnchorTick = t + 1;
            curAnchorJ = 0;
            curRunning = running;
            pendTick = NEVER;
        } else {
            pendTick = t + 1;
            pendN = crN;
            pendJ = 0;
            pendRunning = running;
        }
    }

    /** Modes 2/3: a new count takes effect when the current cycle (mode 2) or half-cycle (mode 3) ends. */
    private void scheduleAtCycleEnd(long t) {
        long j = jAt(t, curAnchorTick, curAnchorJ, true);
        int n = curN;
        long boundary;
        long newJ = 0;
        if (mode == 2) {
            boundary = nextOf(j, n, 0, 1);
        } else {
            long endHigh = nextOf(j, n, (n + 1) / 2, 0);
            long endLow = nextOf(j, n, 0, 1);
            boundary = Math.min(endHigh, endLow);
            if (boundary == endHigh && endHigh != endLow) {
                newJ = (crN + 1) / 2; // continue in the low half with the new count
            }
        }
        pendTick = curAnchorTick + (boundary - curAnchorJ);
        crLoadTick = pendTick;
        pendN = crN;
        pendJ = newJ;
        pendRunning = true;
    }

    void setGate(boolean level, long t) {
        if (level == gate) {
            return;
        }
        settle(t);
        gate = level;
        boolean loaded = curLoad != NEVER;
        switch (mode) {
            case 0, 4 -> {
                if (pendTick != NEVER) {
                    pendRunning = level;
                }
                if (loaded) {
                    if (!level) {
                        curAnchorJ = jAt(t, curAnchorTick, curAnchorJ, curRunning);
                        curAnchorTick = Math.max(t, curLoad);
                        curRunning = false;
                    } else {
                        curAnchorTick = Math.max(t, curLoad);
                        curRunning = true;
                    }
                }
            }
            default -> { // 1, 2, 3, 5
                if (level) {
                    if (crValid) {
                        loadAtNextPulse(t, true); // a trigger: the count register is loaded on the next pulse
                    }
                } else if ((mode == 2 || mode == 3) && loaded) {
                    curAnchorJ = jAt(t, curAnchorTick, curAnchorJ, curRunning);
                    curAnchorTick = Math.max(t, curLoad);
                    curRunning = false;
                    pendTick = NEVER;
                }
            }
        }
    }

    boolean gate() {
        return gate;
    }

    int mode() {
        return mode;
    }

    /** The programmed count (binary; 65536 or 10000 for a written 0), or 0 if none since the control word. */
    int initialCount() {
        return crValid ? crN : 0;
    }

    private static int toBcd(int v) {
        return (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
    }

    private static int fromBcd(int v) {
        return ((v >>> 12) & 0xF) * 1000 + ((v >>> 8) & 0xF) * 100 + ((v >>> 4) & 0xF) * 10 + (v & 0xF);
    }

    // ---- snapshot ----

    void save(DataOutput out) throws IOException {
        out.writeByte(controlBits);
        out.writeInt(crN);
        out.writeBoolean(crValid);
        out.writeLong(crLoadTick);
        out.writeBoolean(writeMsbNext);
        out.writeByte(writeLsb);
        out.writeBoolean(holdLow);
        out.writeBoolean(gate);
        out.writeBoolean(readMsbNext);
        out.writeBoolean(countLatched);
        out.writeShort(latchedCount);
        out.writeBoolean(statusLatched);
        out.writeByte(latchedStatus);
        out.writeInt(ceHold);
        out.writeInt(curN);
        out.writeLong(curLoad);
        out.writeLong(curAnchorTick);
        out.writeLong(curAnchorJ);
        out.writeBoolean(curRunning);
        out.writeLong(pendTick);
        out.writeInt(pendN);
        out.writeLong(pendJ);
        out.writeBoolean(pendRunning);
    }

    void load(DataInput in) throws IOException {
        controlBits = in.readUnsignedByte() & 0x3F;
        rw = (controlBits >>> 4) & 3;
        if (rw == 0) {
            throw new IOException("8254 counter: control word with no access mode");
        }
        int m = (controlBits >>> 1) & 7;
        mode = m > 5 ? m - 4 : m;
        bcd = (controlBits & 1) != 0;
        crN = DeviceState.readInt(in, 1, 0x10000, "8254 count");
        crValid = in.readBoolean();
        crLoadTick = in.readLong();
        writeMsbNext = in.readBoolean();
        writeLsb = in.readUnsignedByte();
        holdLow = in.readBoolean();
        gate = in.readBoolean();
        readMsbNext = in.readBoolean();
        countLatched = in.readBoolean();
        latchedCount = in.readUnsignedShort();
        statusLatched = in.readBoolean();
        latchedStatus = in.readUnsignedByte();
        ceHold = DeviceState.readInt(in, 0, 0x10000, "8254 CE value");
        curN = DeviceState.readInt(in, 1, 0x10000, "8254 CE count");
        curLoad = in.readLong();
        curAnchorTick = in.readLong();
        curAnchorJ = in.readLong();
        curRunning = in.readBoolean();
        pendTick = in.readLong();
        pendN = in.readInt();
        pendJ = in.readLong();
        pendRunning = in.readBoolean();
        if (pendTick != NEVER && (pendN < 1 || pendN > 0x10000)) {
            throw new IOException("8254 counter: bad pending count " + pendN);
        }
    }
}
