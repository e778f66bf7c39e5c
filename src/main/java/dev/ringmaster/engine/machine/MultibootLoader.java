package dev.ringmaster.engine.machine;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.SegmentRegister;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Boots a Multiboot (version 0.6.96) kernel the way the specification's boot loader does: finds the
 * header in the first 8 KiB, loads the ELF32 segments at their physical addresses (or, with header
 * flag 16, the a.out kludge's load range and BSS), loads the modules page-aligned after the kernel,
 * builds the information structure (memory sizes, command line, modules with their strings, a
 * memory map, the boot loader name) and leaves the CPU as section 3.2 says: EAX = 0x2BADB002,
 * EBX = the information's physical address, flat 4 GiB code and data segments, CR0.PE = 1, PG = 0,
 * IF = 0, VM = 0, A20 enabled.
 */
public final class MultibootLoader {
    public static final int HEADER_MAGIC = 0x1BADB002;
    public static final int BOOTLOADER_MAGIC = 0x2BADB002;
    /** Where the information structure goes (low memory, as QEMU puts it). */
    public static final int INFO_ADDRESS = 0x9000;
    private static final int MODS_ADDRESS = 0x9100;
    private static final int MMAP_ADDRESS = 0x9400;
    private static final int STRINGS_ADDRESS = 0x9600;
    private static final int STRINGS_END = 0x9FC00;
    /** A GDT for the flat segments the kernel starts with: null, code (0x08), data (0x10). */
    private static final int GDT_ADDRESS = 0x8F00;
    public static final String BOOT_LOADER_NAME = "Ringmaster";

    /** A module: its bytes and command line. */
    public record Module(byte[] data, String cmdline) {
    }

    /** What was loaded where (for messages and tests). */
    public record Loaded(int entry, int kernelStart, int kernelEnd, int infoAddress, List<int[]> modules) {
    }

    private MultibootLoader() {
    }

    /** Offset of a valid Multiboot header in the first 8 KiB, or -1. */
    public static int findHeader(byte[] image) {
        ByteBuffer bb = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int end = Math.min(8192, image.length) - 12;
        for (int off = 0; off <= end; off += 4) {
            if (bb.getInt(off) == HEADER_MAGIC && bb.getInt(off) + bb.getInt(off + 4) + bb.getInt(off + 8) == 0) {
                return off;
            }
        }
        return -1;
    }

    public static Loaded load(Machine m, byte[] kernel, List<Module> modules, String cmdline) {
        int h = findHeader(kernel);
        if (h < 0) {
            throw new IllegalArgumentException("no Multiboot header in the first 8 KiB of the kernel");
        }
        ByteBuffer bb = ByteBuffer.wrap(kernel).order(ByteOrder.LITTLE_ENDIAN);
        int flags = bb.getInt(h + 4);
        int unknown = flags & 0xFFF8;
        if (unknown != 0) {
            throw new IllegalArgumentException(String.format("the kernel requires Multiboot features 0x%04X this boot"
                    + " loader does not know", unknown));
        }
        PhysicalMemory mem = m.memory();
        int entry;
        int start;
        int end;
        if ((flags & 0x10000) != 0) {
            if (h + 32 > kernel.length) {
                throw new IllegalArgumentException("Multiboot a.out kludge fields truncated");
            }
            int headerAddr = bb.getInt(h + 12);
            int loadAddr = bb.getInt(h + 16);
            int loadEnd = bb.getInt(h + 20);
            int bssEnd = bb.getInt(h + 24);
            entry = bb.getInt(h + 28);
            long fileOff = h - ((headerAddr & 0xFFFFFFFFL) - (loadAddr & 0xFFFFFFFFL));
            long len = loadEnd == 0 ? kernel.length - fileOff : (loadEnd & 0xFFFFFFFFL) - (loadAddr & 0xFFFFFFFFL);
            if (fileOff < 0 || len < 0 || fileOff + len > kernel.length) {
                throw new IllegalArgumentException("Multiboot a.out kludge addresses do not fit the file");
            }
            checkRange(mem, loadAddr, len, "kernel");
            mem.load(loadAddr, kernel, (int) fileOff, (int) len);
            start = loadAddr;
            end = (int) (loadAddr + len);
            if (bssEnd != 0 && Integer.compareUnsigned(bssEnd, end) > 0) {
                checkRange(mem, end, (bssEnd & 0xFFFFFFFFL) - (end & 0xFFFFFFFFL), "kernel BSS");
                mem.fill(end, bssEnd - end, 0);
                end = bssEnd;
            }
        } else {
            ElfFile elf = ElfFile.parse(kernel);
            entry = elf.entry();
            long lo = Long.MAX_VALUE;
            long hi = 0;
            for (ElfFile.Segment s : elf.segments()) {
                checkRange(mem, s.paddr(), s.memSize() & 0xFFFFFFFFL, "kernel segment");
                mem.load(s.paddr(), elf.bytes(s));
                mem.fill(s.paddr() + s.fileSize(), s.memSize() - s.fileSize(), 0);
                lo = Math.min(lo, s.paddr() & 0xFFFFFFFFL);
                hi = Math.max(hi, (s.paddr() & 0xFFFFFFFFL) + (s.memSize() & 0xFFFFFFFFL));
                boolean exec = (s.flags() & 1) != 0;
                if (exec && s.vaddr() != s.paddr() && Integer.compareUnsigned(elf.entry(), s.vaddr()) >= 0
                        && Integer.compareUnsigned(elf.entry() - s.vaddr(), s.fileSize()) < 0) {
                    entry = elf.entry() - s.vaddr() + s.paddr();
                }
            }
            start = (int) lo;
            end = (int) hi;
        }

        // Modules, page aligned after the kernel.
        List<int[]> placed = new ArrayList<>();
        long next = ((end & 0xFFFFFFFFL) + 0xFFF) & ~0xFFFL;
        for (Module mod : modules) {
            checkRange(mem, (int) next, mod.data().length, "module");
            mem.load((int) next, mod.data());
            placed.add(new int[] {(int) next, (int) (next + mod.data().length)});
            next = (next + mod.data().length + 0xFFF) & ~0xFFFL;
        }

        // Strings.
        int[] strPtr = {STRINGS_ADDRESS};
        int cmdAddr = putString(mem, strPtr, cmdline == null ? "" : cmdline);
        int nameAddr = putString(mem, strPtr, BOOT_LOADER_NAME);
        for (int k = 0; k < modules.size(); k++) {
            String mc = modules.get(k).cmdline();
            int a = putString(mem, strPtr, mc == null ? "" : mc);
            int e = MODS_ADDRESS + k * 16;
            if (e + 16 > MMAP_ADDRESS) {
                throw new IllegalArgumentException("too many modules (at most " + (MMAP_ADDRESS - MODS_ADDRESS) / 16 + ")");
            }
            mem.write32(e, placed.get(k)[0]);
            mem.write32(e + 4, placed.get(k)[1]);
            mem.write32(e + 8, a);
            mem.write32(e + 12, 0);
        }

        // Memory map (like a PC BIOS's E820 table).
        int ram = mem.ramSize();
        long[][] map = {
            {0, 0x9FC00, 1},
            {0x9FC00, 0x400, 2},
            {0xF0000, 0x10000, 2},
            {0x100000, ram - 0x100000L, 1},
            {0xFFFC0000L, 0x40000, 2},
        };
        int p = MMAP_ADDRESS;
        for (long[] e : map) {
            mem.write32(p, 20);
            mem.write32(p + 4, (int) e[0]);
            mem.write32(p + 8, (int) (e[0] >>> 32));
            mem.write32(p + 12, (int) e[1]);
            mem.write32(p + 16, (int) (e[1] >>> 32));
            mem.write32(p + 20, (int) e[2]);
            p += 24;
        }

        int info = INFO_ADDRESS;
        mem.fill(info, 88, 0);
        int infoFlags = 1 | 2 | 4 | 8 | 64 | 512;
        mem.write32(info, infoFlags);
        mem.write32(info + 4, 640);
        mem.write32(info + 8, Math.max(0, ram / 1024 - 1024));
        mem.write32(info + 12, 0x8000FFFF);
        mem.write32(info + 16, cmdAddr);
        mem.write32(info + 20, modules.size());
        mem.write32(info + 24, MODS_ADDRESS);
        mem.write32(info + 44, p - MMAP_ADDRESS);
        mem.write32(info + 48, MMAP_ADDRESS);
        mem.write32(info + 64, nameAddr);

        setBootState(m, entry, info);
        return new Loaded(entry, start, end, info, placed);
    }

    private static void checkRange(PhysicalMemory mem, int at, long len, String what) {
        long a = at & 0xFFFFFFFFL;
        if (a + len > mem.ramSize()) {
            throw new IllegalArgumentException(String.format("%s at 0x%08X (%d bytes) does not fit in %d MiB of RAM",
                    what, a, len, mem.ramSize() >> 20));
        }
        if (len > 0 && a < STRINGS_END && a + len > GDT_ADDRESS) {
            throw new IllegalArgumentException(String.format("%s at 0x%08X overlaps the Multiboot information"
                    + " area (0x8F00-0x9FC00)", what, a));
        }
    }

    private static int putString(PhysicalMemory mem, int[] ptr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int at = ptr[0];
        if (at + b.length + 1 > STRINGS_END) {
            throw new IllegalArgumentException("command lines too long for the Multiboot information area");
        }
        mem.load(at, b);
        mem.write8(at + b.length, 0);
        ptr[0] = at + b.length + 1;
        return at;
    }

    /** The machine state of the Multiboot specification, section 3.2. */
    static void setBootState(Machine m, int entry, int info) {
        Cpu cpu = m.cpu();
        PhysicalMemory mem = m.memory();
        cpu.reset();
        mem.write32(GDT_ADDRESS, 0);
        mem.write32(GDT_ADDRESS + 4, 0);
        mem.write32(GDT_ADDRESS + 8, 0x0000FFFF);
        mem.write32(GDT_ADDRESS + 12, 0x00CF9B00);
        mem.write32(GDT_ADDRESS + 16, 0x0000FFFF);
        mem.write32(GDT_ADDRESS + 20, 0x00CF9300);
        cpu.setGdtr(GDT_ADDRESS, 23);
        cpu.setIdtr(0, 0x3FF);
        cpu.setA20(true);
        cpu.setControlRegisters(CpuState.CR0_PE | CpuState.CR0_ET, 0, 0);
        int code = SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_CODE | SegmentRegister.A_RW
                | SegmentRegister.A_ACCESSED | SegmentRegister.A_DB | SegmentRegister.A_G;
        int data = SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_RW | SegmentRegister.A_ACCESSED
                | SegmentRegister.A_DB | SegmentRegister.A_G;
        cpu.segment(SegmentRegister.CS).set(0x08, 0, 0xFFFFFFFF, code, true);
        for (int s : new int[] {SegmentRegister.ES, SegmentRegister.SS, SegmentRegister.DS, SegmentRegister.FS,
            SegmentRegister.GS}) {
            cpu.segment(s).set(0x10, 0, 0xFFFFFFFF, data, true);
        }
        cpu.setCplDirect(0);
        cpu.segmentsChanged();
        cpu.setEflags(2);
        for (int r = 0; r < 8; r++) {
            cpu.setReg(r, 0);
        }
        cpu.setReg(CpuState.EAX, BOOTLOADER_MAGIC);
        cpu.setReg(CpuState.EBX, info);
        cpu.setReg(CpuState.ESP, 0x7C00);
        cpu.setEip(entry);
    }
}
