package dev.ringmaster.engine.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.testsupport.TestGuests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 item 6: for the .text of real objects our listing equals {@code objdump -d -M intel} modulo
 * whitespace. The objects: every ELF file the CPU test guests' build produces (linked images and
 * objects), every ELF committed in the repository (guest images under vm-templates/images, the bench
 * image) — found by walking the tree, so new ones join automatically — and C programs compiled here
 * with {@code gcc -m32} at several optimisation levels. The only normalisation besides whitespace:
 * objdump's symbolised branch targets ({@code 1b <main+0x1b>}) are compared as the plain address.
 */
class DisassemblerRealObjectsTest {
    @TempDir
    Path dir;

    private static final String C_PROGRAM = """
            typedef unsigned long long u64;
            struct bits { unsigned a : 3, b : 7, c : 22; };
            static int table(int x) {
                switch (x) { case 0: return 7; case 1: return 9; case 2: return -3; case 3: return x * 5;
                             case 4: return x << 3; case 5: return x ^ 0x55; case 6: return ~x; default: return x; }
            }
            u64 mix(u64 a, u64 b, unsigned s) { return (a * b) / (b | 1) + (a >> (s & 63)) + (a % 1000003); }
            long double lf(long double x, double y, float z) { return x * y / (z + 1.5f) - (long double) (int) x; }
            double fp(double x) { double r = 0; for (int i = 0; i < 10; i++) { r = r * x + i / 3.0; } return r > 1e9 ? -r : r; }
            unsigned bitf(struct bits *p, unsigned v) { p->b = v; p->c += p->a; return p->b ^ p->c; }
            int strsum(const char *s) { int h = 5381; while (*s) { h = h * 33 + (unsigned char) *s++; } return h; }
            void copy(char *d, const char *s, unsigned n) { while (n--) { *d++ = *s++; } }
            short narrow(short a, signed char b) { return (short) (a * b + (a >> 2)); }
            int rot(unsigned x, int n) { return (int) ((x << n) | (x >> (32 - n))); }
            int all(int x, const char *s, char *d) { struct bits b = {1, 2, 3}; copy(d, s, 4);
                return table(x) + (int) mix(x, 3, 5) + (int) fp(x) + (int) bitf(&b, x) + strsum(s) + narrow(x, 3) + rot(x, 3)
                    + (int) lf(x, 2.0, 3.0f); }
            """;

    @Test
    void textOfEveryObjectEqualsObjdump() throws Exception {
        List<Path> objects = new ArrayList<>(TestGuests.elfFiles());
        objects.addAll(committedElfFiles());
        objects.addAll(compiledC());
        ListingComparison cmp = new ListingComparison();
        int withText = 0;
        for (Path f : objects) {
            List<Objdump.Line> theirs = Objdump.objectText(f);
            if (theirs.isEmpty()) {
                continue;
            }
            withText++;
            byte[] text = Objdump.section(f, ".text", dir.resolve("text.bin"));
            int vma = (int) theirs.get(0).address();
            cmp.compare(f.getFileName().toString(), Disassembler.disassembleAll(text, vma, true), theirs);
        }
        cmp.assertAgreement(withText + " objects' .text sections");
        assertTrue(withText >= 20, "expected the test guests' objects and images, found " + withText);
        assertTrue(cmp.compared() > 5000, "compared only " + cmp.compared() + " instructions");
    }

    /** ELF files committed in the repository (outside build output). */
    private static List<Path> committedElfFiles() throws IOException {
        Path root = TestGuests.projectDir();
        List<Path> found = new ArrayList<>();
        for (String top : new String[] {"vm-templates", "src/main/resources"}) {
            Path p = root.resolve(top);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile).filter(DisassemblerRealObjectsTest::isElf32).forEach(found::add);
            }
        }
        return found;
    }

    private static boolean isElf32(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] h = in.readNBytes(5);
            return h.length == 5 && h[0] == 0x7F && h[1] == 'E' && h[2] == 'L' && h[3] == 'F' && h[4] == 1;
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> compiledC() throws IOException, InterruptedException {
        Objdump.require("gcc", "gcc-multilib");
        Path src = dir.resolve("prog.c");
        Files.writeString(src, C_PROGRAM);
        List<Path> out = new ArrayList<>();
        for (String opt : new String[] {"-O0", "-O1", "-O2", "-Os", "-O3"}) {
            Path obj = dir.resolve("prog" + opt + ".o");
            Process p = new ProcessBuilder("gcc", "-m32", opt, "-fno-pic", "-fno-asynchronous-unwind-tables",
                    "-ffreestanding", "-c", src.toString(), "-o", obj.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError("gcc -m32 " + opt + " failed (is gcc-multilib installed?):\n" + log);
            }
            out.add(obj);
        }
        return out;
    }
}
