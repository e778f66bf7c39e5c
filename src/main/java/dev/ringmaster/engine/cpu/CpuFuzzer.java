package dev.ringmaster.engine.cpu;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.PhysicalMemory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Issue 3: a malformed instruction stream never throws a host exception. A trial runs
 * {@value #CODE_BYTES} random bytes, with random general registers, on a bare CPU in one of four
 * {@link Mode}s, for at most {@value #MAX_INSTRUCTIONS} instructions. It ends in normal execution
 * (the instruction limit), HLT, an exception or software interrupt delivered through the IDT or IVT
 * (every vector leads to a HLT), or a shutdown (triple fault); anything that escapes {@link Cpu#run}
 * is a host exception — a bug — and is reported with the seed and the bytes that reproduce it.
 *
 * <p>A trial's bytes and registers depend only on its seed (not on the mode), so
 * {@code ringmaster fuzz --mode M --trials 1 --seed S} repeats trial S of mode M. Shared by
 * {@code CpuFuzzTest} (bounded) and the {@code fuzz} command (long runs).
 *
 * <p>An instance reuses its RAM between trials (cleared each time; a fresh CPU each time), so that
 * long runs do not churn through the garbage collector. Not thread-safe.
 */
public final class CpuFuzzer {
    /** Random code bytes per trial. */
    public static final int CODE_BYTES = 48;
    /** Instructions a trial may run. */
    public static final int MAX_INSTRUCTIONS = 2000;

    /** Outcome of a trial that ran to the instruction limit. */
    public static final String LIMIT = "normal execution (instruction limit)";
    /** Outcome of a trial that executed HLT without an event. */
    public static final String HLT = "HLT";
    /** Outcome of a trial that triple-faulted. */
    public static final String SHUTDOWN = "shutdown (triple fault)";
    /** Outcome of a trial that threw on the host. */
    public static final String HOST_EXCEPTION = "HOST EXCEPTION";

    /** Where the random code runs. */
    public enum Mode {
        /** Real mode, CS = DS = ES = SS = 0, IP = 0x7C00. */
        REAL("real"),
        /** Protected mode at CPL 0 in a 16-bit code segment (base 0x10000, limit 64 KiB), 32-bit data. */
        PM16("pm16"),
        /** 32-bit protected mode at CPL 0; segments with base 0 cover the 1 MiB of RAM. */
        PM32("pm32"),
        /** 32-bit protected mode at CPL 3 (privileged instructions fault, ports are denied). */
        USER("user");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** "real", "pm16", "pm32", "user". */
        public String id() {
            return id;
        }

        /** The mode with this id, or null. */
        public static Mode fromId(String id) {
            for (Mode m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * One trial: its mode, seed, code bytes, outcome ({@link #LIMIT}, {@link #HLT}, {@link #SHUTDOWN},
     * "exception #GP", "software interrupt (INT n)", ... or {@link #HOST_EXCEPTION}) and the host
     * exception, if any.
     */
    public record Trial(Mode mode, long seed, byte[] code, String outcome, long instructions, Throwable hostException) {
        /** How to reproduce it: mode, seed, bytes, and the exception with its first stack frames. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "mode %s, seed %d, bytes %s: %s after %d instructions", mode.id(),
                    seed, HexFormat.of().formatHex(code), outcome, instructions));
            if (hostException != null) {
                sb.append(": ").append(hostException);
                StackTraceElement[] st = hostException.getStackTrace();
                for (int k = 0; k < Math.min(8, st.length); k++) {
                    sb.append(System.lineSeparator()).append("      at ").append(st[k]);
                }
            }
            return sb.toString();
        }
    }

    /** Counts of a fuzz run: trials per mode, trials per outcome, and every trial that threw on the host. */
    public static final class Tally {
        private final Map<Mode, Long> trialsByMode = new EnumMap<>(Mode.class);
        private final Map<String, Long> outcomes = new TreeMap<>();
        private final List<Trial> hostExceptions = new ArrayList<>();

        public void add(Trial t) {
            trialsByMode.merge(t.mode(), 1L, Long::sum);
            outcomes.merge(t.outcome(), 1L, Long::sum);
            if (t.hostException() != null) {
                hostExceptions.add(t);
            }
        }

        public long trials() {
            return trialsByMode.values().stream().mapToLong(Long::longValue).sum();
        }

        public Map<Mode, Long> trialsByMode() {
            return Collections.unmodifiableMap(trialsByMode);
        }

        /** Outcome → number of trials, sorted by outcome. */
        public Map<String, Long> outcomes() {
            return Collections.unmodifiableMap(outcomes);
        }

        public List<Trial> hostExceptions() {
            return Collections.unmodifiableList(hostExceptions);
        }
    }

    private final PhysicalMemory mem = new PhysicalMemory(RAM, 0);
    private final IoBus io = new IoBus();
    private Cpu cpu;

    // Memory layout of a trial machine.
    private static final int RAM = 1 << 20;
    private static final int GDT = 0x1000;
    private static final int IDT = 0x2000;
    private static final int TSS = 0x3000;
    private static final int HANDLER = 0x8000;
    private static final int REAL_CODE = 0x7C00;
    private static final int CODE = 0x10000;
    private static final int STACK0 = 0x80000;
    private static final int STACK3 = 0x70000;
    private static final int CODE0 = 0x08, DATA0 = 0x10, CODE3 = 0x1B, DATA3 = 0x23, TSS_SEL = 0x28, CODE16 = 0x30;

    /** Runs trial {@code seed} in {@code mode}. Never throws: a host exception is the trial's outcome. */
    public Trial trial(Mode mode, long seed) {
        return trial(mode, seed, cpu -> { });
    }

    /** As {@link #trial(Mode, long)}; {@code beforeRun} may adjust the prepared CPU (tests). */
    Trial trial(Mode mode, long seed, Consumer<Cpu> beforeRun) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] code = new byte[CODE_BYTES];
        for (int i = 0; i < CODE_BYTES; i++) {
            code[i] = (byte) rnd.nextInt(256);
        }
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) {
            regs[r] = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(0x10000);
        }
        int[] first = {-1, -1}; // vector, event kind ordinal of the first delivery
        try {
            Cpu cpu = prepare(mode, code, regs);
            long start = cpu.instructions();
            cpu.setHooks(new CpuHooks() {
                @Override
                public void delivered(Cpu c, int vector, int errorCode, EventKind kind) {
                    if (first[0] < 0) {
                        first[0] = vector;
                        first[1] = kind.ordinal();
                    }
                }
            });
            beforeRun.accept(cpu);
            StopReason stop = cpu.run(MAX_INSTRUCTIONS, Long.MAX_VALUE);
            return new Trial(mode, seed, code, outcome(cpu, stop, first), cpu.instructions() - start, null);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e && !(t instanceof StackOverflowError)) {
                throw e; // out of memory and the like: not a finding about the CPU
            }
            return new Trial(mode, seed, code, HOST_EXCEPTION, cpu == null ? 0 : cpu.instructions(), t);
        }
    }

    private static String outcome(Cpu cpu, StopReason stop, int[] first) {
        if (cpu.isShutdown()) {
            return SHUTDOWN;
        }
        if (first[0] >= 0) {
            CpuHooks.EventKind kind = CpuHooks.EventKind.values()[first[1]];
            return switch (kind) {
                case SOFTWARE_INTERRUPT -> "software interrupt (INT n)";
                case SOFTWARE_EXCEPTION, PRIVILEGED_SOFTWARE_EXCEPTION -> "software exception " + Vector.name(first[0]);
                default -> "exception " + Vector.name(first[0]);
            };
        }
        return switch (stop) {
            case INSTRUCTION_LIMIT -> LIMIT;
            case HALTED, HALTED_FOREVER -> HLT;
            default -> stop.name();
        };
    }

    /** A fresh CPU on cleared RAM, no devices, descriptor tables whose every vector leads to HLT, and the code loaded. */
    private Cpu prepare(Mode mode, byte[] code, int[] regs) {
        if (cpu != null) {
            cpu.flushDecodedCode(); // unmarks the code pages of the previous trial
            cpu = null;
        }
        java.util.Arrays.fill(mem.array(), 0, RAM, (byte) 0);
        Cpu c = new Cpu(mem, io);
        cpu = c;
        mem.write8(HANDLER, 0xF4); // hlt
        mem.write8(HANDLER + 1, 0xEB); // jmp $-3 (back to the hlt)
        mem.write8(HANDLER + 2, 0xFD);
        System.arraycopy(regs, 0, c.r, 0, 8);
        if (mode == Mode.REAL) {
            for (int v = 0; v < 256; v++) {
                mem.write32(4 * v, (HANDLER >> 4) << 16); // 0800:0000
            }
            mem.load(REAL_CODE, code);
            for (int s = 0; s < 6; s++) {
                c.seg[s].loadReal(0);
            }
            c.seg[SegmentRegister.CS].set(0, 0, 0xFFFF, SegmentRegister.A_P | SegmentRegister.A_S
                    | SegmentRegister.A_CODE | SegmentRegister.A_RW | SegmentRegister.A_ACCESSED, true);
            c.setIdtr(0, 0x3FF);
            c.eip = REAL_CODE;
            c.r[CpuState.ESP] = 0x7000;
            c.segmentsChanged();
            return c;
        }
        // 32-bit segments cover the 1 MiB of RAM (byte granular): a REP string instruction with a huge
        // ECX then ends in #GP/#SS within a million iterations instead of running for minutes.
        setDescriptor(mem, GDT, 1, Descriptor.encode(0, RAM - 1, 0x9B, 0x4));
        setDescriptor(mem, GDT, 2, Descriptor.encode(0, RAM - 1, 0x93, 0x4));
        setDescriptor(mem, GDT, 3, Descriptor.encode(0, RAM - 1, 0xFB, 0x4));
        setDescriptor(mem, GDT, 4, Descriptor.encode(0, RAM - 1, 0xF3, 0x4));
        setDescriptor(mem, GDT, 5, Descriptor.encode(TSS, 104 + 8192 / 8, 0x89, 0));
        setDescriptor(mem, GDT, 6, Descriptor.encode(CODE, 0xFFFF, 0x9B, 0));
        for (int v = 0; v < 256; v++) {
            setDescriptor(mem, IDT, v, Descriptor.encodeGate(CODE0, HANDLER, 0xE, 3));
        }
        mem.write32(TSS + 4, STACK0);
        mem.write32(TSS + 8, DATA0);
        mem.write16(TSS + 102, 104);
        mem.fill(TSS + 104, 8192 / 8 + 1, 0xFF); // I/O bitmap: every port denied above IOPL
        mem.load(CODE, code);
        c.setGdtr(GDT, 7 * 8 - 1);
        c.setIdtr(IDT, 256 * 8 - 1);
        c.setControlRegisters(0x11, 0, 0);
        int cs = mode == Mode.PM16 ? CODE16 : mode == Mode.USER ? CODE3 : CODE0;
        c.seg[SegmentRegister.CS].load(cs, mem.read32(GDT + (cs & ~7)), mem.read32(GDT + (cs & ~7) + 4));
        c.setCplDirect(cs & 3);
        int data = mode == Mode.USER ? DATA3 : DATA0;
        for (int s : new int[] {SegmentRegister.ES, SegmentRegister.SS, SegmentRegister.DS, SegmentRegister.FS,
            SegmentRegister.GS}) {
            c.loadSegment(s, data);
        }
        c.tr.load(TSS_SEL, mem.read32(GDT + TSS_SEL), mem.read32(GDT + TSS_SEL + 4) | 0x200);
        c.eip = mode == Mode.PM16 ? 0 : CODE;
        c.r[CpuState.ESP] = mode == Mode.USER ? STACK3 : STACK0;
        c.segmentsChanged();
        return c;
    }

    private static void setDescriptor(PhysicalMemory mem, int table, int index, long d) {
        mem.write32(table + index * 8, (int) d);
        mem.write32(table + index * 8 + 4, (int) (d >>> 32));
    }
}
