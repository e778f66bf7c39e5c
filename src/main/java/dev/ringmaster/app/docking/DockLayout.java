package dev.ringmaster.app.docking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ringmaster.app.prefs.ConfigFile;
import dev.ringmaster.app.prefs.ConfigJson;
import java.util.List;
import java.util.Optional;

/**
 * The saved arrangement of one window's dock, as stored in its layout file:
 * <pre>{@code
 * { "format": 1,
 *   "root": { "type": "split", "orientation": "vertical", "dividers": [0.72], "children": [
 *       { "type": "split", "orientation": "horizontal", "dividers": [0.68], "children": [
 *           { "type": "tabs", "panes": ["vm-list"] },
 *           { "type": "tabs", "fixed": true, "panes": ["details"] } ] },
 *       { "type": "tabs", "fixed": true, "panes": ["event-log"] } ] } }
 * }</pre>
 * A null root is a dock whose panes are all closed. Pane ids the running Ringmaster does not know
 * are dropped when the layout is applied (see {@link LayoutOps#retainPanes}).
 *
 * @param format {@link #FORMAT}; another number means another version wrote it, and it is not used
 */
@JsonPropertyOrder({"format", "root"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DockLayout(int format, LayoutNode root) {
    public static final int FORMAT = 1;
    public static final DockLayout EMPTY = new DockLayout(FORMAT, null);

    public DockLayout {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not " + FORMAT
                    + " (written by another version of Ringmaster)");
        }
    }

    public static DockLayout of(LayoutNode root) {
        return new DockLayout(FORMAT, root);
    }

    /** Every pane id in the layout, in document order. */
    public List<String> panes() {
        return root == null ? List.of() : root.panes();
    }

    public Optional<LayoutNode> rootNode() {
        return Optional.ofNullable(root);
    }

    /** Strict JSON, see {@link ConfigJson}. */
    public static final ConfigFile.Codec<DockLayout> CODEC = ConfigJson.codec(DockLayout.class);
}
