package dev.ringmaster.engine.cost;

/**
 * The ways {@link NanobenchmarkModel} can run a nanobenchmark: the six techniques of DESIGN §4
 * (containers run natively, so they share {@link #NATIVE}), with the hardware-assisted one split by
 * EPT. {@link #SOFTWARE_VMM} and {@link #HARDWARE_VMM} are the two VMMs of Adams and Agesen (2006).
 */
public enum VmmSetup {
    NATIVE("native", "native", false),
    TRAP_AND_EMULATE("trap", "trap-and-emulate", false),
    SOFTWARE_VMM("bt", "software VMM (BT)", false),
    PARAVIRTUAL("pv", "paravirtual", false),
    HARDWARE_VMM("hw", "hardware VMM", false),
    HARDWARE_VMM_EPT("hw", "hardware VMM + EPT", true);

    private final String techniqueId;
    private final String title;
    private final boolean ept;

    VmmSetup(String techniqueId, String title, boolean ept) {
        this.techniqueId = techniqueId;
        this.title = title;
        this.ept = ept;
    }

    /** The technique identifier of DESIGN §4 ({@code native}, {@code trap}, {@code bt}, {@code pv}, {@code hw}). */
    public String techniqueId() {
        return techniqueId;
    }

    /** A column title, e.g. "software VMM (BT)". */
    public String title() {
        return title;
    }

    /** Hardware-assisted with EPT (no shadow page tables). */
    public boolean ept() {
        return ept;
    }
}
