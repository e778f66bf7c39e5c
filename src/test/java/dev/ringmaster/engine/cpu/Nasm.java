package dev.ringmaster.engine.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Assembles test snippets with nasm (-f bin). Tests that use it fail clearly when nasm is missing. */
public final class Nasm {
    private Nasm() {
    }

    public static byte[] assemble(String source) {
        return assemble(source, null);
    }

    /** As {@link #assemble(String)}, with {@code %include} files looked up in {@code includeDir} (null: none). */
    public static byte[] assemble(String source, Path includeDir) {
        try {
            Path dir = Files.createTempDirectory("rm-nasm");
            try {
                Path src = dir.resolve("t.asm");
                Path out = dir.resolve("t.bin");
                Files.writeString(src, source);
                Process p;
                try {
                    List<String> cmd = new java.util.ArrayList<>(List.of("nasm", "-f", "bin", "-o", out.toString()));
                    if (includeDir != null) {
                        cmd.add("-i" + includeDir.toAbsolutePath() + "/");
                    }
                    cmd.add(src.toString());
                    p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                } catch (IOException e) {
                    throw new AssertionError("nasm not found: install nasm (the CPU tests assemble their snippets)", e);
                }
                String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("nasm failed:\n" + msg + "\n" + source);
                }
                return Files.readAllBytes(out);
            } finally {
                try (var s = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) s::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
