package dev.ringmaster.app.panes;

/**
 * A virtual machine's state as the manager shows it (virt-manager's words and state glyphs), and
 * which lifecycle actions each state allows.
 */
public enum VmStatus {
    SHUT_OFF("Shut off", "■"),
    RUNNING("Running", "▶"),
    PAUSED("Paused", "❚❚"),
    /** Stopped by a host-side error or a triple fault; its state stays inspectable. */
    CRASHED("Crashed", "✖");

    /** The manager's lifecycle actions on the selected VMs. */
    public enum Action {
        RUN("Run"), PAUSE("Pause"), RESUME("Resume"), RESET("Reset"), FORCE_OFF("Force off"), SNAPSHOT("Snapshot");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String label;
    private final String glyph;

    VmStatus(String label, String glyph) {
        this.label = label;
        this.glyph = glyph;
    }

    public String label() {
        return label;
    }

    /** The state icon: a glyph drawn beside the label (virt-manager's play / pause / stop / crash marks). */
    public String glyph() {
        return glyph;
    }

    /**
     * As virt-manager: Run starts a shut-off or crashed VM; Pause needs a running VM, Resume a paused
     * one; Reset and Force off any started one (a crashed one too); Snapshot a running or paused one.
     */
    public boolean allows(Action action) {
        return switch (action) {
            case RUN -> this == SHUT_OFF || this == CRASHED;
            case PAUSE -> this == RUNNING;
            case RESUME -> this == PAUSED;
            case RESET, FORCE_OFF -> this != SHUT_OFF;
            case SNAPSHOT -> this == RUNNING || this == PAUSED;
        };
    }
}
