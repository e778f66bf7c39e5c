package dev.ringmaster.app.panes.registers;

import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One register as the registers pane shows it, the same object from refresh to refresh: its group
 * and name never change, and each of its other cells is a property of its own that the model sets
 * only when that cell's text or highlight changes — a table then redraws just those cells, not the
 * row, and not the other rows (replacing a row object would make the table reconfigure every cell
 * it shows). {@code guestValue} is the VMM's virtual CPU's value of the same register ("" when no
 * VMM publishes one); {@code changed} / {@code guestChanged} say it differs from the previous
 * snapshot. Toolkit-free (javafx.base only); consumer thread only.
 */
public final class RegisterRow {
    /** What one cell shows: its text, and whether it is highlighted as changed at the last snapshot. */
    public record Shown(String text, boolean changed) {
        public Shown {
            Objects.requireNonNull(text, "text");
        }
    }

    private final String group;
    private final String name;
    private final ReadOnlyObjectWrapper<Shown> groupCell;
    private final ReadOnlyObjectWrapper<Shown> nameCell;
    private final ReadOnlyObjectWrapper<Shown> value = new ReadOnlyObjectWrapper<>(this, "value");
    private final ReadOnlyObjectWrapper<Shown> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyObjectWrapper<Shown> guestValue = new ReadOnlyObjectWrapper<>(this, "guestValue");

    RegisterRow(String group, String name, String value, String detail, String guestValue, boolean changed,
            boolean guestChanged) {
        this.group = Objects.requireNonNull(group, "group");
        this.name = Objects.requireNonNull(name, "name");
        this.groupCell = new ReadOnlyObjectWrapper<>(this, "group", new Shown(group, false));
        this.nameCell = new ReadOnlyObjectWrapper<>(this, "name", new Shown(name, false));
        set(value, detail, guestValue, changed, guestChanged);
    }

    /**
     * Shows a newer snapshot of this register: only the cells whose text or highlight differ are set.
     *
     * @return true when any cell changed
     */
    boolean set(String value, String detail, String guestValue, boolean changed, boolean guestChanged) {
        boolean any = set(this.value, value, changed);
        any |= set(this.detail, detail, changed);
        any |= set(this.guestValue, guestValue, guestChanged);
        return any;
    }

    private static boolean set(ReadOnlyObjectWrapper<Shown> cell, String text, boolean changed) {
        Shown old = cell.get();
        if (old != null && old.changed() == changed && old.text().equals(text)) {
            return false;
        }
        cell.set(new Shown(text, changed));
        return true;
    }

    /** Whether this row stands for the register {@code name} of {@code group}. */
    boolean is(String group, String name) {
        return this.group.equals(group) && this.name.equals(name);
    }

    public String group() {
        return group;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value.get().text();
    }

    public String detail() {
        return detail.get().text();
    }

    public String guestValue() {
        return guestValue.get().text();
    }

    /** The real CPU's value changed at the last snapshot. */
    public boolean changed() {
        return value.get().changed();
    }

    /** The virtual CPU's value changed at its last snapshot. */
    public boolean guestChanged() {
        return guestValue.get().changed();
    }

    /** The group cell (never changes). */
    public ReadOnlyObjectProperty<Shown> groupCell() {
        return groupCell.getReadOnlyProperty();
    }

    /** The name cell (never changes). */
    public ReadOnlyObjectProperty<Shown> nameCell() {
        return nameCell.getReadOnlyProperty();
    }

    /** The real CPU's value, highlighted when it changed. */
    public ReadOnlyObjectProperty<Shown> valueCell() {
        return value.getReadOnlyProperty();
    }

    /** What the value means (flags set, descriptor cache…), highlighted with the value. */
    public ReadOnlyObjectProperty<Shown> detailCell() {
        return detail.getReadOnlyProperty();
    }

    /** The virtual CPU's value, highlighted when it changed. */
    public ReadOnlyObjectProperty<Shown> guestValueCell() {
        return guestValue.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "RegisterRow[" + group + " " + name + " = " + value.get() + ", " + detail.get() + ", guest "
                + guestValue.get() + "]";
    }
}
