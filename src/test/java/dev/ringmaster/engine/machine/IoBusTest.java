package dev.ringmaster.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoBusTest {
    /** A latch register: reads back what was written last. */
    static final class Latch implements IoDevice {
        int value;
        final List<String> log = new ArrayList<>();

        @Override
        public String name() {
            return "latch";
        }

        @Override
        public void reset() {
            value = 0;
        }

        @Override
        public void saveState(DataOutput out) {
        }

        @Override
        public void loadState(DataInput in) {
        }

        @Override
        public int ioRead(int port, int size) {
            log.add("r" + Integer.toHexString(port) + "/" + size);
            return value;
        }

        @Override
        public void ioWrite(int port, int size, int v) {
            log.add("w" + Integer.toHexString(port) + "/" + size + "=" + Integer.toHexString(v));
            value = v;
        }
    }

    @Test
    void routesToTheRegisteredDeviceAndMasksToAccessSize() {
        IoBus bus = new IoBus();
        Latch latch = new Latch();
        bus.register(0x80, 0x80, latch);
        bus.write(0x80, 1, 0x1234);
        assertEquals(0x34, latch.value);
        latch.value = 0xCAFEBABE;
        assertEquals(0xBE, bus.read(0x80, 1));
        assertEquals(0xBABE, bus.read(0x80, 2));
        assertEquals(List.of("w80/1=34", "r80/1", "r80/2"), latch.log);
    }

    @Test
    void unclaimedPortsReadAllOnesAndAreReported() {
        IoBus bus = new IoBus();
        List<String> seen = new ArrayList<>();
        bus.setUnmappedListener((port, size, write, value) ->
                seen.add((write ? "w" : "r") + Integer.toHexString(port) + "/" + size + "=" + Integer.toHexString(value)));
        assertEquals(0xFF, bus.read(0x1234, 1));
        assertEquals(0xFFFF, bus.read(0x1234, 2));
        assertEquals(0xFFFFFFFF, bus.read(0x1234, 4));
        bus.write(0x5678, 2, 0xABCDEF);
        assertEquals(List.of("r1234/1=ff", "r1234/2=ffff", "r1234/4=ffffffff", "w5678/2=cdef"), seen);
    }

    @Test
    void overlappingRegistrationIsRefused() {
        IoBus bus = new IoBus();
        bus.register(0x20, 0x21, new Latch());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bus.register(0x21, 0x22, new Latch()));
        assertEquals("port 0x0021 already belongs to latch, cannot give it to latch", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bus.register(5, 4, new Latch()));
    }
}
