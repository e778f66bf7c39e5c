package dev.ringmaster.engine.cost;

import java.util.List;
import java.util.Optional;

/**
 * The built-in cost presets. {@value #DEFAULT_ID} is what VM definitions use unless they say
 * otherwise ({@code options.costPreset}); {@value #P4_VT1_2006_ID} reproduces the mid-2000s
 * comparison of a software VMM with first-generation VT-x.
 */
public final class CostPresets {
    /** The preset VMs use by default; equals {@code VmDefinition.Options.DEFAULT_COST_PRESET}. */
    public static final String DEFAULT_ID = ModernPreset.ID;
    /** The Pentium 4 672 of Adams and Agesen (ASPLOS 2006). */
    public static final String P4_VT1_2006_ID = Pentium4Vt2006Preset.ID;

    private static final CostModel MODERN = ModernPreset.create();
    private static final CostModel P4_VT1_2006 = Pentium4Vt2006Preset.create();
    private static final List<CostModel> ALL = List.of(MODERN, P4_VT1_2006);

    private CostPresets() {
    }

    /** The default preset: a recent CPU with cheap VM exits and EPT. */
    public static CostModel modern() {
        return MODERN;
    }

    /** The mid-2000s preset: Pentium 4 672, software VMM against first-generation VT-x. */
    public static CostModel p4Vt2006() {
        return P4_VT1_2006;
    }

    /** Every built-in preset, the default first. */
    public static List<CostModel> all() {
        return ALL;
    }

    /** The built-in preset with this id. */
    public static Optional<CostModel> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The ids of the built-in presets, for error messages. */
    public static List<String> ids() {
        return ALL.stream().map(CostModel::id).toList();
    }
}
