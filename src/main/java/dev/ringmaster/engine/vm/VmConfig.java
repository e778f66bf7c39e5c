package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.vmm.Technique;
import java.util.Objects;

/**
 * What a {@link VirtualMachine} is built from: its identity, boot images, memory and technique.
 *
 * @param id        stable identifier (a VM definition's id)
 * @param name      display name
 * @param boot      the images to boot
 * @param memoryMiB RAM, 1–512 MiB
 * @param technique how the guest is run (only {@link Technique#NATIVE} is executable so far)
 */
public record VmConfig(String id, String name, BootSpec boot, int memoryMiB, Technique technique) {
    public VmConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(technique, "technique");
        if (memoryMiB < 1 || memoryMiB > 512) {
            throw new IllegalArgumentException("memory must be 1-512 MiB: " + memoryMiB);
        }
    }

    /** Identifies the machine a snapshot can be restored into: same boot images (by path) and memory. */
    public String configKey() {
        return boot.kind() + ":" + boot.image().toAbsolutePath().normalize() + boot.modules() + ":" + boot.cmdline()
                + ":" + memoryMiB + "MiB";
    }
}
