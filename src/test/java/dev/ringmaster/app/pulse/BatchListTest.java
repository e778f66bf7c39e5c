package dev.ringmaster.app.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class BatchListTest {
    final BatchList<String> list = new BatchList<>();
    final List<String> changes = new ArrayList<>();

    BatchListTest() {
        list.addListener((ListChangeListener<String>) c -> {
            StringBuilder sb = new StringBuilder();
            while (c.next()) {
                sb.append(c.getFrom()).append('-').append(c.getTo()).append(" +").append(c.getAddedSubList())
                        .append(" -").append(c.getRemoved()).append("; ");
            }
            changes.add(sb.toString());
        });
    }

    @Test
    void aBatchReachesTheListenersAsOneChange() {
        list.append(List.of("a", "b", "c", "d"));
        changes.clear();
        list.batch(() -> {
            list.removeHead(2);
            list.replace(0, "C");
            list.append(List.of("e", "f"));
        });
        assertEquals(List.of("C", "d", "e", "f"), list);
        assertEquals(1, changes.size(), "one change: " + changes);
    }

    @Test
    void nothingToDoIsNoChange() {
        list.append(List.of("a"));
        changes.clear();
        list.batch(() -> {
            list.removeHead(0);
            list.append(List.of());
            list.replace(0, list.get(0));
        });
        assertFalse(list.update(List.of("a")));
        assertTrue(changes.isEmpty(), changes.toString());
    }

    @Test
    void anUpdateOfTheSameSizeReplacesOnlyTheRowsThatDiffer() {
        list.append(List.of("a", "b", "c"));
        changes.clear();
        assertTrue(list.update(List.of("a", "B", "c")));
        assertEquals(List.of("1-2 +[B] -[b]; "), changes);
        assertTrue(list.update(List.of("x")));
        assertEquals(List.of("x"), list);
    }

    @Test
    void onlyItsOwnerChangesIt() {
        list.append(List.of("a"));
        assertThrows(UnsupportedOperationException.class, () -> list.add("b"));
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, "b"));
        assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
        assertThrows(IndexOutOfBoundsException.class, () -> list.removeHead(2));
    }
}
