package dev.ringmaster.engine.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.OpcodeEntry;
import dev.ringmaster.engine.cpu.OpcodeTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every opcode of the one-byte and 0F maps, every ModR/M byte (so every mod × reg × rm, SIB and
 * displacement form), under every prefix kind the decoder handles (66, 67, the six segment
 * overrides, F3, F2, F0 and combinations), in 32-bit and in 16-bit code — disassembled by objdump and
 * by us and compared instruction by instruction (address, length, text modulo whitespace).
 * Undefined encodings are compared one by one; where objdump knows them as a later extension
 * (SSE, AVX...) they are counted, not compared.
 */
class DisassemblerObjdumpStructuredTest {
    /** Prefix combinations tried on every opcode. */
    private static final int[][] PREFIX_SETS = {
        {0x66}, {0x67}, {0x26}, {0x2E}, {0x36}, {0x3E}, {0x64}, {0x65}, {0xF3}, {0xF2}, {0xF0},
        {0x66, 0x67}, {0xF0, 0xF2}, {0xF0, 0xF3}, {0xF2, 0xF3}, {0xF3, 0xF2}, {0x3E, 0x26}, {0x26, 0x3E},
        {0x66, 0xF3}, {0xF2, 0x66}, {0x66, 0x66}, {0x67, 0x26, 0x66}, {0xF0, 0x66, 0x2E}, {0x65, 0x67},
    };
    /** ModR/M forms tried with prefixes: mod 0 (incl. SIB and disp32/disp16), mod 1, mod 2, mod 3. */
    private static final int[] FORMS = {0x00, 0x04, 0x05, 0x06, 0x44, 0x46, 0x41, 0x84, 0x85, 0x86, 0xC0, 0xC7};
    /** Bytes that follow the ModR/M: SIB, displacement, immediate, in several sign patterns. */
    private static final int[][] TAILS = {
        {0x25, 0x80, 0x00, 0x00, 0x80, 0x7F, 0xFF, 0x12, 0x34, 0x56},
        {0x98, 0xF8, 0xFF, 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00, 0x01},
        {0x00, 0x7F, 0x34, 0x12, 0x00, 0xFF, 0xFF, 0x00, 0x80, 0x02},
        {0xE5, 0x00, 0x00, 0x00, 0x00, 0x01, 0x80, 0xFF, 0x7F, 0x03},
    };

    @TempDir
    Path dir;

    @Test
    void everyOpcodeModrmAndPrefixIn32BitCode() {
        compare(true, 0);
    }

    @Test
    void everyOpcodeModrmAndPrefixIn16BitCode() {
        // Loaded at 0xF000 so that the listing crosses 64 KiB: 16-bit branch targets keep the upper bits.
        compare(false, 0xF000);
    }

    private void compare(boolean code32, long vma) {
        Corpus c = new Corpus(code32);
        for (int map = 0; map < 2; map++) {
            for (int b = 0; b < 256; b++) {
                if (map == 0 && (IntelFormatter.isPrefix(b) || b == 0x0F)) {
                    continue;
                }
                OpcodeEntry e = map == 0 ? OpcodeTable.oneByte(b) : OpcodeTable.twoByte(b);
                int[] opcode = map == 0 ? new int[] {b} : new int[] {0x0F, b};
                opcodeVariants(c, e, opcode);
            }
        }
        sibAndDisplacements(c, code32);
        fwaitSequences(c);
        ListingComparison cmp = new ListingComparison();
        int extensions = c.verify(cmp, dir, vma, code32 ? "structured32" : "structured16");
        cmp.assertAgreement((code32 ? "32" : "16") + "-bit structured corpus of " + c.size() + " instructions ("
                + extensions + " encodings objdump knows as later extensions not compared)");
        assertTrue(cmp.compared() > 100_000, "compared " + cmp.compared());
    }

    private static void opcodeVariants(Corpus c, OpcodeEntry e, int[] opcode) {
        boolean modrm = Corpus.needsModrm(e);
        if (e == OpcodeTable.INVALID_ENTRY) {
            // Undefined: a few forms, with and without a prefix (compared one by one).
            for (int form : new int[] {0x00, 0x44, 0x85, 0xC0}) {
                c.add(bytes(new int[0], opcode, form, TAILS[0]));
                c.add(bytes(new int[] {0x66}, opcode, form, TAILS[1]));
            }
            return;
        }
        if (!modrm) {
            for (int[] tail : TAILS) {
                c.add(bytes(new int[0], opcode, -1, tail));
            }
            for (int[] p : PREFIX_SETS) {
                c.add(bytes(p, opcode, -1, TAILS[(p[0] + p.length) & 3]));
            }
            return;
        }
        for (int m = 0; m < 256; m++) {
            int[] tail = TAILS[m & 3].clone();
            tail[0] = (m * 73 + opcode[opcode.length - 1]) & 0xFF; // vary the SIB byte
            c.add(bytes(new int[0], opcode, m, tail));
        }
        boolean group = e.has(OpcodeEntry.GROUP);
        for (int[] p : PREFIX_SETS) {
            for (int form : FORMS) {
                for (int reg = 0; reg < 8; reg += group ? 1 : 5) {
                    c.add(bytes(p, opcode, form | reg << 3, TAILS[(form + reg) & 3]));
                }
            }
        }
    }

    /** All SIB bytes under mod 0/1/2, with and without overrides, and displacement edge values. */
    private static void sibAndDisplacements(Corpus c, boolean code32) {
        int[][] prefixes = {{}, {0x26}, {0x3E}, {0x67}, {0x67, 0x64}};
        for (int[] p : prefixes) {
            for (int mod = 0; mod < 3; mod++) {
                for (int sib = 0; sib < 256; sib++) {
                    int reg = sib & 7;
                    c.add(bytes(p, new int[] {0x8B}, mod << 6 | reg << 3 | 4, new int[] {sib, 0xF0, 0xFF, 0xFF, 0xFF}));
                }
            }
        }
        int[][] disps = {{0x00, 0x00, 0x00, 0x80}, {0xFF, 0xFF, 0xFF, 0x7F}, {0xFF, 0xFF, 0xFF, 0xFF},
            {0x00, 0x00, 0x00, 0x00}, {0x00, 0x80, 0x00, 0x00}, {0xFF, 0x7F, 0x00, 0x00}, {0x80, 0x00, 0x00, 0x00}};
        for (int[] d : disps) {
            for (int rm = 0; rm < 8; rm++) {
                for (int mod = 0; mod < 3; mod++) {
                    int[] tail = {0x24, d[0], d[1], d[2], d[3], 0};
                    c.add(bytes(new int[0], new int[] {0x89}, mod << 6 | rm, tail));
                    c.add(bytes(new int[] {0x67}, new int[] {0x89}, mod << 6 | rm, tail));
                }
            }
            c.add(bytes(new int[0], new int[] {0xA1}, -1, d)); // moffs
            c.add(bytes(new int[] {0x67}, new int[] {0xA3}, -1, d));
            c.add(bytes(new int[] {0x65}, new int[] {0xA0}, -1, d));
        }
    }

    /** FWAIT, which objdump folds into a following x87 instruction. */
    private static void fwaitSequences(Corpus c) {
        int[][] seqs = {
            {0x9B, 0xDF, 0xE0}, {0x9B, 0xDB, 0xE3}, {0x9B, 0xDB, 0xE2}, {0x9B, 0xD9, 0x38}, {0x9B, 0xD9, 0x30},
            {0x9B, 0xDD, 0x30}, {0x9B, 0xDD, 0x38}, {0x9B, 0xD8, 0xC1}, {0x9B, 0xD9, 0x00}, {0x9B, 0x90},
            {0x9B, 0x66, 0xD9, 0x38}, {0x66, 0x9B, 0xD9, 0x38}, {0x9B, 0x9B, 0xD9, 0x38}, {0x9B, 0x66, 0x9B, 0x90},
            {0x26, 0x9B, 0x90}, {0x9B, 0x26, 0xDD, 0x30}, {0x9B, 0xDB, 0xE0}, {0x9B, 0x66, 0xDD, 0x30},
            {0x9B, 0x9B, 0x90}, {0xF3, 0x9B, 0xDF, 0xE0},
        };
        for (int[] s : seqs) {
            c.addRaw(toBytes(s));
        }
    }

    private static byte[] bytes(int[] prefixes, int[] opcode, int modrm, int[] tail) {
        int n = prefixes.length + opcode.length + (modrm >= 0 ? 1 : 0) + tail.length;
        int[] all = new int[n];
        int k = 0;
        for (int p : prefixes) {
            all[k++] = p;
        }
        for (int o : opcode) {
            all[k++] = o;
        }
        if (modrm >= 0) {
            all[k++] = modrm;
        }
        for (int t : tail) {
            all[k++] = t;
        }
        return toBytes(all);
    }

    static byte[] toBytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
