package dev.ringmaster.app.panes;

import java.util.Objects;

/** A row of the manager's tree-table: a folder (by path, e.g. {@code Labs/Week 1}) or a VM. */
public sealed interface VmListRow {
    /** A folder row; {@code path} is never empty. */
    record Folder(String path) implements VmListRow {
        public Folder {
            Objects.requireNonNull(path, "path");
        }

        /** The last part of the path, as the tree shows it. */
        public String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }
    }

    /** A VM row. */
    record Vm(VmEntry entry) implements VmListRow {
        public Vm {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** The folder a VM dropped on this row goes to: the folder itself, or the folder a VM row is in; "" (top level) for none. */
    static String dropFolder(VmListRow row) {
        if (row instanceof Folder f) {
            return f.path();
        }
        if (row instanceof Vm v) {
            return v.entry().definition().folder();
        }
        return "";
    }
}
