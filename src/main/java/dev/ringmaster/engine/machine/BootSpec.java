package dev.ringmaster.engine.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a machine boots: a Multiboot v1 kernel with modules and a command line (as QEMU's
 * {@code -kernel/-initrd/-append}), or a raw ROM image at the reset vector (as {@code -bios}).
 * {@link #load(Machine)} reads the files and puts them into a freshly built machine.
 *
 * @param kind    MULTIBOOT or ROM
 * @param image   the kernel ELF (MULTIBOOT) or the ROM image (ROM)
 * @param modules Multiboot modules, in order (their command line is the path as given, like QEMU's)
 * @param cmdline the kernel command line ("" for none)
 */
public record BootSpec(Kind kind, Path image, List<Path> modules, String cmdline) {
    public enum Kind { MULTIBOOT, ROM }

    public BootSpec {
        modules = List.copyOf(modules);
        cmdline = cmdline == null ? "" : cmdline;
    }

    public static BootSpec multiboot(Path kernel, List<Path> modules, String cmdline) {
        return new BootSpec(Kind.MULTIBOOT, kernel, modules, cmdline);
    }

    public static BootSpec rom(Path image) {
        return new BootSpec(Kind.ROM, image, List.of(), "");
    }

    /** A boot image that cannot be read or is not what it claims to be; the message names the file. */
    public static final class BootException extends Exception {
        private final boolean notFound;

        BootException(String message, boolean notFound, Throwable cause) {
            super(message, cause);
            this.notFound = notFound;
        }

        /** True when a file does not exist (rather than being malformed). */
        public boolean notFound() {
            return notFound;
        }
    }

    /** Loads the images into {@code m} and leaves its CPU at the entry point. */
    public void load(Machine m) throws BootException {
        byte[] main = read(image);
        try {
            if (kind == Kind.ROM) {
                RomLoader.load(m, main);
            } else {
                List<MultibootLoader.Module> mods = new ArrayList<>();
                for (Path p : modules) {
                    mods.add(new MultibootLoader.Module(read(p), p.toString()));
                }
                MultibootLoader.load(m, main, mods, cmdline);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new BootException(image + ": " + e.getMessage(), false, e);
        }
    }

    private static byte[] read(Path p) throws BootException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new BootException(p + ": no such file", true, e);
        } catch (IOException e) {
            throw new BootException(p + ": cannot read (" + e.getMessage() + ")", false, e);
        }
    }
}
