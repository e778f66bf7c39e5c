package dev.ringmaster.engine.cost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A sequence of cost events with counts, e.g. "TRAP_TO_VMM + VMM_EVENT_REFLECTION + 10 x INSN_SIMPLE":
 * how one operation is executed under one technique. Immutable; {@link #chargeTo} replays it into a
 * ledger, {@link #cycles} prices it with a model.
 */
public final class CostRecipe {
    /** One step: {@code count} occurrences of {@code event}. */
    public record Step(CostEvent event, long count) {
        public Step {
            Objects.requireNonNull(event, "event");
            if (count <= 0) {
                throw new IllegalArgumentException("a step needs a positive count: " + count + " x " + event);
            }
        }
    }

    private final List<Step> steps;

    private CostRecipe(List<Step> steps) {
        this.steps = Collections.unmodifiableList(steps);
    }

    /** An empty recipe to add steps to. */
    public static Builder builder() {
        return new Builder();
    }

    public List<Step> steps() {
        return steps;
    }

    /** How many times {@code event} occurs in the recipe. */
    public long count(CostEvent event) {
        long n = 0;
        for (Step s : steps) {
            if (s.event() == event) {
                n += s.count();
            }
        }
        return n;
    }

    /** Cycles of the whole recipe under {@code model}. */
    public long cycles(CostModel model) {
        long sum = 0;
        for (Step s : steps) {
            sum += model.cost(s.event()) * s.count();
        }
        return sum;
    }

    /** Charges every step into {@code ledger}; returns the cycles charged. */
    public long chargeTo(CycleLedger ledger) {
        long sum = 0;
        for (Step s : steps) {
            sum += ledger.charge(s.event(), s.count());
        }
        return sum;
    }

    /** "TRAP_TO_VMM + VMM_EVENT_REFLECTION + 10 INSN_SIMPLE + CALLOUT + IRET_OUTWARD". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            if (!b.isEmpty()) {
                b.append(" + ");
            }
            if (s.count() != 1) {
                b.append(s.count()).append(' ');
            }
            b.append(s.event().name());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Appends steps in order. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        public Builder add(CostEvent event) {
            return add(event, 1);
        }

        public Builder add(CostEvent event, long count) {
            steps.add(new Step(event, count));
            return this;
        }

        /** Appends all steps of {@code other}. */
        public Builder add(CostRecipe other) {
            steps.addAll(other.steps);
            return this;
        }

        public CostRecipe build() {
            return new CostRecipe(new ArrayList<>(steps));
        }
    }
}
