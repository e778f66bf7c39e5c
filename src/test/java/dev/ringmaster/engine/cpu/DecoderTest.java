package dev.ringmaster.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.Instruction.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderTest {
    static Instruction d32(int... bytes) {
        return Decoder.decode(toBytes(bytes), 0, true);
    }

    static Instruction d16(int... bytes) {
        return Decoder.decode(toBytes(bytes), 0, false);
    }

    static byte[] toBytes(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    @Test
    void registerFormAlu() {
        Instruction i = d32(0x01, 0xD8); // add eax,ebx
        assertEquals(Status.OK, i.status);
        assertEquals(Mnemonic.ADD, i.mnemonic);
        assertEquals(2, i.length);
        assertEquals(0x01, i.opcode);
        assertTrue(i.hasModrm);
        assertEquals(3, i.mod);
        assertEquals(3, i.reg);
        assertEquals(0, i.rm);
        assertFalse(i.memory);
        assertEquals(List.of(OperandType.Ev, OperandType.Gv), i.entry.operands());
        assertEquals(4, i.operandSize());
    }

    @Test
    void operandSizePrefixShortensImmediate() {
        Instruction i = d32(0x66, 0x05, 0x34, 0x12); // add ax,0x1234
        assertEquals(4, i.length);
        assertEquals(2, i.operandSize());
        assertEquals(0x1234, i.imm);
        assertEquals(2, i.immSize);
        assertEquals(1, i.prefixCount);
        assertEquals(0x66, i.prefix(0));
        Instruction j = d16(0x66, 0x05, 0x78, 0x56, 0x34, 0x12); // add eax,0x12345678 in 16-bit code
        assertEquals(6, j.length);
        assertEquals(0x12345678, j.imm);
    }

    @Test
    void sibWithStackBaseDefaultsToSs() {
        Instruction i = d32(0x8B, 0x44, 0x24, 0x08); // mov eax,[esp+8]
        assertEquals(4, i.length);
        assertTrue(i.hasSib);
        assertTrue(i.memory);
        assertEquals(4, i.eaBase);
        assertEquals(-1, i.eaIndex);
        assertEquals(8, i.disp);
        assertEquals(1, i.dispSize);
        assertEquals(SegmentRegister.SS, i.segment);
    }

    @Test
    void sibIndexScaleNoBase() {
        Instruction i = d32(0x8B, 0x04, 0x8D, 0x00, 0x10, 0x00, 0x00); // mov eax,[ecx*4+0x1000]
        assertEquals(7, i.length);
        assertEquals(-1, i.eaBase);
        assertEquals(1, i.eaIndex);
        assertEquals(2, i.eaScale);
        assertEquals(0x1000, i.disp);
        assertEquals(4, i.dispSize);
        assertEquals(SegmentRegister.DS, i.segment);
    }

    @Test
    void ebpBaseAndNegativeDisplacement() {
        Instruction i = d32(0x8B, 0x45, 0xF8); // mov eax,[ebp-8]
        assertEquals(5, i.eaBase);
        assertEquals(-8, i.disp);
        assertEquals(SegmentRegister.SS, i.segment);
        Instruction j = d32(0x8B, 0x05, 0x78, 0x56, 0x34, 0x12); // mov eax,[0x12345678]
        assertEquals(-1, j.eaBase);
        assertEquals(0x12345678, j.disp);
        assertEquals(6, j.length);
    }

    @Test
    void sixteenBitAddressing() {
        Instruction i = d16(0x8B, 0x46, 0xFE); // mov ax,[bp-2]
        assertEquals(3, i.length);
        assertEquals(5, i.eaBase);
        assertEquals(-1, i.eaIndex);
        assertEquals(-2, i.disp);
        assertEquals(SegmentRegister.SS, i.segment);
        assertEquals(2, i.operandSize());
        Instruction j = d16(0x8B, 0x06, 0x34, 0x12); // mov ax,[0x1234]
        assertEquals(4, j.length);
        assertEquals(-1, j.eaBase);
        assertEquals(0x1234, j.disp);
        Instruction k = d32(0x67, 0x8B, 0x42, 0x02); // mov eax,[bp+si+2]
        assertEquals(4, k.length);
        assertFalse(k.addressSize32);
        assertEquals(5, k.eaBase);
        assertEquals(6, k.eaIndex);
        assertEquals(2, k.disp);
        assertEquals(SegmentRegister.SS, k.segment);
        Instruction m = d16(0x8B, 0x00); // mov ax,[bx+si]
        assertEquals(3, m.eaBase);
        assertEquals(6, m.eaIndex);
        assertEquals(SegmentRegister.DS, m.segment);
    }

    @Test
    void prefixesKeptInOrderAndLastSegmentWins() {
        Instruction i = d32(0x26, 0x66, 0x67, 0x64, 0xF3, 0xA5); // rep movsw with es, fs overrides
        assertEquals(Status.OK, i.status);
        assertEquals(5, i.prefixCount);
        assertEquals(0x26, i.prefix(0));
        assertEquals(0x66, i.prefix(1));
        assertEquals(0x67, i.prefix(2));
        assertEquals(0x64, i.prefix(3));
        assertEquals(0xF3, i.prefix(4));
        assertEquals(SegmentRegister.FS, i.segmentOverride);
        assertEquals(SegmentRegister.FS, i.segment);
        assertEquals(0xF3, i.repPrefix);
        assertEquals(Mnemonic.MOVSW, i.mnemonic);
        assertFalse(i.addressSize32);
        assertEquals(6, i.length);
    }

    @Test
    void lockOnlyOnLockableMemoryDestinations() {
        assertEquals(Status.INVALID, d32(0xF0, 0x01, 0xC0).status); // lock add eax,eax
        assertEquals(Status.OK, d32(0xF0, 0x01, 0x00).status); // lock add [eax],eax
        assertEquals(Status.INVALID, d32(0xF0, 0x39, 0x00).status); // lock cmp [eax],eax
        assertEquals(Status.INVALID, d32(0xF0, 0x90).status); // lock nop
        assertEquals(Status.OK, d32(0xF0, 0x0F, 0xC7, 0x0E).status); // lock cmpxchg8b [esi]
        assertTrue(d32(0xF0, 0x01, 0x00).lock);
    }

    @Test
    void fifteenByteLimit() {
        int[] ok = new int[15];
        java.util.Arrays.fill(ok, 0x3E);
        ok[14] = 0x90;
        Instruction i = d32(ok);
        assertEquals(Status.OK, i.status);
        assertEquals(15, i.length);
        int[] tooLong = new int[17];
        java.util.Arrays.fill(tooLong, 0x3E);
        tooLong[15] = 0x90;
        assertEquals(Status.TOO_LONG, d32(tooLong).status);
        // 11 prefixes + mov eax,[ecx*4+disp32] (7 bytes) = 18 bytes.
        Instruction j = d32(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                0x8B, 0x04, 0x8D, 0, 0, 0, 0);
        assertEquals(Status.TOO_LONG, j.status);
        // The decoder never asks for the 16th byte.
        int[] fetched = {0};
        new Decoder().decode(idx -> {
            fetched[0] = Math.max(fetched[0], idx + 1);
            return 0x26;
        }, true, new Instruction());
        assertEquals(15, fetched[0]);
    }

    @Test
    void truncatedStream() {
        assertEquals(Status.TRUNCATED, d32(0xB8, 0x01, 0x02).status);
        assertEquals(Status.TRUNCATED, d32(0x66).status);
        assertEquals(Status.TRUNCATED, d32().status);
    }

    @Test
    void group7() {
        Instruction vmcall = d32(0x0F, 0x01, 0xC1);
        assertEquals(Mnemonic.VMCALL, vmcall.mnemonic);
        assertEquals(3, vmcall.length);
        assertEquals(Status.INVALID, d32(0x0F, 0x01, 0xF8).status);
        Instruction invlpg = d32(0x0F, 0x01, 0x38);
        assertEquals(Mnemonic.INVLPG, invlpg.mnemonic);
        assertTrue(invlpg.memory);
        assertTrue(invlpg.entry.has(OpcodeEntry.PRIVILEGED));
        Instruction smsw = d32(0x0F, 0x01, 0xE0); // smsw eax
        assertEquals(Mnemonic.SMSW, smsw.mnemonic);
        assertTrue(smsw.entry.has(OpcodeEntry.SENSITIVE));
        Instruction lgdt = d32(0x0F, 0x01, 0x15, 0, 0x10, 0, 0); // lgdt [0x1000]
        assertEquals(Mnemonic.LGDT, lgdt.mnemonic);
        assertEquals(7, lgdt.length);
        assertEquals(Status.INVALID, d32(0x0F, 0x01, 0xD0).status); // lgdt with a register
    }

    @Test
    void twoImmediates() {
        Instruction enter = d32(0xC8, 0x10, 0x00, 0x02); // enter 0x10,2
        assertEquals(0x10, enter.imm);
        assertEquals(2, enter.immSize);
        assertEquals(2, enter.imm2);
        assertEquals(1, enter.imm2Size);
        Instruction far = d32(0xEA, 0x78, 0x56, 0x34, 0x12, 0x08, 0x00); // jmp 0x8:0x12345678
        assertEquals(Mnemonic.JMPF, far.mnemonic);
        assertEquals(7, far.length);
        assertEquals(0x12345678, far.imm);
        assertEquals(8, far.imm2);
        Instruction far16 = d16(0xEA, 0x34, 0x12, 0x00, 0xF0); // jmp 0xf000:0x1234
        assertEquals(5, far16.length);
        assertEquals(0x1234, far16.imm);
        assertEquals(0xF000, far16.imm2);
    }

    @Test
    void relativeBranchesAreSignExtended() {
        Instruction call = d32(0xE8, 0xFB, 0xFF, 0xFF, 0xFF);
        assertEquals(-5, call.imm);
        Instruction jb = d32(0x74, 0x80);
        assertEquals(-128, jb.imm);
        assertEquals(Mnemonic.JE, jb.mnemonic);
        Instruction jz16 = d16(0x0F, 0x85, 0xFE, 0xFF);
        assertEquals(-2, jz16.imm);
        assertEquals(4, jz16.length);
        assertEquals(Mnemonic.JNE, jz16.mnemonic);
        assertEquals(Mnemonic.JECXZ, d32(0xE3, 0xFE).mnemonic);
        assertEquals(Mnemonic.JCXZ, d32(0x67, 0xE3, 0xFE).mnemonic);
        assertEquals(Mnemonic.JCXZ, d16(0x66, 0xE3, 0xFE).mnemonic); // by address size, not operand size
    }

    @Test
    void controlRegistersIgnoreMod() {
        Instruction i = d32(0x0F, 0x20, 0x00); // mov eax,cr0 (mod bits ignored)
        assertEquals(Status.OK, i.status);
        assertEquals(3, i.length);
        assertFalse(i.memory);
        assertEquals(0, i.rm);
        assertEquals(0, i.reg);
        assertEquals(Status.INVALID, d32(0x0F, 0x20, 0xC8).status); // cr1
        assertEquals(Status.INVALID, d32(0x0F, 0x22, 0xE8).status); // cr5
        assertEquals(Status.OK, d32(0x0F, 0x23, 0xF8).status); // mov dr7,eax
    }

    @Test
    void invalidForms() {
        assertEquals(Status.INVALID, d32(0x8E, 0xC8).status); // mov cs,ax
        assertEquals(Status.INVALID, d32(0x8E, 0xF0).status); // mov seg6
        assertEquals(Status.OK, d32(0x8E, 0xD8).status); // mov ds,ax
        assertEquals(Status.INVALID, d32(0x8D, 0xC0).status); // lea eax,eax
        assertEquals(Status.INVALID, d32(0xC4, 0xC0).status); // les with a register
        assertEquals(Status.INVALID, d32(0x62, 0xC0).status); // bound with a register
        assertEquals(Status.INVALID, d32(0xC7, 0xC8, 0, 0, 0, 0).status); // group 11 /1
        assertEquals(Status.INVALID, d32(0xFF, 0xF8).status); // group 5 /7
        assertEquals(Status.INVALID, d32(0xFF, 0xD8).status); // call far with a register
        assertEquals(Status.INVALID, d32(0x0F, 0xC7, 0xC8).status); // cmpxchg8b with a register
        assertEquals(Status.INVALID, d32(0x0F, 0x0F).status); // 3DNow escape
        assertEquals(Status.INVALID, d32(0x8F, 0xC8).status); // group 1A /1
        assertEquals(Mnemonic.UD2, d32(0x0F, 0x0B).mnemonic);
        assertEquals(Status.OK, d32(0x0F, 0x0B).status);
    }

    @Test
    void moffsOperands() {
        Instruction i = d32(0x64, 0xA1, 0x78, 0x56, 0x34, 0x12); // mov eax,fs:[0x12345678]
        assertTrue(i.memory);
        assertEquals(0x12345678, i.disp);
        assertEquals(4, i.dispSize);
        assertEquals(SegmentRegister.FS, i.segment);
        assertEquals(-1, i.eaBase);
        assertEquals(6, i.length);
        Instruction j = d32(0x67, 0xA2, 0x34, 0x12); // mov [0x1234],al with a 16-bit address
        assertEquals(4, j.length);
        assertEquals(0x1234, j.disp);
        assertEquals(2, j.dispSize);
    }

    @Test
    void groupsPickImmediatesByReg() {
        Instruction test = d32(0xF6, 0xC3, 0x01); // test bl,1
        assertEquals(Mnemonic.TEST, test.mnemonic);
        assertEquals(3, test.length);
        assertEquals(1, test.imm);
        Instruction not = d32(0xF6, 0xD3); // not bl
        assertEquals(Mnemonic.NOT, not.mnemonic);
        assertEquals(2, not.length);
        Instruction add = d32(0x83, 0xC0, 0xFF); // add eax,-1
        assertEquals(-1, add.imm);
        assertEquals(Mnemonic.ADD, add.mnemonic);
        assertEquals(0, add.entry.sub);
        Instruction cmp = d32(0x81, 0x7D, 0x08, 0x00, 0x01, 0x00, 0x00); // cmp dword [ebp+8],0x100
        assertEquals(Mnemonic.CMP, cmp.mnemonic);
        assertEquals(7, cmp.length);
        assertEquals(0x100, cmp.imm);
        Instruction bt = d32(0x0F, 0xBA, 0xE0, 0x05); // bt eax,5
        assertEquals(Mnemonic.BT, bt.mnemonic);
        assertEquals(5, bt.imm);
        Instruction sar = d32(0xC1, 0xF8, 0x1F); // sar eax,31
        assertEquals(Mnemonic.SAR, sar.mnemonic);
        assertEquals(31, sar.imm);
        Instruction shl1 = d32(0xD1, 0xE0); // shl eax,1
        assertEquals(Mnemonic.SHL, shl1.mnemonic);
        assertEquals(OperandType.ONE, shl1.entry.operand(1));
        assertEquals(2, shl1.length);
    }

    @Test
    void sizeVariantMnemonics() {
        assertEquals(Mnemonic.CWDE, d32(0x98).mnemonic);
        assertEquals(Mnemonic.CBW, d32(0x66, 0x98).mnemonic);
        assertEquals(Mnemonic.CBW, d16(0x98).mnemonic);
        assertEquals(Mnemonic.IRETD, d32(0xCF).mnemonic);
        assertEquals(Mnemonic.PUSHFD, d32(0x9C).mnemonic);
        assertEquals(Mnemonic.STOSD, d32(0xAB).mnemonic);
        assertEquals(Mnemonic.STOSW, d16(0xAB).mnemonic);
        assertEquals(Mnemonic.PAUSE, d32(0xF3, 0x90).mnemonic);
        assertEquals(Mnemonic.XCHG, d32(0x87, 0xD8).mnemonic);
    }

    @Test
    void opcodeRegisterAndHintNops() {
        Instruction mov = d32(0xBB, 0x78, 0x56, 0x34, 0x12); // mov ebx,0x12345678
        assertEquals(3, mov.opcodeReg);
        assertEquals(OperandType.Zv, mov.entry.operand(0));
        assertEquals(0x12345678, mov.imm);
        Instruction bswap = d32(0x0F, 0xC9);
        assertEquals(Mnemonic.BSWAP, bswap.mnemonic);
        assertEquals(1, bswap.opcodeReg);
        Instruction nop = d32(0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00);
        assertEquals(Mnemonic.NOP, nop.mnemonic);
        assertEquals(9, nop.length);
    }

    @Test
    void x87EscapesDecodeTheirLength() {
        Instruction reg = d32(0xD9, 0xC0); // fld st0
        assertEquals(Mnemonic.ESC, reg.mnemonic);
        assertEquals(2, reg.length);
        Instruction mem = d32(0xDD, 0x05, 0, 0, 0, 0); // fld qword [0]
        assertEquals(6, mem.length);
        assertTrue(mem.memory);
    }

    @Test
    void everyOneByteOpcodeDecodesWithoutException() {
        for (int b = 0; b < 256; b++) {
            for (int m = 0; m < 256; m++) {
                d32(b, m, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                d16(b, m, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                d32(0x0F, b, m, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                d16(0x0F, b, m, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
        }
        // The result is checked by the objdump comparison; here: the full map including every
        // group /reg decodes to some status, and every OK instruction names a real mnemonic.
        for (int b = 0; b < 256; b++) {
            for (int m = 0; m < 256; m++) {
                Instruction i = d32(0x0F, b, m, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                assertTrue(i.status != Status.OK || i.mnemonic != Mnemonic.BAD, i.toString());
            }
        }
    }
}
