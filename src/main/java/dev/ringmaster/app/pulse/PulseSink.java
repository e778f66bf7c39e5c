package dev.ringmaster.app.pulse;

import java.util.List;

/**
 * Receives, once per pulse, what a ring buffer delivered since the last pulse. Runs on the thread
 * that drives the {@link PulseDrainer} (the FX thread in the application).
 */
@FunctionalInterface
public interface PulseSink<T> {
    /**
     * @param batch        the elements drained this pulse, oldest first; a view valid only during the
     *                     call (copy what you keep)
     * @param droppedTotal elements the producer has dropped since the ring was created
     */
    void onPulse(List<T> batch, long droppedTotal);
}
