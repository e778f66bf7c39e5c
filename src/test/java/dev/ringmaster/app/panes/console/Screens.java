package dev.ringmaster.app.panes.console;

import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.devices.VgaText;
import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.VirtualClock;

/** Real VGA text screens for tests: a {@link VgaText} written through its memory and ports, then snapshotted. */
public final class Screens {
    private final VgaText vga = new VgaText(new VirtualClock(1_000_000_000L));
    private final IoBus bus = new IoBus();

    public Screens() {
        vga.attach(bus);
    }

    /** Writes {@code text} at a cell with attribute {@code attr}, as a guest storing words at 0xB8000 does. */
    public Screens print(int row, int column, String text, int attr) {
        for (int i = 0; i < text.length(); i++) {
            vga.mmioWrite(VgaText.TEXT_BASE + 2 * (row * TextScreen.COLUMNS + column + i), 2, text.charAt(i) | attr << 8);
        }
        return this;
    }

    /** Moves the hardware cursor (CRTC registers 0x0E/0x0F). */
    public Screens cursor(int row, int column) {
        int pos = row * TextScreen.COLUMNS + column;
        crtc(0x0E, pos >> 8);
        crtc(0x0F, pos & 0xFF);
        return this;
    }

    /** Cursor shape (CRTC 0x0A/0x0B). */
    public Screens cursorShape(int start, int end) {
        crtc(0x0A, start);
        crtc(0x0B, end);
        return this;
    }

    /** Attribute mode control bit 3: blinking (true) or bright backgrounds (false). */
    public Screens blink(boolean on) {
        bus.read(0x3DA, 1);
        bus.write(0x3C0, 1, 0x30);
        bus.write(0x3C0, 1, on ? 0x0C : 0x04);
        return this;
    }

    private void crtc(int index, int value) {
        bus.write(0x3D4, 1, index);
        bus.write(0x3D5, 1, value);
    }

    public TextScreen snapshot() {
        return vga.snapshot();
    }
}
