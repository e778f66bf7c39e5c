package dev.ringmaster.app.docking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * The panes a window can dock, by id: a title and a factory of the pane's content. The content is
 * created once, on first use, and the same node is docked again when the pane is reopened or the
 * layout is rebuilt, so a pane keeps its state (selection, scroll position, entries) for the life of
 * its window. Registration order is the order of the View menu's pane toggles.
 */
public final class PaneRegistry {
    /** One dockable pane. */
    public record PaneSpec(String id, String title, Supplier<? extends Node> factory) {
        public PaneSpec {
            if (id == null || !LayoutNode.PANE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("\"" + id + "\" is not a pane id");
            }
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("pane " + id + " needs a title");
            }
            if (factory == null) {
                throw new IllegalArgumentException("pane " + id + " needs a content factory");
            }
        }
    }

    private final Map<String, PaneSpec> specs = new LinkedHashMap<>();
    private final Map<String, Node> created = new LinkedHashMap<>();

    /** Registers a pane; its id must be new. */
    public PaneRegistry register(String id, String title, Supplier<? extends Node> factory) {
        PaneSpec spec = new PaneSpec(id, title, factory);
        if (specs.putIfAbsent(id, spec) != null) {
            throw new IllegalArgumentException("pane " + id + " is registered twice");
        }
        return this;
    }

    public boolean contains(String id) {
        return specs.containsKey(id);
    }

    public Optional<PaneSpec> spec(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    /** The registered panes, in registration order. */
    public List<PaneSpec> specs() {
        return new ArrayList<>(specs.values());
    }

    /** The pane's content, created on first use. */
    public Node content(String id) {
        PaneSpec spec = specs.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown pane " + id);
        }
        return created.computeIfAbsent(id, k -> {
            Node node = spec.factory().get();
            if (node == null) {
                throw new IllegalStateException("pane " + id + ": the factory returned null");
            }
            return node;
        });
    }
}
