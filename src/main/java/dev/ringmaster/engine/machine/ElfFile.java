package dev.ringmaster.engine.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A 32-bit little-endian ELF executable for IA-32 (System V ABI, Intel386 supplement): its entry
 * point and loadable segments. Malformed files give an {@link IllegalArgumentException} with the
 * reason; nothing is half-read.
 */
public final class ElfFile {
    public static final int PT_LOAD = 1;
    public static final int EM_386 = 3;

    /** A PT_LOAD program header with its file bytes. */
    public record Segment(int vaddr, int paddr, int fileOffset, int fileSize, int memSize, int flags) {
    }

    private final int entry;
    private final List<Segment> segments;
    private final byte[] data;

    private ElfFile(byte[] data, int entry, List<Segment> segments) {
        this.data = data;
        this.entry = entry;
        this.segments = List.copyOf(segments);
    }

    public static boolean isElf(byte[] b) {
        return b.length >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    public static ElfFile parse(byte[] b) {
        if (!isElf(b)) {
            throw new IllegalArgumentException("not an ELF file (no \\x7fELF magic)");
        }
        if (b.length < 52) {
            throw new IllegalArgumentException("ELF header truncated");
        }
        if (b[4] != 1) {
            throw new IllegalArgumentException("not a 32-bit ELF file (EI_CLASS " + b[4] + ")");
        }
        if (b[5] != 1) {
            throw new IllegalArgumentException("not a little-endian ELF file");
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int type = bb.getShort(16) & 0xFFFF;
        int machine = bb.getShort(18) & 0xFFFF;
        if (machine != EM_386) {
            throw new IllegalArgumentException("ELF machine " + machine + " is not Intel 80386 (3)");
        }
        if (type != 2) {
            throw new IllegalArgumentException("ELF type " + type + " is not an executable (ET_EXEC)");
        }
        int entry = bb.getInt(24);
        long phoff = bb.getInt(28) & 0xFFFFFFFFL;
        int phentsize = bb.getShort(42) & 0xFFFF;
        int phnum = bb.getShort(44) & 0xFFFF;
        if (phnum > 0 && phentsize < 32) {
            throw new IllegalArgumentException("ELF program header entries too small: " + phentsize);
        }
        if (phoff + (long) phnum * phentsize > b.length) {
            throw new IllegalArgumentException("ELF program headers run past the end of the file");
        }
        List<Segment> segs = new ArrayList<>();
        for (int k = 0; k < phnum; k++) {
            int p = (int) phoff + k * phentsize;
            if (bb.getInt(p) != PT_LOAD) {
                continue;
            }
            int off = bb.getInt(p + 4);
            int vaddr = bb.getInt(p + 8);
            int paddr = bb.getInt(p + 12);
            int filesz = bb.getInt(p + 16);
            int memsz = bb.getInt(p + 20);
            int flags = bb.getInt(p + 24);
            if ((off & 0xFFFFFFFFL) + (filesz & 0xFFFFFFFFL) > b.length) {
                throw new IllegalArgumentException("ELF segment " + k + " runs past the end of the file");
            }
            if (Integer.compareUnsigned(filesz, memsz) > 0) {
                throw new IllegalArgumentException("ELF segment " + k + " has p_filesz > p_memsz");
            }
            segs.add(new Segment(vaddr, paddr, off, filesz, memsz, flags));
        }
        if (segs.isEmpty()) {
            throw new IllegalArgumentException("ELF file has no loadable segment");
        }
        return new ElfFile(b, entry, segs);
    }

    public int entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The file bytes of a segment. */
    public byte[] bytes(Segment s) {
        byte[] out = new byte[s.fileSize()];
        System.arraycopy(data, s.fileOffset(), out, 0, s.fileSize());
        return out;
    }
}
