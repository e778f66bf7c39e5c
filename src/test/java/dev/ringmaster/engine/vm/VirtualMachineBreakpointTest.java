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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        Path rom = Roms.write(tmp, "loop.rom", Roms.COUNTING_LOOP);
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

    // ---- resuming from a breakpoint in putc ------------------------------------------------------------------
    // A reported hang: stopped at a breakpoint on putc's PUSH AX, the user pressed Resume and the VM stayed
    // RUNNING without publishing anything. Each guest runs natively from ROM (real mode, the report's guest) or
    // as a small Multiboot kernel (protected mode) under native, trap-and-emulate and binary translation.

    /** A Multiboot kernel (a.out kludge) with the ROM's COM1 set-up and putc, 32-bit; the body runs in ring 0. */
    private static final String KERNEL = """
            bits 32
            org 0x100000
            %%include "pc.inc"
                    MULTIBOOT_AOUT start, bss_end
                    FLAT_START
                    LOAD_TSS
                    COM1_8N1
            %s
                    PUTC_ROUTINE edx, eax
                    SETGATE_ROUTINE
                    GDT_BEGIN
                    dq 0x0000890000000067
                    GDT_END
            tss:    times 104 db 0
            align 8
                    IDT_SPACE
                    STACK_END
            """;

    /** {@link Roms#COUNTING_LOOP} in 32-bit code. */
    private static final String LOOP_KERNEL = """
                    xor ebx, ebx
            again:  inc ebx
                    mov al, bl
                    and al, 7
                    add al, '0'
                    call putc
                    jmp again
            """;

    /** Prints R, then waits with HLT (interrupts on) for COM1 bytes, echoing each through putc from IRQ 4. */
    private static final String ECHO_ROM = """
                cli
                xor ax, ax
                mov ds, ax
                mov ss, ax
                mov sp, 0x7000
                mov word [0x0C*4], rx
                mov word [0x0C*4+2], 0xF000
                mov al, 0xEF
                out 0x21, al
                mov dx, 0x3F9
                mov al, 1
                out dx, al
                mov dx, 0x3FC
                mov al, 8
                out dx, al
                mov al, 'R'
                call putc
                sti
            idle:
                hlt
                jmp idle
            rx:
                push ax
                push dx
                mov dx, 0x3F8
                in al, dx
                call putc
                mov al, 0x20
                out 0x20, al
                pop dx
                pop ax
                iret
            """;

    private static final String ECHO_KERNEL = """
                    mov eax, rx
                    mov ebx, 0x24
                    call setgate
                    lidt [idtr]
                    mov al, 0x11
                    out 0x20, al
                    out 0xA0, al
                    mov al, 0x20
                    out 0x21, al
                    mov al, 0x28
                    out 0xA1, al
                    mov al, 4
                    out 0x21, al
                    mov al, 2
                    out 0xA1, al
                    mov al, 1
                    out 0x21, al
                    out 0xA1, al
                    mov al, 0xEF
                    out 0x21, al
                    mov al, 0xFF
                    out 0xA1, al
                    mov dx, 0x3F9
                    mov al, 1
                    out dx, al
                    mov dx, 0x3FC
                    mov al, 8
                    out dx, al
                    mov al, 'R'
                    call putc
                    sti
            idle:   hlt
                    jmp idle
            rx:     push eax
                    push edx
                    mov dx, 0x3F8
                    in al, dx
                    call putc
                    mov al, 0x20
                    out 0x20, al
                    pop edx
                    pop eax
                    iret
            """;

    /** The address of putc's PUSH AX (PUSH EAX) in the guest {@link #boot} made. */
    private int pushAx;

    /**
     * A VM of {@code kind} ("rom": the ROM guest natively; "native", "trap", "bt": the kernel under that
     * technique) running {@code romBody} or {@code kernelBody}; sets {@link #pushAx}.
     */
    private VirtualMachine boot(String kind, String romBody, String kernelBody) throws Exception {
        if (kind.equals("rom")) {
            Path rom = Roms.write(tmp, "g.rom", romBody);
            pushAx = ROM_BASE + find(Files.readAllBytes(rom), 0x52, 0x50, 0xBA, 0xFD, 0x03) + 1;
            return new VirtualMachine(new VmConfig(kind, kind, BootSpec.rom(rom), 1, Technique.NATIVE));
        }
        byte[] image = dev.ringmaster.engine.cpu.Nasm.assemble(KERNEL.formatted(kernelBody), Roms.PC_INC);
        pushAx = 0x100000 + find(image, 0x52, 0x50, 0x66, 0xBA, 0xFD, 0x03) + 1;
        Path kernel = tmp.resolve("g.kernel");
        Files.write(kernel, image);
        return new VirtualMachine(new VmConfig(kind, kind, BootSpec.multiboot(kernel, List.of(), ""), 4,
                Technique.fromId(kind)));
    }

    private static int find(byte[] image, int... pattern) {
        outer:
        for (int i = 0; i + pattern.length <= image.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if ((image[i + k] & 0xFF) != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("putc not found in the image");
    }

    private boolean pausedAtPushAx() {
        VmState s = vm.state();
        return s.is(Kind.PAUSED) && s.reason().contains(String.format("breakpoint at %08X", pushAx));
    }

    private long instructions() {
        CpuRegisters r = vm.outputs().registers();
        return r == null ? 0 : r.instructions();
    }

    private long serialBytes() {
        return vm.outputs().counters().serialBytes();
    }

    /** Waits until the VM, having run on past {@code insns} instructions and {@code bytes} serial bytes, stops at PUSH AX. */
    private void waitForPushAxAgain(String what, long insns, long bytes) {
        // the registers are published before the state, the counters (serial bytes) after it
        waitFor(what + ": the VM stops", () -> vm.state().is(Kind.PAUSED));
        assertTrue(pausedAtPushAx(), what + ": " + vm.state());
        assertTrue(instructions() > insns, what + ": it stopped where it was, without running: " + vm.state()
                + " after " + instructions() + " instructions");
        waitFor(what + ": putc printed", () -> serialBytes() > bytes);
    }

    /** The VM, started with the breakpoint on putc's PUSH AX set, stops there. */
    private void startAndStopInPutc() throws Exception {
        assertInstanceOf(VmResult.Done.class, await(new VmCommand.SetBreakpoint(pushAx, true)));
        startAndStopAt(pushAx);
    }

    private void startAndStopAt(int address) throws Exception {
        assertEquals(Kind.RUNNING, await(new VmCommand.Start()).state().kind());
        String at = String.format("breakpoint at %08X", address);
        waitFor("the VM stops at " + at, () -> vm.state().is(Kind.PAUSED) && vm.state().reason().contains(at));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rom", "native", "trap", "bt"})
    void resumeFromTheBreakpointInPutcRunsOnToItAgain(String kind) throws Exception {
        vm = boot(kind, Roms.COUNTING_LOOP, LOOP_KERNEL);
        startAndStopInPutc();
        for (int round = 0; round < 3; round++) {
            long insns = instructions();
            long bytes = serialBytes();
            assertEquals(Kind.RUNNING, await(new VmCommand.Resume()).state().kind());
            waitForPushAxAgain("resume " + round, insns, bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rom", "native", "trap", "bt"})
    void resumeTwiceStepThenResumeAndPauseThenResume(String kind) throws Exception {
        vm = boot(kind, Roms.COUNTING_LOOP, LOOP_KERNEL);
        startAndStopInPutc();

        // two Resumes in a row: the second finds the VM running (or, when it comes late, stopped again)
        long insns = instructions();
        long bytes = serialBytes();
        var first = vm.submit(new VmCommand.Resume());
        var second = vm.submit(new VmCommand.Resume());
        assertInstanceOf(VmResult.Done.class, first.get(60, TimeUnit.SECONDS));
        second.get(60, TimeUnit.SECONDS);
        waitForPushAxAgain("resume twice", insns, bytes);

        // a step executes the PUSH AX; the resume then goes round the loop
        insns = instructions();
        bytes = serialBytes();
        VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.Step(1)));
        assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, s.run().kind(), s.toString());
        assertEquals(insns + 1, instructions());
        await(new VmCommand.Resume());
        waitForPushAxAgain("step, resume", insns + 1, bytes);

        // a resume and a pause in a row (often no slice between them): the next resume runs on to the breakpoint
        insns = instructions();
        bytes = serialBytes();
        var resume = vm.submit(new VmCommand.Resume());
        var pause = vm.submit(new VmCommand.Pause());
        assertInstanceOf(VmResult.Done.class, resume.get(60, TimeUnit.SECONDS));
        pause.get(60, TimeUnit.SECONDS); // Done, or NotAllowed when the VM had reached the breakpoint already
        assertEquals(Kind.PAUSED, vm.state().kind());
        await(new VmCommand.Resume());
        waitForPushAxAgain("resume, pause, resume", insns, bytes);

        // a step of more than one instruction from the breakpoint stops at it when the loop comes back
        insns = instructions();
        bytes = serialBytes();
        s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.Step(1_000_000)));
        assertEquals(RunResult.Kind.BREAKPOINT, s.run().kind(), s.toString());
        assertTrue(pausedAtPushAx(), vm.state().toString());
        assertTrue(instructions() > insns);

        // run-until steps off the breakpoint too
        insns = instructions();
        s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.RunUntil(new RunCondition.AfterInstructions(1))));
        assertEquals(insns + 1, s.run().instructions(), s.toString());
        insns = instructions();
        bytes = serialBytes();
        await(new VmCommand.Resume());
        waitForPushAxAgain("run 1 instruction, resume", insns, bytes);
        s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.RunUntil(new RunCondition.AtAddress(pushAx))));
        assertEquals(RunResult.Kind.BREAKPOINT, s.run().kind(), s.toString());
        assertTrue(s.run().instructions() > insns, "went round the loop: " + s);
    }

    /**
     * The reported hang: the VM stands at putc's PUSH AX, which has a breakpoint, without having stopped there
     * for it (a step arrived there, or the breakpoint was set while the VM stood there). Resume must execute
     * it, as a debugger's continue does: before, the VM stopped again at once without retiring an instruction
     * — no counters, no serial output, the same state and reason as before the resume.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rom", "native", "trap", "bt"})
    void resumeAndStepExecuteABreakpointTheVmArrivedAtByAStep(String kind) throws Exception {
        vm = boot(kind, Roms.COUNTING_LOOP, LOOP_KERNEL);
        startAndStopInPutc();
        for (int round = 0; round < 3; round++) {
            // from PUSH AX round the loop to putc's PUSH DX, then one step onto PUSH AX
            VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class,
                    await(new VmCommand.RunUntil(new RunCondition.AtAddress(pushAx - 1))));
            assertEquals(RunResult.Kind.BREAKPOINT, s.run().kind(), s.toString());
            if (round == 2) {
                // the breakpoint set while the VM stands on it (cleared first: it was armed all along)
                await(new VmCommand.SetBreakpoint(pushAx, false));
            }
            s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.Step(1)));
            assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, s.run().kind(), s.toString());
            if (round == 2) {
                await(new VmCommand.SetBreakpoint(pushAx, true));
            }
            long insns = instructions();
            long bytes = serialBytes();
            if (round == 1) {
                s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.Step(1)));
                assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, s.run().kind(), "the step executes the PUSH AX: " + s);
                assertEquals(insns + 1, s.run().instructions());
            }
            assertEquals(Kind.RUNNING, await(new VmCommand.Resume()).state().kind());
            waitForPushAxAgain("round " + round, insns, bytes);
        }
    }

    /** Run until from a breakpoint steps off that one only: a breakpoint on the next instruction stops it there. */
    @ParameterizedTest
    @ValueSource(strings = {"rom", "native", "trap", "bt"})
    void runUntilFromABreakpointStopsAtABreakpointOnTheNextInstruction(String kind) throws Exception {
        vm = boot(kind, Roms.COUNTING_LOOP, LOOP_KERNEL);
        await(new VmCommand.SetBreakpoint(pushAx - 1, true));
        startAndStopAt(pushAx - 1);
        await(new VmCommand.SetBreakpoint(pushAx, true));
        long insns = instructions();
        VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class,
                await(new VmCommand.RunUntil(new RunCondition.AtAddress(pushAx - 1))));
        assertEquals(RunResult.Kind.BREAKPOINT, s.run().kind(), s.toString());
        assertEquals(insns + 1, s.run().instructions(), "stopped after the PUSH DX: " + s);
        assertTrue(pausedAtPushAx(), vm.state().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rom", "native", "trap", "bt"})
    void clearedWhileStoppedAtItTheVmRunsOnAndSetWhileRunningItStopsAgain(String kind) throws Exception {
        vm = boot(kind, Roms.COUNTING_LOOP, LOOP_KERNEL);
        startAndStopInPutc();
        long i0 = instructions();
        long bytes = serialBytes();
        assertInstanceOf(VmResult.Done.class, await(new VmCommand.SetBreakpoint(pushAx, false)));
        await(new VmCommand.Resume());
        waitFor("the VM prints on", () -> serialBytes() > bytes + 3 && instructions() > i0);
        assertEquals(Kind.RUNNING, vm.state().kind());
        long later = instructions();
        long laterBytes = serialBytes();
        assertInstanceOf(VmResult.Done.class, await(new VmCommand.SetBreakpoint(pushAx, true)));
        waitFor("the breakpoint set while it runs stops it", this::pausedAtPushAx);
        assertTrue(instructions() >= later && serialBytes() >= laterBytes);
        // cleared and set again while stopped at it: resume executes the PUSH AX first
        await(new VmCommand.SetBreakpoint(pushAx, false));
        await(new VmCommand.SetBreakpoint(pushAx, true));
        long insns = instructions();
        long b2 = serialBytes();
        await(new VmCommand.Resume());
        waitForPushAxAgain("cleared, set, resume", insns, b2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rom", "native", "trap", "bt"})
    void aBreakpointSetWhileTheGuestIdlesStopsItWhenInputWakesIt(String kind) throws Exception {
        vm = boot(kind, ECHO_ROM, ECHO_KERNEL);
        await(new VmCommand.Start());
        waitFor("the guest printed R and halted", () -> serialBytes() == 1 && vm.outputs().registers().halted());
        assertEquals(Kind.RUNNING, vm.state().kind());
        assertInstanceOf(VmResult.Done.class, await(new VmCommand.SetBreakpoint(pushAx, true)));
        for (int round = 0; round < 3; round++) {
            long insns = instructions();
            await(new VmCommand.TypeSerial(new byte[] {(byte) ('a' + round)}));
            waitFor("the echo stops at putc's PUSH AX", () -> pausedAtPushAx() && instructions() > insns);
            long bytes = serialBytes();
            long at = instructions();
            await(new VmCommand.Resume());
            waitFor("the echo printed and the guest halted again", () -> serialBytes() == bytes + 1
                    && instructions() > at && vm.outputs().registers().halted() && vm.state().is(Kind.RUNNING));
        }
        // paused while idle, the breakpoint set then; input typed while paused wakes it after the resume
        assertEquals(Kind.PAUSED, await(new VmCommand.Pause()).state().kind());
        await(new VmCommand.SetBreakpoint(pushAx, false));
        await(new VmCommand.SetBreakpoint(pushAx, true));
        assertEquals(Kind.RUNNING, await(new VmCommand.Resume()).state().kind());
        long insns = instructions();
        await(new VmCommand.TypeSerial(new byte[] {'x'}));
        waitFor("the echo stops at putc's PUSH AX", () -> pausedAtPushAx() && instructions() > insns);
        // a step or two from the breakpoint, then resume
        await(new VmCommand.Step(1));
        await(new VmCommand.Step(1));
        long bytes = serialBytes();
        long at = instructions();
        await(new VmCommand.Resume());
        waitFor("the echo printed and the guest halted again", () -> serialBytes() == bytes + 1
                && instructions() > at && vm.outputs().registers().halted() && vm.state().is(Kind.RUNNING));
        // paused while idle, input typed while paused, stepped into the handler, then resumed
        assertEquals(Kind.PAUSED, await(new VmCommand.Pause()).state().kind());
        await(new VmCommand.TypeSerial(new byte[] {'y'}));
        long i2 = instructions();
        VmResult.Stopped s = assertInstanceOf(VmResult.Stopped.class, await(new VmCommand.Step(1_000_000)));
        assertEquals(RunResult.Kind.BREAKPOINT, s.run().kind(), s.toString());
        assertTrue(pausedAtPushAx() && instructions() > i2, vm.state().toString());
        long b3 = serialBytes();
        long at3 = instructions();
        await(new VmCommand.Resume());
        waitFor("the echo printed and the guest halted again", () -> serialBytes() == b3 + 1
                && instructions() > at3 && vm.outputs().registers().halted() && vm.state().is(Kind.RUNNING));
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
