package dev.ringmaster.engine.cpu.disasm;

import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * Intel-syntax disassembler for everything the {@link Decoder} knows, printing exactly what GNU
 * objdump prints with {@code -M intel} (and {@code -m i8086} for 16-bit code), modulo whitespace: the
 * same mnemonics, size keywords, segment overrides, unused-prefix names, hexadecimal immediates and
 * absolute branch targets. x87 escapes are shown like objdump shows them although this CPU has no
 * FPU.
 *
 * <p>Two levels:
 * <ul>
 * <li>{@link #format(Instruction, int)}: the text of one instruction the CPU already decoded (trap
 * events, translation-cache views). It needs the instruction's address for relative branch
 * targets.</li>
 * <li>{@link #disassemble(ByteSource, int, int, boolean)}: a listing of N rows from memory, as objdump
 * would list the same bytes (disassembly pane). A listing differs from decoding one instruction after
 * another in two objdump conventions: FWAIT followed by an x87 instruction is one row
 * ({@code fstsw ax}), and after an undefined encoding ("(bad)") the listing resumes where objdump
 * does, usually right after the opcode.</li>
 * </ul>
 *
 * <p>objdump appends a symbol to branch targets ({@code call 0x1000 <main>}); that is not part of the
 * instruction text, but a {@link Symbolizer} can supply it.
 *
 * <p>An instance is not thread-safe (it reuses a decoder and a formatter); the static methods are.
 */
public final class Disassembler {
    /** Where listing bytes come from. */
    @FunctionalInterface
    public interface ByteSource {
        /** The byte at {@code address} as 0–255, or -1 when it cannot be read. */
        int byteAt(int address);
    }

    /** Optional names for branch targets. */
    @FunctionalInterface
    public interface Symbolizer {
        /** Text appended after a branch target such as {@code "<main+0x10>"}, or null for none. */
        String symbolAt(int address);
    }

    private final Decoder decoder = new Decoder();
    private final Instruction insn = new Instruction();
    private final IntelFormatter formatter = new IntelFormatter();
    private final StringBuilder text = new StringBuilder(64);
    private final Symbolizer symbolizer;

    /** A disassembler without symbols. */
    public Disassembler() {
        this(null);
    }

    /** A disassembler that names branch targets with {@code symbolizer} (may be null). */
    public Disassembler(Symbolizer symbolizer) {
        this.symbolizer = symbolizer;
    }

    /**
     * The text of a decoded instruction at {@code address}, e.g. {@code "jne 0x10a2"}. Undefined
     * encodings give {@code "(bad)"} as objdump prints them.
     */
    public static String format(Instruction insn, int address) {
        StringBuilder sb = new StringBuilder(48);
        new IntelFormatter().format(insn, address & 0xFFFFFFFFL, false, null, sb);
        return sb.toString();
    }

    /** Appends the text of {@code insn} to {@code out}; reuses this instance's formatter. */
    public void format(Instruction insn, int address, StringBuilder out) {
        formatter.format(insn, address & 0xFFFFFFFFL, false, symbolizer, out);
    }

    /**
     * Disassembles {@code count} rows starting at {@code address}. The listing stops early when a
     * byte cannot be read at the start of a row.
     *
     * @param code32 32-bit code (CS.D = 1); false for 16-bit code (real mode, 16-bit segments)
     */
    public List<DisassemblyLine> disassemble(ByteSource src, int address, int count, boolean code32) {
        List<DisassemblyLine> out = new ArrayList<>(Math.max(0, Math.min(count, 4096)));
        int a = address;
        for (int n = 0; n < count; n++) {
            DisassemblyLine line = next(src, a, code32);
            if (line == null) {
                break;
            }
            out.add(line);
            a = line.nextAddress();
        }
        return out;
    }

    /** Disassembles all of {@code code}, which starts at {@code address}, as objdump lists a section. */
    public static List<DisassemblyLine> disassembleAll(byte[] code, int address, boolean code32) {
        Disassembler d = new Disassembler();
        ByteSource src = a -> {
            long i = (a - address) & 0xFFFFFFFFL;
            return i < code.length ? code[(int) i] & 0xFF : -1;
        };
        List<DisassemblyLine> out = new ArrayList<>();
        int offset = 0;
        while (offset < code.length) {
            DisassemblyLine line = d.next(src, address + offset, code32);
            out.add(line);
            offset += line.length();
        }
        return out;
    }

    /** The row at {@code address}, or null when its first byte cannot be read. */
    public DisassemblyLine next(ByteSource src, int address, boolean code32) {
        int first = src.byteAt(address);
        if (first < 0) {
            return null;
        }
        text.setLength(0);
        int length = fwaitRow(src, address, code32);
        long branchTarget = -1;
        if (length == 0) {
            decoder.decode(i -> src.byteAt(address + i), code32, insn);
            if (insn.status == Instruction.Status.TRUNCATED) {
                length = IntelFormatter.fetchError(first, code32, text);
            } else {
                length = formatter.format(insn, address & 0xFFFFFFFFL, false, symbolizer, text);
                branchTarget = formatter.branchTarget();
            }
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) src.byteAt(address + i);
        }
        return new DisassemblyLine(address, bytes, text.toString(), branchTarget);
    }

    /**
     * objdump treats FWAIT (9B) as a prefix: followed by an x87 instruction (after any prefixes) it is
     * one row with the no-wait spelling ({@code fstcw} for {@code fnstcw}); otherwise FWAIT is a row of
     * its own, together with the prefixes in front of it (quirk Q8). Returns the row length and fills
     * {@link #text}, or returns 0 when the row does not start with a prefix run containing FWAIT.
     */
    private int fwaitRow(ByteSource src, int address, boolean code32) {
        int[] pre = new int[Instruction.MAX_LENGTH];
        int nPre = 0;
        int pos = 0;
        boolean fwait = false;
        int fwaitIndex = -1;
        while (pos < Instruction.MAX_LENGTH - 1) {
            int b = src.byteAt(address + pos);
            if (IntelFormatter.isPrefix(b)) {
                pre[nPre++] = b;
                pos++;
            } else if (b == 0x9B) {
                boolean stop = nPre > 0 || fwait;
                fwait = true;
                fwaitIndex = nPre;
                pos++;
                if (stop) {
                    break;
                }
            } else {
                break;
            }
        }
        if (!fwait) {
            return 0;
        }
        int next = src.byteAt(address + pos);
        if (next < 0xD8 || next > 0xDF) {
            if (next < 0) {
                return IntelFormatter.fetchError(src.byteAt(address), code32, text);
            }
            for (int i = 0; i < fwaitIndex; i++) {
                text.append(IntelFormatter.prefixName(pre[i], code32)).append(' ');
            }
            text.append("fwait");
            return fwaitIndex + 1;
        }
        final int prefixCount = nPre;
        final int escape = address + pos;
        decoder.decode(i -> i < prefixCount ? pre[i] : src.byteAt(escape + i - prefixCount), code32, insn);
        if (insn.status == Instruction.Status.TRUNCATED) {
            return IntelFormatter.fetchError(src.byteAt(address), code32, text);
        }
        formatter.format(insn, address & 0xFFFFFFFFL, true, symbolizer, text);
        return pos + insn.length - prefixCount;
    }
}
