package dev.ringmaster.app.panes.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.CpuRegisters.Segment;
import dev.ringmaster.engine.cpu.SegmentRegister;
import dev.ringmaster.engine.vm.RunCondition;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The listing, the current row, breakpoints and the stepping commands, over a fake VM's memory. */
class DisassemblyViewModelTest {
    static final int CODE = 0x1000;
    /**
     * 1000: push ebp / 1001: mov ebp,esp / 1003: call 0x1010 / 1008: nop / 1009: jmp 0x1000 /
     * 100b..100f: nop / 1010: ret; nops after it.
     */
    static final int[] BYTES = new int[0x200];

    static {
        Arrays.fill(BYTES, 0x90);
        int[] code = {0x55, 0x89, 0xE5, 0xE8, 0x08, 0x00, 0x00, 0x00, 0x90, 0xEB, 0xF5};
        System.arraycopy(code, 0, BYTES, 0x100, code.length);
        BYTES[0x110] = 0xC3;
    }

    final List<VmCommand> reads = new ArrayList<>();
    final List<VmCommand> sent = new ArrayList<>();
    final VmState paused = VmState.of(VmState.Kind.PAUSED, "");
    final DisassemblyViewModel m = new DisassemblyViewModel(c -> {
        reads.add(c);
        VmCommand.ReadMemory r = (VmCommand.ReadMemory) c;
        int[] out = new int[r.length()];
        for (int i = 0; i < out.length; i++) {
            int off = r.linearAddress() + i - (CODE - 0x100);
            out[i] = off >= 0 && off < BYTES.length ? BYTES[off] : -1;
        }
        return CompletableFuture.completedFuture(new VmResult.MemoryRead(paused, r.linearAddress(), out));
    }, sent::add, Runnable::run);

    static CpuRegisters at(int eip, long instructions) {
        int code = SegmentRegister.A_P | SegmentRegister.A_S | SegmentRegister.A_CODE | SegmentRegister.A_RW
                | SegmentRegister.A_DB | SegmentRegister.A_G;
        Segment cs = new Segment(0x08, 0, 0xFFFFFFFF, code, true);
        Segment ds = new Segment(0x10, 0, 0xFFFFFFFF, code & ~SegmentRegister.A_CODE, true);
        Segment none = new Segment(0, 0, 0, 0, false);
        return new CpuRegisters(new int[8], eip, 0x202, List.of(ds, cs, ds, ds, ds, ds), none, none, 0, 0, 0, 0,
                0x11, 0, 0, 0, 0, false, instructions, instructions * 2);
    }

    DisassemblyRow row(int address) {
        return m.rows().stream().filter(r -> r.address() == address).findFirst().orElseThrow(
                () -> new AssertionError(String.format("no row at %08X in %s", address, m.rows())));
    }

    @Test
    void theListingSurroundsEipWithTheCurrentRowAndBranchTargets() {
        m.update(at(0x1003, 10), paused, List.of(), 0);
        assertEquals(1, reads.size(), "the code around EIP is read from the VM");
        DisassemblyRow call = m.currentRowProperty().get();
        assertNotNull(call);
        assertEquals(0x1003, call.address());
        assertEquals("call 0x1010", call.text());
        assertEquals("e8 08 00 00 00", call.bytes());
        assertEquals(0x1010, call.branchTarget());
        assertEquals("→ 00001010 ↓", call.targetText());
        assertEquals("mov ebp,esp", row(0x1001).text(), "rows before EIP, synchronised on it");
        assertEquals("push ebp", row(0x1000).text());
        assertEquals("jmp 0x1000", row(0x1009).text());
        assertEquals("→ 00001000 ↑", row(0x1009).targetText());
        assertEquals(1, m.rows().stream().filter(DisassemblyRow::current).count());
        assertTrue(m.statusProperty().get().startsWith("EIP 00001003 · 32-bit code · paused"), m.statusProperty().get());
    }

    @Test
    void aStepMovesTheCurrentRowAndAnUnchangedSnapshotReadsNothing() {
        m.update(at(0x1003, 10), paused, List.of(), 0);
        m.update(at(0x1003, 10), paused, List.of(), 1);
        assertEquals(1, reads.size(), "nothing changed: nothing read");
        m.update(at(0x1010, 11), paused, List.of(), 2);
        assertEquals(0x1010, m.currentRowProperty().get().address());
        assertEquals("ret", m.currentRowProperty().get().text());
        assertFalse(row(0x1003).current());
    }

    @Test
    void theGutterTogglesBreakpointsThroughTheVm() {
        m.update(at(0x1003, 10), paused, List.of(), 0);
        m.toggleBreakpoint(0x1009);
        assertEquals(List.of(new VmCommand.SetBreakpoint(0x1009, true)), sent);
        assertTrue(row(0x1009).breakpoint(), "shown at once");
        m.update(at(0x1003, 10), paused, List.of(0x1009), 1);
        assertTrue(row(0x1009).breakpoint(), "confirmed by the VM");
        m.toggleBreakpoint(0x1009);
        assertEquals(new VmCommand.SetBreakpoint(0x1009, false), sent.get(1));
        assertFalse(row(0x1009).breakpoint());
        assertTrue(m.statusProperty().get().endsWith("0 breakpoints"), m.statusProperty().get());
    }

    @Test
    void stepOverACallRunsToTheNextInstructionAndOtherwiseSteps() {
        m.update(at(0x1001, 10), paused, List.of(), 0);
        m.stepOver();
        assertEquals(new VmCommand.Step(1), sent.get(0), "not a call: a plain step");
        m.update(at(0x1003, 11), paused, List.of(), 1);
        m.stepOver();
        assertEquals(new VmCommand.RunUntil(new RunCondition.AtAddress(0x1008)), sent.get(1), "over the call");
        m.runToCursor(row(0x1009));
        assertEquals(new VmCommand.RunUntil(new RunCondition.AtAddress(0x1009)), sent.get(2));
        m.pause();
        assertEquals(new VmCommand.Pause(), sent.get(3));
    }

    @Test
    void showingAnAddressStopsFollowingEipUntilAsked() {
        m.update(at(0x1003, 10), paused, List.of(), 0);
        m.showAddress(0x1010);
        assertFalse(m.followEipProperty().get());
        assertTrue(row(0x1010).marked());
        m.update(at(0x1008, 11), paused, List.of(), 1);
        assertTrue(row(0x1010).marked(), "still shows the asked address");
        assertTrue(m.statusProperty().get().contains("showing 00001010"), m.statusProperty().get());
        m.followEipProperty().set(true);
        assertEquals(0x1008, m.currentRowProperty().get().address());
    }

    @Test
    void unreadableCodeGivesAShortListingAndARunningVmIsReadAtMostFourTimesASecond() {
        VmState running = VmState.of(VmState.Kind.RUNNING, "");
        m.update(at(0x1003, 10), running, List.of(), 0);
        m.update(at(0x1008, 500), running, List.of(), 100_000_000L);
        assertEquals(1, reads.size(), "not yet: 100 ms later");
        m.update(at(0x1009, 900), running, List.of(), 300_000_000L);
        assertEquals(2, reads.size());
        // the block ends 0x1F0 bytes after 0x1000 - 0x100: a focus near the end lists what is readable
        m.showAddress(CODE + 0xF8);
        assertTrue(m.rows().size() < DisassemblyViewModel.ROWS, "stops where memory cannot be read");
    }

    @Test
    void aHiddenListingReadsNoMemoryAndCatchesUpWhenItComesToTheFront() {
        VmState running = VmState.of(VmState.Kind.RUNNING, "");
        m.gate().setShowing(false);
        m.update(at(0x1003, 10), running, List.of(), 0);
        m.update(at(0x1008, 500), running, List.of(), 400_000_000L);
        assertTrue(reads.isEmpty(), "nobody sees the listing: the guest's memory is not read");
        assertTrue(m.rows().isEmpty());
        m.gate().setShowing(true);
        m.update(at(0x1008, 510), running, List.of(), 433_000_000L);
        assertEquals(1, reads.size(), "read as soon as it shows");
        assertEquals(0x1008, m.currentRowProperty().get().address());
    }

    @Test
    void aRunningListingRefreshesAtMostFourTimesASecondAndAPauseAtOnce() {
        VmState running = VmState.of(VmState.Kind.RUNNING, "");
        m.update(at(0x1003, 10), running, List.of(), 0);
        assertEquals(0x1003, m.currentRowProperty().get().address());
        m.update(at(0x1008, 500), running, List.of(), 33_000_000L);
        assertEquals(0x1003, m.currentRowProperty().get().address(), "33 ms later: not redrawn yet");
        m.update(at(0x1008, 550), running, List.of(), 150_000_000L);
        assertEquals(0x1003, m.currentRowProperty().get().address(), "150 ms later: not yet");
        m.update(at(0x1009, 600), running, List.of(), 250_000_000L);
        assertEquals(0x1009, m.currentRowProperty().get().address(), "250 ms later");
        assertEquals(2, reads.size(), "a running VM's code is read again every 250 ms");
        m.update(at(0x1010, 601), paused, List.of(), 260_000_000L);
        assertEquals(0x1010, m.currentRowProperty().get().address(), "paused: shown at once");
        assertTrue(m.statusProperty().get().contains("paused"), m.statusProperty().get());
        m.toggleBreakpoint(0x1009);
        assertTrue(row(0x1009).breakpoint(), "what the user does is shown at once");
    }

    @Test
    void aRunningVmWhoseEipMovedOnWhileItsCodeWasReadStillShowsTheCodeThatWasRead() {
        VmState running = VmState.of(VmState.Kind.RUNNING, "");
        List<CompletableFuture<VmResult>> answers = new ArrayList<>();
        List<VmCommand.ReadMemory> asked = new ArrayList<>();
        DisassemblyViewModel slow = new DisassemblyViewModel(c -> {
            asked.add((VmCommand.ReadMemory) c);
            CompletableFuture<VmResult> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        }, sent::add, Runnable::run);
        slow.update(at(0x1003, 10), running, List.of(), 0);
        assertEquals(1, asked.size());
        // the VM runs on: EIP is far away when the bytes around 0x1003 arrive
        slow.update(at(0x7000_0000, 5000), running, List.of(), 100_000_000L);
        VmCommand.ReadMemory r = asked.get(0);
        int[] out = new int[r.length()];
        for (int i = 0; i < out.length; i++) {
            int off = r.linearAddress() + i - (CODE - 0x100);
            out[i] = off >= 0 && off < BYTES.length ? BYTES[off] : -1;
        }
        answers.get(0).complete(new VmResult.MemoryRead(running, r.linearAddress(), out));
        slow.update(at(0x7000_0000, 5000), running, List.of(), 200_000_000L);
        assertTrue(slow.rows().stream().anyMatch(row -> row.address() == 0x1003),
                "the listing shows the code it read, not nothing: " + slow.rows());
        assertEquals(null, slow.currentRowProperty().get(), "EIP is not in it");
        assertEquals(2, asked.size(), "and the code around the new EIP is asked for");
    }
}
