package dev.ringmaster.app.panes;

import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.template.VmDefinition;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the VM list: the user's definition, its current state (and why it is in it), and what
 * is known of its template.
 *
 * @param templateName    the template's display name, or null when it is not available
 * @param templateProblem why the template is not available (missing, invalid), or null
 * @param statusReason    why the VM is in its state ("triple fault: …", "forced off"); "" when nothing to say
 */
public record VmEntry(VmDefinition definition, VmStatus status, String templateName, String templateProblem,
                      String statusReason) {
    public VmEntry {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(status, "status");
        statusReason = statusReason == null ? "" : statusReason;
    }

    /** An entry with no reason for its state. */
    public VmEntry(VmDefinition definition, VmStatus status, String templateName, String templateProblem) {
        this(definition, status, templateName, templateProblem, "");
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

    /** The same VM in another state. */
    public VmEntry withStatus(VmStatus s, String reason) {
        return new VmEntry(definition, s, templateName, templateProblem, reason);
    }
}
