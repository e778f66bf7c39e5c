package dev.ringmaster.engine.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;
import java.nio.charset.Charset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IBM VGA behaviour in text mode 3: text memory, CRTC cursor and start address, status, attribute controller. */
class VgaTextTest {
    VirtualClock clock;
    VgaText vga;
    IoBus bus;

    @BeforeEach
    void setUp() {
        clock = new VirtualClock(1_000_000_000L);
        vga = new VgaText(clock);
        bus = new IoBus();
        vga.attach(bus);
    }

    void out(int port, int v) {
        bus.write(port, 1, v);
    }

    int in(int port) {
        return bus.read(port, 1);
    }

    void crtc(int index, int value) {
        out(0x3D4, index);
        out(0x3D5, value);
    }

    void print(int row, int col, String s, int attr) {
        for (int i = 0; i < s.length(); i++) {
            vga.mmioWrite(0xB8000 + 2 * (row * 80 + col + i), 2, s.charAt(i) | attr << 8);
        }
    }

    @Test
    void resetLeavesMode3WithABlankScreenAndTheBiosCursor() {
        TextScreen s = vga.snapshot();
        assertEquals("\n".repeat(24), s.toText());
        assertEquals(' ', s.charAt(24, 79));
        assertEquals(0x07, s.attributeAt(0, 0));
        assertTrue(s.cursorVisible());
        assertEquals(0, s.cursorRow());
        assertEquals(0, s.cursorColumn());
        assertEquals(0x0D, s.cursorStart());
        assertEquals(0x0E, s.cursorEnd());
        assertTrue(s.blinkEnabled());
        assertEquals(0x67, in(0x3CC));
        assertEquals(0xAAAAAA, s.color(7), "light grey");
        assertEquals(0x5555FF, s.color(9), "light blue");
        assertEquals(0xFFFF55, s.color(14), "yellow");
    }

    @Test
    void textMemoryShowsUpInTheSnapshotWithAttributes() {
        long g0 = vga.generation();
        print(0, 0, "Hello, world", 0x1F);
        print(24, 75, "end", 0x4E);
        assertTrue(vga.changedSince(g0));
        TextScreen s = vga.snapshot();
        assertEquals("Hello, world", s.rowText(0).strip());
        assertEquals('H', s.charAt(0, 0));
        assertEquals(0x1F, s.attributeAt(0, 0));
        assertEquals(0x4E, s.attributeAt(24, 77));
        assertTrue(s.toText().startsWith("Hello, world\n\n"));
        assertTrue(s.toText().endsWith("\n" + " ".repeat(75) + "end"));
        assertEquals(0x1F00 | 'H', vga.mmioRead(0xB8000, 2));
        assertEquals(('e' | 0x1F << 8) << 16 | 'H' | 0x1F << 8, vga.mmioRead(0xB8000, 4));
        long g1 = vga.generation();
        assertFalse(vga.changedSince(g1));
        vga.mmioWrite(0xA0000, 1, 0x55); // outside the text buffer
        assertFalse(vga.changedSince(g1));
        assertEquals(0x55, vga.mmioRead(0xA0000, 1));
        assertEquals(0xFFFF_FF00 | vga.mmioRead(0xBFFFF, 1), vga.mmioRead(0xBFFFF, 4), "past the window: floating");
    }

    @Test
    void crtcCursorLocationShapeAndDisable() {
        crtc(0x0E, (3 * 80 + 5) >> 8);
        crtc(0x0F, (3 * 80 + 5) & 0xFF);
        TextScreen s = vga.snapshot();
        assertEquals(3, s.cursorRow());
        assertEquals(5, s.cursorColumn());
        out(0x3D4, 0x0F);
        assertEquals(0x0F, in(0x3D4));
        assertEquals(245 & 0xFF, in(0x3D5));
        crtc(0x0A, 0x00);
        crtc(0x0B, 0x0F);
        s = vga.snapshot();
        assertEquals(0, s.cursorStart());
        assertEquals(15, s.cursorEnd(), "a block cursor");
        crtc(0x0A, 0x20);
        assertFalse(vga.snapshot().cursorVisible(), "CR0A bit 5 disables the cursor");
        crtc(0x0A, 0x0E);
        crtc(0x0B, 0x0D);
        assertFalse(vga.snapshot().cursorVisible(), "start below end: no cursor");
        crtc(0x0A, 0x0D);
        crtc(0x0B, 0x0E);
        crtc(0x0E, 0x07);
        crtc(0x0F, 0xD0); // 2000: just past the last cell
        assertFalse(vga.snapshot().cursorVisible(), "off screen");
    }

    @Test
    void startAddressScrollsTheDisplayAndTheCursorIsRelativeToIt() {
        print(0, 0, "line zero", 0x07);
        print(1, 0, "line one", 0x07);
        crtc(0x0C, 0);
        crtc(0x0D, 80);
        crtc(0x0E, 0);
        crtc(0x0F, 85);
        TextScreen s = vga.snapshot();
        assertEquals("line one", s.rowText(0).strip());
        assertEquals(0, s.cursorRow());
        assertEquals(5, s.cursorColumn());
        assertEquals(80, vga.startAddress());
        // addresses wrap within the 32 KiB text window
        crtc(0x0C, 0x3F);
        crtc(0x0D, 0xFF); // last cell of the window, then wrap to cell 0
        s = vga.snapshot();
        assertEquals('l', s.charAt(0, 1));
    }

    @Test
    void crtcWriteProtectGuardsRegisters0To7() {
        crtc(0x11, 0x8E);
        crtc(0x00, 0x12);
        assertEquals(0x5F, vga.crtcRegister(0x00));
        crtc(0x07, 0x00);
        assertEquals(0x0F, vga.crtcRegister(0x07), "only bit 4 (line compare bit 8) stays writable");
        crtc(0x11, 0x0E);
        crtc(0x00, 0x12);
        assertEquals(0x12, vga.crtcRegister(0x00));
    }

    @Test
    void inputStatusShowsVerticalRetraceAbout70TimesPerSecond() {
        int retraces = 0;
        long inRetrace = 0;
        boolean last = false;
        boolean sawBlankOnly = false;
        boolean sawDisplay = false;
        for (long t = 0; t < 1_000_000_000L; t += 5_000) {
            clock.advance(t - clock.now());
            int st = in(0x3DA);
            boolean vr = (st & 0x08) != 0;
            if (vr && !last) {
                retraces++;
            }
            if (vr) {
                inRetrace++;
                assertEquals(0x01, st & 0x01, "retrace is inside blanking");
            }
            sawBlankOnly |= !vr && (st & 1) != 0;
            sawDisplay |= (st & 1) == 0;
            last = vr;
        }
        assertEquals(70, retraces);
        // 2 lines of 900 dots at 28.322 MHz = 63.55 µs per frame: ≈ 12–13 samples of 5 µs
        assertEquals(70 * 12.7, inRetrace, 70);
        assertTrue(sawBlankOnly && sawDisplay);
        // the first retrace begins at line 412: dot 370800
        long start = (412L * 900 * 1_000_000_000L + 28_322_000 - 1) / 28_322_000;
        clock.setNow(start - 1);
        assertEquals(0, in(0x3DA) & 0x08);
        clock.setNow(start);
        assertEquals(0x08, in(0x3DA) & 0x08);
    }

    @Test
    void attributeControllerFlipFlopResetByInputStatusRead() {
        in(0x3DA);
        out(0x3C0, 0x30); // index 0x10 (mode control) with PAS
        out(0x3C0, 0x04); // blink off
        assertEquals(0x30, in(0x3C0));
        assertEquals(0x04, in(0x3C1));
        assertFalse(vga.snapshot().blinkEnabled());
        out(0x3C0, 0x31); // flip-flop back at index: select 0x11
        in(0x3DA); // reset: next write is an index again
        out(0x3C0, 0x30);
        out(0x3C0, 0x0C);
        assertTrue(vga.snapshot().blinkEnabled());
        assertEquals(0x00, bus.read(0x3C1, 1) & 0xF0);
        // palette register 1 → DAC entry 0x3F (white)
        in(0x3DA);
        out(0x3C0, 0x01);
        out(0x3C0, 0x3F);
        assertEquals(0xFFFFFF, vga.snapshot().color(1));
    }

    @Test
    void dacRegistersCycleThroughRedGreenBlue() {
        out(0x3C8, 0x07);
        out(0x3C9, 0x3F);
        out(0x3C9, 0x00);
        out(0x3C9, 0x20);
        assertEquals(0x08, in(0x3C8), "the write index advanced after three components");
        out(0x3C7, 0x07);
        assertEquals(0x03, in(0x3C7), "DAC state: read mode");
        assertEquals(0x3F, in(0x3C9));
        assertEquals(0x00, in(0x3C9));
        assertEquals(0x20, in(0x3C9));
        assertEquals(0xFF0081, vga.snapshot().color(7));
    }

    @Test
    void monoAddressingMovesTheCrtcTo0x3B4() {
        out(0x3C2, 0x66);
        assertEquals(0xFF, in(0x3D4));
        out(0x3B4, 0x0A);
        assertEquals(0x0D, in(0x3B5));
        in(0x3BA);
        out(0x3C2, 0x67);
        assertEquals(0xFF, in(0x3B5));
        assertEquals(0x0A, in(0x3D4));
    }

    @Test
    void sequencerAndGraphicsRegistersAreStored() {
        out(0x3C4, 0x02);
        assertEquals(0x03, in(0x3C5));
        out(0x3C5, 0x0F);
        assertEquals(0x0F, in(0x3C5));
        out(0x3CE, 0x06);
        assertEquals(0x0E, in(0x3CF));
        out(0x3CF, 0x05);
        assertEquals(0x05, in(0x3CF));
    }

    @Test
    void codePage437MapsLikeTheVgaCharacterRom() {
        Charset ibm437 = Charset.forName("IBM437");
        byte[] upper = new byte[128];
        for (int i = 0; i < 128; i++) {
            upper[i] = (byte) (0x80 + i);
        }
        String jdk = new String(upper, ibm437);
        for (int i = 0; i < 128; i++) {
            assertEquals(jdk.charAt(i), TextScreen.cp437(0x80 + i), "byte 0x" + Integer.toHexString(0x80 + i));
        }
        for (int b = 0x20; b < 0x7F; b++) {
            assertEquals((char) b, TextScreen.cp437(b));
        }
        assertEquals('☺', TextScreen.cp437(0x01));
        assertEquals('▼', TextScreen.cp437(0x1F));
        assertEquals('⌂', TextScreen.cp437(0x7F));
        assertEquals(' ', TextScreen.cp437(0x00));
        print(5, 0, "\u0000", 0x07);
        vga.mmioWrite(0xB8000 + 2 * (5 * 80 + 1), 1, 0xC9);
        vga.mmioWrite(0xB8000 + 2 * (5 * 80 + 2), 1, 0xCD);
        vga.mmioWrite(0xB8000 + 2 * (5 * 80 + 3), 1, 0xBB);
        assertEquals(" ╔═╗", vga.snapshot().rowText(5).substring(0, 4));
    }

    @Test
    void snapshotRoundTrip() throws Exception {
        print(2, 3, "persisted", 0x2A);
        crtc(0x0E, 0);
        crtc(0x0F, 163);
        in(0x3DA);
        out(0x3C0, 0x30);
        out(0x3C0, 0x04);
        out(0x3C0, 0x02); // flip-flop left at "data"
        out(0x3C8, 5);
        out(0x3C9, 1); // DAC mid-triplet
        VgaText copy = new VgaText(clock);
        StateRoundTrip.copy(vga, copy);
        assertEquals(vga.snapshot(), copy.snapshot());
        assertEquals("persisted", copy.snapshot().rowText(2).strip());
        IoBus bus2 = new IoBus();
        copy.attach(bus2);
        out(0x3C0, 0x01);
        bus2.write(0x3C0, 1, 0x01);
        out(0x3C9, 2);
        bus2.write(0x3C9, 1, 2);
        assertArrayEquals(StateRoundTrip.save(vga), StateRoundTrip.save(copy));
        copy.reset();
        assertNotEquals(vga.snapshot(), copy.snapshot());
    }
}
