package dev.ringmaster.app.panes;

import dev.ringmaster.template.ConfigFileException;
import dev.ringmaster.template.Template;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.VmDefinition;
import dev.ringmaster.template.VmDefinitionStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the manager lists: the user's VM definitions and, for each, its template from the
 * catalog. Nothing here stops the window from opening: every problem (a corrupt definition, a missing
 * templates directory) is returned as a line for the event log.
 */
public final class VmLibrary {
    /** What was found. */
    public record Contents(List<VmEntry> vms, List<String> problems) {
        public Contents {
            vms = List.copyOf(vms);
            problems = List.copyOf(problems);
        }
    }

    /** Supplies the template catalog, or throws when there is none (e.g. no {@code vm-templates} directory). */
    @FunctionalInterface
    public interface CatalogSource {
        TemplateCatalog load() throws IOException;
    }

    private VmLibrary() {
    }

    /**
     * Lists {@code store}; every VM is shut off (nothing runs before the manager opens).
     *
     * @param catalog where the templates come from; its failure only costs the template names
     */
    public static Contents load(VmDefinitionStore store, CatalogSource catalog) {
        List<String> problems = new ArrayList<>();
        VmDefinitionStore.Listing listing;
        try {
            listing = store.list();
        } catch (IOException e) {
            problems.add("Cannot list the virtual machines in " + store.directory() + ": " + e.getMessage());
            return new Contents(List.of(), problems);
        }
        for (ConfigFileException e : listing.errors()) {
            problems.add("Skipped a virtual machine that cannot be read: " + e.getMessage());
        }
        TemplateCatalog templates = null;
        String noCatalog = null;
        if (!listing.definitions().isEmpty()) {
            try {
                templates = catalog.load();
            } catch (IOException | RuntimeException e) {
                noCatalog = "templates not available: " + e.getMessage();
                problems.add("Cannot load the VM templates, so their names are not shown: " + e.getMessage());
            }
        }
        List<VmEntry> vms = new ArrayList<>();
        for (VmDefinition d : listing.definitions()) {
            vms.add(entry(d, templates, noCatalog));
        }
        return new Contents(vms, problems);
    }

    private static VmEntry entry(VmDefinition d, TemplateCatalog templates, String noCatalog) {
        if (templates == null) {
            return new VmEntry(d, VmStatus.SHUT_OFF, null, noCatalog);
        }
        Optional<Template> t = templates.find(d.templateId());
        if (t.isPresent()) {
            return new VmEntry(d, VmStatus.SHUT_OFF, t.get().name(), null);
        }
        String why = templates.errorFor(d.templateId()).map(ConfigFileException::getMessage)
                .orElse("there is no template \"" + d.templateId() + "\" in " + templates.directory());
        return new VmEntry(d, VmStatus.SHUT_OFF, null, why);
    }

    /** The catalog of {@code dir}. */
    public static CatalogSource catalogIn(Path dir) {
        return () -> TemplateCatalog.load(dir);
    }
}
