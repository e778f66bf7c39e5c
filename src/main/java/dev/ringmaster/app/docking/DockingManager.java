package dev.ringmaster.app.docking;

import dev.ringmaster.app.docking.LayoutNode.Orientation;
import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import software.coley.bentofx.Bento;
import software.coley.bentofx.control.Header;
import software.coley.bentofx.dockable.Dockable;
import software.coley.bentofx.dockable.DockableClickBehavior;
import software.coley.bentofx.event.DockEvent;
import software.coley.bentofx.layout.DockContainer;
import software.coley.bentofx.layout.container.DockContainerBranch;
import software.coley.bentofx.layout.container.DockContainerLeaf;
import software.coley.bentofx.layout.container.DockContainerRootBranch;

/**
 * The one owner of BentoFX: one instance per window. It builds the window's dock from a
 * {@link DockLayout} and the window's {@link PaneRegistry}, reads the arrangement back as a
 * {@link DockLayout} (walking Bento's containers: orientation, divider positions, which panes in
 * which tab group, the selected one), and opens, closes, moves and selects panes by id.
 *
 * <p>Structural changes the program makes (reopening a pane, moving one, resetting) are done on the
 * layout model ({@link LayoutOps}) and the dock is rebuilt from it; the pane contents are the
 * registry's nodes, created once, so panes keep their state. Changes the user makes by dragging go
 * through Bento itself and are read back by {@link #capture()}.
 *
 * <p>Choices: panes cannot be torn off into separate windows (their layout would not be saved);
 * clicking the selected header does not collapse its group (an easy accident in a classroom). Each
 * pane header gets the node id {@code dock-header-<pane id>}. FX thread only.
 */
public final class DockingManager {
    private final String windowId;
    private final PaneRegistry registry;
    private final DockLayout home;
    private final Bento bento = new WindowBento();
    private final StackPane view = new StackPane();
    private final Label emptyNotice = new Label();
    private final ObservableSet<String> openPanes = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<String> openPanesView = FXCollections.unmodifiableObservableSet(openPanes);
    private DockContainerRootBranch root;
    private boolean rebuilding;

    /**
     * @param windowId names the dock's root ({@code dock-<windowId>} is the view's node id)
     * @param registry the panes this window can show
     * @param home     the window's default layout: used by {@link #reset()} and to place reopened panes
     */
    public DockingManager(String windowId, PaneRegistry registry, DockLayout home) {
        this.windowId = Objects.requireNonNull(windowId, "windowId");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.home = LayoutOps.retainPanes(home, registry::contains);
        view.setId("dock-" + windowId);
        view.getStyleClass().add("dock");
        emptyNotice.setId("dockEmptyNotice");
        emptyNotice.getStyleClass().add("empty-state");
        emptyNotice.setWrapText(true);
        emptyNotice.setText("Every pane is closed. Open one from the View menu, or choose View ▸ Reset layout.");
        bento.controlsBuilding().setHeaderFactory((dockable, headerPane) -> {
            Header header = new Header(dockable, headerPane).withDragDrop();
            header.setId("dock-header-" + dockable.getIdentifier());
            return header;
        });
        bento.events().addEventListener(event -> {
            if (!rebuilding && (event instanceof DockEvent.DockableAdded || event instanceof DockEvent.DockableRemoved)) {
                refreshOpenPanes();
            }
        });
        apply(this.home);
    }

    /** The stylesheet BentoFX's controls need; add it to every scene that shows a dock. */
    public static String stylesheet() {
        return Objects.requireNonNull(Bento.class.getResource("/bento.css"), "bento.css").toExternalForm();
    }

    /** The dock, to put in the window. */
    public Region view() {
        return view;
    }

    public String windowId() {
        return windowId;
    }

    /** The layout {@link #reset()} returns to (the home layout, restricted to registered panes). */
    public DockLayout homeLayout() {
        return home;
    }

    /** Ids of the panes currently docked (read-only, observable: the View menu's toggles follow it). */
    public ObservableSet<String> openPanes() {
        return openPanesView;
    }

    public boolean isOpen(String paneId) {
        return openPanes.contains(paneId);
    }

    /** Rebuilds the dock as {@code layout} says; panes it names that are not registered are left out. */
    public void apply(DockLayout layout) {
        LayoutNode model = LayoutOps.retainPanes(layout.root(), registry::contains);
        rebuilding = true;
        try {
            detach();
            root = bento.dockBuilding().root("root-" + windowId);
            if (model instanceof Split split) {
                fill(root, split);
            } else if (model instanceof Tabs tabs) {
                root.addContainer(leaf(tabs));
            }
            bento.registerRoot(root);
            view.getChildren().setAll(root, emptyNotice);
        } finally {
            rebuilding = false;
        }
        refreshOpenPanes();
    }

    /** The current arrangement, as the user sees it (divider positions as laid out). */
    public DockLayout capture() {
        return DockLayout.of(captureNode(root, false));
    }

    /** Back to the home layout. */
    public void reset() {
        apply(home);
    }

    /** Opens a pane (placed by {@link LayoutOps#withPaneOpened}) or, when it is open, brings it to front. */
    public void open(String paneId) {
        requireRegistered(paneId);
        if (!isOpen(paneId)) {
            apply(LayoutOps.withPaneOpened(capture(), home, paneId));
        }
        select(paneId);
    }

    /** Closes a pane as its header's close button does. @return false when it was not open */
    public boolean close(String paneId) {
        return find(paneId).map(d -> d.getContainer().closeDockable(d)).orElse(false);
    }

    /** Opens or closes a pane (the View menu's toggles). */
    public void setOpen(String paneId, boolean open) {
        if (open) {
            open(paneId);
        } else {
            close(paneId);
        }
    }

    /** Moves a pane into the tab group of another, selected, as dropping it on that group's headers does. */
    public void movePaneTo(String paneId, String targetPaneId) {
        apply(LayoutOps.withPaneMovedTo(capture(), paneId, targetPaneId));
        select(paneId);
    }

    /** Brings an open pane to the front of its tab group. @return false when it is not open */
    public boolean select(String paneId) {
        return find(paneId).map(d -> d.getContainer().selectDockable(d)).orElse(false);
    }

    /** The id of the visible pane of the tab group holding {@code paneId}, when it is open. */
    public Optional<String> visibleBeside(String paneId) {
        return find(paneId).map(d -> d.getContainer().getSelectedDockable()).map(Dockable::getIdentifier);
    }

    /**
     * Whether a pane is on screen now: open, the selected tab of its group, in a scene whose window
     * is showing and not minimised, and not hidden by any container above it (panes that are not
     * showing need not redraw; see {@link dev.ringmaster.app.pulse.RefreshGate}).
     */
    public boolean isShowing(String paneId) {
        Optional<Dockable> found = find(paneId);
        if (found.isEmpty()) {
            return false;
        }
        Dockable d = found.get();
        DockContainerLeaf leaf = d.getContainer();
        if (leaf == null || leaf.getSelectedDockable() != d) {
            return false;
        }
        javafx.scene.Node node = d.getNode();
        if (node == null || node.getScene() == null) {
            return false;
        }
        javafx.stage.Window window = node.getScene().getWindow();
        if (window == null || !window.isShowing()
                || (window instanceof javafx.stage.Stage stage && stage.isIconified())) {
            return false;
        }
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void requireRegistered(String paneId) {
        if (!registry.contains(paneId)) {
            throw new IllegalArgumentException("unknown pane " + paneId + " in window " + windowId);
        }
    }

    private void fill(DockContainerBranch branch, Split split) {
        branch.setOrientation(split.orientation() == Orientation.HORIZONTAL
                ? javafx.geometry.Orientation.HORIZONTAL : javafx.geometry.Orientation.VERTICAL);
        for (LayoutNode child : split.children()) {
            DockContainer container;
            if (child instanceof Split s) {
                DockContainerBranch sub = bento.dockBuilding().branch();
                fill(sub, s);
                container = sub;
            } else {
                container = leaf((Tabs) child);
            }
            branch.addContainer(container);
            SplitPane.setResizableWithParent(container.asRegion(), !child.fixed());
        }
        branch.setDividerPositions(split.dividers().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private DockContainerLeaf leaf(Tabs tabs) {
        DockContainerLeaf leaf = bento.dockBuilding().leaf();
        Dockable visible = null;
        for (String paneId : tabs.panes()) {
            Dockable d = dockable(paneId);
            leaf.addDockable(d);
            if (paneId.equals(tabs.visible())) {
                visible = d;
            }
        }
        leaf.selectDockable(visible);
        return leaf;
    }

    private Dockable dockable(String paneId) {
        PaneRegistry.PaneSpec spec = registry.spec(paneId).orElseThrow();
        Dockable d = bento.dockBuilding().dockable(paneId);
        d.setTitle(spec.title());
        d.setNode(registry.content(paneId));
        d.setClosable(true);
        d.setCanBeDroppedToNewWindow(false);
        d.setContextMenuFactory(this::contextMenu);
        return d;
    }

    /** Right-click on a pane header: close it, or move it into another group without dragging. */
    private ContextMenu contextMenu(Dockable dockable) {
        String paneId = dockable.getIdentifier();
        MenuItem close = new MenuItem("Close " + dockable.getTitle());
        close.setOnAction(e -> close(paneId));
        ContextMenu menu = new ContextMenu(close);
        DockContainerLeaf own = dockable.getContainer();
        boolean separated = false;
        for (String other : openPanes) {
            Optional<Dockable> target = find(other);
            if (target.isEmpty() || target.get().getContainer() == own) {
                continue;
            }
            if (!separated) {
                menu.getItems().add(new SeparatorMenuItem());
                separated = true;
            }
            MenuItem move = new MenuItem("Move beside " + target.get().getTitle());
            move.setOnAction(e -> movePaneTo(paneId, other));
            menu.getItems().add(move);
        }
        return menu;
    }

    private LayoutNode captureNode(DockContainer container, boolean fixed) {
        if (container instanceof DockContainerLeaf leaf) {
            List<String> panes = leaf.getDockables().stream().map(Dockable::getIdentifier).toList();
            if (panes.isEmpty()) {
                return null;
            }
            Dockable selected = leaf.getSelectedDockable();
            return new Tabs(panes, selected == null ? null : selected.getIdentifier(), fixed);
        }
        DockContainerBranch branch = (DockContainerBranch) container;
        List<LayoutNode> children = new ArrayList<>();
        for (DockContainer child : branch.getChildContainers()) {
            Boolean resizable = SplitPane.isResizableWithParent(child.asRegion());
            children.add(captureNode(child, resizable != null && !resizable));
        }
        if (children.isEmpty()) {
            return null;
        }
        Orientation orientation = branch.getOrientation() == javafx.geometry.Orientation.HORIZONTAL
                ? Orientation.HORIZONTAL : Orientation.VERTICAL;
        return LayoutOps.compact(orientation, children, LayoutOps.sharesFromPositions(branch.getDividerPositions()), fixed);
    }

    private Optional<Dockable> find(String paneId) {
        if (root == null) {
            return Optional.empty();
        }
        return root.getDockables().stream().filter(d -> d.getIdentifier().equals(paneId)).findFirst();
    }

    /** Takes the panes out of the old dock, so that their nodes are free to be docked again. */
    private void detach() {
        if (root == null) {
            return;
        }
        for (Dockable d : new ArrayList<>(root.getDockables())) {
            DockContainerLeaf leaf = d.getContainer();
            if (leaf != null) {
                leaf.removeDockable(d);
            }
        }
        bento.unregisterRoot(root);
        view.getChildren().remove(root);
    }

    private void refreshOpenPanes() {
        Set<String> now = new LinkedHashSet<>();
        if (root != null) {
            root.getDockables().forEach(d -> now.add(d.getIdentifier()));
        }
        openPanes.retainAll(now);
        openPanes.addAll(now);
        emptyNotice.setVisible(now.isEmpty());
    }

    /** Bento with this application's behaviour: a click on a header selects it, nothing else. */
    private static final class WindowBento extends Bento {
        @Override
        protected DockableClickBehavior newClickBehavior() {
            return new DockableClickBehavior() {
                @Override
                public void onMouseClick(DockContainerLeaf container, Dockable dockable, Header header, MouseEvent e) {
                    if (e.getButton() == MouseButton.PRIMARY) {
                        container.selectDockable(dockable);
                        header.requestFocus();
                    } else {
                        DockableClickBehavior.super.onMouseClick(container, dockable, header, e);
                    }
                }
            };
        }
    }
}
