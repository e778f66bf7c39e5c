package dev.ringmaster.engine.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The listing API the Disassembly and Translation-cache panes use: address, bytes, text, branch target. */
class DisassemblerListingTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void rowsCarryAddressBytesTextAndBranchTargets() {
        // 1000: call 0x1010 ; 1005: jne 0x1000 ; 1007: call DWORD PTR [eax] ; 1009: jmp 0x1009 ; 100b: nop
        byte[] code = b(0xE8, 0x06, 0x00, 0x00, 0x00, 0x75, 0xF9, 0xFF, 0x10, 0xEB, 0xFE, 0x90);
        List<DisassemblyLine> rows = Disassembler.disassembleAll(code, 0x1000, true);
        assertEquals(5, rows.size());
        assertEquals("call 0x100b", rows.get(0).text());
        assertEquals(0x100b, rows.get(0).branchTarget());
        assertEquals("e8 06 00 00 00", rows.get(0).bytesHex());
        assertEquals(0x1005, rows.get(1).address());
        assertEquals(0x1000, rows.get(1).branchTarget());
        assertFalse(rows.get(2).hasBranchTarget(), rows.get(2).toString());
        assertEquals(-1, rows.get(2).branchTarget());
        assertEquals(0x1009, rows.get(3).branchTarget());
        assertTrue(rows.get(3).hasBranchTarget());
        assertFalse(rows.get(4).hasBranchTarget());
    }

    @Test
    void sixteenBitRel16TargetsWrapWithinTheSegment() {
        // at IP fff0: jmp rel16 +0x20 -> (fff3 + 0x20) & ffff = 0x13
        List<DisassemblyLine> rows = Disassembler.disassembleAll(b(0xE9, 0x20, 0x00), 0xFFF0, false);
        assertEquals(0x13, rows.get(0).branchTarget());
        assertEquals("jmp 0x13", rows.get(0).text());
    }
}
