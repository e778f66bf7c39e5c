package dev.ringmaster.engine.cpu;

/**
 * The IA-32 register file and the rest of the architectural state that a snapshot must keep:
 * general registers, EIP, EFLAGS (with the lazy-flags state, see {@link LazyFlags}), segment
 * registers with their descriptor caches, GDTR/IDTR/LDTR/TR, CR0/CR2/CR3/CR4, DR0–DR7, CPL, a few
 * MSRs, the halted state and the interrupt shadow, and the retired-instruction and simulated-cycle
 * counters.
 */
public class CpuState extends LazyFlags {
    public static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    public static final String[] REG32 = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};
    public static final String[] REG16 = {"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI"};
    public static final String[] REG8 = {"AL", "CL", "DL", "BL", "AH", "CH", "DH", "BH"};

    public static final int CR0_PE = 1, CR0_MP = 1 << 1, CR0_EM = 1 << 2, CR0_TS = 1 << 3, CR0_ET = 1 << 4,
            CR0_NE = 1 << 5, CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1 << 29, CR0_CD = 1 << 30,
            CR0_PG = 1 << 31;
    public static final int CR4_VME = 1, CR4_PVI = 1 << 1, CR4_TSD = 1 << 2, CR4_DE = 1 << 3, CR4_PSE = 1 << 4,
            CR4_PAE = 1 << 5, CR4_MCE = 1 << 6, CR4_PGE = 1 << 7, CR4_PCE = 1 << 8;
    /**
     * CR4.UMIP (user-mode instruction prevention, Intel since 2017): SGDT, SIDT, SLDT, STR and SMSW raise #GP(0)
     * at CPL &gt; 0. The guest's CPU model does not offer it (not in {@link #CR4_SUPPORTED}: MOV CR4 with it faults,
     * as on the i386-class CPU QEMU is compared with); a VMM sets it directly in the real CPU it runs the guest on.
     */
    public static final int CR4_UMIP = 1 << 11;
    /** CR4 bits this CPU implements (writing others raises #GP(0)). */
    public static final int CR4_SUPPORTED = CR4_TSD | CR4_DE | CR4_PSE | CR4_PGE | CR4_MCE | CR4_PCE;

    /** General registers EAX…EDI. */
    final int[] r = new int[8];
    int eip;
    /** ES, CS, SS, DS, FS, GS. */
    final SegmentRegister[] seg = new SegmentRegister[6];
    final SegmentRegister ldtr = new SegmentRegister();
    final SegmentRegister tr = new SegmentRegister();
    int gdtrBase;
    int gdtrLimit;
    int idtrBase;
    int idtrLimit;
    int cr0;
    int cr2;
    int cr3;
    int cr4;
    final int[] dr = new int[8];
    /** Current privilege level (0 in real mode). */
    int cpl;
    /** HLT executed, waiting for an interrupt. */
    boolean halted;
    /** Interrupts (and single-step traps) are inhibited until after the next instruction (STI, MOV SS, POP SS). */
    boolean interruptShadow;
    /** The shadow was made by MOV SS / POP SS: debug traps are also held until after the next instruction. */
    boolean debugShadow;
    long instructions;
    /**
     * Retired instructions per {@link InstructionClass} ordinal, except the complete runs of live
     * decoded blocks, which the blocks count themselves ({@code Cpu.retiredByClass()} adds them).
     */
    final long[] classCounts = new long[InstructionClass.COUNT];
    /** Iterations executed by REP-prefixed string instructions (MOVS, CMPS, STOS, LODS, SCAS). */
    long stringIterations;
    long cycles;
    /** IA32_TIME_STAMP_COUNTER = cycles + tscOffset (WRMSR 0x10 changes the offset). */
    long tscOffset;
    int sysenterCs;
    int sysenterEsp;
    int sysenterEip;
    /** A20 gate: when false, physical address bit 20 is forced to zero. */
    boolean a20 = true;
    /**
     * VT-x-like CR0/CR4 guest/host masks and read shadows: reads of CR0 (MOV from CR0, SMSW) and CR4
     * return the shadow's bits where the mask is set. Both masks are 0 outside hardware-assisted runs.
     */
    int cr0GuestHostMask;
    int cr0ReadShadow;
    int cr4GuestHostMask;
    int cr4ReadShadow;

    CpuState() {
        for (int i = 0; i < 6; i++) {
            seg[i] = new SegmentRegister();
        }
    }

    // ---- general registers -------------------------------------------------------------------------

    public final int reg(int n) {
        return r[n];
    }

    public final void setReg(int n, int v) {
        r[n] = v;
    }

    public final int reg16(int n) {
        return r[n] & 0xFFFF;
    }

    public final void setReg16(int n, int v) {
        r[n] = (r[n] & 0xFFFF0000) | (v & 0xFFFF);
    }

    /** 8-bit register by its encoding: 0–3 AL CL DL BL, 4–7 AH CH DH BH. */
    public final int reg8(int n) {
        return n < 4 ? r[n] & 0xFF : (r[n - 4] >> 8) & 0xFF;
    }

    public final void setReg8(int n, int v) {
        if (n < 4) {
            r[n] = (r[n] & 0xFFFFFF00) | (v & 0xFF);
        } else {
            r[n - 4] = (r[n - 4] & 0xFFFF00FF) | ((v & 0xFF) << 8);
        }
    }

    public final int eip() {
        return eip;
    }

    public final void setEip(int v) {
        eip = v;
    }

    // ---- segments and tables -------------------------------------------------------------------------

    /** Segment register {@code s} (0 ES … 5 GS); the object is live. */
    public final SegmentRegister segment(int s) {
        return seg[s];
    }

    public final SegmentRegister ldtr() {
        return ldtr;
    }

    public final SegmentRegister tr() {
        return tr;
    }

    public final int gdtrBase() {
        return gdtrBase;
    }

    public final int gdtrLimit() {
        return gdtrLimit;
    }

    public final int idtrBase() {
        return idtrBase;
    }

    public final int idtrLimit() {
        return idtrLimit;
    }

    public final void setGdtr(int base, int limit) {
        gdtrBase = base;
        gdtrLimit = limit & 0xFFFF;
    }

    public final void setIdtr(int base, int limit) {
        idtrBase = base;
        idtrLimit = limit & 0xFFFF;
    }

    // ---- control registers -------------------------------------------------------------------------

    public final int cr0() {
        return cr0;
    }

    public final int cr2() {
        return cr2;
    }

    public final int cr3() {
        return cr3;
    }

    public final int cr4() {
        return cr4;
    }

    public final int dr(int n) {
        return dr[n];
    }

    public final int cpl() {
        return cpl;
    }

    public final boolean protectedMode() {
        return (cr0 & CR0_PE) != 0;
    }

    public final boolean pagingEnabled() {
        return (cr0 & CR0_PG) != 0;
    }

    /** Code segment default size is 32 bits (CS.D in protected mode). */
    public final boolean code32() {
        return (seg[SegmentRegister.CS].attributes & SegmentRegister.A_DB) != 0;
    }

    public final int iopl() {
        return (eflags >> 12) & 3;
    }

    public final boolean halted() {
        return halted;
    }

    public final boolean interruptShadow() {
        return interruptShadow;
    }

    /** Instructions retired since power-on. */
    public final long instructions() {
        return instructions;
    }

    /**
     * Iterations executed by REP-prefixed MOVS/CMPS/STOS/LODS/SCAS since power-on, including those of
     * an instruction interrupted by a fault (each iteration's work is committed).
     */
    public final long stringIterations() {
        return stringIterations;
    }

    /** Simulated cycles since power-on (the cost model's sum). */
    public final long cycles() {
        return cycles;
    }

    /** Adds {@code n} simulated cycles (traps, exits and TLB misses charged by the cost model). */
    public final void chargeCycles(long n) {
        cycles += n;
    }

    public final boolean a20() {
        return a20;
    }

    /** CR0 as the guest reads it (MOV from CR0, SMSW): the read shadow's bits where the guest/host mask is set. */
    public final int cr0AsRead() {
        return (cr0 & ~cr0GuestHostMask) | (cr0ReadShadow & cr0GuestHostMask);
    }

    public final int cr4AsRead() {
        return (cr4 & ~cr4GuestHostMask) | (cr4ReadShadow & cr4GuestHostMask);
    }

    /** Installs VT-x-like CR0/CR4 guest/host masks and read shadows (0 masks: reads see the real registers). */
    public final void setReadShadows(int cr0Mask, int cr0Shadow, int cr4Mask, int cr4Shadow) {
        cr0GuestHostMask = cr0Mask;
        cr0ReadShadow = cr0Shadow;
        cr4GuestHostMask = cr4Mask;
        cr4ReadShadow = cr4Shadow;
    }
}
