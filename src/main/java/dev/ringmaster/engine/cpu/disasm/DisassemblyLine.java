package dev.ringmaster.engine.cpu.disasm;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One row of a disassembly listing: where the instruction is, its bytes and its Intel-syntax text
 * (objdump's text, with single spaces). Immutable.
 *
 * @param address the instruction's address (EIP, or IP in 16-bit code; for real-mode code the offset
 *                within CS)
 * @param bytes   the bytes the row covers
 * @param text    mnemonic and operands, e.g. {@code "mov eax,DWORD PTR [ebp-0x8]"}
 * @param branchTarget the target of a relative JMP/Jcc/CALL/LOOP/JCXZ as the text shows it (an
 *                unsigned 32-bit value), or -1 when the row has none (indirect and far branches, other
 *                instructions, "(bad)")
 */
public record DisassemblyLine(int address, byte[] bytes, String text, long branchTarget) {
    public DisassemblyLine {
        bytes = bytes.clone();
        if (text == null) {
            throw new IllegalArgumentException("text");
        }
        if (branchTarget < -1 || branchTarget > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("branchTarget " + branchTarget);
        }
    }

    /** A row without a branch target. */
    public DisassemblyLine(int address, byte[] bytes, String text) {
        this(address, bytes, text, -1);
    }

    /** Whether {@link #branchTarget()} holds a target. */
    public boolean hasBranchTarget() {
        return branchTarget >= 0;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes this row covers. */
    public int length() {
        return bytes.length;
    }

    /** The bytes as "8b 45 f8". */
    public String bytesHex() {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** The address of the next row. */
    public int nextAddress() {
        return address + bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisassemblyLine l && l.address == address && Arrays.equals(l.bytes, bytes)
                && l.text.equals(text) && l.branchTarget == branchTarget;
    }

    @Override
    public int hashCode() {
        return ((address * 31 + Arrays.hashCode(bytes)) * 31 + text.hashCode()) * 31 + Long.hashCode(branchTarget);
    }

    @Override
    public String toString() {
        return String.format("%08x: %-24s %s", address, bytesHex(), text);
    }
}
