package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.Asm.run32;
import static dev.ringmaster.engine.cpu.Asm.status;
import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.CpuState.EBX;
import static dev.ringmaster.engine.cpu.CpuState.ECX;
import static dev.ringmaster.engine.cpu.CpuState.EDX;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ALU results and flags against the SDM (vol. 1 appendix A, vol. 2 per instruction). */
class AluFlagsTest {
    /** Runs "mov eax,a / mov ebx,b / OP / pushfd / pop edx" and returns {result, flags}. */
    private static int[] op(String insn, int a, int b, boolean carryIn) {
        CpuHarness h = run32(String.format("mov eax, 0x%08X\nmov ebx, 0x%08X\n%s\n%s\npushfd\npop edx",
                a, b, carryIn ? "stc" : "clc", insn));
        return new int[] {h.reg(EAX), h.reg(EDX)};
    }

    @Test
    void addSetsEveryFlag() {
        int[] r = op("add eax, ebx", 0x7FFFFFFF, 1, false);
        assertEquals(0x80000000, r[0]);
        assertEquals("OSAP", status(r[1]));
        r = op("add eax, ebx", 0xFFFFFFFF, 1, false);
        assertEquals(0, r[0]);
        assertEquals("ZAPC", status(r[1]));
        r = op("add al, bl", 0x12345680, 0x80, false);
        assertEquals(0x12345600, r[0]);
        assertEquals("OZPC", status(r[1]));
    }

    @Test
    void adcAndSbbChainCarries() {
        // 64-bit add 0x00000001_FFFFFFFF + 0x00000000_00000001 with ADD/ADC
        CpuHarness h = run32("""
                mov eax, 0xFFFFFFFF
                mov edx, 1
                add eax, 1
                adc edx, 0
                mov ebx, 0
                mov ecx, 0
                sub ebx, 1
                sbb ecx, 0
                """);
        assertEquals(0, h.reg(EAX));
        assertEquals(2, h.reg(EDX));
        assertEquals(0xFFFFFFFF, h.reg(EBX));
        assertEquals(0xFFFFFFFF, h.reg(ECX));
        // ADC with carry in: 0xFFFFFFFF + 0 + 1 = 0 with CF (res <= a case)
        int[] r = op("adc eax, ebx", 0xFFFFFFFF, 0, true);
        assertEquals(0, r[0]);
        assertEquals("ZAPC", status(r[1]));
        // ADC with carry in where a + b + 1 == a (b = 0xFFFFFFFF): CF set
        r = op("adc eax, ebx", 5, 0xFFFFFFFF, true);
        assertEquals(5, r[0]);
        assertEquals("AC", status(r[1]).replace("P", ""));
        // SBB with borrow in: 0 - 0 - 1
        r = op("sbb eax, ebx", 0, 0, true);
        assertEquals(0xFFFFFFFF, r[0]);
        assertEquals("SAPC", status(r[1]));
        // SBB borrow where a == b: borrow out
        r = op("sbb eax, ebx", 7, 7, true);
        assertEquals(0xFFFFFFFF, r[0]);
        assertEquals("SAPC", status(r[1]));
        // 16-bit SBB overflow: 0x8000 - 0 - 1 = 0x7FFF
        r = op("sbb ax, bx", 0xABCD8000, 0, true);
        assertEquals(0xABCD7FFF, r[0]);
        assertEquals("OAP", status(r[1]));
    }

    @Test
    void subCmpAndNeg() {
        int[] r = op("sub eax, ebx", 0x80000000, 1, false);
        assertEquals(0x7FFFFFFF, r[0]);
        assertEquals("OAP", status(r[1]));
        r = op("cmp eax, ebx", 1, 2, false);
        assertEquals(1, r[0]);
        assertEquals("SAPC", status(r[1]));
        r = op("neg eax", 0, 0, true);
        assertEquals(0, r[0]);
        assertEquals("ZP", status(r[1]));
        r = op("neg eax", 0x80000000, 0, false);
        assertEquals(0x80000000, r[0]);
        assertEquals("OSPC", status(r[1]));
        r = op("neg bl\nmov eax, ebx", 0, 1, false);
        assertEquals(0xFF, r[0]);
        assertEquals("SAPC", status(r[1]));
    }

    @Test
    void logicClearsCfOfAndAf() {
        int[] r = op("and eax, ebx", 0xF0F0F0F0, 0x0F0F0F0F, true);
        assertEquals(0, r[0]);
        assertEquals("ZP", status(r[1]));
        r = op("or eax, ebx", 0x80000000, 1, true);
        assertEquals(0x80000001, r[0]);
        assertEquals("S", status(r[1]));
        r = op("xor al, bl", 0x11223344, 0x44, false);
        assertEquals(0x11223300, r[0]);
        assertEquals("ZP", status(r[1]));
        r = op("test eax, ebx", 3, 1, true);
        assertEquals(3, r[0]);
        assertEquals("", status(r[1]));
        r = op("not eax", 0x0F0F0F0F, 0, true);
        assertEquals(0xF0F0F0F0, r[0]);
        assertEquals("C", status(r[1]).replace("P", ""), "NOT changes no flag (CF kept)");
    }

    @Test
    void incDecKeepCarry() {
        int[] r = op("inc eax", 0x7FFFFFFF, 0, true);
        assertEquals(0x80000000, r[0]);
        assertEquals("OSAPC", status(r[1]));
        r = op("dec eax", 0, 0, true);
        assertEquals(0xFFFFFFFF, r[0]);
        assertEquals("SAPC", status(r[1]));
        r = op("inc ax", 0x1234FFFF, 0, false);
        assertEquals(0x12340000, r[0]);
        assertEquals("ZAP", status(r[1]));
        r = op("dec al", 0x80, 0, false);
        assertEquals(0x7F, r[0]);
        assertEquals("OA", status(r[1]));
    }

    @Test
    void byteRegistersUseTheHighByteEncodings() {
        CpuHarness h = run32("""
                mov eax, 0x11223344
                mov ebx, 0x55667788
                add ah, bh
                sub bl, al
                xchg ch, dl
                """);
        assertEquals(0x1122AA44, h.reg(EAX));
        assertEquals(0x55667744, h.reg(EBX));
    }

    @Test
    void memoryDestinationsReadModifyWrite() {
        CpuHarness h = run32("""
                mov dword [0x5000], 10
                add dword [0x5000], 5
                sub word [0x5000], 20
                lock inc dword [0x5004]
                or byte [0x5007], 0x80
                mov eax, [0x5000]
                mov ebx, [0x5004]
                """);
        assertEquals(0x0000FFFB, h.reg(EAX)); // 15 - 20 = -5 in the low word
        assertEquals(0x80000001, h.reg(EBX));
    }

    @Test
    void incAndDecKeepTheCarryOfEveryEarlierOperation() {
        // CF from ADD, SUB, SBB with borrow, a logical op, a shift (explicit CF) and STC, each followed by
        // INC/DEC chains, read back by ADC and by SETC; also across a CPU state save and restore.
        CpuHarness h = run32("""
                xor esi, esi
                xor edx, edx
                mov eax, 0xFFFFFFFF
                add eax, 1          ; CF = 1
                inc ebx
                dec ebx
                inc ebx
                adc esi, 0          ; +1
                mov eax, 1
                cmp eax, 2          ; CF = 1
                dec ecx
                setc dl
                add esi, edx        ; +1
                xor eax, eax        ; CF = 0
                inc eax
                adc esi, 0          ; +0
                mov eax, 3
                shr eax, 1          ; CF = 1 (shifted out)
                dec eax
                adc esi, 0          ; +1
                stc
                inc eax
                adc esi, 0          ; +1
                mov eax, 0x80000000
                add eax, eax        ; CF = 1 then INC: the state a snapshot must keep
                inc edi
                """);
        assertEquals(4, h.reg(CpuState.ESI));
        assertEquals(LazyFlags.CF, h.cpu.eflags() & LazyFlags.CF);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            h.cpu.saveState(new java.io.DataOutputStream(bytes));
            CpuHarness other = CpuHarness.flat32(new byte[] {0x11, (byte) 0xC6, (byte) 0xF4}); // adc esi, eax; hlt
            other.cpu.loadState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            other.cpu.setEip(CpuHarness.CODE);
            other.cpu.setHalted(false);
            other.cpu.setReg(EAX, 0);
            assertEquals(StopReason.HALTED_FOREVER, other.runToHalt());
            assertEquals(5, other.reg(CpuState.ESI), "CF survived INC and the snapshot");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
