package dev.ringmaster.engine.cpu;

import java.util.Arrays;

/**
 * One decoded IA-32 instruction: everything the executor and a disassembler need, produced by
 * {@link Decoder#decode}. The CPU caches these by physical address and executes them many times, so
 * after decoding an instruction is treated as immutable (the fields are public for speed and for
 * the disassembler; do not write them).
 *
 * <h2>What is where</h2>
 * <ul>
 * <li><b>Identity</b>: {@link #entry} (the opcode-map row, with the ModR/M.reg group extension
 * applied), {@link #mnemonic} (resolved for the operand/address size, e.g. CWDE vs CBW),
 * {@link #opcode} (0x00–0xFF for the one-byte map, 0x0F00–0x0FFF for the 0F map),
 * {@link #status} (OK, or why the CPU faults on it).</li>
 * <li><b>Operands</b>: {@code entry.operand(i)} gives each operand's {@link OperandType} in Intel
 * order (destination first); their values are below.</li>
 * <li><b>Prefixes</b>, in the order they appear: {@link #prefix(int)} for {@code i <}
 * {@link #prefixCount}; summarised as {@link #segmentOverride}, {@link #repPrefix}, {@link #lock},
 * {@link #operandSize32} and {@link #addressSize32} (after the 0x66/0x67 toggles).</li>
 * <li><b>ModR/M and SIB</b> as encoded: {@link #hasModrm}, {@link #mod}, {@link #reg}, {@link #rm};
 * {@link #hasSib}, {@link #sibScale}, {@link #sibIndex}, {@link #sibBase}.</li>
 * <li><b>The memory operand</b> (when {@link #memory} is true), resolved: effective address =
 * {@link #disp} + reg[{@link #eaBase}] + (reg[{@link #eaIndex}] &lt;&lt; {@link #eaScale}), a base
 * or index of -1 is absent; with a 16-bit address size {@code eaBase}/{@code eaIndex} are the
 * 16-bit forms (BX, BP, SI, DI as register numbers 3, 5, 6, 7) and the sum wraps at 64 KiB.
 * {@link #segment} is the segment used (the override, or the default: SS for a BP/EBP/ESP base,
 * DS otherwise). {@link #dispSize} is the encoded size of the displacement (0, 1, 2 or 4; for moffs
 * operands the address size). For string operands (X/Y types) the address is implicit.</li>
 * <li><b>Registers</b>: general registers are numbered as encoded (0 EAX/AX/AL, 1 ECX, 2 EDX, 3 EBX,
 * 4 ESP/SP/AH, 5 EBP/BP/CH, 6 ESI/SI/DH, 7 EDI/DI/BH); segment registers 0 ES, 1 CS, 2 SS, 3 DS,
 * 4 FS, 5 GS; a G/S/C/D operand is {@link #reg}, an E/R operand with {@code mod == 3} is {@link #rm},
 * a Z operand is {@link #opcodeReg}.</li>
 * <li><b>Immediates</b>: {@link #imm} (first immediate, already sign- or zero-extended to 32 bits
 * as the operand type says: Ibs and Jb/Jz sign-extended, the others zero-extended) of
 * {@link #immSize} bytes; {@link #imm2} of {@link #imm2Size} bytes for the second one (ENTER's
 * nesting level; a far pointer's selector, whose offset is {@code imm}). A J operand's target is
 * {@code next EIP + imm}, truncated to 16 bits with a 16-bit operand size.</li>
 * <li>{@link #length}: total bytes, prefixes included (at most 15).</li>
 * </ul>
 */
public final class Instruction {
    /** The longest legal instruction, in bytes (SDM vol. 2, 2.3.11). */
    public static final int MAX_LENGTH = 15;

    /** Result of decoding. */
    public enum Status {
        /** A valid instruction. */
        OK,
        /** Undefined encoding or invalid prefix/operand combination: the CPU raises #UD. */
        INVALID,
        /** Longer than 15 bytes: the CPU raises #GP(0). */
        TOO_LONG,
        /** The byte source ended (or faulted) before the instruction was complete. */
        TRUNCATED
    }

    public Status status = Status.OK;
    public OpcodeEntry entry = OpcodeTable.INVALID_ENTRY;
    public Mnemonic mnemonic = Mnemonic.BAD;
    public int opcode;
    public int length;

    public int prefixCount;
    private final byte[] prefixes = new byte[MAX_LENGTH];
    /** Segment override prefix (0 ES … 5 GS), or -1. The last one wins when there are several. */
    public int segmentOverride = -1;
    /** 0xF3 (REP/REPE), 0xF2 (REPNE) or 0; the last one wins. */
    public int repPrefix;
    public boolean lock;
    public boolean operandSize32;
    public boolean addressSize32;

    public boolean hasModrm;
    public int modrm;
    public int mod;
    public int reg;
    public int rm;
    public boolean hasSib;
    public int sibScale;
    public int sibIndex;
    public int sibBase;

    /** The instruction has an explicit memory operand (ModR/M memory form or a moffs operand). */
    public boolean memory;
    public int eaBase = -1;
    public int eaIndex = -1;
    public int eaScale;
    public int disp;
    public int dispSize;
    /** Segment of the memory operand (override or default), 0 ES … 5 GS; DS (3) when there is none. */
    public int segment = 3;

    /** Low three bits of the opcode byte (the register of Z operands). */
    public int opcodeReg;

    public int imm;
    public int immSize;
    public int imm2;
    public int imm2Size;

    /** Executor handler id (a family from {@code Exec} or a specialised id). */
    int handler;
    /** Simulated cycles charged when this instruction retires (the cost model may change it). */
    int cost = 1;
    /** Execution helper fields filled by the decoder's specialisation step (see {@code Handlers}). */
    int xa;
    int xb;
    int xsize;
    int xop;
    /** {@link CpuHooks#beforeInstruction} is asked before this instruction executes. */
    boolean hooked;
    /** Ordinal of the {@link InstructionClass}, computed once by the decoder. */
    int iclass;

    /** Prefix byte {@code i} in encoding order. */
    public int prefix(int i) {
        if (i < 0 || i >= prefixCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return prefixes[i] & 0xFF;
    }

    /** 2 or 4. */
    public int operandSize() {
        return operandSize32 ? 4 : 2;
    }

    /** 2 or 4. */
    public int addressSize() {
        return addressSize32 ? 4 : 2;
    }

    /** True when the E operand is a register ({@code mod == 3}). */
    public boolean isRegisterForm() {
        return hasModrm && mod == 3;
    }

    /** The cycle cost charged when this instruction retires. */
    public int cost() {
        return cost;
    }

    /** What kind of work this instruction is for the cost model (computed once, when it was decoded). */
    public InstructionClass instructionClass() {
        return InstructionClass.of(iclass);
    }

    /** Sets the cycle cost (the cost model does this when it decorates decoded instructions). */
    public void setCost(int cost) {
        this.cost = cost;
    }

    void addPrefix(int b) {
        prefixes[prefixCount++] = (byte) b;
    }

    void clear() {
        status = Status.OK;
        entry = OpcodeTable.INVALID_ENTRY;
        mnemonic = Mnemonic.BAD;
        opcode = 0;
        length = 0;
        prefixCount = 0;
        segmentOverride = -1;
        repPrefix = 0;
        lock = false;
        operandSize32 = false;
        addressSize32 = false;
        hasModrm = false;
        modrm = mod = reg = rm = 0;
        hasSib = false;
        sibScale = sibIndex = sibBase = 0;
        memory = false;
        eaBase = eaIndex = -1;
        eaScale = 0;
        disp = dispSize = 0;
        segment = 3;
        opcodeReg = 0;
        imm = immSize = imm2 = imm2Size = 0;
        handler = Exec.UD;
        cost = 1;
        xa = xb = xsize = xop = 0;
        hooked = false;
        iclass = 0;
    }

    /** Copies every field of {@code o} into this one. */
    public void copyFrom(Instruction o) {
        status = o.status;
        entry = o.entry;
        mnemonic = o.mnemonic;
        opcode = o.opcode;
        length = o.length;
        prefixCount = o.prefixCount;
        System.arraycopy(o.prefixes, 0, prefixes, 0, MAX_LENGTH);
        segmentOverride = o.segmentOverride;
        repPrefix = o.repPrefix;
        lock = o.lock;
        operandSize32 = o.operandSize32;
        addressSize32 = o.addressSize32;
        hasModrm = o.hasModrm;
        modrm = o.modrm;
        mod = o.mod;
        reg = o.reg;
        rm = o.rm;
        hasSib = o.hasSib;
        sibScale = o.sibScale;
        sibIndex = o.sibIndex;
        sibBase = o.sibBase;
        memory = o.memory;
        eaBase = o.eaBase;
        eaIndex = o.eaIndex;
        eaScale = o.eaScale;
        disp = o.disp;
        dispSize = o.dispSize;
        segment = o.segment;
        opcodeReg = o.opcodeReg;
        imm = o.imm;
        immSize = o.immSize;
        imm2 = o.imm2;
        imm2Size = o.imm2Size;
        handler = o.handler;
        cost = o.cost;
        xa = o.xa;
        xb = o.xb;
        xsize = o.xsize;
        xop = o.xop;
        hooked = o.hooked;
        iclass = o.iclass;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(mnemonic.text());
        if (status != Status.OK) {
            sb.append(" [").append(status).append(']');
        }
        sb.append(" len=").append(length).append(" op=").append(Integer.toHexString(opcode));
        if (prefixCount > 0) {
            sb.append(" prefixes=").append(Arrays.toString(Arrays.copyOf(prefixes, prefixCount)));
        }
        sb.append(" o").append(operandSize() * 8).append(" a").append(addressSize() * 8);
        if (hasModrm) {
            sb.append(" mod=").append(mod).append(" reg=").append(reg).append(" rm=").append(rm);
        }
        if (memory) {
            sb.append(" [seg").append(segment).append(" base=").append(eaBase).append(" index=").append(eaIndex)
                    .append("<<").append(eaScale).append(" disp=").append(Integer.toHexString(disp)).append(']');
        }
        if (immSize > 0) {
            sb.append(" imm=").append(Integer.toHexString(imm));
        }
        if (imm2Size > 0) {
            sb.append(" imm2=").append(Integer.toHexString(imm2));
        }
        return sb.toString();
    }
}
