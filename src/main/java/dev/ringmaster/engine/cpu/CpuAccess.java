package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

import dev.ringmaster.engine.machine.PhysicalMemory;

/**
 * What the instruction families are written against, apart from the run loop: raising faults
 * ({@link CpuFault}, delivered by {@link Cpu}), segmented memory accesses with the protection checks of
 * SDM vol. 3 ch. 5, ModR/M operands and the stack. {@link Cpu} is the only subclass; the split only
 * keeps each file readable.
 */
abstract class CpuAccess extends CpuState {
    final PhysicalMemory pm;
    /** Set once by {@link Cpu}'s constructor (the MMU needs the finished CPU). */
    Mmu mmu;
    int pendingVector;
    /** Error code of the pending exception, or -1 when it has none. */
    int pendingError = -1;

    CpuAccess(PhysicalMemory pm) {
        this.pm = pm;
    }

    // ---- faults -------------------------------------------------------------------------------------------

    /** Prepares exception {@code vector} with error code {@code error} (-1: none); throw the result. */
    CpuFault fault(int vector, int error) {
        pendingVector = vector;
        pendingError = Vector.hasErrorCode(vector) ? error : -1;
        return CpuFault.INSTANCE;
    }

    /** #UD. */
    CpuFault undefined() {
        return fault(Vector.UD, -1);
    }

    CpuFault gp(int error) {
        return fault(Vector.GP, error);
    }

    CpuFault pageFault(int lin, int error) {
        cr2 = lin;
        return fault(Vector.PF, error);
    }

    boolean realMode() {
        return (cr0 & CR0_PE) == 0;
    }

    // ---- segmented memory access ---------------------------------------------------------------------------

    /**
     * Checks an access of {@code size} bytes at {@code off} in segment {@code s} the slow way and
     * returns the linear address (SDM vol. 3, 5.3 and 5.4); raises #GP(0), or #SS(0) for SS.
     */
    int checkSegment(int s, int off, int size, boolean write) {
        SegmentRegister sr = seg[s];
        int vec = s == SS ? Vector.SS : Vector.GP;
        boolean real = realMode();
        if (!real) {
            if (!sr.valid) {
                throw fault(vec, 0);
            }
            if (sr.isCode()) {
                if (write || (sr.attributes & SegmentRegister.A_RW) == 0) {
                    throw fault(vec, 0);
                }
            } else if (write && (sr.attributes & SegmentRegister.A_RW) == 0) {
                throw fault(vec, 0);
            }
        }
        long first = off & 0xFFFFFFFFL;
        long last = first + size - 1;
        long lim = sr.limit & 0xFFFFFFFFL;
        if (!real && sr.isExpandDownData()) {
            long upper = sr.big() ? 0xFFFFFFFFL : 0xFFFFL;
            if (first <= lim || last > upper) {
                throw fault(vec, 0);
            }
        } else if (last > lim) {
            throw fault(vec, 0);
        }
        return sr.base + off;
    }

    final int read8(int s, int off) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) <= sr.readLimit ? sr.base + off : checkSegment(s, off, 1, false);
        return mmu.read8(lin);
    }

    final int read16(int s, int off) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) + 1 <= sr.readLimit ? sr.base + off : checkSegment(s, off, 2, false);
        return mmu.read16(lin);
    }

    final int read32(int s, int off) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) + 3 <= sr.readLimit ? sr.base + off : checkSegment(s, off, 4, false);
        return mmu.read32(lin);
    }

    final void write8(int s, int off, int v) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) <= sr.writeLimit ? sr.base + off : checkSegment(s, off, 1, true);
        mmu.write8(lin, v);
    }

    final void write16(int s, int off, int v) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) + 1 <= sr.writeLimit ? sr.base + off : checkSegment(s, off, 2, true);
        mmu.write16(lin, v);
    }

    final void write32(int s, int off, int v) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) + 3 <= sr.writeLimit ? sr.base + off : checkSegment(s, off, 4, true);
        mmu.write32(lin, v);
    }

    /** Reads by size (1, 2 or 4). */
    final int read(int s, int off, int size) {
        return size == 4 ? read32(s, off) : size == 2 ? read16(s, off) : read8(s, off);
    }

    final void write(int s, int off, int size, int v) {
        if (size == 4) {
            write32(s, off, v);
        } else if (size == 2) {
            write16(s, off, v);
        } else {
            write8(s, off, v);
        }
    }

    /**
     * Read-modify-write: checks segment and page write permission for the whole operand (so that the
     * write that follows cannot fault) and returns the linear address.
     */
    final int rmwLinear(int s, int off, int size) {
        SegmentRegister sr = seg[s];
        int lin = (off & 0xFFFFFFFFL) + size - 1 <= sr.writeLimit ? sr.base + off : checkSegment(s, off, size, true);
        int i = (lin >>> 12) & Mmu.TLB_MASK;
        if (mmu.writeTag[i] != (lin & 0xFFFFF000) || (lin & 0xFFF) > 0x1000 - size) {
            mmu.probeWrite(lin, size, mmu.userMode);
        }
        return lin;
    }

    /** Checks that {@code size} bytes at {@code off} may be written (segment and page), without writing. */
    final void checkWritable(int s, int off, int size) {
        rmwLinear(s, off, size);
    }

    // ---- ModR/M operands -----------------------------------------------------------------------------------

    /** Effective address (offset within the segment) of the instruction's memory operand. */
    final int ea(Instruction i) {
        int a = i.disp;
        if (i.eaBase >= 0) {
            a += r[i.eaBase];
        }
        if (i.eaIndex >= 0) {
            a += r[i.eaIndex] << i.eaScale;
        }
        return i.addressSize32 ? a : a & 0xFFFF;
    }

    final int readE8(Instruction i) {
        return i.mod == 3 ? reg8(i.rm) : read8(i.segment, ea(i));
    }

    final int readE16(Instruction i) {
        return i.mod == 3 ? r[i.rm] & 0xFFFF : read16(i.segment, ea(i));
    }

    final int readE32(Instruction i) {
        return i.mod == 3 ? r[i.rm] : read32(i.segment, ea(i));
    }

    final int readE(Instruction i, int size) {
        return size == 4 ? readE32(i) : size == 2 ? readE16(i) : readE8(i);
    }

    final void writeE8(Instruction i, int v) {
        if (i.mod == 3) {
            setReg8(i.rm, v);
        } else {
            write8(i.segment, ea(i), v);
        }
    }

    final void writeE16(Instruction i, int v) {
        if (i.mod == 3) {
            setReg16(i.rm, v);
        } else {
            write16(i.segment, ea(i), v);
        }
    }

    final void writeE32(Instruction i, int v) {
        if (i.mod == 3) {
            r[i.rm] = v;
        } else {
            write32(i.segment, ea(i), v);
        }
    }

    final void writeE(Instruction i, int size, int v) {
        if (size == 4) {
            writeE32(i, v);
        } else if (size == 2) {
            writeE16(i, v);
        } else {
            writeE8(i, v);
        }
    }

    /** Register by size (1: byte register encoding, 2, 4). */
    final int getReg(int n, int size) {
        return size == 4 ? r[n] : size == 2 ? r[n] & 0xFFFF : reg8(n);
    }

    final void putReg(int n, int size, int v) {
        if (size == 4) {
            r[n] = v;
        } else if (size == 2) {
            setReg16(n, v);
        } else {
            setReg8(n, v);
        }
    }

    // ---- stack --------------------------------------------------------------------------------------------

    /** Stack pointer per SS.B (ESP or SP). */
    final int sp() {
        return seg[SS].big() ? r[ESP] : r[ESP] & 0xFFFF;
    }

    final void setSp(int v) {
        if (seg[SS].big()) {
            r[ESP] = v;
        } else {
            setReg16(ESP, v);
        }
    }

    /** {@code sp} adjusted by {@code delta} with the stack's address size wrap. */
    final int spAdd(int sp, int delta) {
        return seg[SS].big() ? sp + delta : (sp + delta) & 0xFFFF;
    }

    final void push32(int v) {
        int sp = spAdd(sp(), -4);
        write32(SS, sp, v);
        setSp(sp);
    }

    final void push16(int v) {
        int sp = spAdd(sp(), -2);
        write16(SS, sp, v);
        setSp(sp);
    }

    final void push(int v, int size) {
        if (size == 4) {
            push32(v);
        } else {
            push16(v);
        }
    }

    final int pop32() {
        int sp = sp();
        int v = read32(SS, sp);
        setSp(spAdd(sp, 4));
        return v;
    }

    final int pop16() {
        int sp = sp();
        int v = read16(SS, sp);
        setSp(spAdd(sp, 2));
        return v;
    }

    final int pop(int size) {
        return size == 4 ? pop32() : pop16();
    }

    // ---- guest accesses on behalf of a VMM (binary-translation callouts) ----------------------------------------
    // Each goes through segmentation and paging with the current CPL and raises the architectural fault
    // (thrown as the instruction's fault: call them only while an instruction executes, e.g. from
    // CpuHooks#beforeInstruction). Reads come before writes so that a faulting callout is restartable.

    /** Reads {@code size} (1, 2, 4) bytes at {@code s:off}. */
    public final int vmmRead(int s, int off, int size) {
        return read(s, off, size);
    }

    /** Writes {@code size} bytes at {@code s:off}. */
    public final void vmmWrite(int s, int off, int size, int v) {
        write(s, off, size, v);
    }

    /** The effective address (offset) of {@code i}'s memory operand. */
    public final int vmmEffectiveAddress(Instruction i) {
        return ea(i);
    }

    /** Reads {@code i}'s r/m operand (register or memory) of {@code size} bytes. */
    public final int vmmReadRm(Instruction i, int size) {
        return readE(i, size);
    }

    /** Writes {@code i}'s r/m operand of {@code size} bytes. */
    public final void vmmWriteRm(Instruction i, int size, int v) {
        writeE(i, size, v);
    }

    /** Pushes {@code size} (2 or 4) bytes on SS:ESP. */
    public final void vmmPush(int v, int size) {
        push(v, size);
    }

    /** Pops {@code size} bytes from SS:ESP. */
    public final int vmmPop(int size) {
        return pop(size);
    }
}
