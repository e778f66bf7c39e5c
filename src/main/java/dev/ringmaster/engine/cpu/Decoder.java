package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.Instruction.MAX_LENGTH;

/**
 * The IA-32 instruction decoder: bytes in, an {@link Instruction} out (SDM vol. 2, chapter 2 and
 * appendix A). Handles the legacy prefixes (operand size 0x66, address size 0x67, the six segment
 * overrides, REP/REPE 0xF3, REPNE 0xF2, LOCK 0xF0) in any order and number, the one-byte and 0F
 * maps, ModR/M with SIB, 16- and 32-bit addressing, displacements and immediates.
 *
 * <p>Faults are part of the result, never exceptions: an undefined encoding, LOCK on an
 * instruction that does not allow it, or a register operand where only memory is allowed gives
 * {@link Instruction.Status#INVALID} (#UD); more than 15 bytes gives
 * {@link Instruction.Status#TOO_LONG} (#GP(0)) — the 16th byte is never fetched; a byte source that
 * runs out gives {@link Instruction.Status#TRUNCATED}. A byte source may also throw (the CPU's
 * instruction fetch raises its page or limit fault that way).
 *
 * <p>A decoder instance is not thread-safe but may be reused; decoding allocates nothing.
 */
public final class Decoder {
    /** Where the instruction bytes come from. */
    @FunctionalInterface
    public interface CodeBytes {
        /** Byte {@code index} (0 = first byte of the instruction) as 0–255, or -1 when there is none. */
        int byteAt(int index);
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop STOP = new Stop();

    private static final int[] BASE16 = {3, 3, 5, 5, 6, 7, 5, 3};
    private static final int[] INDEX16 = {6, 7, 6, 7, -1, -1, -1, -1};

    private CodeBytes src;
    private Instruction out;
    private int pos;

    /** Decodes the instruction at {@code code[offset]} into a new {@link Instruction}. */
    public static Instruction decode(byte[] code, int offset, boolean code32) {
        Instruction i = new Instruction();
        new Decoder().decode(index -> offset + index < code.length ? code[offset + index] & 0xFF : -1, code32, i);
        return i;
    }

    /**
     * Decodes one instruction.
     *
     * @param src    the bytes, from the first prefix on
     * @param code32 the default operand and address size is 32 bits (CS.D = 1)
     * @param out    receives the result (every field is overwritten)
     */
    public void decode(CodeBytes src, boolean code32, Instruction out) {
        this.src = src;
        this.out = out;
        this.pos = 0;
        out.clear();
        try {
            body(code32);
        } catch (Stop s) {
            out.entry = OpcodeTable.INVALID_ENTRY;
            out.mnemonic = Mnemonic.BAD;
        } finally {
            this.src = null;
            this.out = null;
        }
        out.length = pos;
        switch (out.status) {
            case OK:
                out.handler = out.entry.exec;
                break;
            case TOO_LONG:
                out.handler = Exec.GP0;
                break;
            default:
                out.handler = Exec.UD;
                break;
        }
        Handlers.specialise(out);
        out.iclass = InstructionClass.classify(out).ordinal();
    }

    private int next() {
        if (pos >= MAX_LENGTH) {
            out.status = Instruction.Status.TOO_LONG;
            throw STOP;
        }
        int b = src.byteAt(pos);
        if (b < 0) {
            out.status = Instruction.Status.TRUNCATED;
            throw STOP;
        }
        pos++;
        return b & 0xFF;
    }

    private void body(boolean code32) {
        Instruction o = out;
        boolean opsz = code32;
        boolean adsz = code32;
        int b;
        prefixes:
        for (;;) {
            b = next();
            switch (b) {
                case 0x26: case 0x2E: case 0x36: case 0x3E:
                    o.segmentOverride = (b >> 3) & 3;
                    break;
                case 0x64: case 0x65:
                    o.segmentOverride = b - 0x60;
                    break;
                case 0x66:
                    opsz = !code32;
                    break;
                case 0x67:
                    adsz = !code32;
                    break;
                case 0xF0:
                    o.lock = true;
                    break;
                case 0xF2: case 0xF3:
                    o.repPrefix = b;
                    break;
                default:
                    break prefixes;
            }
            o.addPrefix(b);
        }
        o.operandSize32 = opsz;
        o.addressSize32 = adsz;
        OpcodeEntry e;
        if (b == 0x0F) {
            int b2 = next();
            o.opcode = 0x0F00 | b2;
            e = OpcodeTable.TWO_BYTE[b2];
        } else {
            o.opcode = b;
            e = OpcodeTable.ONE_BYTE[b];
        }
        o.opcodeReg = b == 0x0F ? o.opcode & 7 : b & 7;
        boolean valid = true;
        if (e.needsModrm()) {
            int m = next();
            o.hasModrm = true;
            o.modrm = m;
            o.mod = m >> 6;
            o.reg = (m >> 3) & 7;
            o.rm = m & 7;
            if (e.has(OpcodeEntry.GROUP)) {
                e = e.sub == OpcodeTable.G7 && o.mod == 3
                        ? OpcodeTable.GROUP7_REG[o.reg][o.rm] : OpcodeTable.GROUPS[e.sub][o.reg];
            }
            boolean registerOnly = e.exec == Exec.MOV_FROM_CR || e.exec == Exec.MOV_TO_CR
                    || e.exec == Exec.MOV_FROM_DR || e.exec == Exec.MOV_TO_DR;
            if (o.mod != 3 && !registerOnly) {
                memoryOperand(adsz);
            }
        }
        o.entry = e;
        if (e.has(OpcodeEntry.INVALID)) {
            valid = false;
        }
        boolean haveImm = false;
        for (int k = 0; k < e.operandCount(); k++) {
            OperandType t = e.operand(k);
            int v;
            int size;
            switch (t) {
                case Ib:
                    v = next();
                    size = 1;
                    break;
                case Ibs:
                case Jb:
                    v = (byte) next();
                    size = 1;
                    break;
                case Iw:
                    v = imm16();
                    size = 2;
                    break;
                case Iz:
                    v = opsz ? imm32() : imm16();
                    size = opsz ? 4 : 2;
                    break;
                case Jz:
                    v = opsz ? imm32() : (short) imm16();
                    size = opsz ? 4 : 2;
                    break;
                case Ap:
                    o.imm = opsz ? imm32() : imm16();
                    o.immSize = opsz ? 4 : 2;
                    o.imm2 = imm16();
                    o.imm2Size = 2;
                    continue;
                case Ob:
                case Ov:
                    o.memory = true;
                    o.disp = adsz ? imm32() : imm16();
                    o.dispSize = adsz ? 4 : 2;
                    o.segment = o.segmentOverride >= 0 ? o.segmentOverride : 3;
                    continue;
                case Xb:
                case Xv:
                case Mxlat:
                    o.segment = o.segmentOverride >= 0 ? o.segmentOverride : 3;
                    continue;
                default:
                    if (t.memoryOnly() && o.mod == 3) {
                        valid = false;
                    }
                    continue;
            }
            if (!haveImm) {
                o.imm = v;
                o.immSize = size;
                haveImm = true;
            } else {
                o.imm2 = v;
                o.imm2Size = size;
            }
        }
        switch (e.exec) {
            case Exec.MOV_TO_SEG:
                if (o.reg == 1 || o.reg > 5) {
                    valid = false;
                }
                break;
            case Exec.MOV_FROM_SEG:
                if (o.reg > 5) {
                    valid = false;
                }
                break;
            case Exec.MOV_FROM_CR:
            case Exec.MOV_TO_CR:
                if (o.reg == 1 || o.reg > 4) {
                    valid = false;
                }
                break;
            default:
                break;
        }
        if (o.lock && !(e.has(OpcodeEntry.LOCKABLE) && o.memory)) {
            valid = false;
        }
        boolean byAddress = e.has(OpcodeEntry.MNEMONIC_BY_ADDRESS_SIZE);
        o.mnemonic = (byAddress ? adsz : opsz) ? e.mnemonic32 : e.mnemonic16;
        if (o.opcode == 0x90 && o.repPrefix == 0xF3) {
            o.mnemonic = Mnemonic.PAUSE;
        }
        if (!valid) {
            o.status = Instruction.Status.INVALID;
        }
    }

    private void memoryOperand(boolean adsz) {
        Instruction o = out;
        o.memory = true;
        int mod = o.mod;
        int rm = o.rm;
        boolean stackDefault = false;
        if (!adsz) {
            if (mod == 0 && rm == 6) {
                o.disp = imm16();
                o.dispSize = 2;
            } else {
                o.eaBase = BASE16[rm];
                o.eaIndex = INDEX16[rm];
                stackDefault = o.eaBase == 5;
                if (mod == 1) {
                    o.disp = (byte) next();
                    o.dispSize = 1;
                } else if (mod == 2) {
                    o.disp = imm16();
                    o.dispSize = 2;
                }
            }
        } else {
            int base = rm;
            if (rm == 4) {
                int sib = next();
                o.hasSib = true;
                o.sibScale = sib >> 6;
                o.sibIndex = (sib >> 3) & 7;
                o.sibBase = sib & 7;
                base = o.sibBase;
                if (o.sibIndex != 4) {
                    o.eaIndex = o.sibIndex;
                    o.eaScale = o.sibScale;
                }
                if (base == 5 && mod == 0) {
                    base = -1;
                    o.disp = imm32();
                    o.dispSize = 4;
                }
            } else if (rm == 5 && mod == 0) {
                base = -1;
                o.disp = imm32();
                o.dispSize = 4;
            }
            o.eaBase = base;
            stackDefault = base == 4 || base == 5;
            if (mod == 1) {
                o.disp = (byte) next();
                o.dispSize = 1;
            } else if (mod == 2) {
                o.disp = imm32();
                o.dispSize = 4;
            }
        }
        o.segment = o.segmentOverride >= 0 ? o.segmentOverride : stackDefault ? 2 : 3;
    }

    private int imm16() {
        int lo = next();
        return lo | next() << 8;
    }

    private int imm32() {
        int b0 = next();
        int b1 = next();
        int b2 = next();
        return b0 | b1 << 8 | b2 << 16 | next() << 24;
    }
}
