package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void loopSumsInProtectedMode() {
        byte[] code = Nasm.assemble("""
                bits 32
                org 0x10000
                    xor eax, eax
                    mov ecx, 100
                l:  add eax, ecx
                    dec ecx
                    jnz l
                    mov [0x5000], eax
                    push eax
                    pop ebx
                    hlt
                """);
        CpuHarness h = CpuHarness.flat32(code);
        assertEquals(StopReason.HALTED_FOREVER, h.runToHalt());
        assertEquals(5050, h.reg(CpuState.EAX));
        assertEquals(5050, h.reg(CpuState.EBX));
        assertEquals(5050, h.mem.read32(0x5000));
        assertEquals(CpuHarness.STACK_TOP, h.reg(CpuState.ESP));
    }

    @Test
    void realModeFromResetVector() {
        byte[] code = Nasm.assemble("""
                bits 16
                org 0x7C00
                    mov ax, 0x1234
                    mov ds, ax
                    mov word [0x10], 0xBEEF
                    mov bx, [0x10]
                    hlt
                """);
        CpuHarness h = CpuHarness.real(0x7C00, code);
        assertEquals(StopReason.HALTED_FOREVER, h.runToHalt());
        assertEquals(0xBEEF, h.reg(CpuState.EBX) & 0xFFFF);
        assertEquals(0xBEEF, h.mem.read16(0x12340 + 0x10));
    }
}
