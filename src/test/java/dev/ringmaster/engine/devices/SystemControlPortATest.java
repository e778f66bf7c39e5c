package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.engine.machine.IoBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port 0x92: fast A20 and fast reset. */
class SystemControlPortATest {
    @Test
    void bit1DrivesA20AndBit0RisingResets() {
        List<String> resets = new ArrayList<>();
        List<Boolean> a20 = new ArrayList<>();
        SystemControlPortA port = new SystemControlPortA(resets::add, a20::add);
        IoBus bus = new IoBus();
        port.attach(bus);
        assertEquals(0x02, bus.read(0x92, 1));
        bus.write(0x92, 1, 0x00);
        assertEquals(List.of(false), a20);
        bus.write(0x92, 1, 0x02);
        assertEquals(List.of(false, true), a20);
        assertEquals(List.of(), resets);
        bus.write(0x92, 1, 0x03);
        assertEquals(List.of("port 0x92 fast reset"), resets);
        bus.write(0x92, 1, 0x03);
        assertEquals(1, resets.size(), "only a 0→1 transition resets");
        assertEquals(0x03, bus.read(0x92, 1));
        SystemControlPortA copy = new SystemControlPortA(r -> { }, x -> { });
        StateRoundTrip.copy(port, copy);
        assertEquals(0x03, copy.readByte(0x92));
        copy.reset();
        assertEquals(0x02, copy.readByte(0x92));
    }
}
