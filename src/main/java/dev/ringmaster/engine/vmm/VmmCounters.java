package dev.ringmaster.engine.vmm;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Always-on counters of what a VMM did (DESIGN §1: counters are always on and cheap). Owned and
 * written by the VM's engine thread; other threads read a {@link #snapshot()}.
 */
public final class VmmCounters {
    /** What the counters count. */
    public enum Kind {
        /** Events that reached the VMM (traps, faults, interrupts it intercepted). */
        TRAPS,
        /** Privileged instructions emulated after their #GP. */
        EMULATED_INSTRUCTIONS,
        /** Port accesses emulated by the VMM. */
        IO_EMULATED,
        /** Exceptions and software interrupts reflected into the guest through its IDT. */
        EXCEPTIONS_REFLECTED,
        /** Hardware interrupts reflected into the guest. */
        INTERRUPTS_REFLECTED,
        /** Hardware interrupts queued because the virtual IF was clear. */
        INTERRUPTS_QUEUED,
        /** Sensitive unprivileged instructions the guest kernel executed (they did not trap). */
        SENSITIVE_EXECUTED,
        /** POPF/IRET whose EFLAGS image set IF while the real CPU ignored it (CPL > IOPL). */
        IF_CHANGES_LOST,
        /** Stalls detected (virtual IF clear too long while interrupts are pending). */
        STALLS,
        /** Shadow descriptor tables (GDT) rebuilt. */
        SHADOW_GDT_BUILDS,
        /** Segment selectors with RPL 0 adjusted to the compressed ring. */
        RPL_FIXUPS,
        /** Hidden page faults fixed by filling a shadow page-table entry. */
        SHADOW_FILLS,
        /** Guest page-table writes that updated (dropped) shadow entries. */
        SHADOW_UPDATES,
        /** Whole-shadow discards (CR3 loads, paging mode changes). */
        SHADOW_FLUSHES,
        /** Page faults reflected to the guest (its own page tables said fault). */
        GUEST_PAGE_FAULTS,
        /** Binary translation: calls from translated code into the VMM (privileged/sensitive work, indirect branches, unchained exits). */
        CALLOUTS,
        /** Binary translation: guest blocks translated into the translation cache. */
        TRANSLATIONS,
        /** Binary translation: translation-cache invalidations (guest code written, retranslation, cache full). */
        TC_INVALIDATIONS
    }

    private final long[] counts = new long[Kind.values().length];
    private final Map<String, Long> emulatedByMnemonic = new TreeMap<>();
    private final Map<Integer, Long> sensitiveByAddress = new TreeMap<>(Integer::compareUnsigned);
    private final Map<Integer, String> sensitiveMnemonic = new TreeMap<>(Integer::compareUnsigned);
    private final long[] reflectedByVector = new long[256];

    public void add(Kind k) {
        counts[k.ordinal()]++;
    }

    public long get(Kind k) {
        return counts[k.ordinal()];
    }

    public void emulated(String mnemonic) {
        counts[Kind.EMULATED_INSTRUCTIONS.ordinal()]++;
        emulatedByMnemonic.merge(mnemonic, 1L, Long::sum);
    }

    public void sensitive(int linearAddress, String mnemonic) {
        counts[Kind.SENSITIVE_EXECUTED.ordinal()]++;
        sensitiveByAddress.merge(linearAddress, 1L, Long::sum);
        sensitiveMnemonic.putIfAbsent(linearAddress, mnemonic);
    }

    public void reflected(int vector, boolean external) {
        counts[(external ? Kind.INTERRUPTS_REFLECTED : Kind.EXCEPTIONS_REFLECTED).ordinal()]++;
        reflectedByVector[vector & 0xFF]++;
    }

    /** An immutable copy for other threads and reports. */
    public Snapshot snapshot() {
        Map<Kind, Long> c = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            c.put(k, counts[k.ordinal()]);
        }
        Map<Integer, String> sens = new TreeMap<>(Integer::compareUnsigned);
        sensitiveByAddress.forEach((a, n) -> sens.put(a, sensitiveMnemonic.get(a) + " x" + n));
        return new Snapshot(Collections.unmodifiableMap(c), Map.copyOf(emulatedByMnemonic),
                Collections.unmodifiableMap(new TreeMap<>(sensitiveByAddress)), Collections.unmodifiableMap(sens),
                reflectedByVector.clone());
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

        @Override
        public long[] reflectedByVector() {
            return reflectedByVector.clone();
        }
    }
}
