package dev.ringmaster.engine.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a cost model reproduces the shape of the published comparisons (DESIGN §5): which
 * technique wins each nanobenchmark and by roughly what factor. A {@link CostModel.Era#FIRST_GENERATION_VT}
 * preset is checked against Adams and Agesen's nanobenchmarks [AA06] §6.3 (winner, cycles within
 * ±{@value #TOLERANCE_PERCENT}% and ratio to native within ±{@value #TOLERANCE_PERCENT}%); a
 * {@link CostModel.Era#MODERN} preset against what changed since: VM exits cheaper by the factor of
 * [HSSV17] Table 4.3, EPT removing the page-table exits, and hardware assistance beating binary
 * translation on most operations [AGESEN12].
 */
public final class Calibration {
    /** Allowed relative error against a published figure, in percent. */
    public static final int TOLERANCE_PERCENT = 30;
    static final double TOLERANCE = TOLERANCE_PERCENT / 100.0;

    /** VM exit latency of the first VT-x generation (Prescott) and of the newest in [HSSV17] Table 4.3 (Broadwell). */
    static final long HSSV_PRESCOTT_EXIT = 1926;
    static final long HSSV_BROADWELL_EXIT = 531;

    /**
     * One check.
     *
     * @param claim     what is checked, e.g. "ptemod: software VMM faster than hardware VMM"
     * @param published the published figure or statement, with its source key
     * @param modelled  what the model gives
     * @param passed    whether the model reproduces it
     */
    public record Result(String claim, String published, String modelled, boolean passed) {
    }

    private Calibration() {
    }

    /** The checks that apply to {@code model}'s era. */
    public static List<Result> check(CostModel model) {
        return model.era() == CostModel.Era.FIRST_GENERATION_VT ? checkFirstGenerationVt(model) : checkModern(model);
    }

    /** True when every check of {@link #check} passes. */
    public static boolean passes(CostModel model) {
        return check(model).stream().allMatch(Result::passed);
    }

    /** The [AA06] nanobenchmark checks. */
    public static List<Result> checkFirstGenerationVt(CostModel m) {
        List<Result> out = new ArrayList<>();
        for (Nanobenchmark b : Nanobenchmark.values()) {
            Nanobenchmark.Published p = b.published();
            long nat = NanobenchmarkModel.cycles(m, b, VmmSetup.NATIVE);
            long sw = NanobenchmarkModel.cycles(m, b, VmmSetup.SOFTWARE_VMM);
            long hw = NanobenchmarkModel.cycles(m, b, VmmSetup.HARDWARE_VMM);
            String n = b.paperName();

            VmmSetup loser = p.faster() == VmmSetup.SOFTWARE_VMM ? VmmSetup.HARDWARE_VMM : VmmSetup.SOFTWARE_VMM;
            long win = p.faster() == VmmSetup.SOFTWARE_VMM ? sw : hw;
            long lose = p.faster() == VmmSetup.SOFTWARE_VMM ? hw : sw;
            out.add(new Result(n + ": " + p.faster().title() + " faster than " + loser.title(),
                    "[AA06] " + p.faster().title() + " faster", p.faster().title() + " " + win + " vs " + lose, win < lose));

            if (p.nativeCycles() != null) {
                out.add(figure(n + " native", p.nativeCycles(), nat, nat));
            }
            out.add(figure(n + " " + VmmSetup.SOFTWARE_VMM.title(), p.softwareVmm(), sw, nat));
            out.add(figure(n + " " + VmmSetup.HARDWARE_VMM.title(), p.hardwareVmm(), hw, nat));
            if (p.nativeCycles() != null && p.nativeCycles().value() > 0) {
                for (VmmSetup s : List.of(VmmSetup.SOFTWARE_VMM, VmmSetup.HARDWARE_VMM)) {
                    Nanobenchmark.Figure f = s == VmmSetup.SOFTWARE_VMM ? p.softwareVmm() : p.hardwareVmm();
                    if (f.isCycles()) {
                        double published = (double) f.value() / p.nativeCycles().value();
                        double modelled = (double) (s == VmmSetup.SOFTWARE_VMM ? sw : hw) / nat;
                        out.add(new Result(n + " " + s.title() + " / native", "[AA06] " + ratio(published),
                                ratio(modelled), within(modelled, published)));
                    }
                }
            }
        }
        long swPte = NanobenchmarkModel.cycles(m, Nanobenchmark.PTEMOD, VmmSetup.SOFTWARE_VMM);
        long hwPte = NanobenchmarkModel.cycles(m, Nanobenchmark.PTEMOD, VmmSetup.HARDWARE_VMM);
        double pteRatio = (double) hwPte / swPte;
        out.add(new Result("ptemod: hardware VMM ~30x worse than software VMM", "[AA06] ~30x (12733 / 391)",
                ratio(pteRatio), within(pteRatio, 30)));
        return out;
    }

    /** The checks of a modern preset. */
    public static List<Result> checkModern(CostModel m) {
        List<Result> out = new ArrayList<>();
        double published = (double) HSSV_PRESCOTT_EXIT / HSSV_BROADWELL_EXIT;
        double modelled = (double) CostPresets.p4Vt2006().cost(CostEvent.VM_EXIT) / m.cost(CostEvent.VM_EXIT);
        out.add(new Result("VM exit cheaper than on the first VT-x (" + CostPresets.P4_VT1_2006_ID + " / this preset)",
                "[HSSV17] Table 4.3: " + HSSV_PRESCOTT_EXIT + " -> " + HSSV_BROADWELL_EXIT + " cycles, " + ratio(published),
                ratio(modelled), within(modelled, published)));

        long pteNative = NanobenchmarkModel.cycles(m, Nanobenchmark.PTEMOD, VmmSetup.NATIVE);
        long pteEpt = NanobenchmarkModel.cycles(m, Nanobenchmark.PTEMOD, VmmSetup.HARDWARE_VMM_EPT);
        long pteShadow = NanobenchmarkModel.cycles(m, Nanobenchmark.PTEMOD, VmmSetup.HARDWARE_VMM);
        double pteRatio = (double) pteEpt / Math.max(1, pteNative);
        out.add(new Result("ptemod: EPT removes the penalty (hardware VMM + EPT / native)",
                "[SDM] with EPT a guest page-table write is a plain store, no VM exit",
                ratio(pteRatio) + " (" + pteEpt + " vs " + pteNative + " cycles)", within(pteRatio, 1)));
        out.add(new Result("ptemod: without EPT the shadow-paging penalty stays",
                "[AA06] §6.3: the hardware VMM without EPT exits on every page-table write",
                ratio((double) pteShadow / Math.max(1, pteNative)) + " (" + pteShadow + " cycles)", pteShadow > 10 * pteEpt));

        CostRecipe pfEpt = NanobenchmarkModel.recipe(Nanobenchmark.PGFAULT, VmmSetup.HARDWARE_VMM_EPT);
        long pfNative = NanobenchmarkModel.cycles(m, Nanobenchmark.PGFAULT, VmmSetup.NATIVE);
        long pfEptCycles = pfEpt.cycles(m);
        long pfShadow = NanobenchmarkModel.cycles(m, Nanobenchmark.PGFAULT, VmmSetup.HARDWARE_VMM);
        out.add(new Result("pgfault: with EPT no exit, only a longer (2-D) walk than native",
                "[SDM] with EPT a guest #PF goes to the guest's IDT; [BHARGAVA08] the 2-D walk costs more references",
                pfEptCycles + " vs native " + pfNative + " and shadow paging " + pfShadow + " cycles",
                pfEpt.count(CostEvent.VM_EXIT) == 0 && pfEptCycles >= pfNative && 2 * pfEptCycles < pfShadow));

        int hwWins = 0;
        StringBuilder wins = new StringBuilder();
        for (Nanobenchmark b : Nanobenchmark.values()) {
            long bt = NanobenchmarkModel.cycles(m, b, VmmSetup.SOFTWARE_VMM);
            long hw = NanobenchmarkModel.cycles(m, b, VmmSetup.HARDWARE_VMM_EPT);
            if (hw <= bt) {
                hwWins++;
                wins.append(wins.isEmpty() ? "" : ", ").append(b.paperName());
            }
        }
        int total = Nanobenchmark.values().length;
        out.add(new Result("hardware VMM + EPT beats binary translation on most nanobenchmarks",
                "[AGESEN12] on modern processors hardware-assisted virtualization outperforms binary translation "
                        + "for most workloads",
                hwWins + " of " + total + " (" + wins + ")", hwWins * 2 > total));

        long roundTrip = m.cost(CostEvent.VM_EXIT) + m.cost(CostEvent.VM_ENTRY) + m.cost(CostEvent.VMM_EXIT_DISPATCH);
        long syscall = NanobenchmarkModel.cycles(m, Nanobenchmark.SYSCALL, VmmSetup.NATIVE);
        out.add(new Result("a VM exit round trip still costs more than a native system call",
                "[AGESEN12] exits remain expensive; [LKML20] AMD VMRUN round trip 1344-1376 cycles",
                roundTrip + " vs " + syscall + " cycles", roundTrip > syscall));
        return out;
    }

    private static Result figure(String claim, Nanobenchmark.Figure f, long model, long modelNative) {
        return switch (f.kind()) {
            case CYCLES, DERIVED_CYCLES -> new Result(claim, "[AA06] " + f.text()
                    + (f.kind() == Nanobenchmark.Figure.Kind.CYCLES ? " cycles" : ""), Long.toString(model),
                    within(model, f.value()));
            case NATIVE_PLUS -> new Result(claim + " - native", "[AA06] " + f.text(), "native + " + (model - modelNative),
                    within(model - modelNative, f.value()));
            case SAME_AS_NATIVE -> new Result(claim + " / native", "[AA06] " + f.text(),
                    ratio((double) model / modelNative), within((double) model / modelNative, 1));
        };
    }

    /** True when {@code modelled} is within {@link #TOLERANCE} of {@code published} (relative). */
    static boolean within(double modelled, double published) {
        return Math.abs(modelled - published) <= TOLERANCE * Math.abs(published);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r < 0.1 ? "%.3fx" : r < 10 ? "%.2fx" : "%.1fx", r);
    }
}
