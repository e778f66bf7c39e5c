package dev.ringmaster.engine.vmm;

import static dev.ringmaster.engine.cost.CostEvent.*;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.CostModel;
import dev.ringmaster.engine.cost.CostPresets;
import dev.ringmaster.engine.cost.CostRecipe;
import dev.ringmaster.engine.cost.CycleLedger;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuHooks;
import dev.ringmaster.engine.trace.TraceEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Always-on counters of what a technique did (DESIGN §1: counters are always on and cheap), and the
 * technique's {@link CycleLedger}: <b>whatever is counted is also charged</b>. Each {@link Kind} has a
 * {@link CostRecipe} ({@link Kind#recipe()}), and {@link #add(Kind)} charges it into the ledger, so a
 * technique (trap-and-emulate, the binary translator...) gets the cost model by counting what it does:
 *
 * <pre>{@code
 * counters.add(Kind.CALLOUTS);                 // +1 callout, charged CALLOUT
 * counters.add(Kind.TRANSLATED_INSTRUCTIONS, n); // n x TRANSLATION
 * }</pre>
 *
 * <p>The ledger also receives the guest's retired instructions ({@link #chargeRetired}) and the events
 * the CPU delivers itself, without a VMM in between ({@link #cpuDelivered}, {@link #cpuRingTransition}
 * — natively, every exception and interrupt). The ledger does not advance the guest's clock: guest
 * time (the PIT, the ticks a workload prints) is the same under every technique; the overhead is the
 * ledger's total against a native run's.
 *
 * <p>Owned and written by the VM's engine thread; other threads read a {@link #snapshot()} or a
 * {@link #costSnapshot}.
 */
public final class VmmCounters {
    /** What the counters count, each with the cost events one occurrence charges. */
    public enum Kind {
        /** Events that reached the VMM (traps, faults, interrupts it intercepted). */
        TRAPS(TRAP_TO_VMM),
        /** Privileged instructions emulated after their #GP. */
        EMULATED_INSTRUCTIONS(VMM_INSTRUCTION_EMULATION),
        /**
         * Privileged instructions emulated inside a callout from translated code: the translator decoded them
         * already, so their work is part of the {@link CostEvent#CALLOUT} (see {@link #emulationInCallouts}).
         */
        EMULATED_IN_CALLOUTS,
        /** Port accesses emulated by the VMM (one per element of a string I/O instruction). */
        IO_EMULATED(IO_DEVICE_EMULATION),
        /** Exceptions and software interrupts reflected into the guest through its IDT. */
        EXCEPTIONS_REFLECTED(VMM_EVENT_REFLECTION),
        /** Hardware interrupts reflected into the guest. */
        INTERRUPTS_REFLECTED(VMM_EVENT_REFLECTION),
        /** Hardware interrupts queued because the virtual IF was clear (part of their trap). */
        INTERRUPTS_QUEUED,
        /** Sensitive unprivileged instructions the guest kernel executed (they did not trap: no VMM cost). */
        SENSITIVE_EXECUTED,
        /** POPF/IRET whose EFLAGS image set IF while the real CPU ignored it (CPL > IOPL). */
        IF_CHANGES_LOST,
        /** Stalls detected (virtual IF clear too long while interrupts are pending). */
        STALLS,
        /** Shadow descriptor tables (GDT) rebuilt. */
        SHADOW_GDT_BUILDS(SHADOW_GDT_BUILD),
        /** Segment selectors with RPL 0 adjusted to the compressed ring (the instruction decoded and retried). */
        RPL_FIXUPS(VMM_INSTRUCTION_EMULATION),
        /** Hidden page faults fixed by filling a shadow page-table entry. */
        SHADOW_FILLS(SHADOW_PAGE_FAULT),
        /** Guest page-table writes that updated (dropped) shadow entries. */
        SHADOW_UPDATES(SHADOW_PT_UPDATE),
        /** Whole-shadow discards (CR3 loads, paging mode changes). */
        SHADOW_FLUSHES(SHADOW_CR3_SWITCH),
        /** Guest CR3 loads: the VMM switched to the kept shadow of that address space (or built a new one). */
        SHADOW_SWITCHES(SHADOW_CR3_SWITCH),
        /** Page faults reflected to the guest (the VMM walked its page tables: they said fault). */
        GUEST_PAGE_FAULTS(GUEST_PAGE_WALK),
        /** Binary translation: translated code called out into the VMM. */
        CALLOUTS(CALLOUT),
        /** Binary translation: blocks translated (the per-block overhead). */
        TRANSLATIONS(TRANSLATION_BLOCK),
        /** Binary translation: guest instructions translated. */
        TRANSLATED_INSTRUCTIONS(TRANSLATION),
        /** Binary translation: translations invalidated by writes to their guest code. */
        TC_INVALIDATIONS(TC_INVALIDATION),
        /** Binary translation: block exits patched to jump to their successor (chaining). */
        TC_CHAINS(TC_CHAIN),
        /** Binary translation: indirect branches looked up in the translation cache (hits). */
        TC_LOOKUPS(TC_LOOKUP),
        /** Binary translation: sensitive instructions run as inline sequences (no callout). */
        INLINE_EMULATIONS(BT_INLINE_EMULATION),
        /** Exceptions (faults, traps, INT3/INTO) the CPU delivered to the guest's handler itself, without a VMM. */
        CPU_EXCEPTIONS(EXCEPTION_DELIVERY),
        /** Hardware interrupts the CPU delivered to the guest's handler itself. */
        CPU_INTERRUPTS(INTERRUPT_DELIVERY),
        /** Software interrupts (INT n: system calls) the CPU delivered to the guest's handler itself. */
        CPU_SOFTWARE_INTERRUPTS(SOFTWARE_INTERRUPT),
        /** IRETs and far returns to an outer ring (e.g. kernel to user) the CPU executed. */
        CPU_RETURNS_OUTWARD(IRET_OUTWARD);

        private final CostRecipe recipe;
        /** The recipe's events (each once), for charging without allocating. */
        private final CostEvent[] events;

        Kind(CostEvent... events) {
            this.events = events;
            CostRecipe.Builder b = CostRecipe.builder();
            for (CostEvent e : events) {
                b.add(e);
            }
            this.recipe = b.build();
        }

        /** The cost events one occurrence charges (empty: counted, but free). */
        public CostRecipe recipe() {
            return recipe;
        }
    }

    private static final Kind[] KINDS = Kind.values();

    private final long[] counts = new long[KINDS.length];
    private final Map<String, Long> emulatedByMnemonic = new TreeMap<>();
    private final Map<Integer, Long> sensitiveByAddress = new TreeMap<>(Integer::compareUnsigned);
    private final Map<Integer, String> sensitiveMnemonic = new TreeMap<>(Integer::compareUnsigned);
    private final long[] reflectedByVector = new long[256];
    private CycleLedger ledger;
    private boolean emulationInCallouts;
    private final RetiredInstructions retired = new RetiredInstructions();

    /** Counters charging the default preset ({@link CostPresets#DEFAULT_ID}). */
    public VmmCounters() {
        this(CostPresets.modern());
    }

    /** Counters charging {@code model}. */
    public VmmCounters(CostModel model) {
        this.ledger = new CycleLedger(Objects.requireNonNull(model, "model"));
    }

    /**
     * Charges {@code model} instead of the current one, re-pricing what was charged so far (every event
     * count is kept, its cycles come from {@code model}); host time is kept. The factory calls it right
     * after creating a runner whose constructor charged with the default preset.
     */
    public void useCostModel(CostModel model) {
        Objects.requireNonNull(model, "model");
        CycleLedger old = ledger;
        ledger = new CycleLedger(model);
        for (CostEvent e : CostEvent.values()) {
            long n = old.count(e);
            if (n != 0) {
                ledger.charge(e, n);
            }
        }
        ledger.addHostNanos(old.hostNanos());
    }

    /** The ledger the counters charge (engine thread only; other threads use {@link #costSnapshot}). */
    public CycleLedger ledger() {
        return ledger;
    }

    /** Counts one {@code k} and charges its recipe. */
    public void add(Kind k) {
        counts[k.ordinal()]++;
        for (CostEvent e : k.events) {
            ledger.charge(e);
        }
    }

    /** Counts {@code n} (>= 0) occurrences of {@code k} and charges them. */
    public void add(Kind k, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n + " of " + k);
        }
        counts[k.ordinal()] += n;
        for (CostEvent e : k.events) {
            ledger.charge(e, n);
        }
    }

    public long get(Kind k) {
        return counts[k.ordinal()];
    }

    /**
     * From now on, {@link #emulated} counts {@link Kind#EMULATED_IN_CALLOUTS} (free: part of the callout)
     * instead of {@link Kind#EMULATED_INSTRUCTIONS} (the generic emulator after a trap): binary translation,
     * whose privileged instructions reach the VMM as callouts.
     */
    public void emulationInCallouts() {
        emulationInCallouts = true;
    }

    public void emulated(String mnemonic) {
        add(emulationInCallouts ? Kind.EMULATED_IN_CALLOUTS : Kind.EMULATED_INSTRUCTIONS);
        emulatedByMnemonic.merge(mnemonic, 1L, Long::sum);
    }

    public void sensitive(int linearAddress, String mnemonic) {
        add(Kind.SENSITIVE_EXECUTED);
        sensitiveByAddress.merge(linearAddress, 1L, Long::sum);
        sensitiveMnemonic.putIfAbsent(linearAddress, mnemonic);
    }

    public void reflected(int vector, boolean external) {
        add(external ? Kind.INTERRUPTS_REFLECTED : Kind.EXCEPTIONS_REFLECTED);
        reflectedByVector[vector & 0xFF]++;
    }

    /** The CPU delivered an event to the guest's own handler with no VMM in between (native, or not intercepted). */
    public void cpuDelivered(CpuHooks.EventKind kind) {
        switch (kind) {
            case EXTERNAL_INTERRUPT, NMI -> add(Kind.CPU_INTERRUPTS);
            case SOFTWARE_INTERRUPT -> add(Kind.CPU_SOFTWARE_INTERRUPTS);
            default -> add(Kind.CPU_EXCEPTIONS);
        }
    }

    /** A ring transition the CPU made; an IRET or far return to an outer ring is charged. */
    public void cpuRingTransition(int from, int to, TraceEvent.Cause cause) {
        if (cause == TraceEvent.Cause.RETURN && to > from) {
            add(Kind.CPU_RETURNS_OUTWARD);
        }
    }

    /**
     * The instructions {@code cpu} retired before now are not this technique's: charge only what it retires
     * from now on (a runner calls this when it takes over a machine).
     */
    public void startCharging(Cpu cpu) {
        retired.startAt(cpu);
    }

    /** Charges the instructions {@code cpu} retired since the last call (by class when the CPU says). */
    public void chargeRetired(Cpu cpu) {
        retired.charge(cpu, ledger);
    }

    /** Adds host time measured around a run. */
    public void addHostNanos(long nanos) {
        ledger.addHostNanos(Math.max(0, nanos));
    }

    /** Charges what {@code cpu} retired so far, then an immutable copy of the ledger (engine thread). */
    public LedgerSnapshot costSnapshot(Cpu cpu) {
        chargeRetired(cpu);
        return ledger.snapshot();
    }

    /** An immutable copy for other threads and reports. */
    public Snapshot snapshot() {
        Map<Kind, Long> c = new EnumMap<>(Kind.class);
        for (Kind k : KINDS) {
            c.put(k, counts[k.ordinal()]);
        }
        Map<Integer, String> sens = new TreeMap<>(Integer::compareUnsigned);
        sensitiveByAddress.forEach((a, n) -> sens.put(a, sensitiveMnemonic.get(a) + " x" + n));
        return new Snapshot(Collections.unmodifiableMap(c), Map.copyOf(emulatedByMnemonic),
                Collections.unmodifiableMap(new TreeMap<>(sensitiveByAddress)), Collections.unmodifiableMap(sens),
                reflectedByVector.clone());
    }

    // ---- state (VM snapshots) ------------------------------------------------------------------------------

    /** Writes every counter, the ledger and the retired-instruction mark (for a VM snapshot). */
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(KINDS.length);
        for (Kind k : KINDS) {
            out.writeUTF(k.name());
            out.writeLong(counts[k.ordinal()]);
        }
        out.writeInt(emulatedByMnemonic.size());
        for (Map.Entry<String, Long> e : emulatedByMnemonic.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeInt(sensitiveByAddress.size());
        for (Map.Entry<Integer, Long> e : sensitiveByAddress.entrySet()) {
            out.writeInt(e.getKey());
            out.writeLong(e.getValue());
            out.writeUTF(sensitiveMnemonic.getOrDefault(e.getKey(), ""));
        }
        for (long n : reflectedByVector) {
            out.writeLong(n);
        }
        LedgerSnapshot s = ledger.snapshot();
        out.writeUTF(s.presetId());
        out.writeLong(s.totalCycles());
        out.writeLong(s.hostNanos());
        out.writeInt(CostEvent.count());
        for (int i = 0; i < CostEvent.count(); i++) {
            out.writeUTF(CostEvent.of(i).name());
            out.writeLong(s.count(CostEvent.of(i)));
            out.writeLong(s.cycles(CostEvent.of(i)));
        }
        retired.saveState(out);
    }

    /**
     * Restores what {@link #saveState} wrote, into counters of the same cost preset. Unknown counter or
     * event names (from another version) are an error.
     */
    public void loadState(DataInput in) throws IOException {
        java.util.Arrays.fill(counts, 0);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            counts[kind(in.readUTF()).ordinal()] = in.readLong();
        }
        emulatedByMnemonic.clear();
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            emulatedByMnemonic.put(in.readUTF(), in.readLong());
        }
        sensitiveByAddress.clear();
        sensitiveMnemonic.clear();
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            int at = in.readInt();
            sensitiveByAddress.put(at, in.readLong());
            sensitiveMnemonic.put(at, in.readUTF());
        }
        for (int i = 0; i < reflectedByVector.length; i++) {
            reflectedByVector[i] = in.readLong();
        }
        String preset = in.readUTF();
        if (!preset.equals(ledger.model().id())) {
            throw new IOException("the snapshot was charged with cost preset " + preset + ", this VM uses "
                    + ledger.model().id());
        }
        long total = in.readLong();
        long host = in.readLong();
        long[] c = new long[CostEvent.count()];
        long[] y = new long[CostEvent.count()];
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            CostEvent e;
            try {
                e = CostEvent.valueOf(name);
            } catch (IllegalArgumentException x) {
                throw new IOException("unknown cost event " + name + " in the snapshot");
            }
            c[e.ordinal()] = in.readLong();
            y[e.ordinal()] = in.readLong();
        }
        ledger.restore(LedgerSnapshot.of(preset, ledger.model().clockHz(), total, host, c, y));
        retired.loadState(in);
    }

    private static Kind kind(String name) throws IOException {
        try {
            return Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown VMM counter " + name + " in the snapshot");
        }
    }

    /**
     * @param counts              every {@link Kind}'s count
     * @param emulatedByMnemonic  emulated privileged instructions by mnemonic
     * @param sensitiveByAddress  sensitive instructions executed in guest ring 0, by linear address
     * @param sensitiveDescribed  the same, as "MNEMONIC xN"
     * @param reflectedByVector   events reflected into the guest, by vector
     */
    public record Snapshot(Map<Kind, Long> counts, Map<String, Long> emulatedByMnemonic,
                           Map<Integer, Long> sensitiveByAddress, Map<Integer, String> sensitiveDescribed,
                           long[] reflectedByVector) {
        public long get(Kind k) {
            return counts.getOrDefault(k, 0L);
        }

        /** Cycles these counts cost under {@code model}: the sum of count × recipe over every kind. */
        public long cycles(CostModel model) {
            long sum = 0;
            for (Map.Entry<Kind, Long> e : counts.entrySet()) {
                sum += e.getKey().recipe().cycles(model) * e.getValue();
            }
            return sum;
        }

        @Override
        public long[] reflectedByVector() {
            return reflectedByVector.clone();
        }
    }
}
