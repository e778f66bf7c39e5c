package dev.ringmaster.engine.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The AT/PS2 keyboard behind the 8042 (IBM Keyboard Technical Reference, "Commands from the
 * system" / "Commands to the system"): it answers commands with ACK (0xFA) and their data, and sends
 * scan codes for key events. Its host-side queue of key bytes is unbounded and is held, not
 * dropped, while scanning is disabled — so scripted typing is never lost; a real keyboard has a
 * 16-byte buffer and does not scan while disabled. Typematic repeat is not generated (the host
 * sends each press). Scan code set 3 is accepted but keys are then sent in set 2.
 */
public final class Ps2Keyboard {
    public static final int ACK = 0xFA;
    public static final int BAT_OK = 0xAA;
    public static final int ECHO = 0xEE;
    public static final int RESEND = 0xFE;
    /** Set numbers 1, 2, 3 as the 8042's translation turns them into set-1 bytes. */
    private static final int[] TRANSLATED_SET_IDS = {0, 0x43, 0x41, 0x3F};

    private final ByteQueue replies = new ByteQueue(8);
    private final ByteQueue scans = new ByteQueue(64);
    private boolean scanning;
    private int scanSet;
    private int awaiting;
    private int leds;
    private int typematic;
    private int lastSent;

    Ps2Keyboard() {
        powerOn();
    }

    void powerOn() {
        replies.clear();
        scans.clear();
        defaults();
        awaiting = 0;
        lastSent = BAT_OK;
    }

    private void defaults() {
        scanning = true;
        scanSet = 2;
        leds = 0;
        typematic = 0x2B; // 10.9 characters/s after 500 ms
    }

    /** LED state from command 0xED: bit 0 Scroll Lock, bit 1 Num Lock, bit 2 Caps Lock. */
    public int leds() {
        return leds;
    }

    /** The scan code set the guest selected (1, 2 or 3). */
    public int scanSet() {
        return scanSet;
    }

    /** False after command 0xF5 until 0xF4 or a reset. */
    public boolean scanning() {
        return scanning;
    }

    /** Typematic rate/delay byte from command 0xF3 (stored only). */
    public int typematic() {
        return typematic;
    }

    /** Key bytes queued by the host and not yet taken by the controller. */
    int pendingScanBytes() {
        return scans.size();
    }

    /** Queues the codes of a key event, in set 1 when the controller translates (or set 1 is selected), else set 2. */
    void keyEvent(Key key, boolean make, boolean translate) {
        int set = translate || scanSet == 1 ? 1 : 2;
        for (byte b : key.scanCodes(make, set)) {
            scans.add(b);
        }
    }

    /** Puts a byte into the keyboard's output as if it had sent it (8042 command 0xD2). */
    void inject(int b) {
        replies.add(b);
    }

    boolean hasData() {
        return !replies.isEmpty() || (scanning && !scans.isEmpty());
    }

    int next() {
        lastSent = !replies.isEmpty() ? replies.remove() : scans.remove();
        return lastSent;
    }

    /** A byte from the system: a command, or the argument of the previous one. */
    void receive(int b, boolean translate) {
        if (awaiting != 0) {
            int cmd = awaiting;
            awaiting = 0;
            if (cmd == 0xED) {
                leds = b & 0x07;
                replies.add(ACK);
                return;
            }
            if (cmd == 0xF3) {
                typematic = b & 0x7F;
                replies.add(ACK);
                return;
            }
            // 0xF0: get (0) or set (1–3) the scan code set
            if (b == 0) {
                replies.add(ACK);
                replies.add(translate ? TRANSLATED_SET_IDS[scanSet] : scanSet);
            } else if (b >= 1 && b <= 3) {
                scanSet = b;
                replies.add(ACK);
            } else {
                replies.add(RESEND);
            }
            return;
        }
        switch (b) {
            case 0xED, 0xF0, 0xF3 -> {
                awaiting = b;
                replies.add(ACK);
            }
            case 0xEE -> replies.add(ECHO);
            case 0xF2 -> {
                replies.add(ACK);
                replies.add(0xAB);
                replies.add(translate ? 0x41 : 0x83); // the 8042 translates the ID's second byte
            }
            case 0xF4 -> {
                scanning = true;
                replies.add(ACK);
            }
            case 0xF5 -> {
                defaults();
                scanning = false;
                replies.add(ACK);
            }
            case 0xF6 -> {
                defaults();
                replies.add(ACK);
            }
            case 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD -> replies.add(ACK); // set-3 key types: accepted
            case 0xFE -> replies.add(lastSent);
            case 0xFF -> {
                replies.clear();
                defaults();
                replies.add(ACK);
                replies.add(BAT_OK);
            }
            default -> replies.add(RESEND);
        }
    }

    void save(DataOutput out) throws IOException {
        replies.save(out);
        scans.save(out);
        out.writeBoolean(scanning);
        out.writeByte(scanSet);
        out.writeByte(awaiting);
        out.writeByte(leds);
        out.writeByte(typematic);
        out.writeByte(lastSent);
    }

    void load(DataInput in) throws IOException {
        replies.load(in, "keyboard replies");
        scans.load(in, "keyboard key queue");
        scanning = in.readBoolean();
        scanSet = in.readUnsignedByte();
        if (scanSet < 1 || scanSet > 3) {
            throw new IOException("keyboard: bad scan code set " + scanSet);
        }
        awaiting = in.readUnsignedByte();
        if (awaiting != 0 && awaiting != 0xED && awaiting != 0xF0 && awaiting != 0xF3) {
            throw new IOException("keyboard: bad pending command " + awaiting);
        }
        leds = in.readUnsignedByte();
        typematic = in.readUnsignedByte();
        lastSent = in.readUnsignedByte();
    }
}
