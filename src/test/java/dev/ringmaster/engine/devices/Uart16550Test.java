package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PC16550D datasheet behaviour: registers, LSR/IIR transitions, FIFO, timeout, loopback, OUT2 gating. */
class Uart16550Test {
    static final int RBR = 0x3F8;
    static final int THR = 0x3F8;
    static final int DLL = 0x3F8;
    static final int IER = 0x3F9;
    static final int DLM = 0x3F9;
    static final int IIR = 0x3FA;
    static final int FCR = 0x3FA;
    static final int LCR = 0x3FB;
    static final int MCR = 0x3FC;
    static final int LSR = 0x3FD;
    static final int MSR = 0x3FE;
    static final int SCR = 0x3FF;

    VirtualClock clock;
    IrqRecorder irqs;
    Uart16550 uart;
    IoBus bus;
    ByteArrayOutputStream sent;

    @BeforeEach
    void setUp() {
        clock = new VirtualClock(1_000_000_000L);
        irqs = new IrqRecorder();
        uart = new Uart16550(clock, irqs);
        bus = new IoBus();
        uart.attach(bus);
        sent = new ByteArrayOutputStream();
        uart.setSink(sent::write);
    }

    int in(int port) {
        return bus.read(port, 1);
    }

    void out(int port, int v) {
        bus.write(port, 1, v);
    }

    void runTo(long cycle) {
        Clocks.runTo(clock, cycle);
    }

    /** 115200 baud, 8N1. */
    void program115200() {
        out(LCR, 0x80);
        out(DLL, 0x01);
        out(DLM, 0x00);
        out(LCR, 0x03);
    }

    @Test
    void resetValuesMatchTheDatasheet() {
        assertEquals(0x00, in(IER));
        assertEquals(0x01, in(IIR));
        assertEquals(0x00, in(LCR));
        assertEquals(0x00, in(MCR));
        assertEquals(0x60, in(LSR), "THRE and TEMT set, nothing received");
        assertEquals(0xB0, in(MSR), "CTS, DSR and DCD of a connected terminal; no deltas");
        out(SCR, 0x5A);
        assertEquals(0x5A, in(SCR));
    }

    @Test
    void divisorLatchIsReachedThroughDlab() {
        out(LCR, 0x83);
        out(DLL, 0x0C);
        out(DLM, 0x01);
        assertEquals(0x0C, in(DLL));
        assertEquals(0x01, in(DLM));
        out(LCR, 0x03);
        assertEquals(0x00, in(IER), "with DLAB clear offset 1 is IER again");
        out(IER, 0x0F);
        assertEquals(0x0F, in(IER));
        assertEquals(115200.0 / 0x10C, uart.baudRate(), 1e-9);
        program115200();
        assertEquals(115200.0, uart.baudRate(), 1e-9);
        // 8N1 = 10 bits at 115200 baud = 86.805 µs = 86806 cycles at 1 GHz (rounded up)
        assertEquals(86_806, uart.characterTimeCycles());
        out(LCR, 0x07); // 8 data bits, 2 stop bits: 11 bits
        assertEquals(95_487, uart.characterTimeCycles());
        out(LCR, 0x04); // 5 data bits, 1.5 stop bits: 7.5 bits
        assertEquals(65_105, uart.characterTimeCycles());
    }

    @Test
    void transmitReachesTheSinkAndThreInterruptFollowsTheDatasheetRules() {
        out(MCR, 0x08); // OUT2: IRQ reaches the PIC
        assertEquals(0x01, in(IIR));
        out(IER, 0x02); // enabling ETBEI while THR is empty interrupts at once
        assertEquals(0x02, in(IIR), "THRE is the source");
        assertFalse(irqs.level[4], "reading IIR cleared the THRE interrupt");
        assertEquals(0x01, in(IIR));
        int rises = irqs.rises[4];
        out(THR, 'O');
        out(THR, 'K');
        assertEquals("OK", sent.toString(StandardCharsets.US_ASCII));
        assertEquals(rises + 2, irqs.rises[4], "each write clears THRE and the emptied THR raises a new edge");
        assertEquals(2, uart.transmittedCount());
        assertTrue(irqs.level[4], "THR emptied again after the write");
        assertEquals(0x60, in(LSR) & 0x60, "THRE and TEMT");
        assertEquals(0x02, in(IIR));
        assertEquals(0x01, in(IIR));
        out(THR, '!');
        out(IER, 0x00); // disabling ETBEI withdraws it
        assertEquals(0x01, in(IIR));
        assertFalse(irqs.level[4]);
    }

    @Test
    void receivedBytesArrivePacedByTheBaudRate() {
        program115200();
        long t = uart.characterTimeCycles();
        uart.typeInput("hi".getBytes(StandardCharsets.US_ASCII));
        runTo(t - 1);
        assertEquals(0x60, in(LSR), "nothing yet one cycle before the first stop bit ends");
        runTo(t);
        assertEquals(0x61, in(LSR), "DR");
        // 16450 mode: RBR holds one character; the next waits (backpressure) until it is read
        runTo(5 * t);
        assertEquals(1, uart.pendingInput());
        assertEquals('h', in(RBR));
        assertEquals(0x60, in(LSR));
        runTo(6 * t - 1);
        assertEquals(0x60, in(LSR));
        runTo(6 * t);
        assertEquals('i', in(RBR));
        assertEquals(0, uart.pendingInput());
        assertEquals('i', in(RBR), "an empty RBR reads the last character again");
    }

    @Test
    void backpressureNeverLosesInputAndNeverOverruns() {
        program115200();
        out(FCR, 0xC7); // FIFO on, reset both, trigger 14
        assertEquals(0xC1, in(IIR), "FIFOs enabled: IIR bits 7:6 set");
        byte[] text = new byte[100];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        uart.typeInput(text);
        long t = uart.characterTimeCycles();
        runTo(1000 * t);
        assertEquals(100 - 16, uart.pendingInput(), "the FIFO holds 16; the rest waits on the host side");
        byte[] got = new byte[text.length];
        int n = 0;
        long now = clock.now();
        while (n < text.length) {
            int lsr = in(LSR);
            assertEquals(0, lsr & Uart16550.LSR_OE, "no overrun");
            if ((lsr & Uart16550.LSR_DR) != 0) {
                got[n++] = (byte) in(RBR);
            } else {
                now += t;
                runTo(now);
            }
        }
        assertArrayEquals(text, got);
        assertEquals(100, uart.receivedCount());
    }

    @Test
    void receivedDataInterruptFiresAtEachFifoTriggerLevel() {
        int[] fcrBits = {0x00, 0x40, 0x80, 0xC0};
        int[] levels = {1, 4, 8, 14};
        for (int k = 0; k < 4; k++) {
            setUp();
            program115200();
            out(MCR, 0x08);
            out(IER, 0x01);
            out(FCR, 0x07 | fcrBits[k]);
            long t = uart.characterTimeCycles();
            uart.typeInput(new byte[16]);
            for (int i = 1; i <= levels[k]; i++) {
                runTo(i * t);
                int expected = i >= levels[k] ? 0xC4 : 0xC1;
                assertEquals(expected, in(IIR), "trigger " + levels[k] + " after " + i + " bytes");
                assertEquals(i >= levels[k], irqs.level[4]);
            }
            in(RBR); // below the trigger level again
            if (levels[k] > 1) {
                assertEquals(0xC1, in(IIR));
                assertFalse(irqs.level[4]);
            }
        }
    }

    @Test
    void characterTimeoutAfterFourCharacterTimesWithoutFifoActivity() {
        program115200();
        out(MCR, 0x08);
        out(IER, 0x01);
        out(FCR, 0xC1); // trigger 14
        long t = uart.characterTimeCycles();
        uart.typeInput("abc".getBytes(StandardCharsets.US_ASCII));
        runTo(3 * t); // last byte received at 3t
        assertEquals(0xC1, in(IIR), "3 bytes are below the trigger level");
        runTo(3 * t + 4 * t - 1);
        assertEquals(0xC1, in(IIR));
        assertFalse(irqs.level[4]);
        runTo(7 * t);
        assertEquals(0xCC, in(IIR), "character timeout");
        assertTrue(irqs.level[4]);
        assertEquals('a', in(RBR));
        assertEquals(0xC1, in(IIR), "reading RBR clears the timeout and restarts the timer");
        runTo(11 * t - 1);
        assertEquals(0xC1, in(IIR));
        runTo(11 * t);
        assertEquals(0xCC, in(IIR));
        assertEquals('b', in(RBR));
        assertEquals('c', in(RBR));
        runTo(100 * t);
        assertEquals(0xC1, in(IIR), "no timeout with an empty FIFO");
        assertFalse(irqs.level[4]);
    }

    @Test
    void loopbackEchoesIntoTheReceiverMirrorsModemLinesAndKeepsTheIrqOffThePic() {
        out(MCR, 0x10 | 0x08 | 0x01); // LOOP, OUT2, DTR
        assertEquals(0x20 | 0x80 | 0x01, in(MSR), "DSR=DTR, DCD=OUT2; CTS=RTS dropped, so DCTS");
        assertEquals(0x20 | 0x80, in(MSR), "reading MSR clears the deltas");
        out(IER, 0x01);
        out(THR, 0x42);
        assertEquals(0, sent.size(), "nothing leaves the chip in loopback");
        assertEquals(0x61, in(LSR));
        assertEquals(0x04, in(IIR), "the interrupt is identified...");
        assertFalse(irqs.level[4], "...but the OUT2 pin is forced inactive in loopback, so the PIC sees nothing");
        assertEquals(0x42, in(RBR));
        // host input waits while the receiver is looped back
        uart.typeInput(new byte[] {7});
        runTo(clock.now() + 100 * uart.characterTimeCycles());
        assertEquals(1, uart.pendingInput());
        out(MCR, 0x08);
        runTo(clock.now() + uart.characterTimeCycles());
        assertEquals(0, uart.pendingInput());
        assertTrue(irqs.level[4]);
        assertEquals(7, in(RBR));
    }

    @Test
    void overrunIsALineStatusInterruptOfHighestPriorityClearedByReadingLsr() {
        out(MCR, 0x18); // loopback so the guest can overrun its own receiver
        out(IER, 0x0F);
        out(THR, 1);
        out(THR, 2); // 16450 mode: RBR still full
        int iir = in(IIR);
        assertEquals(0x06, iir, "line status outranks received data and THRE");
        assertEquals(0x63, in(LSR), "DR, OE, THRE, TEMT");
        assertEquals(0x61, in(LSR), "OE cleared by the read");
        assertEquals(0x04, in(IIR), "now received data available");
        assertEquals(2, in(RBR), "the new character overwrote RBR in 16450 mode");
        // FIFO mode: the 17th character is lost and the FIFO kept
        out(FCR, 0x07);
        for (int i = 0; i < 17; i++) {
            out(THR, 0x30 + i);
        }
        assertEquals(0x06 | 0xC0, in(IIR));
        assertEquals(0x63, in(LSR));
        for (int i = 0; i < 16; i++) {
            assertEquals(0x30 + i, in(RBR));
        }
        assertEquals(0x60, in(LSR));
    }

    @Test
    void out2GatesTheInterruptToThePic() {
        program115200();
        out(IER, 0x01);
        uart.typeInput(new byte[] {'x'});
        runTo(uart.characterTimeCycles());
        assertEquals(0x04, in(IIR));
        assertFalse(irqs.level[4], "OUT2 clear: the PC's IRQ driver is off");
        out(MCR, 0x08);
        assertTrue(irqs.level[4]);
        assertEquals(1, irqs.rises[4]);
        in(RBR);
        assertFalse(irqs.level[4]);
    }

    @Test
    void modemStatusInterruptIsTheLowestPriority() {
        out(MCR, 0x18);
        in(MSR);
        out(IER, 0x0A); // ETBEI + EDSSI
        out(MCR, 0x18 | 0x02); // RTS → CTS changes
        assertEquals(0x02, in(IIR), "THRE first");
        assertEquals(0x00, in(IIR), "then modem status");
        assertEquals(0x10 | 0x80 | 0x01, in(MSR), "CTS with DCTS");
        assertEquals(0x01, in(IIR));
        out(MCR, 0x18 | 0x02 | 0x04); // OUT1 → RI rises: no delta (TERI is the trailing edge only)
        assertEquals(0x01, in(IIR));
        out(MCR, 0x18 | 0x02);
        assertEquals(0x00, in(IIR));
        assertEquals(0x90 | 0x04, in(MSR), "TERI on RI going inactive");
    }

    @Test
    void fifoControlResetsAndDisablingDropsTheFifo() {
        out(MCR, 0x18);
        out(FCR, 0x01);
        out(THR, 1);
        out(THR, 2);
        out(FCR, 0x03); // reset RX
        assertEquals(0x60, in(LSR));
        out(THR, 3);
        out(FCR, 0x00); // FIFOs off: contents dropped
        assertEquals(0x60, in(LSR));
        assertEquals(0x01, in(IIR), "no FIFO bits in IIR");
    }

    @Test
    void snapshotRoundTripContinuesExactly() throws IOException {
        program115200();
        out(MCR, 0x0B);
        out(IER, 0x05);
        out(FCR, 0x81);
        out(SCR, 0x33);
        uart.typeInput("snapshot!".getBytes(StandardCharsets.US_ASCII));
        long t = uart.characterTimeCycles();
        runTo(3 * t + t / 2); // mid-character, rx timer armed
        VirtualClock clock2 = new VirtualClock(1_000_000_000L);
        clock2.setNow(clock.now());
        IrqRecorder irqs2 = new IrqRecorder();
        irqs2.level[4] = irqs.level[4];
        Uart16550 copy = new Uart16550(clock2, irqs2);
        StateRoundTrip.copy(uart, copy);
        IoBus bus2 = new IoBus();
        copy.attach(bus2);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int step = 0; step < 40; step++) {
            long to = clock.now() + t / 3;
            runTo(to);
            Clocks.runTo(clock2, to);
            a.append(in(IIR)).append(',').append(in(LSR)).append(irqs.level[4]).append(';');
            b.append(bus2.read(IIR, 1)).append(',').append(bus2.read(LSR, 1)).append(irqs2.level[4]).append(';');
            if (step % 5 == 4) {
                int c = in(RBR);
                a.append((char) c);
                text.append((char) c);
                b.append((char) bus2.read(RBR, 1));
            }
        }
        assertEquals(a.toString(), b.toString());
        assertTrue(text.length() >= 5 && "snapshot!".startsWith(text.toString()), text.toString());
        assertArrayEquals(StateRoundTrip.save(uart), StateRoundTrip.save(copy));
    }

    @Test
    void corruptStateIsRejectedAndChangesNothing() {
        out(SCR, 0x44);
        byte[] good = StateRoundTrip.save(uart);
        Uart16550 other = new Uart16550(clock, new IrqRecorder());
        byte[] before = StateRoundTrip.save(other);
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertThrows(IOException.class, () -> StateRoundTrip.load(other, truncated));
        assertArrayEquals(before, StateRoundTrip.save(other));
        byte[] wrongDevice = StateRoundTrip.save(new PostPort());
        IOException e = assertThrows(IOException.class, () -> StateRoundTrip.load(other, wrongDevice));
        assertTrue(e.getMessage().contains("post"), e.getMessage());
    }

    @Test
    void wordAccessIsSplitIntoBytesLikeAnIsaBus() {
        out(LCR, 0x80);
        bus.write(DLL, 2, 0x0203);
        assertEquals(0x0203, bus.read(DLL, 2));
        assertEquals(0xFF00, bus.read(SCR, 2) & 0xFF00, "past the last port: floating bus");
    }

    @Test
    void byteTimingDoesNotDependOnHowLateTheRunLoopFiresTimers() {
        program115200();
        out(FCR, 0x01);
        long t = uart.characterTimeCycles();
        uart.typeInput("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        clock.advance(10 * t + t / 2); // one big step, as after a long instruction batch or HLT
        clock.runDue();
        assertEquals(6, uart.pendingInput(), "exactly the 10 characters due by now were received");
        clock.advance(t / 2);
        clock.runDue();
        assertEquals(5, uart.pendingInput(), "and the 11th at exactly 11 character times");
    }
}
