package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devices wired as a PC AT: addresses of DESIGN §3, interrupts end to end, whole-platform snapshots. */
class PcDevicesTest {
    static final long GHZ = 1_000_000_000L;

    final VirtualClock clock = new VirtualClock(GHZ);
    final List<String> resets = new ArrayList<>();
    final PcDevices pc = new PcDevices(clock, 32L << 20, resets::add, a20 -> { });
    final IoBus bus = new IoBus();

    PcDevicesTest() {
        pc.attach(bus);
    }

    void out(int port, int v) {
        bus.write(port, 1, v);
    }

    int in(int port) {
        return bus.read(port, 1);
    }

    void initPic() {
        int[] seq = {0x20, 0x11, 0x21, 0x20, 0x21, 0x04, 0x21, 0x01, 0xA0, 0x11, 0xA1, 0x28, 0xA1, 0x02, 0xA1, 0x01};
        for (int i = 0; i < seq.length; i += 2) {
            out(seq[i], seq[i + 1]);
        }
    }

    /** Runs until INTR, then does what a CPU with IF=1 and a handler that sends EOI does; returns the vector. */
    int nextInterrupt(long limit) {
        while (!pc.interruptController().intrPending()) {
            long next = clock.nextDeadline();
            if (next > limit) {
                return -1;
            }
            Clocks.runTo(clock, next);
        }
        int vector = pc.interruptController().acknowledge();
        if (vector >= 0x28) {
            out(0xA0, 0x20);
        }
        out(0x20, 0x20);
        return vector;
    }

    @Test
    void devicesSitAtTheirPcAddresses() {
        Object[][] table = {
            {0x20, "pic"}, {0x21, "pic"}, {0xA0, "pic"}, {0xA1, "pic"}, {0x4D0, "pic"}, {0x4D1, "pic"},
            {0x40, "pit"}, {0x43, "pit"}, {0x61, "port-b"}, {0x92, "port-a"},
            {0x3F8, "uart-com1"}, {0x3FF, "uart-com1"}, {0x3D4, "vga"}, {0x3D5, "vga"}, {0x3DA, "vga"}, {0x3C0, "vga"},
            {0x60, "i8042"}, {0x64, "i8042"}, {0x70, "cmos-rtc"}, {0x71, "cmos-rtc"},
            {0x501, "debug-exit"}, {0x502, "debug-exit"}, {0x80, "post"}, {0xED, "io-delay"},
        };
        for (Object[] row : table) {
            assertEquals(row[1], bus.deviceAt((Integer) row[0]).name(), "port 0x" + Integer.toHexString((Integer) row[0]));
        }
        assertNull(bus.deviceAt(0x2F8), "no COM2");
        assertEquals(0xFF, in(0x2F8));
        assertEquals(11, pc.all().size());
    }

    @Test
    void interruptsTravelFromEachDeviceThroughThePicWithTheirVectors() {
        initPic();
        assertFalse(pc.interruptController().intrPending(), "nothing before the guest programs a device");
        // PIT counter 0, mode 2, ~1 kHz
        out(0x43, 0x34);
        out(0x40, 1193 & 0xFF);
        out(0x40, 1193 >> 8);
        assertEquals(0x20, nextInterrupt(GHZ));
        long firstTick = clock.now();
        assertEquals(pc.pit().cycleOfTick(1 + 1193), firstTick);
        // keyboard
        pc.keyboardController().press(Key.A);
        assertEquals(0x21, nextInterrupt(GHZ));
        assertEquals(0x1E, in(0x60));
        // COM1 receive
        out(0x3FC, 0x08);
        out(0x3F9, 0x01);
        pc.com1().typeInput("x".getBytes(StandardCharsets.US_ASCII));
        List<Integer> vectors = new ArrayList<>();
        int v;
        while ((v = nextInterrupt(clock.now() + 2_000_000)) != 0x24) {
            vectors.add(v);
        }
        assertEquals('x', in(0x3F8));
        assertTrue(vectors.stream().allMatch(x -> x == 0x20), "only timer ticks meanwhile: " + vectors);
        // RTC periodic interrupt on IRQ8, through the slave
        out(0x43, 0x30); // stop the timer ticks: mode 0, no count
        nextInterruptsUntilQuiet();
        out(0x70, 0x0B);
        out(0x71, 0x42);
        assertEquals(0x28, nextInterrupt(clock.now() + GHZ));
        assertEquals(8, pc.pic().lastIrq());
        out(0x70, 0x0C);
        assertEquals(0xC0, in(0x71) & 0xC0);
    }

    private void nextInterruptsUntilQuiet() {
        while (pc.interruptController().intrPending()) {
            pc.interruptController().acknowledge();
            out(0x20, 0x20);
        }
    }

    @Test
    void resetAndA20LinesAreWired() {
        out(0x64, 0xFE);
        out(0x92, 0x03);
        assertEquals(List.of("i8042 command 0xFE", "port 0x92 fast reset"), resets);
        out(0x501, 0x31);
        assertTrue(pc.debugExit().exitRequested());
        assertEquals(0x63, pc.debugExit().exitCode());
        out(0x80, 0x42);
        assertEquals(0x42, pc.post().lastValue());
    }

    @Test
    void wholePlatformSnapshotRoundTripAndAllOrNothingLoad() throws IOException {
        initPic();
        out(0x43, 0x34);
        out(0x40, 0x00);
        out(0x40, 0x10);
        out(0x3FC, 0x08);
        out(0x3F9, 0x01);
        out(0x3FA, 0xC1);
        pc.com1().typeInput("hello".getBytes(StandardCharsets.US_ASCII));
        pc.keyboardController().typeText("ls\n");
        pc.vga().mmioWrite(0xB8000, 2, 0x1F41);
        out(0x70, 0x0B);
        out(0x71, 0x52);
        Clocks.runTo(clock, 123_456_789);
        byte[] state = save(pc);

        VirtualClock clock2 = new VirtualClock(GHZ);
        clock2.setNow(clock.now());
        PcDevices pc2 = new PcDevices(clock2, 32L << 20, r -> { }, a -> { });
        IoBus bus2 = new IoBus();
        pc2.attach(bus2);
        load(pc2, state);
        assertArrayEquals(state, save(pc2));
        assertEquals(pc.vga().snapshot(), pc2.vga().snapshot());

        // both run on identically: the same interrupts at the same cycles, the same bytes read
        int[] a = runAndServe(pc, bus, clock);
        int[] b = runAndServe(pc2, bus2, clock2);
        assertArrayEquals(a, b);
        assertTrue(a.length > 100, "ran " + a.length / 3 + " interrupts");

        // a corrupt snapshot changes nothing
        byte[] before = save(pc2);
        byte[] broken = Arrays.copyOf(state, state.length - 10);
        assertThrows(IOException.class, () -> load(pc2, broken));
        assertArrayEquals(before, save(pc2));
    }

    /** Serves interrupts for 50 ms of virtual time: vector, cycle, and the byte read by the handler. */
    private static int[] runAndServe(PcDevices pc, IoBus bus, VirtualClock clock) {
        List<Integer> log = new ArrayList<>();
        long end = clock.now() + 50_000_000;
        while (true) {
            while (!pc.interruptController().intrPending()) {
                long next = clock.nextDeadline();
                if (next > end) {
                    return log.stream().mapToInt(Integer::intValue).toArray();
                }
                Clocks.runTo(clock, next);
            }
            int vector = pc.interruptController().acknowledge();
            int data = switch (vector) {
                case 0x21 -> bus.read(0x60, 1);
                case 0x24 -> bus.read(0x3F8, 1);
                case 0x28 -> {
                    bus.write(0x70, 1, 0x0C);
                    yield bus.read(0x71, 1);
                }
                default -> -1;
            };
            log.add(vector);
            log.add((int) (clock.now() % 1_000_003));
            log.add(data);
            if (vector >= 0x28) {
                bus.write(0xA0, 1, 0x20);
            }
            bus.write(0x20, 1, 0x20);
        }
    }

    private static byte[] save(PcDevices pc) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        pc.saveState(new DataOutputStream(b));
        return b.toByteArray();
    }

    private static void load(PcDevices pc, byte[] state) throws IOException {
        pc.loadState(new DataInputStream(new ByteArrayInputStream(state)));
    }
}
