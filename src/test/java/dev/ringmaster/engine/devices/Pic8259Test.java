package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intel 8259A datasheet behaviour of the PC's cascaded pair. */
class Pic8259Test {
    Pic8259Pair pic;
    IoBus bus;

    @BeforeEach
    void setUp() {
        pic = new Pic8259Pair();
        bus = new IoBus();
        pic.attach(bus);
    }

    void out(int port, int v) {
        bus.write(port, 1, v);
    }

    int in(int port) {
        return bus.read(port, 1);
    }

    /** The classic PC initialization: master base 0x20, slave base 0x28, cascade on IR2, 8086 mode. */
    void initPc(int masterIcw4, int slaveIcw4) {
        out(0x20, 0x11);
        out(0x21, 0x20);
        out(0x21, 0x04);
        out(0x21, masterIcw4);
        out(0xA0, 0x11);
        out(0xA1, 0x28);
        out(0xA1, 0x02);
        out(0xA1, slaveIcw4);
    }

    void raise(int irq) {
        pic.setIrq(irq, true);
    }

    void pulse(int irq) {
        pic.pulseIrq(irq);
    }

    @Test
    void resetStateIsWhatABiosLeaves() {
        assertEquals(0x08, pic.master().vectorBase());
        assertEquals(0x70, pic.slave().vectorBase());
        assertEquals(0xFB, in(0x21), "all masked but the cascade");
        assertEquals(0xFF, in(0xA1));
        pulse(1);
        assertFalse(pic.intrPending());
        out(0x21, 0xF9);
        assertEquals(0x09, pic.acknowledge(), "IRQ1 at the BIOS's vector 9");
        out(0xA1, 0xFE);
        pulse(8);
        assertFalse(pic.intrPending(), "IRQ8 arrives on IR2, below IRQ1 in service");
        out(0x20, 0x20);
        assertEquals(0x70, pic.acknowledge(), "IRQ8 at the BIOS's vector 0x70");
    }

    @Test
    void initializationSequenceProgramsVectorsAndClearsTheMask() {
        out(0x21, 0xFF);
        initPc(0x01, 0x01);
        assertEquals(0x20, pic.master().vectorBase());
        assertEquals(0x28, pic.slave().vectorBase());
        assertEquals(0x00, in(0x21), "ICW1 clears IMR");
        assertFalse(pic.master().initializing());
        out(0x21, 0xFB);
        assertEquals(0xFB, in(0x21), "OCW1 after initialization is IMR");
        out(0xA1, 0xFF);
        assertEquals(0xFF, in(0xA1));
        assertFalse(pic.intrPending());
    }

    @Test
    void singleModeWithoutIcw4SkipsIcw3AndIcw4() {
        out(0x20, 0x12); // SNGL, no IC4
        out(0x21, 0x40);
        assertFalse(pic.master().initializing());
        out(0x21, 0x7F); // OCW1
        assertEquals(0x7F, in(0x21));
        assertEquals(0x40, pic.master().vectorBase());
    }

    @Test
    void fullyNestedPriorityAndNonSpecificEoi() {
        initPc(0x01, 0x01);
        pulse(3);
        pulse(1);
        assertTrue(pic.intrPending());
        assertEquals(0x21, pic.acknowledge(), "IRQ1 outranks IRQ3");
        assertEquals(0x02, pic.master().isr());
        assertEquals(0x08, pic.master().irr());
        assertFalse(pic.intrPending(), "IRQ3 is lower than IRQ1 in service");
        pulse(0);
        assertTrue(pic.intrPending(), "IRQ0 outranks the level in service: nesting");
        assertEquals(0x20, pic.acknowledge());
        assertEquals(0x03, pic.master().isr());
        out(0x20, 0x20); // non-specific EOI clears the highest level in service: IRQ0
        assertEquals(0x02, pic.master().isr());
        assertFalse(pic.intrPending());
        out(0x20, 0x20);
        assertEquals(0x00, pic.master().isr());
        assertTrue(pic.intrPending());
        assertEquals(0x23, pic.acknowledge());
        assertEquals(1, pic.acknowledgedCount(3));
        assertEquals(3, pic.lastIrq());
    }

    @Test
    void specificEoiClearsTheNamedLevel() {
        initPc(0x01, 0x01);
        pulse(3);
        assertEquals(0x23, pic.acknowledge());
        pulse(1);
        assertEquals(0x21, pic.acknowledge());
        assertEquals(0x0A, pic.master().isr());
        out(0x20, 0x63); // specific EOI, level 3
        assertEquals(0x02, pic.master().isr(), "the lower level went, the higher stays");
        out(0x20, 0x65); // level 5 is not in service: no change
        assertEquals(0x02, pic.master().isr());
        out(0x20, 0x61);
        assertEquals(0x00, pic.master().isr());
    }

    @Test
    void maskedRequestsWaitInIrr() {
        initPc(0x01, 0x01);
        out(0x21, 0x10);
        pulse(4);
        assertFalse(pic.intrPending());
        assertEquals(0x10, pic.master().irr());
        out(0x21, 0x00);
        assertTrue(pic.intrPending(), "the latched edge is delivered once unmasked");
        assertEquals(0x24, pic.acknowledge());
    }

    @Test
    void slaveInterruptsCascadeThroughMasterIr2WithTheSlaveVector() {
        initPc(0x01, 0x01);
        pulse(12);
        assertTrue(pic.intrPending());
        assertEquals(0x04, pic.master().irr(), "the slave's INT is on the master's IR2");
        assertEquals(0x2C, pic.acknowledge());
        assertEquals(12, pic.lastIrq());
        assertEquals(0x04, pic.master().isr());
        assertEquals(0x10, pic.slave().isr());
        pulse(5);
        assertFalse(pic.intrPending(), "IRQ5 is below the cascade level in service");
        out(0xA0, 0x20);
        out(0x20, 0x20);
        assertEquals(0x25, pic.acknowledge());
        // IRQ2 on the ISA bus is IRQ9 on an AT
        out(0x20, 0x20);
        pulse(2);
        assertEquals(0x29, pic.acknowledge());
        // masking the cascade input masks the whole slave
        out(0xA0, 0x20);
        out(0x20, 0x20);
        out(0x21, 0x04);
        pulse(15);
        assertFalse(pic.intrPending());
        out(0x21, 0x00);
        assertEquals(0x2F, pic.acknowledge());
        assertFalse(pic.lastSpurious());
    }

    @Test
    void spuriousIrq7WhenTheRequestVanishesBeforeInta() {
        initPc(0x01, 0x01);
        out(0x4D0, 0x20); // IRQ5 level-triggered through the ELCR
        raise(5);
        assertTrue(pic.intrPending());
        pic.setIrq(5, false); // the device withdrew it before INTA
        assertEquals(0x27, pic.acknowledge(), "spurious: IR7's vector");
        assertTrue(pic.lastSpurious());
        assertEquals(0x00, pic.master().isr(), "a spurious IRQ7 sets no ISR bit");
        assertEquals(1, pic.spuriousCount());
        // masked between INTR and INTA
        pulse(4);
        assertTrue(pic.intrPending());
        out(0x21, 0x10);
        assertEquals(0x27, pic.acknowledge());
        assertEquals(0x00, pic.master().isr());
    }

    @Test
    void spuriousIrq15LeavesTheMasterCascadeInService() {
        initPc(0x01, 0x01);
        out(0x4D1, 0x04); // IRQ10 level-triggered
        raise(10);
        assertTrue(pic.intrPending());
        pic.setIrq(10, false);
        assertEquals(0x2F, pic.acknowledge(), "the slave answers with its IR7 vector");
        assertEquals(15, pic.lastIrq());
        assertTrue(pic.lastSpurious());
        assertEquals(0x00, pic.slave().isr());
        assertEquals(0x04, pic.master().isr(), "the master did acknowledge IR2: software must EOI the master only");
    }

    @Test
    void elcrKeepsTheAtEdgeOnlyLines() {
        out(0x4D0, 0xFF);
        out(0x4D1, 0xFF);
        assertEquals(0xF8, in(0x4D0), "IRQ0, 1, 2 are always edge-triggered");
        assertEquals(0xDE, in(0x4D1), "IRQ8 and IRQ13 are always edge-triggered");
    }

    @Test
    void levelTriggeredModeRequestsAgainAfterEoiWhileTheLineStaysHigh() {
        out(0x20, 0x19); // LTIM
        out(0x21, 0x20);
        out(0x21, 0x04);
        out(0x21, 0x01);
        raise(3);
        assertEquals(0x23, pic.acknowledge());
        out(0x20, 0x20);
        assertTrue(pic.intrPending(), "the line is still high");
        assertEquals(0x23, pic.acknowledge());
        pic.setIrq(3, false);
        out(0x20, 0x20);
        assertFalse(pic.intrPending());
    }

    @Test
    void icw1ResetsTheEdgeSenseSoAHighLineMustRiseAgain() {
        initPc(0x01, 0x01);
        raise(6);
        out(0x21, 0x40);
        initPc(0x01, 0x01);
        assertEquals(0x00, pic.master().irr());
        assertFalse(pic.intrPending(), "a line already high does not request after ICW1");
        pic.setIrq(6, false);
        raise(6);
        assertEquals(0x26, pic.acknowledge());
    }

    @Test
    void ocw3SelectsIrrOrIsrForReads() {
        initPc(0x01, 0x01);
        pulse(1);
        pulse(6);
        pic.acknowledge();
        assertEquals(0x40, in(0x20), "IRR is read after initialization");
        out(0x20, 0x0B);
        assertEquals(0x02, in(0x20), "ISR");
        assertEquals(0x02, in(0x20), "the selection stays");
        out(0x20, 0x0A);
        assertEquals(0x40, in(0x20));
        out(0x20, 0x08); // RR=0: no change
        assertEquals(0x40, in(0x20));
    }

    @Test
    void pollCommandActsAsAnAcknowledge() {
        initPc(0x01, 0x01);
        out(0x21, 0xFF); // polled systems run with INT unused; masking hides requests from poll too
        out(0x21, 0x00);
        out(0x20, 0x0C);
        assertEquals(0x00, in(0x20), "no request: I bit clear");
        pulse(5);
        pulse(2 + 1);
        out(0x20, 0x0C);
        assertEquals(0x83, in(0x20), "I=1, level 3");
        assertEquals(0x08, pic.master().isr());
        assertEquals(0x20, pic.master().irr());
        assertEquals(0x20, in(0x20), "the next read is an ordinary IRR read again");
    }

    @Test
    void autoEoiLeavesNothingInServiceAndCanRotate() {
        initPc(0x03, 0x01);
        assertTrue(pic.master().autoEoi());
        pulse(1);
        assertEquals(0x21, pic.acknowledge());
        assertEquals(0x00, pic.master().isr());
        out(0x20, 0x80); // rotate in automatic EOI mode
        pulse(1);
        pic.acknowledge();
        assertEquals(1, pic.master().lowestPriority());
        pulse(1);
        pulse(4);
        assertEquals(0x24, pic.acknowledge(), "IRQ1 is now the lowest priority");
        out(0x20, 0x00); // clear rotate in AEOI
        pulse(3);
        pic.acknowledge();
        assertEquals(4, pic.master().lowestPriority(), "no more rotation");
    }

    @Test
    void rotationCommands() {
        initPc(0x01, 0x01);
        pulse(2 + 1);
        assertEquals(0x23, pic.acknowledge());
        out(0x20, 0xA0); // rotate on non-specific EOI
        assertEquals(3, pic.master().lowestPriority());
        assertEquals(0x00, pic.master().isr());
        pulse(0);
        pulse(4);
        assertEquals(0x24, pic.acknowledge(), "after IRQ3 became lowest, IRQ4 ranks first");
        out(0x20, 0xE4); // rotate on specific EOI level 4
        assertEquals(4, pic.master().lowestPriority());
        assertEquals(0x20, pic.acknowledge());
        out(0x20, 0x60);
        out(0x20, 0xC7); // set priority: IR7 lowest again
        pulse(6);
        pulse(0);
        assertEquals(0x20, pic.acknowledge());
    }

    @Test
    void specialMaskModeEnablesLowerLevelsWhileOneIsInService() {
        initPc(0x01, 0x01);
        pulse(3);
        assertEquals(0x23, pic.acknowledge());
        out(0x21, 0x08);
        pulse(5);
        assertFalse(pic.intrPending(), "fully nested: IRQ5 waits for IRQ3's EOI");
        out(0x20, 0x68); // set special mask mode
        assertTrue(pic.master().specialMaskMode());
        assertTrue(pic.intrPending(), "special mask: every unmasked level not in service");
        assertEquals(0x25, pic.acknowledge());
        assertEquals(0x28, pic.master().isr());
        out(0x20, 0x48); // reset special mask mode
        assertFalse(pic.master().specialMaskMode());
    }

    @Test
    void specialFullyNestedModeLetsAHigherSlaveRequestThroughTheCascade() {
        initPc(0x11, 0x01); // master SFNM
        pulse(10);
        assertEquals(0x2A, pic.acknowledge());
        pulse(8);
        assertTrue(pic.intrPending(), "IRQ8 outranks IRQ10 inside the slave; SFNM lets IR2 nest");
        assertEquals(0x28, pic.acknowledge());
        assertEquals(0x05, pic.slave().isr());
        setUp();
        initPc(0x01, 0x01);
        pulse(10);
        pic.acknowledge();
        pulse(8);
        assertFalse(pic.intrPending(), "without SFNM the master blocks IR2 while it is in service");
    }

    @Test
    void snapshotRoundTripPreservesEveryRegister() throws IOException {
        initPc(0x01, 0x01);
        out(0x21, 0xB8);
        out(0x4D1, 0x04);
        pulse(1);
        pulse(12);
        pic.acknowledge();
        pulse(0);
        out(0x20, 0x0B);
        out(0xA0, 0x0C); // a poll pending on the slave
        Pic8259Pair copy = new Pic8259Pair();
        StateRoundTrip.copy(pic, copy);
        assertEquals(pic.intrPending(), copy.intrPending());
        IoBus bus2 = new IoBus();
        copy.attach(bus2);
        int[] a = new int[12];
        int[] b = new int[12];
        int[] ports = {0x20, 0x21, 0xA0, 0xA1, 0x4D0, 0x4D1};
        for (int i = 0; i < 6; i++) {
            a[i] = in(ports[i]);
            b[i] = bus2.read(ports[i], 1);
        }
        for (int i = 6; i < 12; i++) {
            a[i] = pic.intrPending() ? pic.acknowledge() : -1;
            b[i] = copy.intrPending() ? copy.acknowledge() : -1;
            out(0x20, 0x20);
            bus2.write(0x20, 1, 0x20);
        }
        assertArrayEquals(a, b, Arrays.toString(a));
        Pic8259Pair victim = new Pic8259Pair();
        byte[] before = StateRoundTrip.save(victim);
        byte[] truncated = Arrays.copyOf(StateRoundTrip.save(pic), 20);
        assertThrows(IOException.class, () -> StateRoundTrip.load(victim, truncated));
        assertArrayEquals(before, StateRoundTrip.save(victim));
    }
}
