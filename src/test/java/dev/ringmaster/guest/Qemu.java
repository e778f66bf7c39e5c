package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ringmaster.template.ExternalTools;
import dev.ringmaster.template.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Boots a Multiboot template under {@code qemu-system-i386}, the way Ringmaster's PC is built
 * (DESIGN §3): {@code -kernel}/{@code -initrd}/{@code -append}, the template's memory, COM1 on
 * stdin/stdout, isa-debug-exit at 0x501, no reboot. The serial input is handed over all at once;
 * QEMU passes it to the UART only when the UART can take it.
 *
 * <p>{@code -icount shift=3,sleep=off}: QEMU's clock counts instructions (8 ns each) instead of
 * following the host's wall clock, like Ringmaster's virtual time. A loaded host then cannot delay
 * a timer interrupt into an unusual place; the transcript does not depend on it anyway (rmx is
 * written so that it does not), this only keeps the oracle itself steady.
 */
final class Qemu {
    /** What a run printed and how it ended. */
    record Run(int exitCode, String serial, String stderr) {
    }

    private Qemu() {
    }

    static Run boot(Template template, String extraCmdline, String input, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path qemu = ExternalTools.require("qemu-system-i386", "qemu-system-x86");
        if (!(template.boot() instanceof Template.Multiboot mb)) {
            return fail("template " + template.id() + " does not boot with Multiboot");
        }
        String cmdline = (mb.cmdline() + " " + extraCmdline).trim();
        List<String> cmd = new ArrayList<>(List.of(qemu.toString(), "-icount", "shift=3,sleep=off",
                "-m", template.memoryMiB() + "M", "-kernel", mb.kernel().path().toString()));
        if (!mb.modules().isEmpty()) {
            cmd.add("-initrd");     // QEMU separates modules with ',' (doubled inside a path)
            cmd.add(mb.modules().stream().map(m -> m.path().toString().replace(",", ",,"))
                    .collect(Collectors.joining(",")));
        }
        cmd.addAll(List.of("-append", cmdline, "-serial", "stdio", "-display", "none", "-monitor", "none",
                "-nic", "none", "-device", "isa-debug-exit,iobase=0x501,iosize=2", "-no-reboot"));
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread out = copier(p.getInputStream(), serial);
        Thread err = copier(p.getErrorStream(), stderr);
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            out.join(5000);
            err.join(5000);
            return fail(template.id() + " did not power off within " + timeoutSeconds + " s under QEMU; serial output:\n"
                    + tail(serial.toString(StandardCharsets.US_ASCII)) + "\nstderr:\n" + stderr.toString(StandardCharsets.UTF_8));
        }
        out.join(5000);
        err.join(5000);
        return new Run(p.exitValue(), serial.toString(StandardCharsets.US_ASCII), stderr.toString(StandardCharsets.UTF_8));
    }

    /** The last lines of a transcript, for failure messages. */
    static String tail(String text) {
        String[] lines = text.split("\n", -1);
        int from = Math.max(0, lines.length - 25);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static Thread copier(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                byte[] note = ("[reading failed: " + e + "]").getBytes(StandardCharsets.UTF_8);
                to.write(note, 0, note.length);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
