package dev.ringmaster.app.pulse;

import javafx.animation.AnimationTimer;

/**
 * Drives a {@link PulseDrainer} from JavaFX's frame timer: {@link AnimationTimer#handle} runs on the
 * FX thread once per frame (about 60 Hz) and the drainer decides whether this frame drains. This is
 * the only place the pulse touches JavaFX; never {@code Platform.runLater} per event.
 */
public final class FxPulse {
    private final PulseDrainer drainer;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drainer.tick(now);
        }
    };
    private boolean running;

    public FxPulse(PulseDrainer drainer) {
        this.drainer = drainer;
    }

    public PulseDrainer drainer() {
        return drainer;
    }

    /** Starts pulsing (FX thread). */
    public void start() {
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** Stops pulsing, after one last drain so nothing already delivered waits for a next start (FX thread). */
    public void stop() {
        if (running) {
            running = false;
            timer.stop();
            drainer.drainAll();
        }
    }

    public boolean isRunning() {
        return running;
    }
}
