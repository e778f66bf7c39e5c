package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MC146818 behaviour as the PC AT uses it: time formats, UIP, SET, interrupts, CMOS memory size. */
class CmosRtcTest {
    static final long GHZ = 1_000_000_000L;
    static final long MIB = 1024L * 1024;

    VirtualClock clock;
    IrqRecorder irqs;
    CmosRtc rtc;
    IoBus bus;

    @BeforeEach
    void setUp() {
        setUp(32 * MIB);
    }

    void setUp(long ram) {
        clock = new VirtualClock(GHZ);
        irqs = new IrqRecorder(clock);
        rtc = new CmosRtc(clock, irqs, ram);
        bus = new IoBus();
        rtc.attach(bus);
    }

    int read(int reg) {
        bus.write(0x70, 1, reg);
        return bus.read(0x71, 1);
    }

    void write(int reg, int v) {
        bus.write(0x70, 1, reg);
        bus.write(0x71, 1, v);
    }

    void runTo(long cycle) {
        Clocks.runTo(clock, cycle);
    }

    int[] time() {
        return new int[] {read(0x32), read(9), read(8), read(7), read(6), read(4), read(2), read(0)};
    }

    @Test
    void defaultClockStartsAtAFixedInstantInBcd24Hour() {
        assertEquals(0x26, read(0x0A));
        assertEquals(0x02, read(0x0B));
        assertEquals(0x80, read(0x0D), "valid RAM and time");
        // 2025-01-01 00:00:00, a Wednesday (Sunday = 1)
        assertArrayEquals(new int[] {0x20, 0x25, 0x01, 0x01, 0x04, 0x00, 0x00, 0x00}, time());
        runTo(3661 * GHZ + GHZ / 2);
        assertArrayEquals(new int[] {0x20, 0x25, 0x01, 0x01, 0x04, 0x01, 0x01, 0x01}, time());
        runTo((86_400L * 59 + 23 * 3600 + 59 * 60 + 59) * GHZ); // 2025-03-01 23:59:59, a Saturday
        assertArrayEquals(new int[] {0x20, 0x25, 0x03, 0x01, 0x07, 0x23, 0x59, 0x59}, time());
        assertEquals(CmosRtc.DEFAULT_BASE_EPOCH_SECONDS + 86_400L * 59 + 86_399, rtc.epochSeconds());
    }

    @Test
    void binaryAnd12HourFormats() {
        runTo((13 * 3600 + 5 * 60 + 9) * GHZ);
        write(0x0B, 0x06); // binary, 24 h
        assertArrayEquals(new int[] {20, 25, 1, 1, 4, 13, 5, 9}, time());
        write(0x0B, 0x00); // BCD, 12 h
        assertEquals(0x81, read(4), "1 PM: bit 7 set");
        write(0x0B, 0x04); // binary, 12 h
        assertEquals(0x81, read(4));
        runTo((23 * 3600 + 5 * 60) * GHZ);
        assertEquals(0x80 | 11, read(4));
        write(0x0B, 0x00);
        assertEquals(0x91, read(4), "11 PM in BCD");
        runTo((24 * 3600 + 30 * 60) * GHZ);
        assertEquals(0x12, read(4), "half past midnight is 12 AM");
        runTo((36 * 3600 + 30 * 60) * GHZ);
        assertEquals(0x92, read(4), "half past noon is 12 PM");
    }

    @Test
    void updateInProgressIsSetForThe244MicrosecondsBeforeEachUpdate() {
        runTo(GHZ - 250_000);
        assertEquals(0x00, read(0x0A) & 0x80);
        runTo(GHZ - 244_000);
        assertEquals(0x80, read(0x0A) & 0x80);
        assertEquals(0x00, read(0), "still second 0");
        runTo(GHZ);
        assertEquals(0x00, read(0x0A) & 0x80);
        assertEquals(0x01, read(0));
        // polling UIP as drivers do: it turns 1 once per second
        int rises = 0;
        boolean last = false;
        for (long t = GHZ; t < 11 * GHZ; t += 50_000) {
            runTo(t);
            boolean uip = (read(0x0A) & 0x80) != 0;
            if (uip && !last) {
                rises++;
            }
            last = uip;
        }
        assertEquals(10, rises);
    }

    @Test
    void settingTheClockWithTheSetBit() {
        runTo(5 * GHZ + 123);
        write(0x0B, 0x82); // SET, 24 h, BCD
        int frozen = read(0);
        runTo(9 * GHZ);
        assertEquals(frozen, read(0), "updates are inhibited while SET is 1");
        assertEquals(0x00, read(0x0A) & 0x80, "and UIP stays 0");
        write(0x32, 0x20);
        write(9, 0x30);
        write(8, 0x06);
        write(7, 0x15);
        write(4, 0x12);
        write(2, 0x34);
        write(0, 0x56);
        write(0x0B, 0x02); // run
        assertArrayEquals(new int[] {0x20, 0x30, 0x06, 0x15, 0x07, 0x12, 0x34, 0x56}, time(), "2030-06-15 was a Saturday");
        runTo(19 * GHZ);
        assertEquals(0x06, read(0));
        assertEquals(0x35, read(2));
        assertEquals(Instant.parse("2030-06-15T12:35:06Z").getEpochSecond(), rtc.epochSeconds());
        // with SET clear, a write sets the clock at once
        write(4, 0x08);
        assertEquals(0x08, read(4));
        assertEquals(0x35, read(2));
    }

    @Test
    void periodicInterruptAt1024HzOnIrq8() {
        write(0x0B, 0x42); // PIE
        runTo(GHZ);
        assertEquals(1, irqs.rises[8], "IRQ8 stays high until register C is read");
        assertEquals(0xD0, read(0x0C), "IRQF and PF (and UF: a second has passed)");
        assertFalse(irqs.level[8]);
        assertEquals(0x00, read(0x0C) & 0x40, "reading C cleared it");
        // an interrupt handler that reads C every time: 1024 interrupts per second, on the dot
        int before = irqs.rises[8];
        List<Long> at = irqs.riseCycles(8);
        int first = at.size();
        while (clock.nextDeadline() <= 2 * GHZ) {
            runTo(clock.nextDeadline());
            assertTrue(irqs.level[8]);
            read(0x0C);
        }
        assertEquals(1024, irqs.rises[8] - before);
        // 1024 Hz = every 32 ticks of the 32768 Hz time base: tick n at ceil(n × 10^9 / 32768) cycles
        for (int k = 0; k < 1024; k++) {
            long tick = 32768 + 32L * (k + 1);
            assertEquals((tick * GHZ + 32767) / 32768, at.get(first + k));
        }
        write(0x0A, 0x2F); // rate 15: 2 Hz
        int r = irqs.rises[8];
        runTo(3 * GHZ + 1);
        read(0x0C);
        runTo(4 * GHZ + 1);
        assertEquals(r + 2, irqs.rises[8]);
    }

    @Test
    void flagsAreLatchedWithoutInterruptsEnabled() {
        runTo(GHZ / 100);
        assertEquals(0x40, read(0x0C), "PF without PIE: no IRQF");
        assertEquals(0x00, read(0x0C));
        runTo(GHZ + GHZ / 100);
        assertEquals(0x50, read(0x0C), "a second passed: UF too");
        assertEquals(0, irqs.rises[8]);
        write(0x0A, 0x20); // rate 0: no periodic flag
        runTo(3 * GHZ);
        assertEquals(0x10, read(0x0C));
    }

    @Test
    void updateEndedAndAlarmInterrupts() {
        write(0x0A, 0x20);
        write(0x0B, 0x12); // UIE
        runTo(GHZ - 1);
        assertFalse(irqs.level[8]);
        runTo(GHZ);
        assertTrue(irqs.level[8]);
        assertEquals(0x90, read(0x0C));
        write(0x0B, 0x22); // AIE only
        write(1, 0x05);
        write(3, 0x00);
        write(5, 0x00); // alarm at 00:00:05
        runTo(5 * GHZ - 1);
        assertFalse(irqs.level[8]);
        runTo(5 * GHZ);
        assertTrue(irqs.level[8]);
        assertEquals(0xB0, read(0x0C), "IRQF, AF and UF");
        write(1, 0xC0);
        write(3, 0xC0);
        write(5, 0xC0); // don't care: every second
        runTo(6 * GHZ);
        assertEquals(0xB0, read(0x0C));
        write(0x0B, 0x82); // SET clears UIE and stops updates
        assertEquals(0x82, read(0x0B));
    }

    @Test
    void memorySizeBytesAndChecksum() {
        assertEquals(0x80, read(0x15));
        assertEquals(0x02, read(0x16), "640 KiB base memory");
        assertEquals(31 * 1024, read(0x17) | read(0x18) << 8, "31 MiB above 1 MiB");
        assertEquals(31 * 1024, read(0x30) | read(0x31) << 8);
        assertEquals(256, read(0x34) | read(0x35) << 8, "16 MiB above 16 MiB in 64 KiB units");
        int sum = 0;
        for (int i = 0x10; i <= 0x2D; i++) {
            sum += read(i);
        }
        assertEquals(sum, read(0x2E) << 8 | read(0x2F));
        assertEquals(0x00, read(0x14), "equipment: VGA, no FPU, no floppy");
        setUp(512 * MIB);
        assertEquals(0xFFFF, read(0x17) | read(0x18) << 8, "capped");
        assertEquals(496 * 16, read(0x34) | read(0x35) << 8);
        setUp(MIB);
        assertEquals(0, read(0x17) | read(0x18) << 8);
        assertEquals(0, read(0x34) | read(0x35) << 8);
    }

    @Test
    void indexPortMasksNmiAndIsWriteOnly() {
        bus.write(0x70, 1, 0x8F);
        assertTrue(rtc.nmiMasked());
        assertEquals(0xFF, bus.read(0x70, 1));
        bus.write(0x71, 1, 0x5A);
        bus.write(0x70, 1, 0x0F);
        assertFalse(rtc.nmiMasked());
        assertEquals(0x5A, bus.read(0x71, 1), "same register, bit 7 is not part of the index");
        write(0x0D, 0x00);
        assertEquals(0x80, read(0x0D), "register D is read-only");
    }

    @Test
    void aConfiguredBaseInstantSuchAsHostTimeAtPowerOn() {
        long host = Instant.parse("1999-12-31T23:59:58Z").getEpochSecond();
        rtc = new CmosRtc(clock, irqs, 32 * MIB, host);
        bus = new IoBus();
        rtc.attach(bus);
        assertArrayEquals(new int[] {0x19, 0x99, 0x12, 0x31, 0x06, 0x23, 0x59, 0x58}, time());
        runTo(2 * GHZ);
        assertArrayEquals(new int[] {0x20, 0x00, 0x01, 0x01, 0x07, 0x00, 0x00, 0x00}, time());
    }

    @Test
    void snapshotRoundTripAndResetKeepsTheTime() throws Exception {
        write(0x0B, 0x52); // PIE + UIE
        write(0x4F, 0x77); // a CMOS byte
        runTo(GHZ + 12_345);
        VirtualClock clock2 = new VirtualClock(GHZ);
        clock2.setNow(clock.now());
        IrqRecorder irqs2 = new IrqRecorder(clock2);
        irqs2.level[8] = irqs.level[8];
        CmosRtc copy = new CmosRtc(clock2, irqs2, 32 * MIB);
        StateRoundTrip.copy(rtc, copy);
        IoBus bus2 = new IoBus();
        copy.attach(bus2);
        irqs.riseCycles(8).clear();
        for (int i = 0; i < 50; i++) {
            long to = clock.now() + 7_777_777;
            runTo(to);
            Clocks.runTo(clock2, to);
            bus2.write(0x70, 1, 0x0C);
            assertEquals(read(0x0C), bus2.read(0x71, 1));
            bus2.write(0x70, 1, 0x00);
            assertEquals(read(0x00), bus2.read(0x71, 1));
        }
        assertEquals(irqs.riseCycles(8), irqs2.riseCycles(8));
        assertArrayEquals(StateRoundTrip.save(rtc), StateRoundTrip.save(copy));
        long t = rtc.epochSeconds();
        rtc.reset();
        assertEquals(t, rtc.epochSeconds(), "battery-backed: the time survives a reset");
        assertEquals(0x02, read(0x0B));
        assertEquals(0x00, read(0x4F));
    }
}
