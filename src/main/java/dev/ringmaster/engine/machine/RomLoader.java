package dev.ringmaster.engine.machine;

/**
 * Maps a raw ROM image (a BIOS replacement) as a PC does and as QEMU's {@code -bios} does: the whole
 * image ends at 4 GiB, so the reset vector FFFF:FFF0 (physical 0xFFFFFFF0, CS base 0xFFFF0000 after
 * RESET) is its 16th-last byte; its last 128 KiB (or all of it, when smaller) also end at 1 MiB, where
 * real-mode code reaches it after the first far jump (F000:xxxx).
 */
public final class RomLoader {
    private RomLoader() {
    }

    /** Largest window below 1 MiB, as the ISA BIOS alias. */
    public static final int LOW_WINDOW = 128 << 10;

    public static void load(Machine m, byte[] image) {
        int size = image.length;
        if (size == 0 || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("ROM image size " + size + " is not a non-zero multiple of 4 KiB");
        }
        if (size > Machine.ROM_CAPACITY) {
            throw new IllegalArgumentException("ROM image of " + size + " bytes is larger than "
                    + (Machine.ROM_CAPACITY >> 10) + " KiB");
        }
        m.memory().mapRom((int) (0x1_0000_0000L - size), image);
        int low = Math.min(size, LOW_WINDOW);
        m.memory().aliasRom(0x100000 - low, (int) (0x1_0000_0000L - low), low);
        m.cpu().reset();
    }
}
