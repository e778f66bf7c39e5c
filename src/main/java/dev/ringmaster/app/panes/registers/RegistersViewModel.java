package dev.ringmaster.app.panes.registers;

import dev.ringmaster.app.pulse.BatchList;
import dev.ringmaster.app.pulse.RefreshGate;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.CpuRegisters.Segment;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.cpu.LazyFlags;
import dev.ringmaster.engine.vm.GuestCpu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ObservableList;

/**
 * The registers pane's model: the CPU's registers from {@link CpuRegisters} snapshots — general,
 * EIP, EFLAGS (value and each flag), segment registers with their descriptor caches and the CPL,
 * GDTR/IDTR/LDTR/TR, control registers decoded — and, when a VMM publishes one, its virtual CPU for
 * the guest in a second column. Each new snapshot is compared with the one before: the registers
 * whose value differs are marked changed (the pane highlights them), until the next snapshot.
 *
 * <p>Every snapshot is taken at the pulse; the rows (observable) catch up when the {@link #gate()}
 * is due: at most {@value #REFRESH_HZ} times a second while the pane shows, never while hidden, at
 * once when forced (the window forces it while the VM is paused, so a step shows its changes).
 */
public final class RegistersViewModel {
    /** One shown register before diffing. */
    record Entry(String group, String name, String value, String detail) {
    }

    private static final String[] FLAG_NAMES = {"CF", "PF", "AF", "ZF", "SF", "TF", "IF", "DF", "OF", "NT", "RF", "VM",
        "AC", "VIF", "VIP", "ID"};
    private static final int[] FLAG_BITS = {LazyFlags.CF, LazyFlags.PF, LazyFlags.AF, LazyFlags.ZF, LazyFlags.SF,
        LazyFlags.TF, LazyFlags.IF, LazyFlags.DF, LazyFlags.OF, LazyFlags.NT, LazyFlags.RF, LazyFlags.VM, LazyFlags.AC,
        LazyFlags.VIF, LazyFlags.VIP, LazyFlags.ID};
    private static final String[] CR0_NAMES = {"PE", "MP", "EM", "TS", "ET", "NE", "WP", "AM", "NW", "CD", "PG"};
    private static final int[] CR0_BITS = {CpuState.CR0_PE, CpuState.CR0_MP, CpuState.CR0_EM, CpuState.CR0_TS,
        CpuState.CR0_ET, CpuState.CR0_NE, CpuState.CR0_WP, CpuState.CR0_AM, CpuState.CR0_NW, CpuState.CR0_CD,
        CpuState.CR0_PG};
    private static final String[] CR4_NAMES = {"VME", "PVI", "TSD", "DE", "PSE", "PAE", "MCE", "PGE", "PCE"};
    private static final int[] CR4_BITS = {CpuState.CR4_VME, CpuState.CR4_PVI, CpuState.CR4_TSD, CpuState.CR4_DE,
        CpuState.CR4_PSE, CpuState.CR4_PAE, CpuState.CR4_MCE, CpuState.CR4_PGE, CpuState.CR4_PCE};

    /** Table refreshes per second at most while the pane is showing (a forced one shows a step at once). */
    public static final int REFRESH_HZ = 10;

    private final BatchList<RegisterRow> rows = new BatchList<>();
    private final ReadOnlyBooleanWrapper hasGuest = new ReadOnlyBooleanWrapper(this, "hasGuest");
    private final RefreshGate gate = new RefreshGate(REFRESH_HZ);
    private CpuRegisters cpu;
    private CpuRegisters previousCpu;
    /** The rows of {@link #cpu} and {@link #previousCpu}, made when first needed (null: not yet). */
    private List<Entry> cpuEntries;
    private List<Entry> previousCpuEntries;
    private GuestCpu guest;
    private GuestCpu previousGuest;
    /** The highlights of the newest snapshots, worked out when first asked for (null: not yet). */
    private Set<String> changed = Set.of();
    private Set<String> guestChanged = Set.of();
    private boolean dirty;

    /** The rows, in display order (as of the last refresh). */
    public ObservableList<RegisterRow> rows() {
        return rows;
    }

    /** True once a VMM published its virtual CPU for the guest: the pane shows the second column. */
    public ReadOnlyBooleanProperty hasGuestProperty() {
        return hasGuest.getReadOnlyProperty();
    }

    /** When the table redraws: at most {@value #REFRESH_HZ} times a second while it is showing. */
    public RefreshGate gate() {
        return gate;
    }

    /**
     * A new snapshot of the real CPU and (null without a VMM) of the guest's virtual CPU, shown at
     * once. A snapshot equal to the shown one changes nothing (the highlights stay until the state
     * really moves on).
     */
    public void update(CpuRegisters real, GuestCpu virtualCpu) {
        take(real, virtualCpu);
        if (dirty) {
            refreshNow();
        }
    }

    /**
     * As {@link #update(CpuRegisters, GuestCpu)} at the pulse (time {@code nowNanos}): the snapshot
     * is taken (what changed is always against the snapshot before it), the rows catch up when the
     * gate is due — force it for a step, so that its changes are highlighted at once.
     */
    public void update(CpuRegisters real, GuestCpu virtualCpu, long nowNanos) {
        take(real, virtualCpu);
        if (dirty && gate.due(nowNanos)) {
            refreshNow();
        }
    }

    private void take(CpuRegisters real, GuestCpu virtualCpu) {
        boolean realNew = real != null && !real.equals(cpu);
        boolean guestNew = virtualCpu != null && !virtualCpu.equals(guest);
        if (realNew) {
            previousCpu = cpu;
            previousCpuEntries = cpuEntries; // null when that snapshot's rows were never made
            cpu = real;
            cpuEntries = null;
            changed = null;
            dirty = true;
        }
        if (guestNew) {
            previousGuest = guest;
            guest = virtualCpu;
            guestChanged = null;
            dirty = true;
        }
    }

    /** Names of the real CPU's registers that changed at the last update. */
    public Set<String> changed() {
        if (changed == null) {
            if (previousCpu != null && previousCpuEntries == null) {
                previousCpuEntries = entries(previousCpu);
            }
            changed = previousCpu == null ? Set.of() : diff(previousCpuEntries, cpuEntries());
        }
        return Collections.unmodifiableSet(changed);
    }

    /** Names of the virtual CPU's registers that changed at its last update. */
    public Set<String> guestChanged() {
        if (guestChanged == null) {
            guestChanged = previousGuest == null ? Set.of() : diff(guestEntries(previousGuest), guestEntries(guest));
        }
        return Collections.unmodifiableSet(guestChanged);
    }

    /** One row's content before it is shown. */
    private record Content(String group, String name, String value, String detail, String guestValue,
                           boolean changed, boolean guestChanged) {
    }

    /**
     * The rows become the newest snapshots'. With the same registers in the same order (every refresh
     * but the first and the one where a VMM's virtual CPU appears) the rows stay and only the cells
     * that differ are set: the list does not change at all, and the table redraws just those cells.
     */
    private void refreshNow() {
        dirty = false;
        Set<String> real = changed();
        Set<String> virtual = guestChanged();
        Map<String, Entry> guestEntries = new LinkedHashMap<>();
        if (guest != null) {
            for (Entry e : guestEntries(guest)) {
                guestEntries.put(e.name(), e);
            }
        }
        List<Content> out = new ArrayList<>();
        if (cpu != null) {
            for (Entry e : cpuEntries()) {
                Entry g = guestEntries.remove(e.name());
                out.add(new Content(e.group(), e.name(), e.value(), e.detail(), g == null ? "" : g.value(),
                        real.contains(e.name()), virtual.contains(e.name())));
            }
        }
        // what only the virtual CPU has (pending virtual interrupts, a virtual HLT)
        for (Entry g : guestEntries.values()) {
            out.add(new Content(g.group(), g.name(), "", g.detail(), g.value(), false, virtual.contains(g.name())));
        }
        if (sameRegisters(out)) {
            for (int i = 0; i < out.size(); i++) {
                Content c = out.get(i);
                rows.get(i).set(c.value(), c.detail(), c.guestValue(), c.changed(), c.guestChanged());
            }
        } else {
            List<RegisterRow> made = new ArrayList<>(out.size());
            for (Content c : out) {
                made.add(new RegisterRow(c.group(), c.name(), c.value(), c.detail(), c.guestValue(), c.changed(),
                        c.guestChanged()));
            }
            rows.update(made);
        }
        if (guest != null) {
            hasGuest.set(true);
        }
    }

    /** Whether the rows shown are the registers of {@code content}, in its order. */
    private boolean sameRegisters(List<Content> content) {
        if (content.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < content.size(); i++) {
            if (!rows.get(i).is(content.get(i).group(), content.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** The rows of the newest snapshot of the real CPU (made once per snapshot). */
    private List<Entry> cpuEntries() {
        if (cpuEntries == null) {
            cpuEntries = entries(cpu);
        }
        return cpuEntries;
    }

    static Set<String> diff(List<Entry> before, List<Entry> after) {
        Map<String, Entry> old = new java.util.HashMap<>();
        for (Entry e : before) {
            old.put(e.name(), e);
        }
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : after) {
            Entry o = old.get(e.name());
            if (o == null || !o.value().equals(e.value()) || !o.detail().equals(e.detail())) {
                out.add(e.name());
            }
        }
        return out;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** {@code v} as eight upper-case hex digits (as {@code %08X}, without a formatter: made often). */
    static String hex(int v) {
        return hex(v, 8);
    }

    /** {@code v} in upper-case hex, zero-padded to at least {@code minDigits} digits (as {@code %0nX}). */
    static String hex(int v, int minDigits) {
        int digits = Math.max(minDigits, (32 - Integer.numberOfLeadingZeros(v) + 3) / 4);
        char[] c = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            c[i] = HEX[v & 0xF];
            v >>>= 4;
        }
        return new String(c);
    }

    /** The rows of one snapshot, in display order. */
    static List<Entry> entries(CpuRegisters r) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int v = r.reg(i);
            out.add(new Entry("General", CpuState.REG32[i], hex(v), Integer.toUnsignedString(v)));
        }
        out.add(new Entry("General", "EIP", hex(r.eip()), ""));
        out.add(new Entry("EFLAGS", "EFLAGS", hex(r.eflags()), setFlags(r.eflags())));
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            out.add(new Entry("EFLAGS", FLAG_NAMES[i], (r.eflags() & FLAG_BITS[i]) != 0 ? "1" : "0", ""));
        }
        out.add(new Entry("EFLAGS", "IOPL", Integer.toString((r.eflags() >> 12) & 3), ""));
        String[] segNames = {"ES", "CS", "SS", "DS", "FS", "GS"};
        for (int i = 0; i < 6; i++) {
            Segment s = r.segment(i);
            out.add(new Entry("Segments", segNames[i], hex(s.selector(), 4), describe(s)));
        }
        out.add(new Entry("Segments", "CPL", Integer.toString(r.cpl()), "ring " + r.cpl()
                + (r.halted() ? " · halted" : "")));
        out.add(new Entry("System", "GDTR", hex(r.gdtrBase()), "limit " + hex(r.gdtrLimit(), 4)));
        out.add(new Entry("System", "IDTR", hex(r.idtrBase()), "limit " + hex(r.idtrLimit(), 4)));
        out.add(new Entry("System", "LDTR", hex(r.ldtr().selector(), 4), describe(r.ldtr())));
        out.add(new Entry("System", "TR", hex(r.tr().selector(), 4), describe(r.tr())));
        out.add(new Entry("Control", "CR0", hex(r.cr0()), bits(r.cr0(), CR0_NAMES, CR0_BITS)));
        out.add(new Entry("Control", "CR2", hex(r.cr2()), "page-fault address"));
        out.add(new Entry("Control", "CR3", hex(r.cr3()), "page directory " + hex(r.cr3() & 0xFFFFF000)));
        out.add(new Entry("Control", "CR4", hex(r.cr4()), bits(r.cr4(), CR4_NAMES, CR4_BITS)));
        return out;
    }

    /**
     * The virtual CPU's registers under the names of the real ones they stand for (IF, IOPL, CPL,
     * descriptor-table registers, control registers), then what only it has.
     */
    static List<Entry> guestEntries(GuestCpu g) {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("EFLAGS", "IF", g.interruptFlag() ? "1" : "0", "virtual IF"));
        out.add(new Entry("EFLAGS", "IOPL", Integer.toString(g.iopl()), "virtual IOPL"));
        out.add(new Entry("Segments", "CPL", Integer.toString(g.cpl()), "the guest's ring"));
        out.add(new Entry("System", "GDTR", hex(g.gdtrBase()), "limit " + hex(g.gdtrLimit(), 4)));
        out.add(new Entry("System", "IDTR", hex(g.idtrBase()), "limit " + hex(g.idtrLimit(), 4)));
        out.add(new Entry("System", "LDTR", hex(g.ldtr(), 4), ""));
        out.add(new Entry("System", "TR", hex(g.tr(), 4), "base " + hex(g.trBase()) + " limit " + hex(g.trLimit())));
        out.add(new Entry("Control", "CR0", hex(g.cr0()), bits(g.cr0(), CR0_NAMES, CR0_BITS)));
        out.add(new Entry("Control", "CR2", hex(g.cr2()), ""));
        out.add(new Entry("Control", "CR3", hex(g.cr3()), ""));
        out.add(new Entry("Control", "CR4", hex(g.cr4()), bits(g.cr4(), CR4_NAMES, CR4_BITS)));
        out.add(new Entry("Virtual CPU", "Pending IRQs", Integer.toString(g.pendingInterrupts()),
                "interrupts queued while the virtual IF was clear"));
        out.add(new Entry("Virtual CPU", "vHLT", g.halted() ? "1" : "0", "the guest halted, waiting for a virtual interrupt"));
        return out;
    }

    /** The set flags of an EFLAGS value, "IF ZF IOPL=0" style (reserved bit 1 left out). */
    static String setFlags(int eflags) {
        return bits(eflags, FLAG_NAMES, FLAG_BITS) + (bits(eflags, FLAG_NAMES, FLAG_BITS).isEmpty() ? "" : " ")
                + "IOPL=" + ((eflags >> 12) & 3);
    }

    private static String bits(int value, String[] names, int[] masks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((value & masks[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }

    /** The descriptor cache: base, limit, DPL, type ("code 32-bit", "data", "TSS"…), present. */
    static String describe(Segment s) {
        if (!s.valid()) {
            return "unusable (null selector)";
        }
        String type;
        if (s.codeOrData()) {
            type = (s.code() ? "code" : "data") + (s.big() ? " 32-bit" : " 16-bit");
        } else {
            type = switch (s.type()) {
                case 1, 3 -> "TSS 16-bit";
                case 2 -> "LDT";
                case 9, 11 -> "TSS 32-bit";
                default -> "system type " + s.type();
            };
        }
        return "base " + hex(s.base()) + " limit " + hex(s.limit()) + " DPL " + s.dpl() + " " + type
                + (s.present() ? "" : " not present");
    }
}
