package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.ECX;
import static dev.ringmaster.engine.cpu.SegmentRegister.CS;
import static dev.ringmaster.engine.cpu.SegmentRegister.SS;

/**
 * Control transfer: JMP, Jcc, CALL, RET (near, relative and indirect), LOOP/LOOPE/LOOPNE, JCXZ/JECXZ,
 * far JMP/CALL/RET and IRET (via {@link FarTransfers}), INT n, INT3, INTO, INT1 and BOUND. Near
 * targets are truncated to 16 bits with a 16-bit operand size and checked against the CS limit
 * (#GP(0) at the branch, EIP unchanged).
 */
final class ControlFlowOps {
    private ControlFlowOps() {
    }

    private static int target(Cpu c, Instruction i, int t) {
        if (!i.operandSize32) {
            t &= 0xFFFF;
        }
        if (Integer.compareUnsigned(t, c.seg[CS].limit) > 0) {
            throw c.gp(0);
        }
        return t;
    }

    static void jcc(Cpu c, Instruction i) {
        if (c.condition(i.entry.sub)) {
            c.nextEip = target(c, i, c.nextEip + i.imm);
        }
    }

    static void jmpRel(Cpu c, Instruction i) {
        c.nextEip = target(c, i, c.nextEip + i.imm);
    }

    /** JMP Jb/Jz or JMP Ev. */
    static void jmp(Cpu c, Instruction i) {
        if (i.hasModrm) {
            c.nextEip = target(c, i, c.readE(i, i.operandSize()));
        } else {
            jmpRel(c, i);
        }
    }

    /** CALL Jz or CALL Ev. */
    static void call(Cpu c, Instruction i) {
        int size = i.operandSize();
        int t = i.hasModrm ? c.readE(i, size) : c.nextEip + i.imm;
        t = target(c, i, t);
        c.push(c.nextEip, size);
        c.nextEip = t;
    }

    static void callRel32(Cpu c, Instruction i) {
        int t = c.nextEip + i.imm;
        if (Integer.compareUnsigned(t, c.seg[CS].limit) > 0) {
            throw c.gp(0);
        }
        c.push32(c.nextEip);
        c.nextEip = t;
    }

    /** RET / RET Iw. */
    static void ret(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sp = c.sp();
        int t = target(c, i, Protection.stackRead(c, sp, size));
        c.setSp(c.spAdd(sp, size + (i.immSize > 0 ? i.imm & 0xFFFF : 0)));
        c.nextEip = t;
    }

    static void ret32(Cpu c) {
        int sp = c.sp();
        int t = c.read32(SS, sp);
        if (Integer.compareUnsigned(t, c.seg[CS].limit) > 0) {
            throw c.gp(0);
        }
        c.setSp(c.spAdd(sp, 4));
        c.nextEip = t;
    }

    /** LOOPNE (sub 0), LOOPE (1), LOOP (2): the count register is CX or ECX by the address size. */
    static void loop(Cpu c, Instruction i) {
        int count;
        if (i.addressSize32) {
            count = c.r[ECX] - 1;
            c.r[ECX] = count;
        } else {
            count = (c.r[ECX] - 1) & 0xFFFF;
            c.setReg16(ECX, count);
        }
        boolean take = count != 0;
        if (i.entry.sub == 0) {
            take &= !c.zf();
        } else if (i.entry.sub == 1) {
            take &= c.zf();
        }
        if (take) {
            c.nextEip = target(c, i, c.nextEip + i.imm);
        }
    }

    static void jcxz(Cpu c, Instruction i) {
        int count = i.addressSize32 ? c.r[ECX] : c.r[ECX] & 0xFFFF;
        if (count == 0) {
            c.nextEip = target(c, i, c.nextEip + i.imm);
        }
    }

    /** CALL Ap / CALL Mp. */
    static void callFar(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sel;
        int off;
        if (i.hasModrm) {
            int ea = c.ea(i);
            off = c.read(i.segment, ea, size);
            sel = c.read16(i.segment, i.addressSize32 ? ea + size : (ea + size) & 0xFFFF);
        } else {
            off = i.imm;
            sel = i.imm2;
        }
        FarTransfers.callFar(c, sel, off, size, c.nextEip);
    }

    /** JMP Ap / JMP Mp. */
    static void jmpFar(Cpu c, Instruction i) {
        int size = i.operandSize();
        int sel;
        int off;
        if (i.hasModrm) {
            int ea = c.ea(i);
            off = c.read(i.segment, ea, size);
            sel = c.read16(i.segment, i.addressSize32 ? ea + size : (ea + size) & 0xFFFF);
        } else {
            off = i.imm;
            sel = i.imm2;
        }
        FarTransfers.jmpFar(c, sel, off, size);
    }

    static void retFar(Cpu c, Instruction i) {
        FarTransfers.retFar(c, i.operandSize(), i.immSize > 0 ? i.imm & 0xFFFF : 0);
    }

    static void iret(Cpu c, Instruction i) {
        FarTransfers.iret(c, i.operandSize());
    }

    static void intN(Cpu c, Instruction i) {
        c.deliver(i.imm & 0xFF, -1, CpuHooks.EventKind.SOFTWARE_INTERRUPT, c.nextEip);
    }

    static void int3(Cpu c) {
        c.deliver(Vector.BP, -1, CpuHooks.EventKind.SOFTWARE_EXCEPTION, c.nextEip);
    }

    static void into(Cpu c) {
        if (c.of()) {
            c.deliver(Vector.OF, -1, CpuHooks.EventKind.SOFTWARE_EXCEPTION, c.nextEip);
        }
    }

    static void int1(Cpu c) {
        c.deliver(Vector.DB, -1, CpuHooks.EventKind.PRIVILEGED_SOFTWARE_EXCEPTION, c.nextEip);
    }

    static void bound(Cpu c, Instruction i) {
        int size = i.operandSize();
        int ea = c.ea(i);
        int lower = c.read(i.segment, ea, size);
        int upper = c.read(i.segment, i.addressSize32 ? ea + size : (ea + size) & 0xFFFF, size);
        int index = c.getReg(i.reg, size);
        if (size == 2) {
            lower = (short) lower;
            upper = (short) upper;
            index = (short) index;
        }
        if (index < lower || index > upper) {
            throw c.fault(Vector.BR, -1);
        }
    }
}
