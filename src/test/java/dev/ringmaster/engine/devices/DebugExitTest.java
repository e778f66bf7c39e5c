package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QEMU isa-debug-exit semantics: exit code (v << 1) | 1, both ports, any width. */
class DebugExitTest {
    @Test
    void writingVRequestsExitWithCodeTwoVPlusOne() {
        IoBus bus = new IoBus();
        DebugExit dev = new DebugExit();
        dev.attach(bus);
        List<Integer> told = new ArrayList<>();
        dev.setListener(told::add);
        assertFalse(dev.exitRequested());
        bus.write(0x501, 1, 0x10);
        assertTrue(dev.exitRequested());
        assertEquals(0x21, dev.exitCode());
        assertEquals(List.of(0x21), told);
        dev.clearRequest();
        assertFalse(dev.exitRequested());
        bus.write(0x501, 2, 0x1234);
        assertEquals(0x2469, dev.exitCode(), "a word write exits with the whole word");
        assertEquals(0x69, dev.processExitStatus());
        bus.write(0x502, 1, 0);
        assertEquals(1, dev.exitCode(), "the second port of iosize=2 exits too; 0 gives 1");
        assertEquals(0, bus.read(0x501, 1));
        assertEquals(0xFF, bus.read(0x503, 1), "nothing at 0x503");
    }

    @Test
    void snapshotRoundTripAndReset() {
        DebugExit dev = new DebugExit();
        dev.ioWrite(0x501, 1, 3);
        DebugExit copy = new DebugExit();
        StateRoundTrip.copy(dev, copy);
        assertTrue(copy.exitRequested());
        assertEquals(7, copy.exitCode());
        copy.reset();
        assertFalse(copy.exitRequested());
    }
}
