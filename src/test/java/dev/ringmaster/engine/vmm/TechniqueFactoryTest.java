package dev.ringmaster.engine.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.vmm.trap.TrapAndEmulate;
import org.junit.jupiter.api.Test;

class TechniqueFactoryTest {
    @Test
    void nativeTrapAndBtExistTheOthersSaySo() {
        assertTrue(TechniqueFactory.isAvailable(Technique.NATIVE));
        assertTrue(TechniqueFactory.isAvailable(Technique.TRAP));
        assertTrue(TechniqueFactory.isAvailable(Technique.BT));
        assertFalse(TechniqueFactory.isAvailable(Technique.PV));
        Machine m = new Machine(1 << 20);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TechniqueFactory.create(Technique.PV, m, TraceSink.NONE));
        assertTrue(e.getMessage().contains("\"pv\""), e.getMessage());
        TechniqueRunner n = TechniqueFactory.create(Technique.NATIVE, m, TraceSink.NONE);
        assertEquals(Technique.NATIVE, n.technique());
        assertNull(n.virtualCpu());
    }

    @Test
    void trapRefusesAMachineStillInRealMode() {
        Machine m = new Machine(1 << 20);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TechniqueFactory.create(Technique.TRAP, m, TraceSink.NONE));
        assertTrue(e.getMessage().contains("real mode"), e.getMessage());
    }

    @Test
    void trapTakesOverAMultibootKernelInRing1() {
        Machine m = VmmGuests.boot(VmmGuests.assemble("irqstall.asm"));
        TechniqueRunner r = TechniqueFactory.create(Technique.TRAP, m, TraceSink.NONE);
        assertInstanceOf(TrapAndEmulate.class, r);
        assertEquals(1, m.cpu().cpl());
        assertEquals(0, r.virtualCpu().cpl);
        assertEquals(1, m.cpu().segment(1).selector & 3, "CS RPL 1");
        assertEquals(CpuState.IF, m.cpu().eflags() & CpuState.IF, "the real IF is on: the VMM sees every interrupt");
        assertFalse(r.virtualCpu().interruptFlag, "the guest starts with IF 0 as Multiboot says");
    }

    @Test
    void hooksInstalledBeforeTheVmmKeepTheirObservations() {
        Machine m = VmmGuests.boot(VmmGuests.assemble("irqstall.asm"));
        int[] seen = new int[2];
        m.cpu().setHooks(new dev.ringmaster.engine.cpu.CpuHooks() {
            @Override
            public void delivered(dev.ringmaster.engine.cpu.Cpu c, int vector, int errorCode, EventKind kind) {
                if (kind == EventKind.EXTERNAL_INTERRUPT && vector == 0x20) {
                    seen[0]++;
                }
            }
        });
        java.util.List<dev.ringmaster.engine.trace.TraceEvent> events = new java.util.ArrayList<>();
        TechniqueRunner r = TechniqueFactory.create(Technique.TRAP, m, events::add);
        r.run(100_000_000);
        assertTrue(seen[0] >= 3, "the VM's own hook saw the reflected timer interrupts: " + seen[0]);
        assertFalse(events.stream().anyMatch(e -> e instanceof dev.ringmaster.engine.trace.TraceEvent.Interrupt),
                "and the VMM did not trace them twice");
    }

    @Test
    void virtualCpuQueuesInterruptsAndShowsVirtualFlags() {
        VirtualCpu v = new VirtualCpu();
        v.queueInterrupt(0x20);
        v.queueInterrupt(0x21);
        assertEquals(2, v.pendingCount());
        assertEquals(0x20, v.takePendingInterrupt());
        assertEquals(0x21, v.takePendingInterrupt());
        assertEquals(-1, v.takePendingInterrupt());
        v.interruptFlag = false;
        v.iopl = 0;
        assertEquals(0x2, v.guestEflags(0x3202));
        v.interruptFlag = true;
        v.iopl = 3;
        assertEquals(0x3202, v.guestEflags(0x0002));
    }
}
