package dev.ringmaster.app.panes;

/**
 * A virtual machine's state as the manager shows it (virt-manager's words), and which lifecycle
 * actions each state allows.
 */
public enum VmStatus {
    SHUT_OFF("Shut off"),
    RUNNING("Running"),
    PAUSED("Paused"),
    /** Stopped by a host-side error or a triple fault; its state stays inspectable. */
    CRASHED("Crashed");

    /** The toolbar's lifecycle actions. */
    public enum Action {
        RUN, PAUSE, FORCE_OFF
    }

    private final String label;

    VmStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Run starts a shut-off or crashed VM and resumes a paused one; pause needs a running VM; force off any live one. */
    public boolean allows(Action action) {
        return switch (action) {
            case RUN -> this == SHUT_OFF || this == PAUSED || this == CRASHED;
            case PAUSE -> this == RUNNING;
            case FORCE_OFF -> this == RUNNING || this == PAUSED;
        };
    }
}
