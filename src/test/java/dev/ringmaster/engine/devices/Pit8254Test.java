package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intel 8254 datasheet behaviour, checked pulse by pulse. Most tests run the CPU clock at the PIT's
 * own 1.193182 MHz so that cycle n is input pulse n.
 */
class Pit8254Test {
    VirtualClock clock;
    IrqRecorder irqs;
    Pit8254 pit;
    SystemControlPortB portB;
    IoBus bus;
    List<Long> irq0Rises;

    @BeforeEach
    void setUp() {
        setUp(Pit8254.INPUT_HZ);
    }

    void setUp(long hz) {
        clock = new VirtualClock(hz);
        irqs = new IrqRecorder(clock);
        irq0Rises = irqs.riseCycles(0);
        pit = new Pit8254(clock, irqs);
        portB = new SystemControlPortB(clock, pit);
        bus = new IoBus();
        pit.attach(bus);
        portB.attach(bus);
    }

    void out(int port, int v) {
        bus.write(port, 1, v);
    }

    int in(int port) {
        return bus.read(port, 1);
    }

    /** Runs the clock the way the machine's run loop does: up to each deadline, then fires it. */
    void runTo(long cycle) {
        Clocks.runTo(clock, cycle);
    }

    int latchAndRead(int ch) {
        out(0x43, ch << 6);
        return in(0x40 + ch) | in(0x40 + ch) << 8;
    }

    void program(int ch, int mode, int count) {
        out(0x43, ch << 6 | 0x30 | mode << 1);
        out(0x40 + ch, count & 0xFF);
        out(0x40 + ch, count >>> 8);
    }

    @Test
    void mode2RateGeneratorCountsAndPulsesIrq0EveryNPulses() {
        program(0, 2, 100); // written at pulse 0, loaded on pulse 1
        assertTrue(pit.out(0), "OUT is high after the control word in mode 2");
        runTo(1);
        assertEquals(100, latchAndRead(0));
        runTo(50);
        assertEquals(51, latchAndRead(0));
        runTo(99);
        assertEquals(2, latchAndRead(0));
        assertTrue(pit.out(0));
        runTo(100);
        assertEquals(1, latchAndRead(0));
        assertFalse(pit.out(0), "OUT low for the one pulse the count is 1");
        runTo(101);
        assertEquals(100, latchAndRead(0), "reloaded");
        assertTrue(pit.out(0));
        runTo(1000);
        assertEquals(List.of(101L, 201L, 301L, 401L, 501L, 601L, 701L, 801L, 901L), irq0Rises);
    }

    @Test
    void irq0PeriodForADivisorAtAOneGigahertzCpu() {
        setUp(1_000_000_000L);
        program(0, 2, 1193); // the classic ~1 kHz tick
        runTo(1_000_000_000L); // one virtual second
        // rising edges at pulses 1 + 1193k, k ≥ 1, up to pulse 1193182
        assertEquals(1000, irq0Rises.size());
        assertEquals(pit.cycleOfTick(1 + 1193), irq0Rises.get(0));
        assertEquals(1000, pit.irq0RisingEdges());
        // every edge at exactly ceil(pulse × 10^9 / 1193182) cycles
        for (int k = 1; k <= 1000; k++) {
            long pulse = 1 + 1193L * k;
            assertEquals((pulse * 1_000_000_000L + Pit8254.INPUT_HZ - 1) / Pit8254.INPUT_HZ, irq0Rises.get(k - 1));
        }
    }

    @Test
    void mode3SquareWaveEvenAndOddCounts() {
        program(0, 3, 10);
        int[] expected = {10, 8, 6, 4, 2, 10, 8, 6, 4, 2, 10};
        boolean[] high = {true, true, true, true, true, false, false, false, false, false, true};
        for (int i = 0; i < expected.length; i++) {
            runTo(1 + i);
            assertEquals(expected[i], latchAndRead(0), "pulse " + (1 + i));
            assertEquals(high[i], pit.out(0), "OUT at pulse " + (1 + i));
        }
        // odd count 5: high for 3 pulses (4, 2, 0), low for 2 (4, 2)
        program(2, 3, 5);
        long t0 = clock.now();
        out(0x61, 0x01); // gate counter 2: the gate's rising edge reloads it on the next pulse
        int[] odd = {4, 2, 0, 4, 2, 4, 2, 0, 4, 2};
        boolean[] oddHigh = {true, true, true, false, false, true, true, true, false, false};
        for (int i = 0; i < odd.length; i++) {
            runTo(t0 + 1 + i);
            assertEquals(odd[i], latchAndRead(2), "pulse " + (1 + i));
            assertEquals(oddHigh[i], (in(0x61) & 0x20) != 0, "OUT2 at pulse " + (1 + i));
        }
        runTo(2000);
        List<Long> rises = new ArrayList<>(irq0Rises);
        assertEquals(11L, rises.get(0));
        assertEquals(21L, rises.get(1), "period N for the even count");
    }

    @Test
    void mode0InterruptOnTerminalCount() {
        program(0, 0, 10);
        assertFalse(irqs.level[0], "OUT goes low on the control word");
        runTo(10);
        assertEquals(1, latchAndRead(0));
        assertFalse(pit.out(0));
        runTo(11);
        assertEquals(0, latchAndRead(0));
        assertTrue(pit.out(0), "OUT high N+1 pulses after the count was written");
        assertEquals(List.of(11L), irq0Rises);
        runTo(12);
        assertEquals(0xFFFF, latchAndRead(0), "the counter keeps counting after terminal count");
        runTo(5000);
        assertEquals(1, irq0Rises.size(), "mode 0 interrupts once");
        // writing the first byte of a two-byte count stops counting and drops OUT at once
        out(0x40, 0x34);
        assertFalse(pit.out(0));
        int frozen = latchAndRead(0);
        runTo(5100);
        assertEquals(frozen, latchAndRead(0));
        out(0x40, 0x00); // count 0x0034 = 52, loaded on the next pulse
        runTo(5101);
        assertEquals(52, latchAndRead(0));
        runTo(5101 + 52);
        assertTrue(pit.out(0));
        assertEquals(List.of(11L, 5153L), irq0Rises);
    }

    @Test
    void mode4SoftwareStrobeIsOneLowPulse() {
        program(0, 4, 10);
        assertTrue(pit.out(0));
        runTo(10);
        assertTrue(pit.out(0));
        runTo(11);
        assertFalse(pit.out(0), "low for one pulse at terminal count");
        runTo(12);
        assertTrue(pit.out(0));
        assertEquals(List.of(12L), irq0Rises);
    }

    @Test
    void modes1And5AreTriggeredByTheGate() {
        program(2, 1, 20);
        runTo(100);
        assertTrue(pit.out(2), "mode 1 waits for a trigger with OUT high");
        assertEquals(0x40, readStatus(2) & 0x40, "null count until the trigger loads it");
        out(0x61, 0x01); // trigger at pulse 100
        runTo(101);
        assertFalse(pit.out(2), "OUT low from the pulse after the trigger");
        assertEquals(20, latchAndRead(2));
        runTo(120);
        assertFalse(pit.out(2));
        runTo(121);
        assertTrue(pit.out(2), "high again at terminal count");
        // retrigger restarts the one-shot
        out(0x61, 0x00);
        runTo(200);
        out(0x61, 0x01);
        runTo(215);
        out(0x61, 0x00);
        out(0x61, 0x01); // retrigger at 215
        runTo(221);
        assertFalse(pit.out(2), "retriggered: still low");
        runTo(236);
        assertTrue(pit.out(2));

        program(2, 5, 8);
        long t = clock.now();
        out(0x61, 0x00);
        out(0x61, 0x01);
        runTo(t + 8);
        assertTrue(pit.out(2));
        runTo(t + 9);
        assertFalse(pit.out(2), "mode 5 strobe");
        runTo(t + 10);
        assertTrue(pit.out(2));
    }

    int readStatus(int ch) {
        out(0x43, 0xE0 | 2 << ch); // read-back: status only
        return in(0x40 + ch);
    }

    @Test
    void counterLatchHoldsTheCountUntilRead() {
        program(0, 2, 1000);
        runTo(10);
        out(0x43, 0x00); // latch counter 0
        runTo(500);
        out(0x43, 0x00); // ignored: already latched
        assertEquals(991 & 0xFF, in(0x40));
        runTo(600);
        assertEquals(991 >>> 8, in(0x40), "the latch is held across both bytes");
        assertEquals(401 & 0xFF, in(0x40), "released: live count again");
    }

    @Test
    void accessModesLsbOnlyAndMsbOnly() {
        out(0x43, 0x14); // counter 0, LSB only, mode 2
        out(0x40, 0x80);
        runTo(1);
        assertEquals(0x80, in(0x40));
        assertEquals(0x80, in(0x40), "LSB-only reads never toggle");
        assertEquals(0x80, pit.initialCount(0));
        out(0x43, 0x24); // MSB only, mode 2
        out(0x40, 0x02);
        runTo(clock.now() + 1);
        assertEquals(0x02, in(0x40));
        assertEquals(0x200, pit.initialCount(0));
        runTo(clock.now() + 0x100);
        assertEquals(0x01, in(0x40));
    }

    @Test
    void readBackReportsStatusThenCount() {
        out(0x43, 0x34);
        assertEquals(0x80 | 0x40 | 0x34, readStatus(0), "OUT high, null count, RW=3, mode 2, binary");
        out(0x40, 100);
        out(0x40, 0);
        assertEquals(0xC0 | 0x34, readStatus(0), "count written but not yet loaded");
        runTo(1);
        assertEquals(0x80 | 0x34, readStatus(0));
        runTo(30);
        out(0x43, 0xC2); // read-back counter 0: count and status
        runTo(40);
        assertEquals(0xB4, in(0x40), "status first");
        assertEquals(71, in(0x40));
        assertEquals(0, in(0x40));
        out(0x43, 0xB0 | 1); // counter 2, BCD, mode 0
        assertEquals(0x40 | 0x31, readStatus(2), "mode 0: OUT low");
        // one read-back command latching the status of counters 0 and 2
        out(0x43, 0xEA);
        assertEquals(0xB4, in(0x40) & 0xFF);
        assertEquals(0x71, in(0x42) & 0xFF);
    }

    @Test
    void bcdCounting() {
        out(0x43, 0x31); // counter 0, LSB/MSB, mode 0, BCD
        out(0x40, 0x00);
        out(0x40, 0x01); // 0100 BCD = 100
        runTo(1);
        assertEquals(0x0100, latchAndRead(0));
        runTo(2);
        assertEquals(0x0099, latchAndRead(0));
        runTo(101);
        assertEquals(0x0000, latchAndRead(0));
        runTo(102);
        assertEquals(0x9999, latchAndRead(0), "BCD wraps to 9999");
    }

    @Test
    void aNewCountInMode2TakesEffectAtTheEndOfTheCurrentCycle() {
        program(0, 2, 100);
        runTo(150); // 50 pulses into the second period
        out(0x40, 10);
        out(0x40, 0);
        assertEquals(0x40, readStatus(0) & 0x40, "null count until the cycle ends");
        runTo(200);
        assertEquals(1, latchAndRead(0));
        runTo(201);
        assertEquals(10, latchAndRead(0), "new count from the next period");
        runTo(240);
        assertEquals(List.of(101L, 201L, 211L, 221L, 231L), irq0Rises);
    }

    @Test
    void gateLowStopsModes2And3AndItsRisingEdgeRestarts() {
        out(0x61, 0x01);
        program(2, 2, 50);
        runTo(30);
        assertEquals(21, latchAndRead(2));
        out(0x61, 0x00);
        runTo(45);
        assertEquals(21, latchAndRead(2), "gate low: counting suspended");
        assertTrue(pit.out(2));
        runTo(200);
        assertTrue(pit.out(2), "OUT stays high while the gate is low");
        out(0x61, 0x01); // rising edge at 200: reload on 201
        runTo(201);
        assertEquals(50, latchAndRead(2));
        runTo(250);
        assertFalse(pit.out(2));
    }

    @Test
    void mode0GateSuspendsCounting() {
        out(0x61, 0x01);
        program(2, 0, 100);
        runTo(21);
        assertEquals(80, latchAndRead(2));
        out(0x61, 0x00);
        runTo(500);
        assertEquals(80, latchAndRead(2));
        assertFalse(pit.out(2));
        out(0x61, 0x01);
        runTo(580);
        assertEquals(0, latchAndRead(2));
        assertTrue((in(0x61) & 0x20) != 0, "OUT2 at port 0x61 bit 5");
    }

    @Test
    void portBGatesCounter2AndTogglesRefreshFromVirtualTime() {
        assertEquals(0x00, in(0x61) & 0x0F);
        out(0x61, 0x03);
        assertEquals(0x03, in(0x61) & 0x0F);
        assertTrue(portB.speakerEnabled());
        assertTrue(pit.gate(2));
        List<Long> toggles = new ArrayList<>();
        int last = in(0x61) & 0x10;
        for (long c = 1; c <= 100; c++) {
            runTo(c);
            int bit = in(0x61) & 0x10;
            if (bit != last) {
                toggles.add(c);
                last = bit;
            }
        }
        assertEquals(List.of(18L, 36L, 54L, 72L, 90L), toggles, "a toggle every 15.085 µs");
        // a Linux-style calibration: gate high, counter 2 mode 0, poll OUT2
        out(0x61, 0x01);
        program(2, 0, 0xFFFF);
        long start = clock.now();
        while ((in(0x61) & 0x20) == 0) {
            runTo(clock.now() + 97);
        }
        long took = clock.now() - start;
        assertTrue(took >= 0xFFFF + 1 && took < 0xFFFF + 1 + 97, "took " + took);
    }

    @Test
    void unreadableControlPortAndOutOfRangeAccesses() {
        assertEquals(0xFF, in(0x43));
        assertEquals(0xFF, bus.read(0x44, 1));
    }

    @Test
    void snapshotRoundTripContinuesExactly() throws Exception {
        setUp(1_000_000_000L);
        program(0, 2, 1193);
        out(0x61, 0x01);
        program(2, 3, 777);
        out(0x43, 0x80); // latch counter 2
        in(0x42); // half of it read
        runTo(12_345_678L);
        VirtualClock clock2 = new VirtualClock(1_000_000_000L);
        clock2.setNow(clock.now());
        IrqRecorder irqs2 = new IrqRecorder(clock2);
        List<Long> rises2 = irqs2.riseCycles(0);
        irqs2.level[0] = irqs.level[0];
        Pit8254 copy = new Pit8254(clock2, irqs2);
        StateRoundTrip.copy(pit, copy);
        IoBus bus2 = new IoBus();
        copy.attach(bus2);
        irq0Rises.clear();
        int[] a = new int[20];
        int[] b = new int[20];
        for (int i = 0; i < 20; i++) {
            long to = clock.now() + 777_777;
            runTo(to);
            Clocks.runTo(clock2, to);
            a[i] = in(0x42) | in(0x40) << 8;
            b[i] = bus2.read(0x42, 1) | bus2.read(0x40, 1) << 8;
        }
        assertArrayEquals(a, b);
        assertEquals(irq0Rises, rises2);
        assertTrue(irq0Rises.size() > 10);
        assertArrayEquals(StateRoundTrip.save(pit), StateRoundTrip.save(copy));
    }

    /**
     * A pulse-by-pulse model written straight from the datasheet's mode descriptions (decrement,
     * reload, toggle), used as an oracle for the computed counter: modes 0, 2, 3 and 4 with random
     * counts and counts rewritten at random moments.
     */
    static final class SteppedCounter {
        int mode;
        int n;
        int ce;
        boolean out;
        boolean started;
        boolean tcSeen;
        int pending = -1;
        long loadAt = -1;

        void control(int m) {
            mode = m;
            started = false;
            pending = -1;
            loadAt = -1;
            out = m != 0;
        }

        void write(int count, long tick) {
            if (mode == 0 || mode == 4) {
                n = count;
                loadAt = tick + 1;
                if (mode == 0) {
                    out = false;
                }
            } else if (!started) {
                n = count;
                loadAt = tick + 1;
            } else {
                pending = count;
            }
        }

        private int reload() {
            if (pending > 0) {
                n = pending;
                pending = -1;
            }
            return mode == 3 && (n & 1) == 1 ? n - 1 : n;
        }

        void pulse(long k) {
            if (loadAt == k) {
                started = true;
                loadAt = -1;
                tcSeen = false;
                ce = mode == 3 && (n & 1) == 1 ? n - 1 : n;
                out = mode != 0;
                return;
            }
            if (!started) {
                return;
            }
            switch (mode) {
                case 0 -> {
                    ce = (ce - 1) & 0xFFFF;
                    if (ce == 0) {
                        out = true;
                    }
                }
                case 4 -> {
                    ce = (ce - 1) & 0xFFFF;
                    out = !(ce == 0 && !tcSeen);
                    tcSeen |= ce == 0;
                }
                case 2 -> {
                    if (ce == 1) {
                        ce = reload();
                        out = true;
                    } else {
                        ce--;
                        out = ce != 1;
                    }
                }
                default -> {
                    if ((n & 1) == 0) {
                        ce -= 2;
                        if (ce == 0) {
                            ce = reload();
                            out = !out;
                        }
                    } else if (out) {
                        if (ce == 0) {
                            ce = reload();
                            out = false;
                        } else {
                            ce -= 2;
                        }
                    } else {
                        ce -= 2;
                        if (ce == 0) {
                            ce = reload();
                            out = true;
                        }
                    }
                }
            }
        }
    }

    @Test
    void computedCountsMatchAPulseByPulseModelOfTheDatasheet() {
        java.util.Random rnd = new java.util.Random(8254);
        int[] modes = {0, 2, 3, 4};
        for (int round = 0; round < 40; round++) {
            setUp();
            int mode = modes[round % 4];
            SteppedCounter ref = new SteppedCounter();
            out(0x43, 0x30 | mode << 1);
            ref.control(mode);
            int count = 2 + rnd.nextInt(300);
            out(0x40, count & 0xFF);
            out(0x40, count >>> 8);
            ref.write(count, 0);
            for (long k = 1; k <= 3000; k++) {
                ref.pulse(k);
                runTo(k);
                String where = "mode " + mode + " round " + round + " pulse " + k;
                assertEquals(ref.ce & 0xFFFF, latchAndRead(0), where);
                assertEquals(ref.out, pit.out(0), where);
                if (rnd.nextInt(400) == 0) {
                    count = 2 + rnd.nextInt(300);
                    out(0x40, count & 0xFF);
                    out(0x40, count >>> 8);
                    ref.write(count, k);
                }
            }
        }
    }
}
