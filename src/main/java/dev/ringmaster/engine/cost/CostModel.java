package dev.ringmaster.engine.cost;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable set of cycle costs, one per {@link CostEvent}, with the simulated clock frequency it
 * models and the {@link Source} of every number (DESIGN §5). Built-in presets are in
 * {@link CostPresets}.
 *
 * <p>The hot path is {@link #cost(CostEvent)}: an array indexed by ordinal. A {@link CycleLedger}
 * takes the array once and charges from it without any lookup.
 */
public final class CostModel {
    /** Preset ids: as {@code options.costPreset} in VM definitions, 1 to 32 lower-case letters, digits or '-'. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** Upper bound of a single cost, so that sums of many events stay far from overflow. */
    public static final long MAX_COST = 1_000_000_000L;
    /** Clock bounds, as {@code options.cpuHz} in VM definitions. */
    public static final long MIN_CLOCK_HZ = 1_000L;
    public static final long MAX_CLOCK_HZ = 100_000_000_000L;

    /** Which published comparisons a preset is meant to reproduce (see {@link Calibration}). */
    public enum Era {
        /** Mid-2000s hardware: a software VMM against first-generation VT-x without EPT (Adams and Agesen 2006). */
        FIRST_GENERATION_VT("mid-2000s, first-generation VT-x"),
        /** A recent CPU: cheap VM exits and EPT. */
        MODERN("modern CPU with EPT");

        private final String title;

        Era(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final String id;
    private final String name;
    private final String description;
    private final Era era;
    private final long clockHz;
    private final Source clockSource;
    private final long[] costs;
    private final Source[] sources;

    private CostModel(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.description = b.description;
        this.era = b.era;
        this.clockHz = b.clockHz;
        this.clockSource = b.clockSource;
        this.costs = b.costs.clone();
        this.sources = b.sources.clone();
    }

    /** Cycles charged for one occurrence of {@code event}. */
    public long cost(CostEvent event) {
        return costs[event.ordinal()];
    }

    /** Where the cost of {@code event} comes from. */
    public Source source(CostEvent event) {
        return sources[event.ordinal()];
    }

    /** A copy of all costs, indexed by {@link CostEvent#ordinal()}. */
    public long[] costs() {
        return costs.clone();
    }

    /** For {@link CycleLedger}: the array itself, never modified by anyone. */
    long[] costArray() {
        return costs;
    }

    /** The preset id, e.g. {@code modern}. */
    public String id() {
        return id;
    }

    /** A short human name, e.g. "Modern CPU (VT-x with EPT)". */
    public String name() {
        return name;
    }

    /** A few sentences: which machine the preset models and how it was calibrated. */
    public String description() {
        return description;
    }

    public Era era() {
        return era;
    }

    /** The simulated CPU frequency the preset models; the machine's virtual clock turns cycles into time with it. */
    public long clockHz() {
        return clockHz;
    }

    /** Where the clock frequency comes from. */
    public Source clockSource() {
        return clockSource;
    }

    /** Simulated nanoseconds for {@code cycles} at {@link #clockHz()}. */
    public double nanos(long cycles) {
        return cycles * 1e9 / clockHz;
    }

    /** This model with one cost changed (for what-if experiments and tests); the id stays unless changed too. */
    public CostModel withCost(CostEvent event, long cycles, Source source) {
        return toBuilder().cost(event, cycles, source).build();
    }

    /** A builder holding this model's values. */
    public Builder toBuilder() {
        Builder b = new Builder(id, name).description(description).era(era).clockHz(clockHz, clockSource);
        System.arraycopy(costs, 0, b.costs, 0, costs.length);
        System.arraycopy(sources, 0, b.sources, 0, sources.length);
        return b;
    }

    public static Builder builder(String id, String name) {
        return new Builder(id, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostModel m && id.equals(m.id) && name.equals(m.name) && description.equals(m.description)
                && era == m.era && clockHz == m.clockHz && clockSource.equals(m.clockSource)
                && Arrays.equals(costs, m.costs) && Arrays.equals(sources, m.sources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, clockHz, Arrays.hashCode(costs));
    }

    @Override
    public String toString() {
        return "CostModel[" + id + ", " + clockHz + " Hz]";
    }

    /** Collects a model's values; {@link #build()} checks that every event has a cost and a source. */
    public static final class Builder {
        private String id;
        private String name;
        private String description = "";
        private Era era = Era.MODERN;
        private long clockHz;
        private Source clockSource;
        private final long[] costs = new long[CostEvent.count()];
        private final Source[] sources = new Source[CostEvent.count()];

        private Builder(String id, String name) {
            id(id);
            name(name);
        }

        public Builder id(String value) {
            Objects.requireNonNull(value, "id");
            if (!ID.matcher(value).matches()) {
                throw new IllegalArgumentException("\"" + value + "\" is not a preset id "
                        + "(1 to 32 lower-case letters, digits or '-', starting with a letter or digit)");
            }
            this.id = value;
            return this;
        }

        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) {
                throw new IllegalArgumentException("a preset needs a name");
            }
            this.name = value;
            return this;
        }

        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        public Builder era(Era value) {
            this.era = Objects.requireNonNull(value, "era");
            return this;
        }

        public Builder clockHz(long hz, Source source) {
            if (hz < MIN_CLOCK_HZ || hz > MAX_CLOCK_HZ) {
                throw new IllegalArgumentException("clock must be between " + MIN_CLOCK_HZ + " and " + MAX_CLOCK_HZ
                        + " Hz, found " + hz);
            }
            this.clockHz = hz;
            this.clockSource = Objects.requireNonNull(source, "clock source");
            return this;
        }

        public Builder cost(CostEvent event, long cycles, Source source) {
            Objects.requireNonNull(event, "event");
            if (cycles < 0 || cycles > MAX_COST) {
                throw new IllegalArgumentException(event + ": cost must be between 0 and " + MAX_COST
                        + " cycles, found " + cycles);
            }
            costs[event.ordinal()] = cycles;
            sources[event.ordinal()] = Objects.requireNonNull(source, "source");
            return this;
        }

        /** True once {@code event} has been given a cost. */
        public boolean has(CostEvent event) {
            return sources[event.ordinal()] != null;
        }

        public CostModel build() {
            if (clockSource == null) {
                throw new IllegalStateException("preset " + id + ": no clock frequency");
            }
            StringBuilder missing = new StringBuilder();
            for (CostEvent e : CostEvent.values()) {
                if (sources[e.ordinal()] == null) {
                    missing.append(missing.isEmpty() ? "" : ", ").append(e.name());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("preset " + id + ": no cost for " + missing);
            }
            return new CostModel(this);
        }
    }
}
