package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IBM PC AT 8042 keyboard controller and keyboard: status, commands, scan codes, IRQ1. */
class I8042Test {
    IrqRecorder irqs;
    I8042 kbc;
    IoBus bus;
    List<String> resets;
    List<Boolean> a20;

    @BeforeEach
    void setUp() {
        irqs = new IrqRecorder();
        resets = new ArrayList<>();
        a20 = new ArrayList<>();
        kbc = new I8042(irqs, resets::add, a20::add);
        bus = new IoBus();
        kbc.attach(bus);
    }

    void cmd(int c) {
        bus.write(0x64, 1, c);
    }

    void data(int d) {
        bus.write(0x60, 1, d);
    }

    int status() {
        return bus.read(0x64, 1);
    }

    /** Reads every byte the controller has, as a polling driver would. */
    List<Integer> drain() {
        List<Integer> got = new ArrayList<>();
        while ((status() & 1) != 0) {
            got.add(bus.read(0x60, 1));
        }
        return got;
    }

    static List<Integer> bytes(int... v) {
        List<Integer> l = new ArrayList<>();
        for (int b : v) {
            l.add(b);
        }
        return l;
    }

    @Test
    void statusAndCommandByteAfterReset() {
        assertEquals(0x14, status(), "system flag, not inhibited, empty buffers");
        cmd(0x20);
        assertEquals(0x1D, status(), "output buffer full; last write was a command");
        assertEquals(bytes(0x65), drain(), "IRQ1 on, system flag, aux disabled, translation");
        cmd(0x60);
        data(0x47);
        assertEquals(0x14, status() & 0x1F);
        cmd(0x20);
        assertEquals(bytes(0x47), drain());
        assertEquals(0x47, kbc.commandByte());
        cmd(0x25); // controller RAM byte 5
        assertEquals(bytes(0x00), drain());
        cmd(0x65);
        data(0x99);
        cmd(0x25);
        assertEquals(bytes(0x99), drain());
    }

    @Test
    void selfTestAndInterfaceTests() {
        cmd(0xAA);
        assertEquals(bytes(0x55), drain());
        cmd(0xAB);
        assertEquals(bytes(0x00), drain());
        cmd(0xA9);
        assertEquals(bytes(0x00), drain());
        cmd(0xA4);
        assertEquals(bytes(0xF1), drain());
        assertEquals(0xFF & bus.read(0x60, 1), 0xF1, "an empty buffer reads the last byte again");
    }

    @Test
    void keyEventsInSet1WithTranslationRaiseIrq1() {
        kbc.press(Key.A);
        assertTrue(irqs.level[1]);
        assertEquals(1, status() & 1);
        assertEquals(0x1E, bus.read(0x60, 1));
        assertFalse(irqs.level[1]);
        kbc.release(Key.A);
        kbc.press(Key.UP);
        kbc.release(Key.UP);
        assertEquals(bytes(0x9E, 0xE0, 0x48, 0xE0, 0xC8), drain());
        assertEquals(6, irqs.rises[1], "a new edge for each of the 6 bytes, after the previous one was read");
    }

    @Test
    void keyEventsInSet2WithoutTranslation() {
        cmd(0x60);
        data(0x05); // IRQ1, system flag, translation off, aux enabled
        kbc.press(Key.A);
        kbc.release(Key.A);
        kbc.press(Key.RIGHT_CTRL);
        kbc.release(Key.RIGHT_CTRL);
        kbc.press(Key.F7);
        assertEquals(bytes(0x1C, 0xF0, 0x1C, 0xE0, 0x14, 0xE0, 0xF0, 0x14, 0x83), drain());
        data(0xF0);
        data(0x01); // select set 1: the keyboard itself now sends set 1
        assertEquals(bytes(0xFA, 0xFA), drain());
        kbc.press(Key.ENTER);
        assertEquals(bytes(0x1C), drain());
    }

    @Test
    void irq1FollowsTheCommandByteEnable() {
        cmd(0x60);
        data(0x44); // translation, no IRQ1
        kbc.press(Key.Z);
        assertEquals(1, status() & 1);
        assertFalse(irqs.level[1]);
        cmd(0x60);
        data(0x45);
        assertTrue(irqs.level[1], "enabling IRQ1 with data waiting raises it");
        assertEquals(bytes(0x2C), drain());
    }

    @Test
    void keyboardCommands() {
        data(0xFF);
        assertEquals(bytes(0xFA, 0xAA), drain(), "reset: ACK, then basic assurance test passed");
        data(0xF2);
        assertEquals(bytes(0xFA, 0xAB, 0x41), drain(), "MF2 ID, second byte translated by the 8042");
        data(0xEE);
        assertEquals(bytes(0xEE), drain(), "echo");
        data(0xED);
        data(0x04);
        assertEquals(bytes(0xFA, 0xFA), drain());
        assertEquals(0x04, kbc.keyboard().leds(), "Caps Lock LED");
        data(0xF3);
        data(0x20);
        assertEquals(bytes(0xFA, 0xFA), drain());
        assertEquals(0x20, kbc.keyboard().typematic());
        data(0xF0);
        data(0x00);
        assertEquals(bytes(0xFA, 0xFA, 0x41), drain(), "ACK, ACK of the argument, set 2 as translated");
        data(0xF0);
        data(0x07);
        assertEquals(bytes(0xFA, 0xFE), drain(), "no set 7");
        data(0xFE);
        assertEquals(bytes(0xFE), drain(), "resend: the last byte again");
        data(0x42);
        assertEquals(bytes(0xFE), drain(), "unknown command");
        cmd(0x60);
        data(0x05); // translation off
        data(0xF2);
        assertEquals(bytes(0xFA, 0xAB, 0x83), drain());
        data(0xF0);
        data(0x00);
        assertEquals(bytes(0xFA, 0xFA, 0x02), drain());
    }

    @Test
    void disabledScanningHoldsKeysUntilEnabled() {
        data(0xF5);
        assertEquals(bytes(0xFA), drain());
        assertFalse(kbc.keyboard().scanning());
        kbc.typeText("ok");
        assertEquals(bytes(), drain());
        assertEquals(4, kbc.pendingInput(), "make and break of two keys");
        data(0xF4);
        assertEquals(bytes(0xFA, 0x18, 0x98, 0x25, 0xA5), drain());
    }

    @Test
    void disablingTheKeyboardInterfaceHoldsItsBytes() {
        cmd(0xAD);
        kbc.press(Key.SPACE);
        assertEquals(0, status() & 1);
        cmd(0x20);
        assertEquals(bytes(0x75), drain(), "controller replies still come; command byte shows the disable bit");
        cmd(0xAE);
        assertEquals(bytes(0x39), drain());
    }

    @Test
    void typingTextUsesShiftForCapitalsAndSymbols() {
        kbc.typeText("Hi!\n");
        assertEquals(bytes(0x2A, 0x23, 0xA3, 0xAA, 0x17, 0x97, 0x2A, 0x02, 0x82, 0xAA, 0x1C, 0x9C), drain());
        assertThrows(IllegalArgumentException.class, () -> kbc.typeText("é"));
        List<UsKeyboardLayout.Stroke> s = UsKeyboardLayout.strokes("a\r\nZ{ ~");
        assertEquals(List.of(new UsKeyboardLayout.Stroke(Key.A, false), new UsKeyboardLayout.Stroke(Key.ENTER, false),
                new UsKeyboardLayout.Stroke(Key.Z, true), new UsKeyboardLayout.Stroke(Key.OPEN_BRACKET, true),
                new UsKeyboardLayout.Stroke(Key.SPACE, false), new UsKeyboardLayout.Stroke(Key.BACK_QUOTE, true)), s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsKeyboardLayout.strokes("ab\u20ac"));
        assertEquals("cannot type U+20AC at index 2 on a US keyboard", e.getMessage());
    }

    @Test
    void longTypedTextArrivesCompleteAndInOrder() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append((char) ('a' + i % 26));
        }
        kbc.typeText(text.toString());
        List<Integer> got = drain();
        assertEquals(600, got.size());
        for (int i = 0; i < 300; i++) {
            int make = Key.valueOf(String.valueOf((char) ('A' + i % 26))).set1();
            assertEquals(make, got.get(2 * i));
            assertEquals(make | 0x80, got.get(2 * i + 1));
        }
    }

    @Test
    void outputPortDrivesA20AndReset() {
        cmd(0xD0);
        assertEquals(bytes(0xCF), drain(), "reset line high, A20 on");
        cmd(0xD1);
        data(0xCD);
        assertEquals(List.of(false), a20);
        assertFalse(kbc.a20Enabled());
        cmd(0xDF);
        assertEquals(List.of(false, true), a20);
        cmd(0xDD);
        assertEquals(List.of(false, true, false), a20);
        assertEquals(List.of(), resets);
        cmd(0xD1);
        data(0xCE); // bit 0 low: reset
        assertEquals(1, resets.size());
        cmd(0xFE);
        assertEquals(List.of("i8042 output port reset bit", "i8042 command 0xFE"), resets);
        cmd(0xFF); // pulses nothing
        assertEquals(2, resets.size());
        kbc.press(Key.Q);
        cmd(0xD0);
        // the controller's reply waits behind the key byte already in the buffer
        assertEquals(bytes(0x10, 0xDF), drain());
    }

    @Test
    void auxPortLoopbackRaisesIrq12AndTheAbsentMouseTimesOut() {
        cmd(0xD3);
        data(0x5A);
        assertEquals(0, status() & 1, "aux disabled in the command byte: held");
        cmd(0xA8);
        assertEquals(0x21, status() & 0x21, "aux byte in the buffer");
        assertFalse(irqs.level[12], "IRQ12 not enabled");
        assertEquals(0x5A, bus.read(0x60, 1));
        cmd(0x60);
        data(0x47); // IRQ1 + IRQ12
        cmd(0xD3);
        data(0xA5);
        assertTrue(irqs.level[12]);
        assertFalse(irqs.level[1]);
        assertEquals(bytes(0xA5), drain());
        cmd(0xD4);
        data(0xF2);
        assertEquals(0x40, status() & 0x40, "timeout: no mouse");
        assertEquals(bytes(), drain());
        cmd(0xD2);
        data(0x77);
        assertEquals(bytes(0x77), drain(), "write keyboard output buffer");
    }

    @Test
    void specialKeysSendTheirSequences() {
        assertArrayEquals(new byte[] {(byte) 0xE0, 0x2A, (byte) 0xE0, 0x37}, Key.PRINT_SCREEN.scanCodes(true, 1));
        assertArrayEquals(new byte[] {(byte) 0xE0, (byte) 0xF0, 0x7C, (byte) 0xE0, (byte) 0xF0, 0x12},
                Key.PRINT_SCREEN.scanCodes(false, 2));
        assertArrayEquals(new byte[] {(byte) 0xE1, 0x1D, 0x45, (byte) 0xE1, (byte) 0x9D, (byte) 0xC5},
                Key.PAUSE.scanCodes(true, 1));
        assertEquals(0, Key.PAUSE.scanCodes(false, 1).length);
        assertArrayEquals(new byte[] {(byte) 0xE0, (byte) 0xD3}, Key.DELETE.scanCodes(false, 1));
        assertArrayEquals(new byte[] {(byte) 0xF0, 0x76}, Key.ESCAPE.scanCodes(false, 2));
        assertEquals(0x58, Key.F12.set1());
        assertEquals(0x07, Key.F12.set2());
    }

    @Test
    void snapshotRoundTrip() throws Exception {
        data(0xED); // keyboard awaiting its LED argument
        kbc.typeText("snap");
        cmd(0x60); // controller awaiting the command byte
        I8042 copy = new I8042(new IrqRecorder(), r -> { }, x -> { });
        StateRoundTrip.copy(kbc, copy);
        IoBus bus2 = new IoBus();
        copy.attach(bus2);
        data(0x45);
        bus2.write(0x60, 1, 0x45);
        List<Integer> a = drain();
        List<Integer> b = new ArrayList<>();
        while ((bus2.read(0x64, 1) & 1) != 0) {
            b.add(bus2.read(0x60, 1));
        }
        assertEquals(a, b);
        assertEquals(bytes(0xFA, 0x1F, 0x9F, 0x31, 0xB1, 0x1E, 0x9E, 0x19, 0x99), a.subList(0, 9));
        bus.write(0x60, 1, 0x02);
        bus2.write(0x60, 1, 0x02);
        assertEquals(kbc.keyboard().leds(), copy.keyboard().leds());
        assertArrayEquals(StateRoundTrip.save(kbc), StateRoundTrip.save(copy));
    }
}
