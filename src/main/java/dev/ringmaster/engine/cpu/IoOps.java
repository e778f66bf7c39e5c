package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.CpuState.EAX;
import static dev.ringmaster.engine.cpu.CpuState.EDI;
import static dev.ringmaster.engine.cpu.CpuState.EDX;
import static dev.ringmaster.engine.cpu.CpuState.ESI;
import static dev.ringmaster.engine.cpu.SegmentRegister.ES;

/**
 * Port I/O: IN, OUT, INS, OUTS. In protected mode with CPL &gt; IOPL every byte of the port range
 * must be allowed by the I/O permission bitmap of the current 32-bit TSS, else #GP(0) (SDM vol. 1,
 * 19.5). The VMM sees each access first ({@link CpuHooks#beforeIo}).
 */
final class IoOps {
    private IoOps() {
    }

    static void checkPermission(Cpu c, int port, int size) {
        if (c.realMode() || c.cpl <= c.iopl()) {
            return;
        }
        SegmentRegister tr = c.tr;
        if (!tr.valid || (tr.type() & 8) == 0 || Integer.compareUnsigned(tr.limit, 103) < 0) {
            throw c.gp(0);
        }
        int base = c.mmu.readSys16(tr.base + 102);
        int off = base + (port >>> 3);
        if (Integer.compareUnsigned(off + 1, tr.limit) > 0) {
            throw c.gp(0);
        }
        int bits = c.mmu.readSys16(tr.base + off);
        int mask = ((1 << size) - 1) << (port & 7);
        if ((bits & mask) != 0) {
            throw c.gp(0);
        }
    }

    static int in(Cpu c, int port, int size) {
        if (c.hooks != null) {
            long r = c.hooks.beforeIo(c, port, size, false, 0);
            if (r != CpuHooks.NOT_HANDLED) {
                return (int) r & AluOps.mask(size);
            }
        }
        if (c.ioTimeSync != null) {
            c.ioTimeSync.run();
        }
        int v = c.io.read(port, size);
        if (c.hooks != null) {
            c.hooks.afterIo(c, port, size, false, v);
        }
        return v;
    }

    static void out(Cpu c, int port, int size, int v) {
        v &= AluOps.mask(size);
        if (c.hooks != null && c.hooks.beforeIo(c, port, size, true, v) != CpuHooks.NOT_HANDLED) {
            return;
        }
        if (c.ioTimeSync != null) {
            c.ioTimeSync.run();
        }
        c.io.write(port, size, v);
        if (c.hooks != null) {
            c.hooks.afterIo(c, port, size, true, v);
        }
    }

    private static int port(Cpu c, Instruction i) {
        return i.immSize > 0 ? i.imm & 0xFF : c.r[EDX] & 0xFFFF;
    }

    static void inInsn(Cpu c, Instruction i) {
        int size = i.entry.operand(0) == OperandType.AL ? 1 : i.operandSize();
        int port = port(c, i);
        checkPermission(c, port, size);
        c.putReg(EAX, size, in(c, port, size));
    }

    static void outInsn(Cpu c, Instruction i) {
        int size = i.entry.operand(1) == OperandType.AL ? 1 : i.operandSize();
        int port = port(c, i);
        checkPermission(c, port, size);
        out(c, port, size, c.getReg(EAX, size));
    }

    static void ins(Cpu c, Instruction i) {
        int size = i.xsize;
        int port = c.r[EDX] & 0xFFFF;
        boolean a32 = i.addressSize32;
        checkPermission(c, port, size);
        int d = StringOps.delta(c, size);
        if (i.repPrefix == 0) {
            insOnce(c, port, size, a32, d);
            return;
        }
        while (StringOps.count(c, a32) != 0) {
            insOnce(c, port, size, a32, d);
            StringOps.decrementCount(c, a32);
        }
    }

    private static void insOnce(Cpu c, int port, int size, boolean a32, int d) {
        int di = StringOps.index(c, EDI, a32);
        c.checkWritable(ES, di, size);
        c.write(ES, di, size, in(c, port, size));
        StringOps.advance(c, EDI, d, a32);
    }

    static void outs(Cpu c, Instruction i) {
        int size = i.xsize;
        int port = c.r[EDX] & 0xFFFF;
        boolean a32 = i.addressSize32;
        checkPermission(c, port, size);
        int d = StringOps.delta(c, size);
        if (i.repPrefix == 0) {
            out(c, port, size, c.read(i.segment, StringOps.index(c, ESI, a32), size));
            StringOps.advance(c, ESI, d, a32);
            return;
        }
        while (StringOps.count(c, a32) != 0) {
            out(c, port, size, c.read(i.segment, StringOps.index(c, ESI, a32), size));
            StringOps.advance(c, ESI, d, a32);
            StringOps.decrementCount(c, a32);
        }
    }
}
