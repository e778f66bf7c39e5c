package dev.ringmaster.app.docking;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node of a saved dock layout, toolkit-free: a {@link Split} (a resizable row or column of
 * children, like a split pane) or a {@link Tabs} group (panes stacked behind headers). The records
 * reject invalid shapes in their constructors, so a parsed layout is always one that can be built.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LayoutNode.Split.class, name = "split"),
        @JsonSubTypes.Type(value = LayoutNode.Tabs.class, name = "tabs")})
public sealed interface LayoutNode {
    /** Pane ids: lower-case letters, digits, '.', '-' (as in {@link PaneIds}). */
    Pattern PANE_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    /** Positions are fractions of the split's width or height; this much slack is tolerated when checking order. */
    double EPSILON = 1e-9;

    /**
     * True when this node keeps its size when the window is resized (the other children of its split
     * take the difference), like a side bar or a bottom panel.
     */
    boolean fixed();

    LayoutNode withFixed(boolean value);

    /** Every pane id in this subtree, in document order. */
    List<String> panes();

    /** Direction in which a split lays out its children. */
    enum Orientation {
        /** Children side by side, left to right. */
        @JsonProperty("horizontal") HORIZONTAL,
        /** Children stacked, top to bottom. */
        @JsonProperty("vertical") VERTICAL
    }

    /**
     * Children laid out in a row or column, separated by movable dividers.
     *
     * @param dividers one position per gap between children, each a fraction 0–1 of the split's
     *                 size, in ascending order (child k spans {@code dividers[k-1]..dividers[k]})
     */
    @JsonPropertyOrder({"type", "orientation", "fixed", "dividers", "children"})
    record Split(Orientation orientation, List<Double> dividers, List<LayoutNode> children, boolean fixed)
            implements LayoutNode {
        public Split {
            if (orientation == null) {
                throw new IllegalArgumentException("a split needs an orientation (horizontal or vertical)");
            }
            if (children == null || children.isEmpty()) {
                throw new IllegalArgumentException("a split needs at least one child");
            }
            if (children.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("a split child is null");
            }
            dividers = dividers == null ? List.of() : List.copyOf(dividers);
            if (dividers.size() != children.size() - 1) {
                throw new IllegalArgumentException("a split with " + children.size() + " children needs "
                        + (children.size() - 1) + " divider positions, found " + dividers.size());
            }
            double previous = 0;
            for (double d : dividers) {
                if (!(d >= 0 && d <= 1)) {
                    throw new IllegalArgumentException("divider position " + d + " is not between 0 and 1");
                }
                if (d < previous - EPSILON) {
                    throw new IllegalArgumentException("divider positions are not in ascending order: " + dividers);
                }
                previous = d;
            }
            children = List.copyOf(children);
            checkUnique(panesOf(children));
        }

        public Split(Orientation orientation, List<Double> dividers, List<LayoutNode> children) {
            this(orientation, dividers, children, false);
        }

        @Override
        public Split withFixed(boolean value) {
            return new Split(orientation, dividers, children, value);
        }

        @Override
        public List<String> panes() {
            return panesOf(children);
        }

        /** The share (0–1) of this split's size that child {@code index} takes. */
        public double share(int index) {
            double start = index == 0 ? 0 : dividers.get(index - 1);
            double end = index == children.size() - 1 ? 1 : dividers.get(index);
            return end - start;
        }

        /** Every child's share, in order; they add up to 1. */
        public List<Double> shares() {
            List<Double> out = new ArrayList<>(children.size());
            for (int i = 0; i < children.size(); i++) {
                out.add(share(i));
            }
            return out;
        }

        /** A split with the same orientation and fixedness, given children and their shares. */
        public Split with(List<LayoutNode> newChildren, List<Double> newShares) {
            return new Split(orientation, dividersFromShares(newShares), newChildren, fixed);
        }

        static List<Double> dividersFromShares(List<Double> shares) {
            double total = shares.stream().mapToDouble(Double::doubleValue).sum();
            List<Double> out = new ArrayList<>();
            double acc = 0;
            for (int i = 0; i < shares.size() - 1; i++) {
                acc += total > 0 ? shares.get(i) / total : 1.0 / shares.size();
                out.add(Math.min(1, Math.max(0, acc)));
            }
            return out;
        }

        private static List<String> panesOf(List<LayoutNode> children) {
            List<String> out = new ArrayList<>();
            for (LayoutNode c : children) {
                out.addAll(c.panes());
            }
            return out;
        }
    }

    /**
     * Panes stacked behind a row of headers, one visible at a time.
     *
     * @param panes    pane ids, in header order (at least one)
     * @param selected the visible one, or null for the first (the first given explicitly is stored as null)
     */
    @JsonPropertyOrder({"type", "fixed", "panes", "selected"})
    record Tabs(List<String> panes, String selected, boolean fixed) implements LayoutNode {
        public Tabs {
            if (panes == null || panes.isEmpty()) {
                throw new IllegalArgumentException("a tab group needs at least one pane");
            }
            for (String id : panes) {
                if (id == null || !PANE_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("\"" + id + "\" is not a pane id");
                }
            }
            panes = List.copyOf(panes);
            checkUnique(panes);
            if (selected != null && !panes.contains(selected)) {
                throw new IllegalArgumentException("the selected pane \"" + selected + "\" is not in the group " + panes);
            }
            if (panes.get(0).equals(selected)) {
                selected = null; // one form for "the first is shown", so that equal layouts are equal records
            }
        }

        public Tabs(String... panes) {
            this(List.of(panes), null, false);
        }

        @Override
        public Tabs withFixed(boolean value) {
            return new Tabs(panes, selected, value);
        }

        /** The visible pane: {@link #selected} or the first. */
        public String visible() {
            return selected != null ? selected : panes.get(0);
        }
    }

    private static void checkUnique(List<String> panes) {
        Set<String> seen = new HashSet<>();
        for (String id : panes) {
            if (!seen.add(Objects.requireNonNull(id))) {
                throw new IllegalArgumentException("pane \"" + id + "\" appears more than once");
            }
        }
    }
}
