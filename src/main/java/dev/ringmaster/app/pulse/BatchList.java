package dev.ringmaster.app.pulse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;

/**
 * The observable rows a view model shows, changed only by its owner and only in the ways a pane
 * can take cheaply: rows appended at the end, the oldest removed from the front in one piece, single
 * rows replaced, and — for small lists — made equal to a new content by replacing just the rows that
 * differ. What {@link #batch} groups reaches the listeners (a table's skin, a {@code FilteredList})
 * as one change: a virtual flow whose row count changes lays itself out again at once, so one
 * refresh should change the count once. Read-only to everyone else (the {@code List} mutators
 * throw). Toolkit-free (javafx.base only); consumer thread only.
 */
public final class BatchList<E> extends ObservableListBase<E> {
    private final ArrayList<E> items = new ArrayList<>();

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /**
     * Whether {@code change} (consumed by this call) added rows at the end of its list: what a pane
     * that follows the newest rows scrolls for, once per refresh, and not for a refresh that only
     * trimmed the oldest rows or replaced some.
     */
    public static boolean appendedAtEnd(ListChangeListener.Change<?> change) {
        boolean appended = false;
        while (change.next()) {
            appended |= change.getTo() == change.getList().size() && change.getAddedSize() > change.getRemovedSize();
        }
        return appended;
    }

    /** Runs {@code changes} (calls of this list's mutators); listeners are told once, at the end. */
    public void batch(Runnable changes) {
        beginChange();
        try {
            changes.run();
        } finally {
            endChange();
        }
    }

    /** Appends {@code added} at the end (one change, whatever its size). */
    public void append(Collection<? extends E> added) {
        if (added.isEmpty()) {
            return;
        }
        beginChange();
        try {
            int from = items.size();
            items.addAll(added);
            modCount++;
            nextAdd(from, items.size());
        } finally {
            endChange();
        }
    }

    /** Removes the {@code n} oldest rows in one piece (one array move, not one per row). */
    public void removeHead(int n) {
        if (n <= 0) {
            return;
        }
        if (n > items.size()) {
            throw new IndexOutOfBoundsException(n + " rows to remove of " + items.size());
        }
        beginChange();
        try {
            List<E> head = items.subList(0, n);
            List<E> removed = new ArrayList<>(head);
            head.clear();
            modCount++;
            nextRemove(0, removed);
        } finally {
            endChange();
        }
    }

    /** Replaces the row at {@code index} (nothing happens when it is the same object). */
    public void replace(int index, E row) {
        E old = items.get(index);
        if (old == row) {
            return;
        }
        beginChange();
        try {
            items.set(index, row);
            nextSet(index, old);
        } finally {
            endChange();
        }
    }

    /**
     * Makes the list equal to {@code content}: with the same size, only the rows that differ
     * ({@code equals}) are replaced — a table then redraws just those; otherwise everything is.
     *
     * @return true when anything changed
     */
    public boolean update(List<? extends E> content) {
        Objects.requireNonNull(content, "content");
        if (content.size() != items.size()) {
            beginChange();
            try {
                List<E> removed = new ArrayList<>(items);
                items.clear();
                items.addAll(content);
                modCount++;
                nextReplace(0, items.size(), removed);
            } finally {
                endChange();
            }
            return true;
        }
        boolean changed = false;
        beginChange();
        try {
            for (int i = 0; i < content.size(); i++) {
                E row = content.get(i);
                if (!Objects.equals(row, items.get(i))) {
                    E old = items.set(i, row);
                    nextSet(i, old);
                    changed = true;
                }
            }
        } finally {
            endChange();
        }
        return changed;
    }
}
