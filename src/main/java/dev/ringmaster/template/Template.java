package dev.ringmaster.template;

import dev.ringmaster.engine.vmm.Technique;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A validated VM template: one {@code vm-templates/<id>.json} file whose images exist. Templates
 * are read-only; the wizard starts a {@link VmDefinition} from one.
 *
 * @param id          the file name without {@code .json}; what definitions refer to
 * @param file        the JSON file it was read from
 * @param name        short name shown in lists
 * @param description two or three sentences shown in the wizard
 * @param boot        how the machine boots and from which images
 * @param memoryMiB   default guest memory, 1–512 MiB
 * @param techniques  the techniques this guest can run under, never empty, in {@link Technique} order
 */
public record Template(String id, Path file, String name, String description, Boot boot, int memoryMiB,
        Set<Technique> techniques) {

    /** Smallest and largest guest memory Ringmaster's PC supports, in MiB (DESIGN §3). */
    public static final int MIN_MEMORY_MIB = 1;
    public static final int MAX_MEMORY_MIB = 512;

    public Template {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(boot, "boot");
        if (memoryMiB < MIN_MEMORY_MIB || memoryMiB > MAX_MEMORY_MIB) {
            throw new IllegalArgumentException("memoryMiB out of range: " + memoryMiB);
        }
        if (techniques.isEmpty()) {
            throw new IllegalArgumentException("no techniques");
        }
        techniques = Collections.unmodifiableSet(EnumSet.copyOf(techniques));
    }

    /** What a machine made from this template boots (the images' paths resolved). */
    public dev.ringmaster.engine.machine.BootSpec bootSpec() {
        if (boot instanceof Multiboot mb) {
            java.util.List<java.nio.file.Path> modules = new java.util.ArrayList<>();
            for (GuestImage g : mb.modules()) {
                modules.add(g.path());
            }
            return dev.ringmaster.engine.machine.BootSpec.multiboot(mb.kernel().path(), modules, mb.cmdline());
        }
        return dev.ringmaster.engine.machine.BootSpec.rom(((Rom) boot).rom().path());
    }

    /** True when a VM made from this template may use {@code technique}. */
    public boolean allows(Technique technique) {
        return techniques.contains(technique);
    }

    /** How a machine boots: the {@code boot} field of the template file and the fields that go with it. */
    public sealed interface Boot permits Multiboot, Rom {
        /** The {@code boot} value: "multiboot" or "rom". */
        String kind();

        /** Every image this boot method loads, in load order. */
        List<GuestImage> images();
    }

    /**
     * Multiboot v1: an ELF kernel, optional modules (e.g. an initrd) and a kernel command line.
     *
     * @param cmdline the kernel command line, "" when the template has none
     */
    public record Multiboot(GuestImage kernel, List<GuestImage> modules, String cmdline) implements Boot {
        public Multiboot {
            Objects.requireNonNull(kernel, "kernel");
            modules = List.copyOf(modules);
            Objects.requireNonNull(cmdline, "cmdline");
        }

        @Override
        public String kind() {
            return "multiboot";
        }

        @Override
        public List<GuestImage> images() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(kernel), modules.stream()).toList();
        }
    }

    /** A raw ROM image mapped at the top of the first megabyte and of 4 GiB, entered at the reset vector. */
    public record Rom(GuestImage rom) implements Boot {
        public Rom {
            Objects.requireNonNull(rom, "rom");
        }

        @Override
        public String kind() {
            return "rom";
        }

        @Override
        public List<GuestImage> images() {
            return List.of(rom);
        }
    }

    /**
     * One image file of a template.
     *
     * @param relativePath the path as written in the template, relative to {@code vm-templates/images/}
     * @param path         the absolute, normalized path of the file
     */
    public record GuestImage(String relativePath, Path path) {
        public GuestImage {
            Objects.requireNonNull(relativePath, "relativePath");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("image path must be absolute: " + path);
            }
        }
    }
}
