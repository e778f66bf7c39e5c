package dev.ringmaster.engine.vmm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The six ways Ringmaster can run a guest (DESIGN §4). The {@link #id()} is the one identifier
 * used everywhere: in templates, VM definitions, the command line ({@code --technique bt}) and the
 * libvirt export's metadata. The enum is plain Java (no Jackson, no JavaFX) so that the engine, the
 * template layer and the GUI can all share it; it lives in the engine because it is the engine's
 * vocabulary, and {@code dev.ringmaster.template} depends on it, never the other way round.
 */
public enum Technique {
    NATIVE("native", "Native", 0,
            "The guest kernel runs in ring 0 on the bare simulated machine, with no VMM at all. "
                    + "Nothing reaches a VMM: system calls, interrupts and exceptions are the baseline the other "
                    + "techniques are compared with."),
    TRAP("trap", "Trap-and-emulate", 1,
            "The unmodified guest kernel is moved to ring 1 (ring compression) and runs directly on the CPU. "
                    + "Every privileged instruction traps to the VMM as a #GP, as do I/O, shadowed page-table faults "
                    + "and interrupts, while sensitive unprivileged instructions such as POPF and SGDT run without "
                    + "trapping and give the guest wrong answers."),
    BT("bt", "Binary translation", 1,
            "Guest kernel code never runs as is: the VMM translates it block by block and runs the "
                    + "translations in ring 1, while user code runs directly in ring 3. What reaches the VMM are "
                    + "callouts from translated code and faults."),
    PV("pv", "Paravirtualization", 1,
            "A modified (paravirtual) guest kernel runs in ring 1 and asks the hypervisor for privileged "
                    + "work instead of doing it. Only hypercalls (int 0x82) and faults reach the VMM."),
    HW("hw", "Hardware-assisted", 0,
            "The unmodified guest kernel runs in ring 0 of VMX non-root mode, with the CPU checking each "
                    + "event against the VMCS controls. Only the VM exits those controls choose reach the VMM, and "
                    + "with EPT off the VMM also keeps shadow page tables."),
    CONTAINER("container", "Container", 0,
            "One shared kernel runs natively in ring 0 and containers are groups of its processes with "
                    + "their own PID numbers, root directory, hostname and limits. Nothing reaches a VMM because "
                    + "there is none, so a container cannot run a different operating system.");

    private final String id;
    private final String displayName;
    private final int guestKernelRing;
    private final String description;

    Technique(String id, String displayName, int guestKernelRing, String description) {
        this.id = id;
        this.displayName = displayName;
        this.guestKernelRing = guestKernelRing;
        this.description = description;
    }

    /** The identifier used in files and on the command line: native, trap, bt, pv, hw, container. */
    public String id() {
        return id;
    }

    /** The name shown to users, e.g. "Binary translation". */
    public String displayName() {
        return displayName;
    }

    /**
     * The ring the guest kernel's own code runs in under this technique (for {@link #HW} that is ring 0
     * of VMX non-root mode; for {@link #BT} it is the ring the translated kernel code runs in).
     */
    public int guestKernelRing() {
        return guestKernelRing;
    }

    /** Two sentences for the wizard: where the guest kernel runs, and what reaches the VMM. */
    public String description() {
        return description;
    }

    /** True when a VMM sits between the guest and the machine (false for native and container). */
    public boolean hasVmm() {
        return this != NATIVE && this != CONTAINER;
    }

    /** The technique with this identifier, if any (exact, lower-case match). */
    public static Optional<Technique> find(String id) {
        for (Technique t : values()) {
            if (t.id.equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The technique with this identifier.
     *
     * @throws IllegalArgumentException naming the bad identifier and the known ones
     */
    public static Technique fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(unknownMessage(id)));
    }

    /** "unknown technique "x" (known: native, trap, bt, pv, hw, container)", with a hint for a wrong case. */
    public static String unknownMessage(String id) {
        String hint = "";
        if (id != null) {
            Optional<Technique> folded = find(id.toLowerCase(Locale.ROOT));
            if (folded.isPresent()) {
                hint = "; identifiers are lower case: \"" + folded.get().id + "\"";
            }
        }
        return "unknown technique " + (id == null ? "null" : "\"" + id + "\"") + " (known: " + knownIds() + ")" + hint;
    }

    /** "native, trap, bt, pv, hw, container". */
    public static String knownIds() {
        return Arrays.stream(values()).map(Technique::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
