package dev.ringmaster.app.panes;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.VmDefinition;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the VM list: the user's definition, its current state, and what is known of its
 * template.
 *
 * @param templateName    the template's display name, or null when it is not available
 * @param templateProblem why the template is not available (missing, invalid), or null
 */
public record VmEntry(VmDefinition definition, VmStatus status, String templateName, String templateProblem) {
    public VmEntry {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(status, "status");
    }

    public String name() {
        return definition.name();
    }

    public Technique technique() {
        return definition.technique();
    }

    public Optional<String> template() {
        return Optional.ofNullable(templateName);
    }
}
