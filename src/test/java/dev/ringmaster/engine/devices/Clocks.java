package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.VirtualClock;

/** Runs a virtual clock the way the machine's run loop does: up to each deadline, fire it, go on. */
final class Clocks {
    private Clocks() {
    }

    static void runTo(VirtualClock clock, long cycle) {
        while (clock.nextDeadline() <= cycle) {
            clock.advance(clock.nextDeadline() - clock.now());
            clock.runDue();
        }
        clock.advance(cycle - clock.now());
        clock.runDue();
    }
}
