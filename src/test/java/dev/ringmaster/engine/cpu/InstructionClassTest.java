package dev.ringmaster.engine.cpu;

import static dev.ringmaster.engine.cpu.InstructionClass.BRANCH;
import static dev.ringmaster.engine.cpu.InstructionClass.CALL;
import static dev.ringmaster.engine.cpu.InstructionClass.DIVIDE;
import static dev.ringmaster.engine.cpu.InstructionClass.MEMORY;
import static dev.ringmaster.engine.cpu.InstructionClass.MULTIPLY;
import static dev.ringmaster.engine.cpu.InstructionClass.PORT_IO;
import static dev.ringmaster.engine.cpu.InstructionClass.RET;
import static dev.ringmaster.engine.cpu.InstructionClass.SERIALIZING;
import static dev.ringmaster.engine.cpu.InstructionClass.SIMPLE;
import static dev.ringmaster.engine.cpu.InstructionClass.STRING_ITERATION;
import static dev.ringmaster.engine.cpu.InstructionClass.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.testsupport.TestGuests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstructionClassTest {
    @Test
    void constantsMirrorTheCostModelsInstructionEvents() {
        for (InstructionClass c : InstructionClass.values()) {
            CostEvent e = CostEvent.valueOf("INSN_" + c.name());
            assertEquals(c.ordinal(), e.ordinal(), c + " has the ordinal of " + e);
        }
        assertEquals(CostEvent.Category.INSTRUCTION, CostEvent.of(InstructionClass.COUNT - 1).category());
        assertTrue(CostEvent.of(InstructionClass.COUNT).category() != CostEvent.Category.INSTRUCTION,
                "every INSN_* event has a class");
    }

    @Test
    void decoderClassifiesEachFamily() {
        Map<InstructionClass, List<int[]>> cases = Map.ofEntries(
                Map.entry(SIMPLE, List.of(new int[] {0x01, 0xD8}, new int[] {0x8D, 0x43, 0x04}, new int[] {0x90},
                        new int[] {0xF8}, new int[] {0x87, 0xD8}, new int[] {0xD1, 0xE0}, new int[] {0x27},
                        new int[] {0x0F, 0x0B}, new int[] {0x0F, 0xB6, 0xC3})),
                Map.entry(MEMORY, List.of(new int[] {0x01, 0x18}, new int[] {0x8B, 0x03}, new int[] {0x50},
                        new int[] {0x5B}, new int[] {0xA4}, new int[] {0xAB}, new int[] {0x1E}, new int[] {0xC9},
                        new int[] {0xD7}, new int[] {0xFF, 0x00}, new int[] {0xA1, 0, 0x50, 0, 0})),
                Map.entry(BRANCH, List.of(new int[] {0x75, 0xFE}, new int[] {0xEB, 0x00}, new int[] {0xFF, 0xE0},
                        new int[] {0xE2, 0xFE}, new int[] {0xE3, 0xFE}, new int[] {0x0F, 0x84, 0, 0, 0, 0})),
                Map.entry(CALL, List.of(new int[] {0xE8, 0, 0, 0, 0}, new int[] {0xFF, 0x10})),
                Map.entry(RET, List.of(new int[] {0xC3}, new int[] {0xC2, 4, 0})),
                Map.entry(MULTIPLY, List.of(new int[] {0xF7, 0x20}, new int[] {0x0F, 0xAF, 0xC3},
                        new int[] {0x6B, 0xC3, 0x05}, new int[] {0xF6, 0xEB})),
                Map.entry(DIVIDE, List.of(new int[] {0xF7, 0xF1}, new int[] {0xF7, 0x39}, new int[] {0xD4, 0x0A})),
                Map.entry(STRING_ITERATION, List.of(new int[] {0xF3, 0xA4}, new int[] {0xF3, 0xAB},
                        new int[] {0xF2, 0xAE}, new int[] {0xF3, 0xA7}, new int[] {0xF3, 0xAC})),
                Map.entry(SYSTEM, List.of(new int[] {0x0F, 0x20, 0xC0}, new int[] {0x0F, 0x01, 0x00},
                        new int[] {0xCD, 0x80}, new int[] {0x9C}, new int[] {0x9D}, new int[] {0xFA},
                        new int[] {0xFB}, new int[] {0x0F, 0x31}, new int[] {0x8E, 0xD8}, new int[] {0x1F},
                        new int[] {0xCB}, new int[] {0xEA, 0, 0, 0, 0, 8, 0}, new int[] {0x0F, 0x02, 0xC3},
                        new int[] {0xC5, 0x03})),
                Map.entry(SERIALIZING, List.of(new int[] {0x0F, 0x22, 0xC0}, new int[] {0x0F, 0x01, 0x10},
                        new int[] {0x0F, 0xA2}, new int[] {0xF4}, new int[] {0xCF}, new int[] {0x0F, 0x01, 0x38},
                        new int[] {0x0F, 0x30}, new int[] {0x0F, 0x06}, new int[] {0x0F, 0x00, 0xD8})),
                Map.entry(PORT_IO, List.of(new int[] {0xEC}, new int[] {0xE6, 0xE9}, new int[] {0x6E},
                        new int[] {0xF3, 0x6C})));
        for (Map.Entry<InstructionClass, List<int[]>> e : cases.entrySet()) {
            for (int[] bytes : e.getValue()) {
                Instruction i = DecoderTest.d32(bytes);
                assertEquals(e.getKey(), i.instructionClass(), i.mnemonic + " " + Arrays.toString(bytes));
            }
        }
    }

    @Test
    void knownMixGivesExactCountsAlsoWhenABlockFaultsMidway() {
        byte[] code = Nasm.assemble("""
                bits 32
                org 0x10000
                    jmp short start         ; BRANCH
                de: hlt                     ; SERIALIZING (the #DE handler)
                f:  add eax, eax            ; SIMPLE
                    ret                     ; RET
                start:
                    mov eax, 7              ; SIMPLE
                    mov ecx, 3              ; SIMPLE
                l:  add eax, 1              ; 3 x SIMPLE
                    dec ecx                 ; 3 x SIMPLE
                    jnz l                   ; 3 x BRANCH
                    mov [0x5000], eax       ; MEMORY
                    push eax                ; MEMORY
                    pop ebx                 ; MEMORY
                    call f                  ; CALL
                    imul eax, ebx           ; MULTIPLY
                    lea esi, [0x5000]       ; SIMPLE
                    mov edi, 0x5100         ; SIMPLE
                    mov ecx, 5              ; SIMPLE
                    cld                     ; SIMPLE
                    rep movsd               ; STRING_ITERATION, 5 iterations
                    movsb                   ; MEMORY
                    cli                     ; SYSTEM
                    sti                     ; SYSTEM
                    cpuid                   ; SERIALIZING
                    mov al, 'x'             ; SIMPLE
                    out 0xE9, al            ; PORT_IO
                    xor edx, edx            ; SIMPLE
                    mov ecx, 2              ; SIMPLE
                    div ecx                 ; DIVIDE
                    xor ecx, ecx            ; SIMPLE
                    div ecx                 ; #DE: does not retire
                    nop                     ; never reached
                """);
        CpuHarness h = CpuHarness.flat32(code);
        h.setIdt(0, CpuHarness.gate(CpuHarness.CODE0, CpuHarness.CODE + 2, 0xE, 0));
        assertEquals(StopReason.HALTED_FOREVER, h.runToHalt());
        assertEquals("x", h.output());
        long[] expected = new long[InstructionClass.COUNT];
        expected[SIMPLE.ordinal()] = 17;
        expected[MEMORY.ordinal()] = 4;
        expected[BRANCH.ordinal()] = 4;
        expected[CALL.ordinal()] = 1;
        expected[RET.ordinal()] = 1;
        expected[MULTIPLY.ordinal()] = 1;
        expected[DIVIDE.ordinal()] = 1;
        expected[STRING_ITERATION.ordinal()] = 1;
        expected[SYSTEM.ordinal()] = 2;
        expected[SERIALIZING.ordinal()] = 2;
        expected[PORT_IO.ordinal()] = 1;
        assertArrayEquals(expected, h.cpu.retiredByClass());
        assertEquals(35, h.cpu.instructions());
        assertEquals(5, h.cpu.stringIterations());
        long[] events = h.cpu.costEventCounts();
        assertEquals(5, events[STRING_ITERATION.ordinal()]);
        assertEquals(17, events[SIMPLE.ordinal()]);
    }

    @Test
    void countsAreTheSameWhenSteppedOneInstructionAtATime() {
        byte[] code = Nasm.assemble("""
                bits 32
                org 0x10000
                    mov ecx, 4
                    mov edi, 0x5000
                l:  push ecx
                    rep stosb
                    pop ecx
                    loop l
                    hlt
                """);
        CpuHarness whole = CpuHarness.flat32(code);
        whole.runToHalt();
        CpuHarness stepped = CpuHarness.flat32(code);
        while (stepped.run(1) == StopReason.INSTRUCTION_LIMIT) {
            // one instruction per run
        }
        assertArrayEquals(whole.cpu.retiredByClass(), stepped.cpu.retiredByClass());
        assertEquals(4 + 3 + 2 + 1, whole.cpu.stringIterations());
        assertEquals(Arrays.stream(whole.cpu.retiredByClass()).sum(), whole.cpu.instructions());
    }

    @Test
    void sumEqualsRetiredInstructionsOnARealGuestAndSurvivesASnapshot() throws Exception {
        Path images = TestGuests.projectDir().resolve("vm-templates/images/rmx");
        Machine m = new Machine(32 << 20);
        BootSpec.multiboot(images.resolve("kernel.elf"), List.of(images.resolve("initrd.img")), "hostname=rmx")
                .load(m);
        RunResult r = m.run(20_000_000);
        assertEquals(RunResult.Kind.INSTRUCTION_LIMIT, r.kind(), r.detail());
        Cpu cpu = m.cpu();
        long[] byClass = cpu.retiredByClass();
        assertEquals(cpu.instructions(), Arrays.stream(byClass).sum(), Arrays.toString(byClass));
        for (InstructionClass c : List.of(SIMPLE, MEMORY, BRANCH, CALL, RET, SYSTEM, SERIALIZING, PORT_IO,
                STRING_ITERATION)) {
            assertTrue(byClass[c.ordinal()] > 0, c + " occurs while rmx boots: " + Arrays.toString(byClass));
        }
        assertTrue(cpu.stringIterations() > byClass[STRING_ITERATION.ordinal()], "REP instructions iterate");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cpu.saveState(new DataOutputStream(bytes));
        Cpu other = new Machine(1 << 20, false).cpu();
        other.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertArrayEquals(byClass, other.retiredByClass());
        assertEquals(cpu.stringIterations(), other.stringIterations());
    }
}
