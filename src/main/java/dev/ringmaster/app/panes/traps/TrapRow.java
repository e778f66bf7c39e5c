package dev.ringmaster.app.panes.traps;

/**
 * One row of the traps table: a trapped instruction, exception or interrupt ({@code Trap}), a VM
 * exit or a hypercall. {@code cost} is the simulated cycles from the entry to the VMM until the VMM
 * resumed the guest (the next VMM_RESUME / VM_ENTRY ring transition), -1 while unknown or when the
 * guest handled it itself.
 *
 * @param kind   "trap", "exit" or "hypercall"
 * @param reason what it was: "#GP(0)", "exit 12 HLT", "hypercall 3 set_trap_table"
 * @param action who handled it and what was done
 */
public record TrapRow(long sequence, long instructions, long cycles, String kind, int eip, String bytes,
                      String disassembly, String reason, String handler, String action, long cost) {

    public TrapRow withCost(long c) {
        return new TrapRow(sequence, instructions, cycles, kind, eip, bytes, disassembly, reason, handler, action, c);
    }

    /** EIP as eight hex digits. */
    public String address() {
        return String.format("%08X", eip);
    }

    /** True when any shown column contains {@code needle} (lower case). */
    boolean matches(String needle) {
        return needle.isEmpty() || kind.contains(needle) || address().toLowerCase().contains(needle)
                || bytes.toLowerCase().contains(needle) || disassembly.toLowerCase().contains(needle)
                || reason.toLowerCase().contains(needle) || handler.toLowerCase().contains(needle)
                || action.toLowerCase().contains(needle);
    }
}
