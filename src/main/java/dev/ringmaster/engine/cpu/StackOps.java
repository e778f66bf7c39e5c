package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EBP;
import static dev.ringmaster.engine.cpu.CpuState.ESP;
import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

/**
 * Stack instructions: PUSH/POP (register, memory, immediate, segment register), PUSHA/POPA,
 * PUSHF/POPF with the privilege rules, ENTER and LEAVE. Stack width follows SS.B; operand width
 * follows the operand size. Multi-push instructions commit ESP only after every write succeeded.
 */
final class StackOps {
    private StackOps() {
    }

    static void pushR32(Cpu c, Instruction i) {
        c.push32(c.r[i.xa]);
    }

    static void popR32(Cpu c, Instruction i) {
        int v = c.pop32();
        c.r[i.xa] = v;
    }

    /** PUSH Zv / Ev / Iz / Ibs. */
    static void push(Cpu c, Instruction i) {
        int size = i.operandSize();
        OperandType t = i.entry.operand(0);
        int v;
        if (t == OperandType.Zv) {
            v = c.getReg(i.opcodeReg, size); // PUSH ESP pushes the value before the decrement
        } else if (t == OperandType.Ev) {
            v = c.readE(i, size);
        } else {
            v = i.imm;
        }
        c.push(v, size);
    }

    /** POP Zv / Ev. */
    static void pop(Cpu c, Instruction i) {
        int size = i.operandSize();
        if (i.entry.operand(0) == OperandType.Zv || i.mod == 3) {
            int n = i.entry.operand(0) == OperandType.Zv ? i.opcodeReg : i.rm;
            int v = c.pop(size);
            c.putReg(n, size, v); // POP ESP: the popped value wins over the increment
            return;
        }
        // POP m: the address is computed with ESP already incremented (SDM vol. 2, POP).
        int sp = c.sp();
        int v = Protection.stackRead(c, sp, size);
        int oldEsp = c.r[ESP];
        c.setSp(c.spAdd(sp, size));
        try {
            c.write(i.segment, c.ea(i), size, v);
        } catch (CpuFault f) {
            c.r[ESP] = oldEsp;
            throw f;
        }
    }

    static void pushSeg(Cpu c, Instruction i) {
        c.push(c.seg[i.entry.sub].selector, i.operandSize());
    }

    static void popSeg(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sp = c.sp();
        int sel = Protection.stackRead(c, sp, size) & 0xFFFF;
        Protection.loadDataSegment(c, i.entry.sub, sel);
        c.setSp(c.spAdd(sp, size));
        if (i.entry.sub == SS) {
            c.interruptShadow = true;
            c.debugShadow = true;
        }
    }

    static void pusha(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sp = c.sp();
        int orig = c.r[ESP];
        for (int n = 0; n < 8; n++) {
            sp = c.spAdd(sp, -size);
            int v = n == ESP ? orig : c.r[n];
            c.write(SS, sp, size, v);
        }
        c.setSp(sp);
    }

    static void popa(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sp = c.sp();
        int[] vals = new int[8];
        for (int n = 7; n >= 0; n--) {
            vals[n] = Protection.stackRead(c, sp, size);
            sp = c.spAdd(sp, size);
        }
        for (int n = 0; n < 8; n++) {
            if (n != ESP) {
                c.putReg(n, size, vals[n]);
            }
        }
        c.setSp(sp);
    }

    /** PUSHF/PUSHFD: the image has VM and RF cleared. */
    static void pushf(Cpu c, Instruction i) {
        int f = c.getEflags() & ~(LazyFlags.VM | LazyFlags.RF);
        c.push(f, i.operandSize());
    }

    /**
     * POPF/POPFD (SDM vol. 2, POPF): IOPL changes only at CPL 0 and IF only when CPL &lt;= IOPL — both
     * silently; VM, VIF, VIP never change; RF is cleared.
     */
    static void popf(Cpu c, Instruction i) {
        int size = i.operandSize();
        int v = c.pop(size);
        int m = LazyFlags.ARITH | LazyFlags.TF | LazyFlags.DF | LazyFlags.NT;
        if (size == 4) {
            m |= LazyFlags.AC | LazyFlags.ID;
        }
        if (c.cpl == 0) {
            m |= LazyFlags.IOPL;
        }
        if (c.cpl <= c.iopl()) {
            m |= LazyFlags.IF;
        }
        c.setEflagsMasked(v, m);
        if (size == 4) {
            c.setEflagsMasked(0, LazyFlags.RF);
        }
    }

    static void enter(Cpu c, Instruction i) {
        int size = i.operandSize();
        int alloc = i.imm & 0xFFFF;
        int level = i.imm2 & 0x1F;
        boolean big = c.seg[SS].big();
        int sp = c.sp();
        sp = c.spAdd(sp, -size);
        c.write(SS, sp, size, c.r[EBP]);
        int frame = sp;
        int bp = big ? c.r[EBP] : c.r[EBP] & 0xFFFF;
        if (level > 0) {
            for (int k = 1; k < level; k++) {
                bp = c.spAdd(bp, -size);
                int v = Protection.stackRead(c, bp, size);
                sp = c.spAdd(sp, -size);
                c.write(SS, sp, size, v);
            }
            sp = c.spAdd(sp, -size);
            c.write(SS, sp, size, frame);
        }
        sp = c.spAdd(sp, -alloc);
        if ((sp & 0xFFFFFFFFL) > c.seg[SS].writeLimit) {
            c.checkSegment(SS, sp, 1, true); // the new stack top must be inside the segment (#SS)
        }
        c.putReg(EBP, size, frame);
        c.setSp(sp);
    }

    static void leave(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sp = c.seg[SS].big() ? c.r[EBP] : c.r[EBP] & 0xFFFF;
        int v = Protection.stackRead(c, sp, size);
        c.setSp(c.spAdd(sp, size));
        c.putReg(EBP, size, v);
    }
}
