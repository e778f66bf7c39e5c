package dev.ringmaster.app.docking;

import dev.ringmaster.app.docking.LayoutNode.Orientation;
import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;
import java.util.List;

/** The layouts a window starts with, and returns to on View ▸ Reset layout. */
public final class DefaultLayouts {
    private DefaultLayouts() {
    }

    /**
     * The manager window, as in virt-manager with a log below: the VM tree-table (with its state,
     * technique and sparkline columns) on the left, growing with the window; the details of the
     * selected VM on the right (keeps its width); the event log across the bottom (keeps its height).
     */
    public static DockLayout manager() {
        Split top = new Split(Orientation.HORIZONTAL, List.of(0.68),
                List.of(new Tabs(PaneIds.VM_LIST), new Tabs(PaneIds.DETAILS).withFixed(true)));
        return DockLayout.of(new Split(Orientation.VERTICAL, List.of(0.72),
                List.of(top, new Tabs(PaneIds.EVENT_LOG).withFixed(true))));
    }

    /**
     * A VM window: the console (the real screen's size), the disassembly and the registers side by
     * side on top — what a debugger shows while stepping — and traps, rings and statistics in tabs
     * across the bottom (a trap selected there shows its instruction in the disassembly above).
     */
    public static DockLayout vmWindow() {
        return vmWindow(false);
    }

    /** As {@link #vmWindow()}; a binary-translation VM also has the translation cache in the bottom tabs. */
    public static DockLayout vmWindow(boolean translationCache) {
        List<String> bottom = translationCache
                ? List.of(PaneIds.TRAPS, PaneIds.RINGS, PaneIds.STATISTICS, PaneIds.TRANSLATION_CACHE)
                : List.of(PaneIds.TRAPS, PaneIds.RINGS, PaneIds.STATISTICS);
        Split top = new Split(Orientation.HORIZONTAL, List.of(0.40, 0.70),
                List.of(new Tabs(PaneIds.CONSOLE), new Tabs(PaneIds.DISASSEMBLY), new Tabs(PaneIds.REGISTERS)));
        return DockLayout.of(new Split(Orientation.VERTICAL, List.of(0.58),
                List.of(top, new Tabs(bottom, PaneIds.TRAPS, false))));
    }
}
