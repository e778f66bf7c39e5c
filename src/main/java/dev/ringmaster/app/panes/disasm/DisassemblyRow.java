package dev.ringmaster.app.panes.disasm;

/**
 * One row of the disassembly listing.
 *
 * @param address      linear address (CS base + offset) of the instruction
 * @param offset       the instruction's offset in CS (EIP), what the branch targets in the text refer to
 * @param bytes        the instruction's bytes, "8b 45 f8"
 * @param text         Intel-syntax text as objdump prints it
 * @param branchTarget linear address of a direct branch's target, or -1
 * @param current      EIP is here (the next instruction to execute)
 * @param breakpoint   the user set a breakpoint here
 * @param marked       the address another pane asked to show (a selected trap)
 */
public record DisassemblyRow(int address, int offset, String bytes, String text, long branchTarget, boolean current,
                             boolean breakpoint, boolean marked) {
    public String addressText() {
        return String.format("%08X", address);
    }

    /** "→ 0010A2F0 ↑" (the arrow says whether the target lies above or below), or "". */
    public String targetText() {
        if (branchTarget < 0) {
            return "";
        }
        String dir = branchTarget == (address & 0xFFFFFFFFL) ? "⟲" : branchTarget < (address & 0xFFFFFFFFL) ? "↑" : "↓";
        return String.format("→ %08X %s", branchTarget, dir);
    }

    /** Number of bytes the instruction covers. */
    public int length() {
        return bytes.isEmpty() ? 0 : (bytes.length() + 1) / 3;
    }

    /** A CALL: "step over" runs until the instruction after it. */
    public boolean isCall() {
        return text.startsWith("call ") || text.equals("call") || text.startsWith("lcall");
    }
}
