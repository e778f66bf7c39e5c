package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Saves a {@link VirtualClock.Timer} as (armed, absolute deadline) and re-arms it on load. */
final class TimerState {
    private TimerState() {
    }

    static void save(DataOutput out, VirtualClock.Timer t) throws IOException {
        out.writeBoolean(t.armed());
        out.writeLong(t.armed() ? t.deadline() : 0);
    }

    static void load(DataInput in, VirtualClock.Timer t) throws IOException {
        boolean armed = in.readBoolean();
        long deadline = in.readLong();
        if (armed && deadline < 0) {
            throw new IOException(t.name() + ": bad deadline " + deadline);
        }
        if (armed) {
            t.armAt(deadline);
        } else {
            t.cancel();
        }
    }
}
