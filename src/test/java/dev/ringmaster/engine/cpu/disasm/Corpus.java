package dev.ringmaster.engine.cpu.disasm;

import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.OpcodeEntry;
import dev.ringmaster.engine.cpu.OpcodeTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A set of instructions to compare with objdump. Instructions the decoder knows go into one stream
 * of code that objdump and our listing both disassemble from the start; undefined encodings (which
 * objdump may know as a later extension, and after which objdump resynchronises after the opcode) go
 * into files of their own, compared on their first instruction.
 */
final class Corpus {
    private static final int PAD = 16;

    private final boolean code32;
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private final List<byte[]> isolated = new ArrayList<>();
    private final int isolatedLimit;
    private int added;

    Corpus(boolean code32) {
        this(code32, Integer.MAX_VALUE);
    }

    /** A corpus that keeps at most {@code isolatedLimit} undefined encodings (the rest are dropped). */
    Corpus(boolean code32, int isolatedLimit) {
        this.code32 = code32;
        this.isolatedLimit = isolatedLimit;
    }

    boolean code32() {
        return code32;
    }

    int size() {
        return added;
    }

    /** Adds the instruction the decoder finds at the start of {@code bytes} (the rest is ignored). */
    void add(byte[] bytes) {
        Instruction i = Decoder.decode(bytes, 0, code32);
        if (i.status == Instruction.Status.TRUNCATED) {
            throw new IllegalArgumentException("generator produced a truncated instruction: " + Objdump.hex(bytes));
        }
        byte[] exact = Arrays.copyOf(bytes, i.length);
        if (inStream(i, exact)) {
            stream.writeBytes(exact);
            added++;
        } else if (isolated.size() < isolatedLimit) {
            isolated.add(exact);
            added++;
        }
    }

    /** Appends bytes to the stream as they are (sequences such as FWAIT + x87 instruction). */
    void addRaw(byte[] bytes) {
        added++;
        stream.writeBytes(bytes);
    }

    private boolean inStream(Instruction i, byte[] exact) {
        if (decoderUnknown(i) || i.status == Instruction.Status.TOO_LONG) {
            return false;
        }
        // A "(bad)" row shorter than the instruction would desynchronise the stream.
        List<DisassemblyLine> rows = Disassembler.disassembleAll(exact, 0, code32);
        return rows.size() == 1;
    }

    /**
     * Encodings outside what the decoder knows: undefined opcodes, and the register forms of LES, LDS
     * and BOUND, which objdump reads as VEX/EVEX prefixes in 16/32-bit code.
     */
    static boolean decoderUnknown(Instruction i) {
        if (i.entry == OpcodeTable.INVALID_ENTRY) {
            return i.opcode < 0xD8 || i.opcode > 0xDF;
        }
        return (i.opcode == 0x62 || i.opcode == 0xC4 || i.opcode == 0xC5) && i.isRegisterForm();
    }

    /** 0F opcodes that objdump, like this decoder, leaves undefined whatever the prefixes. */
    private static final java.util.Set<Integer> PLAIN_UNDEFINED_0F =
            java.util.Set.of(0x04, 0x0A, 0x0C, 0x25, 0x27, 0x36, 0x39, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x7A, 0x7B);

    /**
     * Undefined encodings where objdump decodes (or half-decodes) an instruction set extension this
     * CPU does not have — VEX/EVEX/XOP (C4, C5, 62 with a register ModR/M, 8F /1 and /5), RTM (C6/C7
     * /7 with a register), VMX/SVM and friends (0F 01 with a register, 0F 01 /5, 0F C7 /3–/7), and the
     * MMX/SSE/3DNow!/system opcodes of the 0F map: objdump names them, or prints "(bad)" after
     * consuming prefixes or bytes the way its extension tables say. These are counted, not compared.
     */
    static boolean extensionSpace(Instruction i) {
        int op = i.opcode;
        if (op == 0x62 || op == 0xC4 || op == 0xC5) {
            return i.isRegisterForm();
        }
        if (op == 0x8F) {
            return i.reg == 1 || i.reg == 5;
        }
        if (op == 0xC6 || op == 0xC7) {
            return i.reg == 7 && i.isRegisterForm();
        }
        if (op < 0x0F00) {
            return false;
        }
        switch (op) {
            case 0x0F00:
            case 0x0FBA:
                return false;
            case 0x0F01:
                return i.isRegisterForm() || i.reg == 5;
            case 0x0FC7:
                return i.reg >= 3;
            default:
                return !PLAIN_UNDEFINED_0F.contains(op & 0xFF);
        }
    }

    /** True when the opcode-map entry reads a ModR/M byte. */
    static boolean needsModrm(OpcodeEntry e) {
        if (e.has(OpcodeEntry.GROUP) || e.has(OpcodeEntry.MODRM)) {
            return true;
        }
        for (int k = 0; k < e.operandCount(); k++) {
            if (e.operand(k).usesModrm()) {
                return true;
            }
        }
        return false;
    }

    /** Runs objdump on everything and compares; returns the number of objdump extensions seen. */
    int verify(ListingComparison cmp, Path dir, long vma, String label) {
        try {
            Path bin = dir.resolve(label + "-stream.bin");
            byte[] code = stream.toByteArray();
            Files.write(bin, code);
            List<Objdump.Line> theirs = Objdump.binary(bin, code32, vma);
            cmp.compare(label, Disassembler.disassembleAll(code, (int) vma, code32), theirs);
            return verifyIsolated(cmp, dir, label);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int verifyIsolated(ListingComparison cmp, Path dir, String label) throws IOException {
        if (isolated.isEmpty()) {
            return 0;
        }
        Path sub = Files.createDirectories(dir.resolve(label + "-isolated"));
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < isolated.size(); n++) {
            Path f = sub.resolve(String.format("%06d.bin", n));
            Files.write(f, Arrays.copyOf(isolated.get(n), isolated.get(n).length + PAD)); // zero padding
            files.add(f);
        }
        Map<String, List<Objdump.Line>> theirs = Objdump.binaries(files, code32, 0);
        int extensions = 0;
        for (int n = 0; n < files.size(); n++) {
            byte[] padded = Files.readAllBytes(files.get(n));
            DisassemblyLine ours = Disassembler.disassembleAll(padded, 0, code32).get(0);
            List<Objdump.Line> listing = theirs.get(files.get(n).toString());
            if (listing == null || listing.isEmpty()) {
                cmp.failure(label + ": objdump printed nothing for " + Objdump.hex(isolated.get(n)));
                continue;
            }
            Objdump.Line t = listing.get(0);
            Instruction i = Decoder.decode(padded, 0, code32);
            if (decoderUnknown(i) && extensionSpace(i)) {
                extensions++; // objdump's tables know something here that this CPU does not have
                continue;
            }
            cmp.check(label + "[isolated]", ours, t);
        }
        return extensions;
    }
}
