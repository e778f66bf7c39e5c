package dev.ringmaster.app.panes;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.VmDefinition;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details pane's model: an overview of the VM selected in the {@link VmListViewModel} as
 * label/value rows, or, when none is selected, a sentence saying what to do.
 */
public final class DetailsViewModel {
    static final String NO_VMS = "There are no virtual machines yet. Each VM you create (File ▸ New…) "
            + "is listed on the left, and its overview appears here: template, technique, memory, state.";
    static final String NO_SELECTION = "Select a virtual machine on the left to see its overview.";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One line of the overview. */
    public record Row(String label, String value) {
    }

    private final VmListViewModel list;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyStringWrapper emptyMessage = new ReadOnlyStringWrapper(this, "emptyMessage");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);

    public DetailsViewModel(VmListViewModel list, ZoneId zone) {
        this.list = list;
        this.zone = zone;
        list.selectedProperty().addListener((Observable o) -> refresh());
        list.vms().addListener((Observable o) -> refresh());
        refresh();
    }

    private void refresh() {
        VmEntry vm = list.selectedProperty().get();
        if (vm == null) {
            title.set("");
            emptyMessage.set(list.vms().isEmpty() ? NO_VMS : NO_SELECTION);
            rows.clear();
            return;
        }
        VmDefinition d = vm.definition();
        Technique t = d.technique();
        List<Row> out = new ArrayList<>();
        out.add(new Row("State", vm.status().label()));
        out.add(new Row("Technique", t.displayName() + " (" + t.id() + ")"));
        out.add(new Row("Guest kernel runs in", "ring " + t.guestKernelRing()
                + (t == Technique.HW ? " of VMX non-root mode" : "") + (t.hasVmm() ? "" : ", no VMM")));
        out.add(new Row("How it runs", t.description()));
        out.add(new Row("Template", vm.template().map(n -> n + " (" + d.templateId() + ")")
                .orElse(d.templateId() + " — " + vm.templateProblem())));
        out.add(new Row("Memory", d.memoryMiB() + " MiB"));
        if (t == Technique.HW) {
            out.add(new Row("EPT", d.options().enableEpt() ? "on" : "off (the VMM keeps shadow page tables)"));
        }
        out.add(new Row("Cost model", d.options().costPreset()
                + d.options().cpuHz().stream().mapToObj(hz -> ", CPU clock " + hz + " Hz").findFirst().orElse("")));
        if (!d.folder().isEmpty()) {
            out.add(new Row("Folder", d.folder()));
        }
        out.add(new Row("Created", CREATED.format(d.createdAt().atZone(zone))));
        if (!d.notes().isBlank()) {
            out.add(new Row("Notes", d.notes()));
        }
        title.set(d.name());
        emptyMessage.set("");
        rows.setAll(out);
    }

    /** The selected VM's name, or "" when none is selected. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What to show instead of the overview ("" while a VM is selected). */
    public ReadOnlyStringProperty emptyMessageProperty() {
        return emptyMessage.getReadOnlyProperty();
    }

    /** The overview of the selected VM. */
    public ObservableList<Row> rows() {
        return rowsView;
    }
}
