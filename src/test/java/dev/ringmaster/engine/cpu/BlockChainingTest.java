package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Block chaining (a block remembers its successor) must give exactly what looking the successor up
 * again gives: when the same linear code address maps to other code after MOV CR3 or a PTE change
 * with INVLPG, the chained successor must not be used.
 */
class BlockChainingTest {
    private static final int PD1 = 0x20000, PT1 = 0x21000, PD2 = 0x22000, PT2 = 0x23000, PT_LOW = 0x24000;
    private static final int CODE_A = 0x30000, CODE_B = 0x31000;

    private static CpuHarness machine() {
        byte[] code = Nasm.assemble("""
                bits 32
                org 0x10000
                    mov eax, 0x20000
                    mov cr3, eax
                    mov eax, cr0
                    or eax, 0x80000000
                    mov cr0, eax
                    xor ebx, ebx
                    mov ecx, 10
                    mov edx, 0x20000
                l:  mov cr3, edx            ; ends the block: the next one is always [call]
                    call 0x400000           ; eax = 1 in address space 1, 2 in address space 2
                    imul ebx, 3
                    add ebx, eax
                    xor edx, 0x20000 ^ 0x22000
                    dec ecx
                    jnz l
                    mov edx, 0x20000
                    mov cr3, edx
                    mov esi, 6
                    mov edi, 0x31003
                m:  mov [0x21000], edi      ; remap linear 0x400000: CODE_B, CODE_A, CODE_B...
                    invlpg [0x400000]       ; ends the block
                    call 0x400000
                    imul ebx, 3
                    add ebx, eax
                    xor edi, 0x31003 ^ 0x30003
                    dec esi
                    jnz m
                    hlt
                """);
        CpuHarness h = CpuHarness.flat32(code);
        h.mem.load(CODE_A, Nasm.assemble("bits 32\nmov eax, 1\nret\n"));
        h.mem.load(CODE_B, Nasm.assemble("bits 32\nmov eax, 2\nret\n"));
        for (int i = 0; i < 1024; i++) {
            h.mem.write32(PT_LOW + 4 * i, (i << 12) | 3);
        }
        h.mem.write32(PD1, PT_LOW | 3);
        h.mem.write32(PD1 + 4, PT1 | 3);
        h.mem.write32(PT1, CODE_A | 3);
        h.mem.write32(PD2, PT_LOW | 3);
        h.mem.write32(PD2 + 4, PT2 | 3);
        h.mem.write32(PT2, CODE_B | 3);
        return h;
    }

    @Test
    void chainedSuccessorsFollowCr3SwitchesAndInvlpg() {
        CpuHarness h = machine();
        assertEquals(StopReason.HALTED_FOREVER, h.runToHalt());
        int expected = 0;
        for (int k = 0; k < 10; k++) {
            expected = expected * 3 + (k % 2 == 0 ? 1 : 2);
        }
        for (int k = 0; k < 6; k++) {
            expected = expected * 3 + (k % 2 == 0 ? 2 : 1);
        }
        assertEquals(expected, h.reg(CpuState.EBX));
    }

    @Test
    void sameResultAndCountsWhenSteppedOneInstructionAtATime() {
        CpuHarness whole = machine();
        whole.runToHalt();
        CpuHarness stepped = machine();
        while (stepped.run(1) == StopReason.INSTRUCTION_LIMIT) {
            // one instruction per run: no block ever chains to the next
        }
        assertEquals(whole.reg(CpuState.EBX), stepped.reg(CpuState.EBX));
        assertEquals(whole.cpu.instructions(), stepped.cpu.instructions());
        assertEquals(java.util.Arrays.toString(whole.cpu.retiredByClass()),
                java.util.Arrays.toString(stepped.cpu.retiredByClass()));
    }
}
