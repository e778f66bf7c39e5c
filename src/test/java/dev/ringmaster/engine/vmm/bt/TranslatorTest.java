package dev.ringmaster.engine.vmm.bt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.cpu.Nasm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The translation of known guest blocks: identical, rewritten and callout instructions, chaining, invalidation. */
class TranslatorTest {
    private static final int GUEST = 0xC0101000;
    private static final int TC = 0xFFE00000;

    private static Translator.CodeReader reader(byte[] code) {
        return new Translator.CodeReader() {
            @Override
            public int byteAt(int lin) {
                int o = lin - GUEST;
                return o >= 0 && o < code.length ? code[o] & 0xFF : -1;
            }

            @Override
            public int physical(int lin) {
                return lin - GUEST + 0x101000;
            }
        };
    }

    /** Decodes translated code back into mnemonics (the translation is real IA-32). */
    private static List<Mnemonic> decode(byte[] code, int from, int length) {
        List<Mnemonic> l = new ArrayList<>();
        for (int at = from; at < from + length; ) {
            Instruction in = Decoder.decode(Arrays.copyOfRange(code, at, Math.min(code.length, at + 15)), 0, true);
            l.add(in.mnemonic);
            at += in.length;
        }
        return l;
    }

    @Test
    void aKernelBlockWithSensitiveInstructionsAndABranch() {
        byte[] g = Nasm.assemble("bits 32\norg 0xC0101000\n"
                + "mov eax, [ebx+4]\n"      // identical
                + "add eax, 1\n"            // identical
                + "cli\n"                   // callout: interrupt flag
                + "pushfd\n"                // callout: flags
                + "mov cr3, eax\n"          // callout: control register
                + "jnz target\n"            // rewritten: inverted jcc over the taken exit
                + "nop\n"
                + "target: ret\n");
        TranslationCache tc = new TranslationCache(TC, 4096);
        TranslatedBlock b = tc.translate(reader(g), GUEST, 0x101000, a -> false);
        List<TranslatedInstruction> ins = b.instructions();
        assertEquals(6, ins.size(), tc.listing(b));
        assertEquals(TranslatedInstruction.Kind.IDENTICAL, ins.get(0).kind());
        assertArrayEquals(ins.get(0).guestBytes(), ins.get(0).tcBytes());
        assertEquals(TranslatedInstruction.Kind.IDENTICAL, ins.get(1).kind());
        assertEquals(CalloutKind.INTERRUPT_FLAG, ins.get(2).callout());
        assertEquals(CalloutKind.FLAGS, ins.get(3).callout());
        assertEquals(CalloutKind.CONTROL_REGISTER, ins.get(4).callout());
        assertEquals(TranslatedInstruction.Kind.REWRITTEN, ins.get(5).kind());
        assertEquals(2, b.exits().size());
        int target = GUEST + g.length - 1;
        assertEquals(target, b.exits().get(0).guestTarget(), "taken");
        assertEquals(GUEST + g.length - 2, b.exits().get(1).guestTarget(), "not taken: the nop");
        byte[] code = Arrays.copyOfRange(tc.code(), b.tcAddress() - TC, b.tcAddress() - TC + b.tcLength());
        assertEquals(List.of(Mnemonic.MOV, Mnemonic.ADD, Mnemonic.VMCALL, Mnemonic.NOP, Mnemonic.NOP,
                Mnemonic.VMCALL, Mnemonic.NOP, Mnemonic.NOP, Mnemonic.VMCALL, Mnemonic.NOP, Mnemonic.NOP,
                Mnemonic.JE, Mnemonic.VMCALL, Mnemonic.NOP, Mnemonic.NOP, Mnemonic.VMCALL, Mnemonic.NOP, Mnemonic.NOP),
                decode(code, 0, code.length));
        assertEquals(2, tc.stats().identical);
        assertEquals(1, tc.stats().rewritten);
        assertEquals(3, tc.stats().callouts);
        String listing = tc.listing(b);
        assertTrue(listing.contains("! FFE0000"), listing);
        assertTrue(listing.contains("[interrupt flag]"), listing);
        assertTrue(listing.startsWith("C0101000  8b 43 04"), listing);
    }

    @Test
    void callsPushTheGuestReturnAddressAndExitsChain() {
        byte[] g = Nasm.assemble("bits 32\norg 0xC0101000\ncall f\nhlt\nf: xor eax, eax\nret\n");
        TranslationCache tc = new TranslationCache(TC, 4096);
        TranslatedBlock caller = tc.translate(reader(g), GUEST, 0x101000, a -> false);
        TranslatedInstruction call = caller.instructions().get(0);
        assertEquals(0x68, call.tcBytes()[0] & 0xFF, "push imm32");
        assertEquals(GUEST + 5, (call.tcBytes()[1] & 0xFF) | (call.tcBytes()[2] & 0xFF) << 8
                | (call.tcBytes()[3] & 0xFF) << 16 | (call.tcBytes()[4] & 0xFF) << 24, "the guest's return address");
        TranslatedBlock.Exit exit = caller.exits().get(0);
        assertEquals(GUEST + 6, exit.guestTarget());
        TranslatedBlock callee = tc.translate(reader(g), GUEST + 6, 0x101006, a -> false);
        assertEquals(CalloutKind.INDIRECT_BRANCH, callee.instructions().get(1).callout(), "ret looks its target up");
        tc.chain(exit, callee);
        assertTrue(tc.isChained(exit));
        Instruction jmp = Decoder.decode(Arrays.copyOfRange(tc.code(), exit.tcAddress() - TC, exit.tcAddress() - TC + 5),
                0, true);
        assertEquals(Mnemonic.JMP, jmp.mnemonic);
        assertEquals(callee.tcAddress(), exit.tcAddress() + 5 + jmp.imm);
        assertEquals(1, tc.stats().chains);
        assertTrue(tc.listing(caller).contains(String.format("push 0x%x; jmp 0x%x", GUEST + 5, callee.tcAddress())
                .toLowerCase()), "the listing shows the chained translation: " + tc.listing(caller));
    }

    @Test
    void writesToTranslatedPagesInvalidate() {
        byte[] g = Nasm.assemble("bits 32\norg 0xC0101000\ninc eax\njmp $\n");
        TranslationCache tc = new TranslationCache(TC, 4096);
        tc.translate(reader(g), GUEST, 0x101000, a -> false);
        assertTrue(tc.hasTranslations(0x101));
        assertTrue(tc.overlapsTranslatedCode(0x101000, 1), "inc eax");
        assertTrue(tc.overlapsTranslatedCode(0x101001, 4), "a store into the jmp");
        assertFalse(tc.overlapsTranslatedCode(0x101010, 4), "data past the code, in the same page");
        assertFalse(tc.overlapsTranslatedCode(0x102000, 4));
        assertEquals(1, tc.flush());
        assertNull(tc.lookup(GUEST, 0x101000));
        assertEquals(1, tc.stats().invalidatedBlocks);
    }
}
