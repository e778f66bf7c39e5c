package dev.ringmaster.engine.devices;

/**
 * The keys of a US 104-key PC keyboard, independent of the host's toolkit, with their scan codes in
 * set 1 (what the 8042 hands the guest with translation on, the PC/XT codes) and set 2 (what an AT
 * keyboard sends). Codes with {@link #EXTENDED} set are sent with an 0xE0 prefix. Set 1 break codes
 * are the make code with bit 7 set; set 2 break codes are the make code after 0xF0.
 * {@link #PRINT_SCREEN} and {@link #PAUSE} send their special multi-byte sequences.
 */
public enum Key {
    ESCAPE(0x01, 0x76),
    DIGIT1(0x02, 0x16), DIGIT2(0x03, 0x1E), DIGIT3(0x04, 0x26), DIGIT4(0x05, 0x25), DIGIT5(0x06, 0x2E),
    DIGIT6(0x07, 0x36), DIGIT7(0x08, 0x3D), DIGIT8(0x09, 0x3E), DIGIT9(0x0A, 0x46), DIGIT0(0x0B, 0x45),
    MINUS(0x0C, 0x4E), EQUALS(0x0D, 0x55), BACKSPACE(0x0E, 0x66), TAB(0x0F, 0x0D),
    Q(0x10, 0x15), W(0x11, 0x1D), E(0x12, 0x24), R(0x13, 0x2D), T(0x14, 0x2C), Y(0x15, 0x35), U(0x16, 0x3C),
    I(0x17, 0x43), O(0x18, 0x44), P(0x19, 0x4D),
    OPEN_BRACKET(0x1A, 0x54), CLOSE_BRACKET(0x1B, 0x5B), ENTER(0x1C, 0x5A), LEFT_CTRL(0x1D, 0x14),
    A(0x1E, 0x1C), S(0x1F, 0x1B), D(0x20, 0x23), F(0x21, 0x2B), G(0x22, 0x34), H(0x23, 0x33), J(0x24, 0x3B),
    K(0x25, 0x42), L(0x26, 0x4B),
    SEMICOLON(0x27, 0x4C), QUOTE(0x28, 0x52), BACK_QUOTE(0x29, 0x0E), LEFT_SHIFT(0x2A, 0x12), BACKSLASH(0x2B, 0x5D),
    Z(0x2C, 0x1A), X(0x2D, 0x22), C(0x2E, 0x21), V(0x2F, 0x2A), B(0x30, 0x32), N(0x31, 0x31), M(0x32, 0x3A),
    COMMA(0x33, 0x41), PERIOD(0x34, 0x49), SLASH(0x35, 0x4A), RIGHT_SHIFT(0x36, 0x59),
    KP_MULTIPLY(0x37, 0x7C), LEFT_ALT(0x38, 0x11), SPACE(0x39, 0x29), CAPS_LOCK(0x3A, 0x58),
    F1(0x3B, 0x05), F2(0x3C, 0x06), F3(0x3D, 0x04), F4(0x3E, 0x0C), F5(0x3F, 0x03), F6(0x40, 0x0B),
    F7(0x41, 0x83), F8(0x42, 0x0A), F9(0x43, 0x01), F10(0x44, 0x09),
    NUM_LOCK(0x45, 0x77), SCROLL_LOCK(0x46, 0x7E),
    KP7(0x47, 0x6C), KP8(0x48, 0x75), KP9(0x49, 0x7D), KP_SUBTRACT(0x4A, 0x7B),
    KP4(0x4B, 0x6B), KP5(0x4C, 0x73), KP6(0x4D, 0x74), KP_ADD(0x4E, 0x79),
    KP1(0x4F, 0x69), KP2(0x50, 0x72), KP3(0x51, 0x7A), KP0(0x52, 0x70), KP_DECIMAL(0x53, 0x71),
    INTL_BACKSLASH(0x56, 0x61),
    F11(0x57, 0x78), F12(0x58, 0x07),
    KP_ENTER(Key.EXTENDED | 0x1C, Key.EXTENDED | 0x5A),
    RIGHT_CTRL(Key.EXTENDED | 0x1D, Key.EXTENDED | 0x14),
    KP_DIVIDE(Key.EXTENDED | 0x35, Key.EXTENDED | 0x4A),
    RIGHT_ALT(Key.EXTENDED | 0x38, Key.EXTENDED | 0x11),
    HOME(Key.EXTENDED | 0x47, Key.EXTENDED | 0x6C),
    UP(Key.EXTENDED | 0x48, Key.EXTENDED | 0x75),
    PAGE_UP(Key.EXTENDED | 0x49, Key.EXTENDED | 0x7D),
    LEFT(Key.EXTENDED | 0x4B, Key.EXTENDED | 0x6B),
    RIGHT(Key.EXTENDED | 0x4D, Key.EXTENDED | 0x74),
    END(Key.EXTENDED | 0x4F, Key.EXTENDED | 0x69),
    DOWN(Key.EXTENDED | 0x50, Key.EXTENDED | 0x72),
    PAGE_DOWN(Key.EXTENDED | 0x51, Key.EXTENDED | 0x7A),
    INSERT(Key.EXTENDED | 0x52, Key.EXTENDED | 0x70),
    DELETE(Key.EXTENDED | 0x53, Key.EXTENDED | 0x71),
    LEFT_META(Key.EXTENDED | 0x5B, Key.EXTENDED | 0x1F),
    RIGHT_META(Key.EXTENDED | 0x5C, Key.EXTENDED | 0x27),
    MENU(Key.EXTENDED | 0x5D, Key.EXTENDED | 0x2F),
    /** Sends E0 2A E0 37 / E0 B7 E0 AA (set 1), E0 12 E0 7C / E0 F0 7C E0 F0 12 (set 2). */
    PRINT_SCREEN(Key.EXTENDED | 0x37, Key.EXTENDED | 0x7C),
    /** Sends E1 1D 45 E1 9D C5 (set 1) or E1 14 77 E1 F0 14 F0 77 (set 2) on press, nothing on release. */
    PAUSE(0x45, 0x77);

    /** Flag in a code: send 0xE0 first. */
    public static final int EXTENDED = 0x100;

    private final int set1;
    private final int set2;

    Key(int set1, int set2) {
        this.set1 = set1;
        this.set2 = set2;
    }

    /** Set 1 make code (low byte), with {@link #EXTENDED} for 0xE0-prefixed keys. */
    public int set1() {
        return set1;
    }

    /** Set 2 make code (low byte), with {@link #EXTENDED} for 0xE0-prefixed keys. */
    public int set2() {
        return set2;
    }

    /** The bytes the keyboard sends for a press ({@code make}) or release, in scan code set 1 or 2. */
    public byte[] scanCodes(boolean make, int set) {
        if (this == PAUSE) {
            if (!make) {
                return new byte[0];
            }
            return set == 1 ? bytes(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5)
                    : bytes(0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77);
        }
        if (this == PRINT_SCREEN) {
            if (set == 1) {
                return make ? bytes(0xE0, 0x2A, 0xE0, 0x37) : bytes(0xE0, 0xB7, 0xE0, 0xAA);
            }
            return make ? bytes(0xE0, 0x12, 0xE0, 0x7C) : bytes(0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12);
        }
        int code = set == 1 ? set1 : set2;
        boolean ext = (code & EXTENDED) != 0;
        int b = code & 0xFF;
        if (set == 1) {
            int c = make ? b : b | 0x80;
            return ext ? bytes(0xE0, c) : bytes(c);
        }
        if (make) {
            return ext ? bytes(0xE0, b) : bytes(b);
        }
        return ext ? bytes(0xE0, 0xF0, b) : bytes(0xF0, b);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
