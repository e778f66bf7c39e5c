/**
 * VM templates and user VM definitions (DESIGN §1 {@code template/}): strict JSON reading with
 * Jackson, validation with one clear error per file, atomic storage, and export as libvirt domain
 * XML. No JavaFX and no engine internals: the only engine type used is
 * {@link dev.ringmaster.engine.vmm.Technique}, the technique identifiers.
 *
 * <h2>Templates: {@code vm-templates/<id>.json}</h2>
 * Format as in TEAM.md; the id is the file name without {@code .json} (letters, digits, '.', '_',
 * '-'). Fields: {@code name}, {@code description} (required, non-blank), {@code boot}
 * ("multiboot": {@code kernel} required, {@code modules} and {@code cmdline} optional; "rom":
 * {@code rom} required, the multiboot fields not allowed), {@code memoryMiB} (1–512, the default
 * memory of new VMs), {@code techniques} (non-empty, known, no duplicates). Image paths are
 * relative to {@code vm-templates/images/}, use '/', never '..' or an absolute path, and must name
 * existing regular readable files (symbolic links inside {@code images/} are followed).
 * {@link dev.ringmaster.template.TemplateLoader} reads one file,
 * {@link dev.ringmaster.template.TemplateCatalog} a directory (good templates plus one error per
 * bad file), {@link dev.ringmaster.template.TemplateLocator} finds the directory.
 *
 * <h2>VM definitions: {@code $XDG_DATA_HOME/ringmaster/vms/<uuid>.json}</h2>
 * Format in {@link dev.ringmaster.template.VmDefinitionCodec}; stored by
 * {@link dev.ringmaster.template.VmDefinitionStore} (atomic saves, unique names ignoring case,
 * corrupt files reported and never overwritten); the directory is chosen by
 * {@link dev.ringmaster.template.DataDirectory} ({@code -Dringmaster.data.dir} overrides it).
 * A definition keeps its template's id and not a copy of its boot section: see
 * {@link dev.ringmaster.template.VmDefinition}.
 *
 * <h2>Errors</h2>
 * A file that cannot be used gives one {@link dev.ringmaster.template.ConfigFileException}:
 * {@code FILE[:LINE:COLUMN]: field "PATH": PROBLEM}, e.g.
 * {@code vm-templates/rmx.json:8:3: field "memoryMiB": must be between 1 and 512 MiB, found 4096}.
 * Values that break a rule outside any file (a name typed in the wizard) give an
 * {@link dev.ringmaster.template.InvalidFieldException} naming the field.
 *
 * <h2>libvirt</h2>
 * {@link dev.ringmaster.template.LibvirtXmlExporter}; what it maps and its limits are in its
 * documentation.
 */
package dev.ringmaster.template;
