package dev.ringmaster.engine.cpu;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IoDevice;
import dev.ringmaster.engine.machine.PhysicalMemory;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;

/**
 * A bare CPU with RAM and an I/O bus for unit tests, in real mode or in flat 32-bit protected mode
 * with a ready GDT (and an IDT whose vectors all point at a {@code hlt} stub unless the test sets
 * its own). Port 0xE9 collects bytes written to it; port 0x501 stops the run (like isa-debug-exit).
 */
final class CpuHarness {
    static final int GDT = 0x1000;
    static final int IDT = 0x2000;
    static final int TSS = 0x3000;
    static final int CODE = 0x10000;
    static final int STACK_TOP = 0x80000;
    static final int STACK3_TOP = 0x70000;
    static final int HANDLERS = 0x8000;

    /** Selectors of the prepared GDT. */
    static final int CODE0 = 0x08, DATA0 = 0x10, CODE3 = 0x1B, DATA3 = 0x23, TSS_SEL = 0x28, CODE1 = 0x31,
            DATA1 = 0x39, CODE16 = 0x40, DATA16 = 0x48, CODE2 = 0x52, DATA2 = 0x5A;

    final PhysicalMemory mem = new PhysicalMemory(8 << 20, 256 << 10);
    final IoBus io = new IoBus();
    final Cpu cpu = new Cpu(mem, io);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exitCode = -1;

    CpuHarness() {
        io.register(0xE9, 0xE9, new Port("e9") {
            @Override
            public void ioWrite(int port, int size, int value) {
                out.write(value);
            }
        });
        io.register(0x501, 0x502, new Port("debug-exit") {
            @Override
            public void ioWrite(int port, int size, int value) {
                exitCode = (value << 1) | 1;
                cpu.requestStop("debug exit");
            }
        });
    }

    abstract static class Port implements IoDevice {
        private final String name;

        Port(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void reset() {
        }

        @Override
        public void saveState(DataOutput o) {
        }

        @Override
        public void loadState(DataInput i) {
        }

        @Override
        public int ioRead(int port, int size) {
            return 0;
        }

        @Override
        public void ioWrite(int port, int size, int value) {
        }
    }

    static long descriptor(int base, int limit, int access, int flags) {
        return Descriptor.encode(base, limit, access, flags);
    }

    static long gate(int selector, int offset, int type, int dpl) {
        return Descriptor.encodeGate(selector, offset, type, dpl);
    }

    void setGdt(int index, long d) {
        mem.write32(GDT + index * 8, (int) d);
        mem.write32(GDT + index * 8 + 4, (int) (d >>> 32));
    }

    void setIdt(int vector, long g) {
        mem.write32(IDT + vector * 8, (int) g);
        mem.write32(IDT + vector * 8 + 4, (int) (g >>> 32));
    }

    /** Real mode, CS = DS = ES = SS = 0, IP = {@code ip}, SP = 0x7000. */
    static CpuHarness real(int ip, byte[] code) {
        CpuHarness h = new CpuHarness();
        h.mem.load(ip, code);
        Cpu c = h.cpu;
        for (int s = 0; s < 6; s++) {
            c.seg[s].loadReal(0);
        }
        c.seg[SegmentRegister.CS].set(0, 0, 0xFFFF, SegmentRegister.A_P | SegmentRegister.A_S
                | SegmentRegister.A_CODE | SegmentRegister.A_RW | SegmentRegister.A_ACCESSED, true);
        c.setIdtr(0, 0x3FF);
        c.eip = ip;
        c.r[CpuState.ESP] = 0x7000;
        c.segmentsChanged();
        return h;
    }

    /** Flat 32-bit protected mode at CPL 0, code loaded at {@link #CODE}, ESP = {@link #STACK_TOP}. */
    static CpuHarness flat32(byte[] code) {
        CpuHarness h = new CpuHarness();
        h.buildTables();
        h.mem.load(CODE, code);
        Cpu c = h.cpu;
        c.setGdtr(GDT, 16 * 8 - 1);
        c.setIdtr(IDT, 256 * 8 - 1);
        c.setControlRegisters(0x11, 0, 0);
        c.seg[SegmentRegister.CS].load(CODE0, (int) h.gdtLo(1), (int) h.gdtHi(1));
        c.setCplDirect(0);
        for (int s : new int[] {SegmentRegister.ES, SegmentRegister.SS, SegmentRegister.DS, SegmentRegister.FS,
            SegmentRegister.GS}) {
            c.loadSegment(s, DATA0);
        }
        c.tr.load(TSS_SEL, (int) h.gdtLo(5), (int) h.gdtHi(5) | 0x200);
        c.eip = CODE;
        c.r[CpuState.ESP] = STACK_TOP;
        c.segmentsChanged();
        return h;
    }

    long gdtLo(int index) {
        return mem.read32(GDT + index * 8) & 0xFFFFFFFFL;
    }

    long gdtHi(int index) {
        return mem.read32(GDT + index * 8 + 4) & 0xFFFFFFFFL;
    }

    private void buildTables() {
        setGdt(0, 0);
        setGdt(1, descriptor(0, 0xFFFFF, 0x9B, 0xC));
        setGdt(2, descriptor(0, 0xFFFFF, 0x93, 0xC));
        setGdt(3, descriptor(0, 0xFFFFF, 0xFB, 0xC));
        setGdt(4, descriptor(0, 0xFFFFF, 0xF3, 0xC));
        setGdt(5, descriptor(TSS, 104 + 8192 / 8, 0x89, 0x0));
        setGdt(6, descriptor(0, 0xFFFFF, 0xBB, 0xC));
        setGdt(7, descriptor(0, 0xFFFFF, 0xB3, 0xC));
        setGdt(8, descriptor(0, 0xFFFF, 0x9B, 0x0));
        setGdt(9, descriptor(0, 0xFFFF, 0x93, 0x0));
        setGdt(10, descriptor(0, 0xFFFFF, 0xDB, 0xC));
        setGdt(11, descriptor(0, 0xFFFFF, 0xD3, 0xC));
        // TSS: ring stacks, I/O bitmap right after the 104-byte header, all ports denied.
        mem.write32(TSS + 4, STACK_TOP);
        mem.write32(TSS + 8, DATA0);
        mem.write32(TSS + 12, 0x60000);
        mem.write32(TSS + 16, DATA1);
        mem.write32(TSS + 20, 0x50000);
        mem.write32(TSS + 24, DATA2);
        mem.write16(TSS + 102, 104);
        for (int i = 0; i < 8192 / 8; i++) {
            mem.write8(TSS + 104 + i, 0xFF);
        }
        mem.write8(TSS + 104 + 8192 / 8, 0xFF);
        // Every vector: an interrupt gate to a stub that records vector, error code, EIP, CS (at REC),
        // writes the vector to port 0xE9 and halts.
        mem.load(HANDLERS, handlerStubs());
        for (int v = 0; v < 256; v++) {
            setIdt(v, gate(CODE0, HANDLERS + v * 16, 0xE, 0));
        }
    }

    /** Where the default exception stubs record: vector, error code (-1: none), EIP, CS, EFLAGS, count. */
    static final int REC = 0x6000;
    private static byte[] stubs;

    private static synchronized byte[] handlerStubs() {
        if (stubs == null) {
            stubs = Nasm.assemble("""
                    bits 32
                    org 0x8000
                    %assign v 0
                    %rep 256
                        align 16
                      %if v == 8 || (v >= 10 && v <= 14) || v == 17
                        push dword v
                        jmp err_common
                      %else
                        push dword -1
                        push dword v
                        jmp err_common
                      %endif
                    %assign v v+1
                    %endrep
                        align 16
                    err_common:
                        pop dword [ss:0x6000]
                        pop dword [ss:0x6004]
                        push eax
                        mov eax, [esp + 4]
                        mov [ss:0x6008], eax
                        mov eax, [esp + 8]
                        mov [ss:0x600C], eax
                        mov eax, [esp + 12]
                        mov [ss:0x6010], eax
                        inc dword [ss:0x6014]
                        mov eax, [ss:0x6000]
                        out 0xE9, al
                        pop eax
                        hlt
                        jmp $-1
                    """);
        }
        return stubs;
    }

    int recVector() {
        return mem.read32(REC);
    }

    int recError() {
        return mem.read32(REC + 4);
    }

    int recEip() {
        return mem.read32(REC + 8);
    }

    int recCs() {
        return mem.read32(REC + 12) & 0xFFFF;
    }

    int recEflags() {
        return mem.read32(REC + 16);
    }

    int recCount() {
        return mem.read32(REC + 20);
    }

    /** Allows ports {@code first..last} in the TSS I/O bitmap. */
    void allowPorts(int first, int last) {
        for (int p = first; p <= last; p++) {
            int a = TSS + 104 + (p >>> 3);
            mem.write8(a, mem.read8(a) & ~(1 << (p & 7)));
        }
    }

    StopReason run(long n) {
        return cpu.run(n, Long.MAX_VALUE);
    }

    /** Runs until HLT (or the limit); returns why it stopped. */
    StopReason runToHalt() {
        return run(10_000_000);
    }

    int reg(int n) {
        return cpu.reg(n);
    }

    String output() {
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Bytes written to port 0xE9 as unsigned ints (vectors recorded by the default IDT stubs). */
    int[] outputBytes() {
        byte[] b = out.toByteArray();
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] & 0xFF;
        }
        return r;
    }
}
