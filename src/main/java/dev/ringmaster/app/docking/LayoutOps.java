package dev.ringmaster.app.docking;

import dev.ringmaster.app.docking.LayoutNode.Orientation;
import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Pure operations on dock layouts, so that what the dock does when a pane is reopened, moved or
 * forgotten can be tested without a toolkit. A path is the list of child indices from the root to a
 * node.
 */
public final class LayoutOps {
    /** Share of the anchor given to a reopened pane that has no home share to go by. */
    static final double DEFAULT_SHARE = 0.25;

    private LayoutOps() {
    }

    /**
     * The layout without the panes {@code keep} rejects: empty tab groups and splits disappear, a
     * split left with one child is replaced by that child, and the space of a removed child goes to
     * its neighbour (the previous one, or the next when it was first).
     *
     * @return the remaining layout, or null when no pane remains
     */
    public static LayoutNode retainPanes(LayoutNode node, Predicate<String> keep) {
        if (node == null) {
            return null;
        }
        if (node instanceof Tabs t) {
            List<String> kept = t.panes().stream().filter(keep).toList();
            if (kept.isEmpty()) {
                return null;
            }
            return new Tabs(kept, t.selected() != null && kept.contains(t.selected()) ? t.selected() : null, t.fixed());
        }
        Split s = (Split) node;
        List<LayoutNode> children = new ArrayList<>();
        for (LayoutNode child : s.children()) {
            children.add(retainPanes(child, keep));
        }
        return compact(s.orientation(), children, s.shares(), s.fixed());
    }

    /**
     * A split of the non-null {@code children}: the share of a null child goes to its neighbour (the
     * previous one, or the next when it is first); one remaining child stands for the split itself.
     *
     * @param children the children, null where one went away
     * @param shares   each child's share of the space, in the same order
     * @return the split, its only child (taking the split's {@code fixed}), or null when none remains
     */
    public static LayoutNode compact(Orientation orientation, List<LayoutNode> children, List<Double> shares,
            boolean fixed) {
        List<LayoutNode> kept = new ArrayList<>();
        List<Double> keptShares = new ArrayList<>();
        double orphaned = 0;
        for (int i = 0; i < children.size(); i++) {
            LayoutNode child = children.get(i);
            double share = shares.get(i);
            if (child != null) {
                kept.add(child);
                keptShares.add(share + orphaned);
                orphaned = 0;
            } else if (keptShares.isEmpty()) {
                orphaned += share;
            } else {
                keptShares.set(keptShares.size() - 1, keptShares.get(keptShares.size() - 1) + share);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (kept.size() == 1) {
            return kept.get(0).withFixed(fixed);
        }
        return new Split(orientation, Split.dividersFromShares(keptShares), kept, fixed);
    }

    /**
     * The shares of the children of a split pane whose dividers are at {@code positions} (as a
     * split pane reports them: one per gap; clamped to 0–1 and made ascending).
     */
    public static List<Double> sharesFromPositions(double[] positions) {
        List<Double> shares = new ArrayList<>(positions.length + 1);
        double previous = 0;
        for (double p : positions) {
            double at = Double.isFinite(p) ? Math.min(1, Math.max(previous, p)) : previous;
            shares.add(at - previous);
            previous = at;
        }
        shares.add(1 - previous);
        return shares;
    }

    /** {@link #retainPanes(LayoutNode, Predicate)} on a whole layout. */
    public static DockLayout retainPanes(DockLayout layout, Predicate<String> keep) {
        return DockLayout.of(retainPanes(layout.root(), keep));
    }

    /**
     * The layout with {@code paneId} open again, placed where {@code home} (the window's default
     * layout) keeps it, as far as the current arrangement allows:
     * <ol>
     *   <li>already open: unchanged;</li>
     *   <li>a pane of its home tab group is open: it joins that group, selected;</li>
     *   <li>otherwise, going up its home branch, the nearest home sibling with open panes is found
     *       and the pane is put beside the smallest part of the current layout holding those panes,
     *       on the same side and in the same direction as at home, with its home share of the space;</li>
     *   <li>no related pane is open (or the pane has no home): beside everything, or alone.</li>
     * </ol>
     */
    public static DockLayout withPaneOpened(DockLayout current, DockLayout home, String paneId) {
        LayoutNode root = current.root();
        Tabs alone = new Tabs(List.of(paneId), null, false);
        if (root == null) {
            return DockLayout.of(alone);
        }
        if (root.panes().contains(paneId)) {
            return current;
        }
        Set<String> open = new HashSet<>(root.panes());
        List<Integer> homePath = home.root() == null ? null : pathToPane(home.root(), paneId);
        if (homePath != null) {
            Tabs homeGroup = (Tabs) nodeAt(home.root(), homePath);
            for (String mate : homeGroup.panes()) {
                if (open.contains(mate)) {
                    return DockLayout.of(update(root, pathToPane(root, mate), n -> withTab((Tabs) n, paneId)));
                }
            }
            for (int level = homePath.size(); level >= 1; level--) {
                Split homeParent = (Split) nodeAt(home.root(), homePath.subList(0, level - 1));
                int unit = homePath.get(level - 1);
                boolean unitFixed = homeParent.children().get(unit).fixed();
                List<Integer> byDistance = IntStream.range(0, homeParent.children().size())
                        .filter(j -> j != unit).boxed()
                        .sorted(Comparator.comparingInt(j -> Math.abs(j - unit))).toList();
                for (int j : byDistance) {
                    List<String> related = homeParent.children().get(j).panes().stream().filter(open::contains).toList();
                    if (!related.isEmpty()) {
                        List<Integer> anchor = commonPrefix(related.stream().map(p -> pathToPane(root, p)).toList());
                        return DockLayout.of(insertBeside(root, anchor, alone.withFixed(unitFixed),
                                homeParent.orientation(), unit < j, homeParent.share(unit), home));
                    }
                }
            }
        }
        Orientation direction = home.root() instanceof Split s ? s.orientation() : Orientation.HORIZONTAL;
        return DockLayout.of(insertBeside(root, List.of(), alone, direction, false, DEFAULT_SHARE, home));
    }

    /**
     * The layout with {@code paneId} moved into the tab group of {@code targetPaneId} (appended,
     * selected), as a drag onto that group's headers does.
     *
     * @throws IllegalArgumentException when either pane is not in the layout, or they are the same
     */
    public static DockLayout withPaneMovedTo(DockLayout current, String paneId, String targetPaneId) {
        List<String> panes = current.panes();
        if (!panes.contains(paneId) || !panes.contains(targetPaneId) || paneId.equals(targetPaneId)) {
            throw new IllegalArgumentException("cannot move " + paneId + " beside " + targetPaneId + " in " + panes);
        }
        LayoutNode without = retainPanes(current.root(), id -> !id.equals(paneId));
        return DockLayout.of(update(without, pathToPane(without, targetPaneId), n -> withTab((Tabs) n, paneId)));
    }

    /** The path to the tab group holding {@code paneId}, or null. */
    public static List<Integer> pathToPane(LayoutNode node, String paneId) {
        if (node instanceof Tabs t) {
            return t.panes().contains(paneId) ? new ArrayList<>() : null;
        }
        Split s = (Split) node;
        for (int i = 0; i < s.children().size(); i++) {
            List<Integer> sub = pathToPane(s.children().get(i), paneId);
            if (sub != null) {
                sub.add(0, i);
                return sub;
            }
        }
        return null;
    }

    /** The node at {@code path}. */
    public static LayoutNode nodeAt(LayoutNode root, List<Integer> path) {
        LayoutNode n = root;
        for (int i : path) {
            n = ((Split) n).children().get(i);
        }
        return n;
    }

    private static Tabs withTab(Tabs group, String paneId) {
        List<String> panes = new ArrayList<>(group.panes());
        panes.add(paneId);
        return new Tabs(panes, paneId, group.fixed());
    }

    /** {@code root} with the node at {@code path} replaced by {@code change} of it. */
    private static LayoutNode update(LayoutNode root, List<Integer> path, UnaryOperator<LayoutNode> change) {
        if (path.isEmpty()) {
            return change.apply(root);
        }
        Split s = (Split) root;
        List<LayoutNode> children = new ArrayList<>(s.children());
        int i = path.get(0);
        children.set(i, update(children.get(i), path.subList(1, path.size()), change));
        return new Split(s.orientation(), s.dividers(), children, s.fixed());
    }

    /**
     * Puts {@code node} before or after the node at {@code anchorPath}, in {@code direction}, taking
     * {@code share} of the anchor's space: inside the anchor's split when it already runs in that
     * direction, otherwise in a new split that replaces the anchor.
     */
    private static LayoutNode insertBeside(LayoutNode root, List<Integer> anchorPath, LayoutNode node,
            Orientation direction, boolean before, double share, DockLayout home) {
        if (!anchorPath.isEmpty()) {
            List<Integer> parentPath = anchorPath.subList(0, anchorPath.size() - 1);
            int index = anchorPath.get(anchorPath.size() - 1);
            if (nodeAt(root, parentPath) instanceof Split parent && parent.orientation() == direction) {
                return update(root, parentPath, n -> {
                    List<LayoutNode> children = new ArrayList<>(parent.children());
                    List<Double> shares = new ArrayList<>(parent.shares());
                    double anchorShare = shares.get(index);
                    shares.set(index, anchorShare * (1 - share));
                    int at = before ? index : index + 1;
                    children.add(at, node);
                    shares.add(at, anchorShare * share);
                    return parent.with(children, shares);
                });
            }
        }
        if (anchorPath.isEmpty() && root instanceof Split whole && whole.orientation() == direction) {
            // Beside everything, in the direction the whole dock already runs: one more child of the root.
            List<LayoutNode> children = new ArrayList<>(whole.children());
            List<Double> shares = new ArrayList<>();
            whole.shares().forEach(x -> shares.add(x * (1 - share)));
            children.add(before ? 0 : children.size(), node);
            shares.add(before ? 0 : shares.size(), share);
            return whole.with(children, shares);
        }
        return update(root, anchorPath, anchor -> {
            LayoutNode inner = anchor.withFixed(homeFixed(home, anchor, direction));
            return before
                    ? new Split(direction, List.of(share), List.of(node, inner), anchor.fixed())
                    : new Split(direction, List.of(1 - share), List.of(inner, node), anchor.fixed());
        });
    }

    /**
     * Whether {@code node}, put into a new split running in {@code direction}, keeps its size: as at
     * home when it is a tab group whose home group sits in a split running the same way (a side bar
     * that lost its split when its neighbour closed gets its fixed width back), otherwise not.
     */
    private static boolean homeFixed(DockLayout home, LayoutNode node, Orientation direction) {
        if (!(node instanceof Tabs tabs) || home.root() == null) {
            return false;
        }
        List<Integer> path = pathToPane(home.root(), tabs.panes().get(0));
        if (path == null || path.isEmpty()) {
            return false;
        }
        Split parent = (Split) nodeAt(home.root(), path.subList(0, path.size() - 1));
        return parent.orientation() == direction && nodeAt(home.root(), path).fixed();
    }

    private static List<Integer> commonPrefix(List<List<Integer>> paths) {
        List<Integer> first = paths.get(0);
        int n = first.size();
        for (List<Integer> p : paths) {
            int k = 0;
            while (k < Math.min(n, p.size()) && p.get(k).equals(first.get(k))) {
                k++;
            }
            n = k;
        }
        return new ArrayList<>(first.subList(0, n));
    }
}
