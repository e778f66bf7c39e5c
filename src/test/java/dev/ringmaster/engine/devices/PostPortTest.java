package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.engine.machine.IoBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostPortTest {
    @Test
    void remembersCountsAndReportsEveryCode() {
        IoBus bus = new IoBus();
        PostPort post = new PostPort();
        post.attach(bus);
        List<Integer> seen = new ArrayList<>();
        post.setListener(seen::add);
        assertEquals(-1, post.lastValue());
        bus.write(0x80, 1, 0x12);
        bus.write(0x80, 1, 0xAB);
        assertEquals(0xAB, post.lastValue());
        assertEquals(2, post.writeCount());
        assertEquals(List.of(0x12, 0xAB), seen);
        assertEquals(0xFF, bus.read(0x80, 1), "reads float, as on QEMU");
        bus.write(0x80, 2, 0x3456);
        assertEquals(0x56, post.lastValue(), "a word write reaches port 0x80 with its low byte only");
        assertEquals(3, post.writeCount());
    }

    @Test
    void snapshotRoundTripAndReset() {
        PostPort post = new PostPort();
        post.ioWrite(0x80, 1, 0x42);
        PostPort copy = new PostPort();
        StateRoundTrip.copy(post, copy);
        assertEquals(0x42, copy.lastValue());
        assertEquals(1, copy.writeCount());
        copy.reset();
        assertEquals(-1, copy.lastValue());
        assertEquals(0, copy.writeCount());
    }

    @Test
    void ioDelayPortClaims0xEdSoDelaysAreNotReportedAsUnmapped() {
        IoBus bus = new IoBus();
        List<Integer> unmapped = new ArrayList<>();
        bus.setUnmappedListener((port, size, write, value) -> unmapped.add(port));
        PostPort delay = PostPort.ioDelayPort();
        delay.attach(bus);
        new PostPort().attach(bus);
        bus.write(0xED, 1, 0);
        bus.write(0xED, 1, 0);
        assertEquals(0xFF, bus.read(0xED, 1));
        assertEquals(2, delay.writeCount());
        assertEquals("io-delay", delay.name());
        assertEquals(List.of(), unmapped);
        PostPort copy = PostPort.ioDelayPort();
        StateRoundTrip.copy(delay, copy);
        assertEquals(2, copy.writeCount());
    }
}
