package dev.ringmaster.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds template directories with fake guest images in a temporary directory. */
final class Fixtures {
    /** A valid multiboot template, as in TEAM.md. */
    static final String RMX = """
            {
              "name": "rmx teaching Unix",
              "description": "A small Unix-like kernel with a shell.",
              "boot": "multiboot",
              "kernel": "rmx/kernel.elf",
              "modules": ["rmx/initrd.img"],
              "cmdline": "console=ttyS0",
              "memoryMiB": 32,
              "techniques": ["native", "trap", "bt", "pv", "hw", "container"]
            }
            """;

    /** A valid ROM template. */
    static final String ROM = """
            {
              "name": "POST test ROM",
              "description": "A BIOS replacement that reports progress on port 0x80.",
              "boot": "rom",
              "rom": "roms/post.bin",
              "memoryMiB": 1,
              "techniques": ["native", "hw"]
            }
            """;

    private Fixtures() {
    }

    /** {@code root/vm-templates} with fake images rmx/kernel.elf, rmx/initrd.img, roms/post.bin. */
    static Path templatesDir(Path root) throws IOException {
        Path dir = root.resolve("vm-templates");
        Path images = dir.resolve("images");
        Files.createDirectories(images.resolve("rmx"));
        Files.createDirectories(images.resolve("roms"));
        Files.write(images.resolve("rmx/kernel.elf"), new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0});
        Files.write(images.resolve("rmx/initrd.img"), new byte[] {1, 2, 3, 4});
        Files.write(images.resolve("roms/post.bin"), new byte[65536]);
        return dir;
    }

    static Path write(Path dir, String fileName, String json) throws IOException {
        Path f = dir.resolve(fileName);
        Files.writeString(f, json);
        return f;
    }
}
