package dev.ringmaster.engine.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.vm.VmState.Kind;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.testsupport.Roms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's breakpoints, memory reads for the disassembly pane, and the VMM's published state. */
class VirtualMachineBreakpointTest {
    /** The ROM of {@link Roms#assemble} is mapped at linear FF000–FFFFF. */
    private static final int ROM_BASE = 0xFF000;
    @TempDir
    Path tmp;
    private VirtualMachine vm;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private VmResult await(VmCommand c) throws Exception {
        return vm.submit(c).get(60, TimeUnit.SECONDS);
    }

    private static int linearEip(CpuRegisters r) {
        return r.segment(1).base() + r.eip();
    }

    /**
     * Polls {@code condition} until it holds (60 s at most). It parks a millisecond between polls: a
     * spinning test thread would take a core from the VM thread it waits for on a loaded two-core host.
     */
    private void waitFor(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                CpuRegisters r = vm.outputs().registers();
                throw new AssertionError("timed out waiting until " + what + "; the VM is " + vm.state()
                        + (r == null ? "" : String.format(", EIP %08X after %d instructions", linearEip(r), r.instructions())));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    @Test
    void aRunningVmPausesAtABreakpointUntilItIsCleared() throws Exception {
        Path rom = Roms.write(tmp, "loop.rom", """
                    xor bx, bx
                again:
                    inc bx
                    mov al, bl
                    and al, 7
                    add al, '0'
                    call putc
                    jmp again
                """);
        vm = new VirtualMachine(new VmConfig("bp", "bp", BootSpec.rom(rom), 1, Technique.NATIVE));
        // "again:" is at offset 0x18 of the ROM body's code (after the 0x16 bytes of UART set-up and XOR BX,BX)
        int here = ROM_BASE + 0x18;
        VmResult.Stopped atLoop = assertInstanceOf(VmResult.Stopped.class,
                await(new VmCommand.RunUntil(new RunCondition.AtAddress(here))));
        assertEquals(here, linearEip(vm.outputs().registers()), atLoop.toString());
        assertInstanceOf(VmResult.Done.class, await(new VmCommand.SetBreakpoint(here, true)));
        assertEquals(List.of(here), vm.outputs().breakpoints());
        await(new VmCommand.Resume());
        waitFor("the VM stops at the breakpoint", () -> vm.state().is(Kind.PAUSED));
        assertTrue(vm.state().reason().contains(String.format("breakpoint at %08X", here)), vm.state().reason());
        assertEquals(here, linearEip(vm.outputs().registers()));
        long first = vm.outputs().registers().instructions();

        // Resume executes the instruction at the breakpoint and stops when the loop comes back
        await(new VmCommand.Resume());
        waitFor("the VM stops at the breakpoint again", () -> vm.state().is(Kind.PAUSED)
                && vm.outputs().registers().instructions() > first);
        assertEquals(here, linearEip(vm.outputs().registers()));

        // a run-until to another address keeps the user's breakpoint armed afterwards
        VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class,
                await(new VmCommand.RunUntil(new RunCondition.AfterInstructions(3))));
        assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, s.run().kind());
        await(new VmCommand.Resume());
        waitFor("the breakpoint still stops it", () -> vm.state().is(Kind.PAUSED)
                && linearEip(vm.outputs().registers()) == here);

        assertInstanceOf(VmResult.Done.class, await(new VmCommand.SetBreakpoint(here, false)));
        assertEquals(List.of(), vm.outputs().breakpoints());
        s = assertInstanceOf(VmResult.Stopped.class,
                await(new VmCommand.RunUntil(new RunCondition.AfterInstructions(10_000))));
        assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, s.run().kind(), "no breakpoint any more: " + s);
    }

    @Test
    void memoryReadsShowTheGuestsCodeAndUnmappedBytes() throws Exception {
        Path rom = Roms.write(tmp, "spin.rom", "spin: jmp spin");
        vm = new VirtualMachine(new VmConfig("mem", "mem", BootSpec.rom(rom), 1, Technique.NATIVE));
        assertInstanceOf(VmResult.NotAllowed.class, await(new VmCommand.ReadMemory(ROM_BASE, 16)), "no machine yet");
        await(new VmCommand.Start());
        await(new VmCommand.Pause());
        byte[] image = Files.readAllBytes(rom);
        VmResult.MemoryRead m = assertInstanceOf(VmResult.MemoryRead.class, await(new VmCommand.ReadMemory(ROM_BASE + 0xFF0, 16)));
        int[] expected = new int[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = image[0xFF0 + i] & 0xFF;
        }
        assertArrayEquals(expected, m.bytes(), "the far jump at the reset vector");
        assertEquals(0xEA, m.byteAt(ROM_BASE + 0xFF0));
        assertEquals(-1, m.byteAt(ROM_BASE + 0x1000), "outside the block");
        // the VGA text buffer is device memory: not read (a read could have side effects)
        m = assertInstanceOf(VmResult.MemoryRead.class, await(new VmCommand.ReadMemory(0xB8000, 4)));
        assertArrayEquals(new int[] {-1, -1, -1, -1}, m.bytes());
    }

    @Test
    void aTrapAndEmulateVmPublishesItsVirtualCpuAndCounters() throws Exception {
        Path kernel = Path.of(System.getProperty("ringmaster.project.dir", "."), "vm-templates/images/rmx/kernel.elf");
        Path initrd = kernel.resolveSibling("initrd.img");
        vm = new VirtualMachine(new VmConfig("trap", "trap", BootSpec.multiboot(kernel, List.of(initrd), "hostname=rmx"),
                32, Technique.TRAP));
        VmResult r = await(new VmCommand.RunUntil(new RunCondition.AfterInstructions(3_000_000)));
        assertEquals(Kind.PAUSED, r.state().kind(), r.toString());
        GuestCpu g = vm.outputs().guestCpu();
        assertNotNull(g, "a VMM publishes its virtual CPU");
        assertEquals(0, g.cpl(), "the guest kernel believes it runs in ring 0");
        assertTrue(vm.outputs().registers().cpl() > 0 || g.cpl() != vm.outputs().registers().cpl(),
                "the real CPU runs the guest kernel deprivileged");
        assertTrue(vm.outputs().vmmCounters().get(dev.ringmaster.engine.vmm.VmmCounters.Kind.TRAPS) > 0);
    }

    @Test
    void aNativeVmHasNoVirtualCpu() throws Exception {
        vm = new VirtualMachine(new VmConfig("nat", "nat", BootSpec.rom(Roms.write(tmp, "s.rom", "s: jmp s")), 1,
                Technique.NATIVE));
        await(new VmCommand.Start());
        await(new VmCommand.Pause());
        assertNull(vm.outputs().guestCpu());
        assertEquals(0, vm.outputs().vmmCounters().get(dev.ringmaster.engine.vmm.VmmCounters.Kind.TRAPS));
    }

    @Test
    void aStepOnAGuestThatCannotRetireAnInstructionEndsAfterAVirtualSecond() throws Exception {
        // rmx's ringcheck under trap-and-emulate: a POPF cannot set IF in ring 1, the guest halts with its
        // virtual IF clear and the VMM stops it (stall); a step then retires nothing however long it waits
        Path kernel = Path.of(System.getProperty("ringmaster.project.dir", "."), "vm-templates/images/rmx/kernel.elf");
        vm = new VirtualMachine(new VmConfig("stall", "stall", BootSpec.multiboot(kernel,
                List.of(kernel.resolveSibling("initrd.img")), "hostname=rmx"), 32, Technique.TRAP));
        await(new VmCommand.RunUntil(new RunCondition.SerialContains("rmx:/# ")));
        for (var k : dev.ringmaster.engine.devices.UsKeyboardLayout.strokes("ringcheck\n")) {
            await(new VmCommand.SendKey(k.key(), true));
            await(new VmCommand.SendKey(k.key(), false));
        }
        VmResult r = await(new VmCommand.RunUntil(new RunCondition.SerialContains("rmx:/# ")));
        assertTrue(r.state().reason().contains("stalled"), r.state().toString());
        long cycles = vm.outputs().registers().cycles();
        VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.Step(1)));
        assertEquals(RunResult.Kind.TIME_LIMIT, s.run().kind(), s.toString());
        assertEquals(Kind.PAUSED, s.state().kind());
        assertTrue(vm.outputs().registers().cycles() > cycles, "virtual time went on");
    }
}
