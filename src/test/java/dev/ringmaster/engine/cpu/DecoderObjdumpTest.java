package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ringmaster.engine.cpu.Instruction.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instruction lengths against objdump (GNU binutils), the project's oracle for decoding: thousands
 * of random instructions that this decoder accepts are concatenated and objdump must find the same
 * instruction boundaries, in 32-bit and in 16-bit code.
 */
class DecoderObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+)\\t(.*)$");

    @TempDir
    Path dir;

    @Test
    void lengthsMatchObjdump32() throws Exception {
        compare(true, 0x5EED32L);
    }

    @Test
    void lengthsMatchObjdump16() throws Exception {
        compare(false, 0x5EED16L);
    }

    private void compare(boolean code32, long seed) throws Exception {
        Random rnd = new Random(seed);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Integer> starts = new ArrayList<>();
        List<byte[]> insns = new ArrayList<>();
        byte[] buf = new byte[16];
        int accepted = 0;
        while (accepted < 6000) {
            rnd.nextBytes(buf);
            // Bias towards interesting encodings: sometimes a prefix run, sometimes the 0F map.
            int k = 0;
            if (rnd.nextInt(4) == 0) {
                int[] prefixes = {0x66, 0x67, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0xF2, 0xF3};
                int n = 1 + rnd.nextInt(3);
                for (int p = 0; p < n; p++) {
                    buf[k++] = (byte) prefixes[rnd.nextInt(prefixes.length)];
                }
            }
            if (rnd.nextInt(3) == 0) {
                buf[k] = 0x0F;
            }
            Instruction i = Decoder.decode(buf, 0, code32);
            if (i.status != Status.OK || containsWait(buf, i.length) || objdumpDiffers(i)) {
                continue;
            }
            starts.add(stream.size());
            byte[] one = java.util.Arrays.copyOf(buf, i.length);
            insns.add(one);
            stream.write(one);
            accepted++;
        }
        Path bin = dir.resolve("stream.bin");
        Files.write(bin, stream.toByteArray());
        List<Integer> objdumpStarts = objdumpStarts(bin, code32);
        for (int n = 0; n < starts.size(); n++) {
            if (n >= objdumpStarts.size() || !objdumpStarts.get(n).equals(starts.get(n))) {
                fail("first disagreement at instruction " + n + " (offset " + starts.get(n) + "): "
                        + HexFormat.ofDelimiter(" ").formatHex(insns.get(n)) + " decoded as "
                        + Decoder.decode(insns.get(n), 0, code32)
                        + (n > 0 ? "; previous " + HexFormat.ofDelimiter(" ").formatHex(insns.get(n - 1)) : ""));
            }
        }
        assertEquals(starts.size(), objdumpStarts.size(), "instruction count");
    }

    /**
     * Encodings where objdump knows later extensions this CPU does not have (and which a CPU without
     * them executes as the base instruction): F2/F3 before 0F opcodes select SSE/BMI forms in
     * objdump, and 0F 1A/1B are MPX there (hint NOPs here, as on a CPU without MPX).
     */
    private static boolean objdumpDiffers(Instruction i) {
        return (i.opcode >= 0x0F00 && i.repPrefix != 0) || i.opcode == 0x0F1A || i.opcode == 0x0F1B;
    }

    private static boolean containsWait(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if ((b[i] & 0xFF) == 0x9B) {
                return true; // objdump merges FWAIT with a following x87 instruction
            }
        }
        return false;
    }

    private static List<Integer> objdumpStarts(Path bin, boolean code32) throws IOException, InterruptedException {
        List<String> cmd = List.of("objdump", "-D", "-b", "binary", "-m", code32 ? "i386" : "i8086", "-M", "intel",
                "--insn-width=16", bin.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("objdump not found: install binutils (it is the oracle for the decoder)", e);
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "objdump timed out");
        assertEquals(0, p.exitValue(), text);
        List<Integer> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(Integer.parseInt(m.group(1), 16));
            }
        }
        return out;
    }
}
