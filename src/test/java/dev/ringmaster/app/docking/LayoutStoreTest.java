package dev.ringmaster.app.docking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.prefs.ConfigRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T09:30:05Z"), ZoneOffset.UTC);
    private static final String VM_WINDOW = "vm-0b5f5a1e-3c1f-4f3e-9a2b-1c2d3e4f5a6b";

    @TempDir
    Path config;

    @Test
    void eachWindowHasItsOwnFile() {
        LayoutStore store = new LayoutStore(config, CLOCK);
        assertEquals(config.resolve("layout.json"), store.fileFor(LayoutStore.MANAGER_WINDOW));
        assertEquals(config.resolve("layouts").resolve(VM_WINDOW + ".json"), store.fileFor(VM_WINDOW));
        assertThrows(IllegalArgumentException.class, () -> store.fileFor("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.fileFor("Manager"));
    }

    @Test
    void layoutsOfDifferentWindowsAreSavedAndLoadedSeparately() throws IOException {
        LayoutStore store = new LayoutStore(config, CLOCK);
        DockLayout vmLayout = DockLayout.of(new LayoutNode.Tabs("console", "registers"));
        store.save(LayoutStore.MANAGER_WINDOW, DefaultLayouts.manager());
        store.save(VM_WINDOW, vmLayout);

        LayoutStore later = new LayoutStore(config, CLOCK);
        assertEquals(DefaultLayouts.manager(), later.load(LayoutStore.MANAGER_WINDOW).orElse(null));
        assertEquals(vmLayout, later.load(VM_WINDOW).orElse(null));
        assertInstanceOf(ConfigRead.Missing.class, later.load("vm-other"));
    }

    @Test
    void aCorruptLayoutIsMovedAsideAndTheNextSaveDoesNotTouchTheBackup() throws IOException {
        Files.writeString(config.resolve("layout.json"), "{\"format\":1,\"root\":{\"type\":\"tabs\",\"panes\":[]}}");
        LayoutStore store = new LayoutStore(config, CLOCK);
        ConfigRead.Unusable<?> u = assertInstanceOf(ConfigRead.Unusable.class, store.load(LayoutStore.MANAGER_WINDOW));
        assertTrue(u.problem().contains("a tab group needs at least one pane"), u.problem());
        Path backup = config.resolve("layout.json.corrupt-20251125-093005");
        assertEquals(backup, u.backup());

        store.save(LayoutStore.MANAGER_WINDOW, DefaultLayouts.manager());
        assertEquals("{\"format\":1,\"root\":{\"type\":\"tabs\",\"panes\":[]}}", Files.readString(backup));
        assertEquals(DefaultLayouts.manager(), store.load(LayoutStore.MANAGER_WINDOW).orElse(null));
    }
}
