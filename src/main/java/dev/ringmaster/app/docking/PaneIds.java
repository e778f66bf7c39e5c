package dev.ringmaster.app.docking;

/**
 * The identifiers of dockable panes. They are stored in layout files, so a pane keeps its id for
 * good; the view menu, the layouts and the tests refer to panes only through these constants.
 */
public final class PaneIds {
    /** Manager window: the user's virtual machines. */
    public static final String VM_LIST = "vm-list";
    /** Manager window: overview of the selected virtual machine. */
    public static final String DETAILS = "details";
    /** Manager window: notices of the application (and, later, trace events), drained on the pulse. */
    public static final String EVENT_LOG = "event-log";

    /** VM window: the VGA text screen and the serial terminal, in tabs. */
    public static final String CONSOLE = "console";
    /** VM window: the protection rings with the CPU's marker, and the per-ring timeline. */
    public static final String RINGS = "rings";
    /** VM window: trapped instructions, VM exits and hypercalls. */
    public static final String TRAPS = "traps";
    /** VM window: the CPU's registers (and the guest's virtual CPU's). */
    public static final String REGISTERS = "registers";
    /** VM window: guest code around EIP, breakpoints, stepping. */
    public static final String DISASSEMBLY = "disassembly";
    /** VM window: live charts of instructions/s and traps/s, VMM counters, drop counts. */
    public static final String STATISTICS = "statistics";
    /** VM window (BT VMs): guest blocks beside their translations, cache statistics. */
    public static final String TRANSLATION_CACHE = "translation-cache";

    private PaneIds() {
    }
}
