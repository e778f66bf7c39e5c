package dev.ringmaster.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.devices.Key;
import dev.ringmaster.engine.devices.TextScreen;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.template.ExternalTools;
import dev.ringmaster.template.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 2: the console is the VGA text screen and COM1 at once, and the shell reads the
 * PS/2 keyboard with line editing (Backspace) and history (Up/Down). rmx boots, and keys are
 * pressed on the PS/2 keyboard only - under QEMU through its monitor's {@code sendkey}, under
 * Ringmaster through the 8042 - with a typo erased by Backspace and lines recalled with the arrows.
 * Then:
 * <ul>
 *   <li>the serial line shows the shell's echo of exactly those keys (so they reached the shell),</li>
 *   <li>the VGA text screen shows what a terminal on the serial line shows (so both outputs carry
 *       everything), and</li>
 *   <li>QEMU's and Ringmaster's VGA screens are equal, character and attribute.</li>
 * </ul>
 */
class GuestConsoleTest {
    private static final String PROMPT = "rmx:/# ";
    private static final long SECONDS = 120;

    /** One key press and release: the engine's key and QEMU's sendkey name for it. */
    private record Stroke(Key key, String qemu) {
        static List<Stroke> text(String s) {
            List<Stroke> strokes = new ArrayList<>();
            for (char c : s.toCharArray()) {
                strokes.add(c == ' ' ? new Stroke(Key.SPACE, "spc")
                        : new Stroke(Key.valueOf(String.valueOf(Character.toUpperCase(c))), String.valueOf(c)));
            }
            return strokes;
        }
    }

    private static final Stroke BACKSPACE = new Stroke(Key.BACKSPACE, "backspace");
    private static final Stroke ENTER = new Stroke(Key.ENTER, "ret");
    private static final Stroke UP = new Stroke(Key.UP, "up");
    private static final Stroke DOWN = new Stroke(Key.DOWN, "down");

    /** Typed at the first prompt, line by line; every line ends with ENTER. */
    private static final List<List<Stroke>> SCRIPT = List.of(
            concat(Stroke.text("echo tpyo"), List.of(BACKSPACE, BACKSPACE, BACKSPACE), Stroke.text("ypo fixed"), List.of(ENTER)),
            concat(Stroke.text("uname"), List.of(ENTER)),
            List.of(UP, UP, DOWN, UP, ENTER));

    private static final String BS = "\b \b";

    /** The serial output after the first prompt, for SCRIPT: the shell's echo and the commands' output. */
    private static final String EXPECTED_SERIAL = "echo tpyo" + BS.repeat(3) + "ypo fixed\r\ntypo fixed\r\n" + PROMPT
            + "uname\r\nrmx\r\n" + PROMPT
            + "uname" + BS.repeat(5) + "echo typo fixed" + BS.repeat(15) + "uname" + BS.repeat(5) + "echo typo fixed"
            + "\r\ntypo fixed\r\n" + PROMPT;

    /** Then "shutdown": */
    private static final String EXPECTED_END = "shutdown\r\nrmx: power off\r\n";

    @SafeVarargs
    private static List<Stroke> concat(List<Stroke>... parts) {
        List<Stroke> all = new ArrayList<>();
        for (List<Stroke> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /** A booted guest whose keyboard the test types on. */
    private interface Console extends AutoCloseable {
        String serial();

        /** Waits (bounded) until the serial output satisfies {@code done}. */
        void await(Predicate<String> done, String what) throws Exception;

        void press(Stroke s) throws Exception;

        /** The VGA text screen: 80 x 25 cells of character and attribute bytes. */
        byte[] screen() throws Exception;

        /** Waits for the guest to power off; its exit code. */
        int exitCode() throws Exception;
    }

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2 * SECONDS, unit = TimeUnit.SECONDS)
    void keyboardInputReachesTheShellAndVgaShowsWhatSerialShows() throws Exception {
        Template rmx = GuestTranscripts.template("rmx");
        byte[] qemuScreen;
        byte[] ringmasterScreen;
        try (Console c = new QemuConsole(rmx, tmp)) {
            qemuScreen = session(c, "QEMU");
        }
        try (Console c = new RingmasterConsole(rmx)) {
            ringmasterScreen = session(c, "Ringmaster");
        }
        assertEquals(text(qemuScreen), text(ringmasterScreen), "the VGA text under QEMU and under Ringmaster");
        assertArrayEquals(qemuScreen, ringmasterScreen, "the VGA cells (characters and attributes) under QEMU and Ringmaster");
    }

    /** Runs SCRIPT on the keyboard, checks serial and screen; returns the screen before shutdown. */
    private static byte[] session(Console c, String where) throws Exception {
        c.await(s -> s.endsWith(PROMPT), "the first prompt");
        int start = c.serial().length();
        for (List<Stroke> line : SCRIPT) {
            for (Stroke s : line) {
                int before = c.serial().length();
                c.press(s);
                if (s == ENTER) {
                    c.await(t -> t.length() > before + 2 && t.endsWith(PROMPT), "the prompt after ENTER");
                } else {
                    c.await(t -> t.length() > before, "the echo of " + s.key());
                }
            }
        }
        String serial = c.serial();
        assertEquals(EXPECTED_SERIAL, serial.substring(start),
                where + ": the shell's echo of the keys typed on the PS/2 keyboard, and the output");
        byte[] screen = c.screen();
        assertEquals(render(serial), text(screen), where + ": the VGA screen shows what a terminal on COM1 shows");
        assertTrue(text(screen).contains(PROMPT + "echo typo fixed\ntypo fixed\n" + PROMPT.strip()),
                where + ": the screen shows the recalled line and its output:\n" + text(screen));
        for (Stroke s : Stroke.text("shutdown")) {
            c.press(s);
        }
        c.press(ENTER);
        assertEquals(GuestTranscripts.EXPECTED_EXIT_CODE, c.exitCode(), where + ": shutdown typed on the keyboard; serial:\n"
                + Qemu.tail(c.serial()));
        assertEquals(EXPECTED_SERIAL + EXPECTED_END, c.serial().substring(start), where + ": the serial output to the end");
        return screen;
    }

    /** The 80 x 25 screen as text: one line per row, trailing blanks dropped, trailing empty rows dropped. */
    static String text(byte[] cells) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < TextScreen.ROWS; r++) {
            StringBuilder b = new StringBuilder();
            for (int col = 0; col < TextScreen.COLUMNS; col++) {
                int ch = cells[2 * (r * TextScreen.COLUMNS + col)] & 0xFF;
                b.append(ch == 0 ? ' ' : TextScreen.cp437(ch));
            }
            rows.add(b.toString().stripTrailing());
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return String.join("\n", rows);
    }

    /** What an 80 x 25 terminal shows after {@code serial}: CR, LF, Backspace (no erase), wrap, scroll. */
    static String render(String serial) {
        char[][] screen = new char[TextScreen.ROWS][TextScreen.COLUMNS];
        for (char[] row : screen) {
            java.util.Arrays.fill(row, ' ');
        }
        int row = 0;
        int col = 0;
        for (char c : serial.toCharArray()) {
            switch (c) {
                case '\r' -> col = 0;
                case '\n' -> {
                    col = 0;
                    row++;
                }
                case '\b' -> col = Math.max(0, col - 1);
                default -> screen[row][col++] = c;
            }
            if (col == TextScreen.COLUMNS) {
                col = 0;
                row++;
            }
            if (row == TextScreen.ROWS) {
                System.arraycopy(screen, 1, screen, 0, TextScreen.ROWS - 1);
                screen[TextScreen.ROWS - 1] = new char[TextScreen.COLUMNS];
                java.util.Arrays.fill(screen[TextScreen.ROWS - 1], ' ');
                row--;
            }
        }
        byte[] cells = new byte[2 * TextScreen.ROWS * TextScreen.COLUMNS];
        for (int r = 0; r < TextScreen.ROWS; r++) {
            for (int k = 0; k < TextScreen.COLUMNS; k++) {
                cells[2 * (r * TextScreen.COLUMNS + k)] = (byte) screen[r][k];
            }
        }
        return text(cells);
    }

    @Test
    void renderFollowsCarriageReturnLineFeedAndBackspace() {
        assertEquals("ab\nxyz", render("ab\r\nxyq\bz"));
        assertEquals("a", render("ab" + BS));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= 25; i++) {
            lines.append(i).append(i < 25 ? "\r\n" : "");
        }
        assertEquals(String.join("\n", java.util.stream.IntStream.rangeClosed(1, 25).mapToObj(Integer::toString).toList()),
                render(lines.toString()), "26 lines on 25 rows: the first scrolled away");
        assertEquals("x".repeat(80) + "\ny", render("x".repeat(81).replaceFirst("x$", "y")));
    }

    // ---- under Ringmaster ------------------------------------------------------------------

    /** rmx on Ringmaster's PC (native), run in slices between which the test presses keys. */
    private static final class RingmasterConsole implements Console {
        private static final long SLICE = 200_000;
        private static final long BUDGET = 400_000_000L;   /* the whole session needs a few million */
        private final Machine machine;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private RunResult last;

        RingmasterConsole(Template t) throws BootSpec.BootException {
            machine = new Machine(t.memoryMiB() << 20);
            t.bootSpec().load(machine);
            machine.devices().com1().setSink(out::write);
        }

        @Override
        public String serial() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void await(Predicate<String> done, String what) {
            while (!done.test(serial())) {
                last = machine.run(SLICE);
                if (last.kind() != RunResult.Kind.INSTRUCTION_LIMIT || last.instructions() > BUDGET) {
                    throw new AssertionError("Ringmaster: waiting for " + what + ", the run stopped: " + last.kind() + " ("
                            + last.detail() + ") after " + last.instructions() + " instructions; serial:\n" + Qemu.tail(serial()));
                }
            }
        }

        @Override
        public void press(Stroke s) {
            machine.devices().keyboardController().press(s.key());
            machine.devices().keyboardController().release(s.key());
        }

        @Override
        public byte[] screen() {
            TextScreen screen = machine.devices().vga().snapshot();
            byte[] cells = new byte[2 * TextScreen.ROWS * TextScreen.COLUMNS];
            for (int r = 0; r < TextScreen.ROWS; r++) {
                for (int c = 0; c < TextScreen.COLUMNS; c++) {
                    cells[2 * (r * TextScreen.COLUMNS + c)] = (byte) screen.charAt(r, c);
                    cells[2 * (r * TextScreen.COLUMNS + c) + 1] = (byte) screen.attributeAt(r, c);
                }
            }
            return cells;
        }

        @Override
        public int exitCode() {
            while (true) {
                last = machine.run(SLICE);
                if (last.kind() == RunResult.Kind.DEBUG_EXIT) {
                    return last.exitCode() & 0xFF;
                }
                if (last.kind() != RunResult.Kind.INSTRUCTION_LIMIT || last.instructions() > BUDGET) {
                    throw new AssertionError("Ringmaster: the run stopped: " + last.kind() + " (" + last.detail() + ")");
                }
            }
        }

        @Override
        public void close() {
        }
    }

    // ---- under QEMU --------------------------------------------------------------------------

    /** rmx under QEMU; keys go in through the human monitor's sendkey on a Unix socket. */
    private static final class QemuConsole implements Console {
        private final Process process;
        private final Output serial = new Output();
        private final Output monitorOut = new Output();
        private final Path vgaDump;
        private SocketChannel monitor;
        private int commands;

        QemuConsole(Template t, Path dir) throws IOException {
            Path qemu = ExternalTools.require("qemu-system-i386", "qemu-system-x86");
            Template.Multiboot mb = (Template.Multiboot) t.boot();
            Path socket = dir.resolve("monitor.sock");
            vgaDump = dir.resolve("vga.bin");
            List<String> cmd = new ArrayList<>(List.of(qemu.toString(), "-m", t.memoryMiB() + "M",
                    "-kernel", mb.kernel().path().toString()));
            for (Template.GuestImage m : mb.modules()) {
                cmd.addAll(List.of("-initrd", m.path().toString().replace(",", ",,")));
            }
            cmd.addAll(List.of("-append", mb.cmdline(), "-serial", "stdio", "-display", "none",
                    "-monitor", "unix:" + socket + ",server=on,wait=off", "-nic", "none",
                    "-device", "isa-debug-exit,iobase=0x501,iosize=2", "-no-reboot"));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            serial.copyFrom(process.getInputStream());
        }

        @Override
        public String serial() {
            return serial.text();
        }

        @Override
        public void await(Predicate<String> done, String what) throws InterruptedException {
            if (!serial.await(done, SECONDS)) {
                throw new AssertionError("QEMU: no " + what + " within " + SECONDS + " s; serial:\n" + Qemu.tail(serial()));
            }
        }

        /** Sends one monitor command and waits for the monitor's next prompt. */
        private void command(String line) throws IOException, InterruptedException {
            if (monitor == null) {  /* QEMU listens before it starts the guest: the first prompt came later */
                monitor = SocketChannel.open(UnixDomainSocketAddress.of(vgaDump.resolveSibling("monitor.sock")));
                monitorOut.copyFrom(Channels.newInputStream(monitor));
            }
            monitor.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            int want = ++commands + 1;
            if (!monitorOut.await(s -> s.split("\\(qemu\\)", -1).length - 1 >= want, SECONDS)) {
                throw new AssertionError("QEMU's monitor did not answer " + line + ":\n" + monitorOut.text());
            }
        }

        @Override
        public void press(Stroke s) throws IOException, InterruptedException {
            command("sendkey " + s.qemu());
        }

        @Override
        public byte[] screen() throws IOException, InterruptedException {
            command("pmemsave 0xb8000 " + 2 * TextScreen.ROWS * TextScreen.COLUMNS + " \"" + vgaDump + "\"");
            return Files.readAllBytes(vgaDump);
        }

        @Override
        public int exitCode() throws InterruptedException {
            if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("QEMU did not power off; serial:\n" + Qemu.tail(serial()));
            }
            serial.await(s -> false, 10);    /* returns when QEMU's stdout has ended */
            return process.exitValue();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (monitor != null) {
                monitor.close();
            }
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Bytes a thread copies from a stream, and a bounded wait for a condition on them. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean ended;

        void copyFrom(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try (in) {
                    for (int n; (n = in.read(buf)) > 0;) {
                        synchronized (this) {
                            bytes.write(buf, 0, n);
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process or socket went away: what arrived stays
                }
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            });
            t.setDaemon(true);
            t.start();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }

        /** Waits until {@code done} holds (true) or the stream ended or the time is up (false). */
        synchronized boolean await(Predicate<String> done, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!done.test(text())) {
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
