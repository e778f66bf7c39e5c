package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.engine.machine.IoBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoDelayPortTest {
    @Test
    void claimsPort0xEdSoDelaysAreNotReportedAsUnmapped() {
        IoBus bus = new IoBus();
        List<Integer> unmapped = new ArrayList<>();
        bus.setUnmappedListener((port, size, write, value) -> unmapped.add(port));
        IoDelayPort delay = new IoDelayPort();
        delay.attach(bus);
        bus.write(0xED, 1, 0);
        bus.write(0xED, 1, 0);
        assertEquals(0xFF, bus.read(0xED, 1));
        assertEquals(2, delay.writeCount());
        assertEquals(List.of(), unmapped);
        IoDelayPort copy = new IoDelayPort();
        StateRoundTrip.copy(delay, copy);
        assertEquals(2, copy.writeCount());
    }
}
