package dev.ringmaster.app.panes.console;

import dev.ringmaster.engine.devices.Key;

/**
 * Where the VGA console sends the keys the user presses and releases: the VM window connects it to
 * the VM's keyboard (the 8042's PS/2 keyboard, which turns them into scan codes). Called on the FX
 * thread; an implementation queues a command for the VM thread and returns.
 */
@FunctionalInterface
public interface KeyboardSink {
    void key(Key key, boolean pressed);
}
