package dev.ringmaster.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.devices.Key;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vm.VmState.Kind;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.testsupport.Roms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualMachineTest {
    @TempDir
    Path tmp;
    private final List<VirtualMachine> vms = new ArrayList<>();

    @AfterEach
    void closeAll() {
        vms.forEach(VirtualMachine::close);
    }

    private VirtualMachine vm(String id, Path rom) {
        VirtualMachine v = new VirtualMachine(new VmConfig(id, id, BootSpec.rom(rom), 1, Technique.NATIVE));
        vms.add(v);
        return v;
    }

    private static VmResult await(VirtualMachine vm, VmCommand c) throws Exception {
        return vm.submit(c).get(60, TimeUnit.SECONDS);
    }

    /** Runs until the VM leaves RUNNING (a run-until on text that never comes answers when it stops). */
    private static VmResult runToEnd(VirtualMachine vm) throws Exception {
        return await(vm, new VmCommand.RunUntil(new RunCondition.SerialContains("\u0001never\u0001")));
    }

    private static String serial(VirtualMachine vm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vm.outputs().serial().drain(out::writeBytes, Integer.MAX_VALUE);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lifecycleAndCommandsNotAllowedInAState() throws Exception {
        VirtualMachine vm = vm("life", Roms.write(tmp, "spin.rom", "spin: jmp spin"));
        assertEquals(Kind.DEFINED, vm.state().kind());
        assertInstanceOf(VmResult.NotAllowed.class, await(vm, new VmCommand.Pause()));
        assertInstanceOf(VmResult.NotAllowed.class, await(vm, new VmCommand.Step(1)));
        assertEquals(Kind.RUNNING, await(vm, new VmCommand.Start()).state().kind());
        assertInstanceOf(VmResult.NotAllowed.class, await(vm, new VmCommand.Start()));
        assertInstanceOf(VmResult.NotAllowed.class, await(vm, new VmCommand.Step(1)), "a running VM does not step");
        assertEquals(Kind.PAUSED, await(vm, new VmCommand.Pause()).state().kind());
        long before = vm.outputs().registers().instructions();
        VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class, await(vm, new VmCommand.Step(5)));
        assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, s.run().kind());
        assertEquals(before + 5, s.run().instructions());
        assertEquals(before + 5, vm.outputs().registers().instructions(), "registers are published after a step");
        assertEquals(Kind.RUNNING, await(vm, new VmCommand.Resume()).state().kind());
        assertEquals(Kind.SHUTOFF, await(vm, new VmCommand.ForceOff()).state().kind());
        assertInstanceOf(VmResult.NotAllowed.class, await(vm, new VmCommand.Resume()));
        assertEquals(Kind.RUNNING, await(vm, new VmCommand.Start()).state().kind(), "a VM that was shut off starts again");
    }

    @Test
    void runUntilSerialTextAddressAndInstructionCount() throws Exception {
        Path rom = Roms.write(tmp, "count.rom", Roms.COUNTING_LOOP);
        VirtualMachine vm = vm("until", rom);
        await(vm, new VmCommand.Start());
        await(vm, new VmCommand.Pause());
        VmResult.Stopped r = assertInstanceOf(VmResult.Stopped.class,
                await(vm, new VmCommand.RunUntil(new RunCondition.SerialContains("5670"))));
        assertEquals(Kind.PAUSED, r.state().kind());
        assertTrue(serial(vm).endsWith("5670"), "paused right after the text appeared");
        long at = r.run().instructions();
        r = assertInstanceOf(VmResult.Stopped.class, await(vm, new VmCommand.RunUntil(new RunCondition.AfterInstructions(1000))));
        assertEquals(at + 1000, r.run().instructions());
        // the loop comes back to where it is now: run until that address again
        var regs = vm.outputs().registers();
        int here = regs.segment(1).base() + regs.eip();
        r = assertInstanceOf(VmResult.Stopped.class, await(vm, new VmCommand.RunUntil(new RunCondition.AtAddress(here))));
        assertEquals(RunResult.Kind.BREAKPOINT, r.run().kind(), r.toString());
        assertTrue(r.run().instructions() > at + 1000, "it ran a round of the loop first");
        assertEquals(here, vm.outputs().registers().segment(1).base() + vm.outputs().registers().eip());
    }

    @Test
    void debugExitShutsTheVmOffWithTheReason() throws Exception {
        VirtualMachine vm = vm("exit", Roms.write(tmp, "exit.rom", """
                    mov al, 'x'
                    call putc
                    mov dx, 0x501
                    mov al, 3
                    out dx, al
                """));
        await(vm, new VmCommand.Start());
        VmResult r = runToEnd(vm);
        assertEquals(Kind.SHUTOFF, r.state().kind());
        assertTrue(r.state().reason().contains("wrote 3 to the debug-exit port"), r.state().reason());
        assertEquals("x", serial(vm));
    }

    @Test
    void tripleFaultCrashesOneVmAndLeavesItInspectableWhileAnotherRunsOn() throws Exception {
        VirtualMachine bad = vm("bad", Roms.write(tmp, "tf.rom", """
                    lidt [cs:empty]
                    mov eax, 0x1234ABCD
                    int3
                empty: dw 0
                       dd 0
                """));
        VirtualMachine good = vm("good", Roms.write(tmp, "good.rom", Roms.timerGuest(5)));
        await(good, new VmCommand.Start());
        await(bad, new VmCommand.Start());
        VmResult r = runToEnd(bad);
        assertEquals(Kind.CRASHED, r.state().kind());
        assertTrue(r.state().reason().toLowerCase().contains("triple fault") || r.state().reason().toLowerCase().contains("shutdown"),
                r.state().reason());
        assertEquals(0x1234ABCD, bad.outputs().registers().reg(0), "EAX is inspectable after the crash");
        assertInstanceOf(VmResult.NotAllowed.class, await(bad, new VmCommand.Resume()));
        VmResult g = runToEnd(good);
        assertEquals(Kind.SHUTOFF, g.state().kind(), g.toString());
        assertTrue(serial(good).endsWith("END\n"));
        assertEquals(Kind.RUNNING, await(bad, new VmCommand.Reset()).state().kind(), "a crashed VM can be reset");
    }

    @Test
    void stateChangesAndRingsArePublishedAsTraceEvents() throws Exception {
        VirtualMachine vm = vm("events", Roms.write(tmp, "exit.rom", """
                    mov dx, 0x501
                    out dx, al
                """));
        await(vm, new VmCommand.Start());
        runToEnd(vm);
        List<TraceEvent> events = new ArrayList<>();
        vm.outputs().events().drain(events::add, Integer.MAX_VALUE);
        List<String> changes = events.stream().filter(e -> e instanceof TraceEvent.StateChange)
                .map(e -> ((TraceEvent.StateChange) e).to()).toList();
        assertTrue(changes.containsAll(List.of("RUNNING", "SHUTOFF")), changes.toString());
    }

    @Test
    void aPortNoDeviceClaimsReadsAllOnesAndIsTraced() throws Exception {
        VirtualMachine vm = vm("unmapped", Roms.write(tmp, "nothing.rom", """
                    mov dx, 0x2F0
                    in al, dx
                    call putc
                    mov dx, 0x501
                    out dx, al
                """));
        assertEquals(Kind.SHUTOFF, runToEnd(vm).state().kind());
        assertEquals("\u00ff", serial(vm));
        List<TraceEvent> events = new ArrayList<>();
        vm.outputs().events().drain(events::add, Integer.MAX_VALUE);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Io io && io.port() == 0x2F0 && !io.write()
                && io.device().equals(VirtualMachine.UNMAPPED)), events.toString());
    }

    @Test
    void keysReachTheGuestThroughThe8042() throws Exception {
        VirtualMachine vm = vm("keys", Roms.write(tmp, "kbd.rom", """
                poll:
                    in al, 0x64
                    test al, 1
                    jz poll
                    in al, 0x60
                    cmp al, 0x1E        ; 'A' make code, scan code set 1 (translated)
                    jne poll
                    mov al, 'a'
                    call putc
                    mov dx, 0x501
                    out dx, al
                """));
        await(vm, new VmCommand.Start());
        assertEquals(Kind.RUNNING, await(vm, new VmCommand.SendKey(Key.A, true)).state().kind());
        await(vm, new VmCommand.SendKey(Key.A, false));
        assertEquals(Kind.SHUTOFF, runToEnd(vm).state().kind());
        assertEquals("a", serial(vm));
    }

    @Test
    void serialInputReachesCom1() throws Exception {
        VirtualMachine vm = vm("serial", Roms.write(tmp, "echo.rom", """
                next:
                    mov dx, 0x3FD
                poll:
                    in al, dx
                    test al, 1
                    jz poll
                    mov dx, 0x3F8
                    in al, dx
                    call putc
                    cmp al, '!'
                    jne next
                    mov dx, 0x501
                    out dx, al
                """));
        await(vm, new VmCommand.Start());
        await(vm, new VmCommand.TypeSerial("hi!".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Kind.SHUTOFF, runToEnd(vm).state().kind());
        assertEquals("hi!", serial(vm));
    }

    @Test
    void snapshotRestoredInAnotherVmContinuesExactlyAsTheUninterruptedRun() throws Exception {
        Path rom = Roms.write(tmp, "timer.rom", Roms.timerGuest(10));
        VirtualMachine a = vm("a", rom);
        await(a, new VmCommand.Start());
        await(a, new VmCommand.Pause());
        VmResult.Stopped mid = assertInstanceOf(VmResult.Stopped.class,
                await(a, new VmCommand.RunUntil(new RunCondition.AfterInstructions(4_000_000))));
        String before = serial(a);
        Path file = tmp.resolve("snaps/mid.rmsnap");
        VmResult.SnapshotTaken taken = assertInstanceOf(VmResult.SnapshotTaken.class,
                await(a, new VmCommand.TakeSnapshot(file, "middle")));
        assertEquals(mid.run().instructions(), taken.info().instructions());
        assertTrue(Files.size(file) < 64 * 1024, "zero pages elided and compressed: " + Files.size(file));
        VmResult endA = runToEnd(a);
        String afterA = serial(a);
        assertEquals(Kind.SHUTOFF, endA.state().kind());
        assertTrue(before.contains("T") && afterA.endsWith("END\n"), before + " | " + afterA);

        VirtualMachine b = vm("b", rom);
        VmResult restored = await(b, new VmCommand.RestoreSnapshot(file));
        assertEquals(Kind.PAUSED, restored.state().kind(), restored.toString());
        assertEquals(mid.run().instructions(), b.outputs().registers().instructions());
        VmResult endB = runToEnd(b);
        assertEquals(afterA, serial(b), "same transcript after the snapshot point");
        assertEquals(((VmResult.Stopped) endA).run().instructions(), ((VmResult.Stopped) endB).run().instructions());
        assertEquals(((VmResult.Stopped) endA).run().cycles(), ((VmResult.Stopped) endB).run().cycles());

        // the tree: a snapshot taken after a restore has the restored one as parent
        await(b, new VmCommand.Reset());
        await(b, new VmCommand.RestoreSnapshot(file));
        VmResult.SnapshotTaken child = assertInstanceOf(VmResult.SnapshotTaken.class,
                await(b, new VmCommand.TakeSnapshot(tmp.resolve("snaps/child.rmsnap"), "child")));
        assertEquals(taken.info().id(), child.info().parentId());
        assertEquals(taken.info().id(), SnapshotFile.readInfo(file).id());
    }

    @Test
    void badSnapshotFilesFailWithTheFileNamedAndChangeNothing() throws Exception {
        Path rom = Roms.write(tmp, "spin.rom", "spin: jmp spin");
        VirtualMachine vm = vm("snap", rom);
        await(vm, new VmCommand.Start());
        await(vm, new VmCommand.Pause());
        Path good = tmp.resolve("good.rmsnap");
        assertInstanceOf(VmResult.SnapshotTaken.class, await(vm, new VmCommand.TakeSnapshot(good, "g")));
        byte[] bytes = Files.readAllBytes(good);

        Path junk = tmp.resolve("junk.rmsnap");
        Files.writeString(junk, "hello");
        Path truncated = tmp.resolve("truncated.rmsnap");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path corrupt = tmp.resolve("corrupt.rmsnap");
        byte[] c = bytes.clone();
        c[c.length - 20] ^= 0x55;
        Files.write(corrupt, c);
        Path version = tmp.resolve("version.rmsnap");
        byte[] v = bytes.clone();
        v[7] = 99;
        Files.write(version, v);
        Path missing = tmp.resolve("missing.rmsnap");
        for (Path[] p : new Path[][] {{junk}, {truncated}, {corrupt}, {version}, {missing}}) {
            VmResult r = await(vm, new VmCommand.RestoreSnapshot(p[0]));
            VmResult.Failed f = assertInstanceOf(VmResult.Failed.class, r, p[0].toString());
            assertTrue(f.message().startsWith(p[0].toString()), f.message());
            assertEquals(Kind.PAUSED, f.state().kind());
        }
        assertTrue(((VmResult.Failed) await(vm, new VmCommand.RestoreSnapshot(version))).message().contains("version 99"));

        VirtualMachine other = vm("other", Roms.write(tmp, "other.rom", "hlt"));
        VmResult.Failed f = assertInstanceOf(VmResult.Failed.class, await(other, new VmCommand.RestoreSnapshot(good)));
        assertTrue(f.message().contains("another machine"), f.message());
        assertEquals(Kind.DEFINED, other.state().kind());
    }

    @Test
    void pacedRunGivesTheSameTranscriptAndTakesAtLeastTheVirtualTime() throws Exception {
        Path rom = Roms.write(tmp, "timer.rom", Roms.timerGuest(30));
        VirtualMachine full = vm("full", rom);
        await(full, new VmCommand.Start());
        runToEnd(full);
        VirtualMachine paced = vm("paced", rom);
        await(paced, new VmCommand.SetSpeed(Speed.REAL_TIME));
        long t0 = System.nanoTime();
        await(paced, new VmCommand.Start());
        VmResult end = runToEnd(paced);
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.SHUTOFF, end.state().kind());
        assertEquals(serial(full), serial(paced));
        assertTrue(wallMillis >= 25, "30 ticks of 1 ms virtual time took only " + wallMillis + " ms wall time");
        assertNotNull(paced.outputs().screen());
    }

    @Test
    void aVmUnderAHostCpuBudgetRunsInShortSlicesToTheSameTranscriptAndCount() throws Exception {
        Path rom = Roms.write(tmp, "timer.rom", Roms.timerGuest(30));
        VirtualMachine full = vm("full", rom);
        await(full, new VmCommand.Start());
        RunResult fullEnd = assertInstanceOf(VmResult.Stopped.class, runToEnd(full)).run();
        HostCpuBudget.shared().setCores(0.25);
        try {
            VirtualMachine capped = vm("capped", rom);
            await(capped, new VmCommand.Start());
            VmResult end = runToEnd(capped);
            assertEquals(Kind.SHUTOFF, end.state().kind());
            RunResult cappedEnd = assertInstanceOf(VmResult.Stopped.class, end).run();
            assertEquals(serial(full), serial(capped));
            // the same virtual time: the rests between its (short) slices are wall-clock time only
            assertEquals(fullEnd.instructions(), cappedEnd.instructions());
            assertEquals(fullEnd.cycles(), cappedEnd.cycles());
        } finally {
            HostCpuBudget.shared().setCores(0);
        }
    }

    @Test
    void underTrapAndEmulateRmxStallsAndTheVmPausesNamingThePopf() throws Exception {
        Path root = dev.ringmaster.testsupport.TestGuests.projectDir().resolve("vm-templates/images/rmx");
        BootSpec boot = BootSpec.multiboot(root.resolve("kernel.elf"), List.of(root.resolve("initrd.img")), "hostname=rmx");
        VirtualMachine vm = new VirtualMachine(new VmConfig("trap", "rmx trap", boot, 32, Technique.TRAP));
        vms.add(vm);
        VmResult prompt = await(vm, new VmCommand.RunUntil(new RunCondition.SerialContains("rmx:/# "))); // powers on
        assertEquals(Kind.PAUSED, prompt.state().kind(), prompt.toString());
        // typed while paused, then run on: nothing can happen between the two
        await(vm, new VmCommand.TypeSerial("ringcheck\n".getBytes(StandardCharsets.ISO_8859_1)));
        VmResult r = runToEnd(vm);
        assertEquals(Kind.PAUSED, r.state().kind(), r.toString());
        assertTrue(r.state().reason().contains("POPF"), r.state().reason());
        assertInstanceOf(VmResult.SnapshotTaken.class, await(vm, new VmCommand.TakeSnapshot(tmp.resolve("x"), "x")),
                "the VMM's state is part of the snapshot (VirtualMachineTrapSnapshotTest)");
        List<TraceEvent> events = new ArrayList<>();
        vm.outputs().events().drain(events::add, Integer.MAX_VALUE);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap), "the VMM's traps are published");
    }

    @Test
    void missingImageFailsToStartAndTheVmStaysDefined() throws Exception {
        VirtualMachine vm = vm("missing", tmp.resolve("nope.rom"));
        VmResult.Failed f = assertInstanceOf(VmResult.Failed.class, await(vm, new VmCommand.Start()));
        assertTrue(f.message().contains("nope.rom"), f.message());
        assertEquals(Kind.DEFINED, vm.state().kind());
    }

}
