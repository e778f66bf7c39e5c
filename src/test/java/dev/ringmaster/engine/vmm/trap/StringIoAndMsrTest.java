package dev.ringmaster.engine.vmm.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import dev.ringmaster.engine.vmm.VmmGuests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strio guest: INS/OUTS (REP, 8/16/32 bits, DF, segment override, 16-bit addressing, ES for INS)
 * and RDMSR/WRMSR (SYSENTER MSRs, the TSC and RDTSC after it, unknown MSRs raising #GP(0) in the guest)
 * — emulated by trap-and-emulate with the same serial transcript as natively.
 */
class StringIoAndMsrTest {
    private static byte[] image;

    @BeforeAll
    static void build() {
        image = VmmGuests.assemble("strio.asm");
    }

    private static String run(Technique t, List<TraceEvent> events, TechniqueRunner[] out) {
        Machine m = VmmGuests.boot(image);
        StringBuilder serial = new StringBuilder();
        m.devices().com1().setSink(b -> serial.append((char) b));
        TechniqueRunner r = TechniqueFactory.create(t, m, events::add);
        out[0] = r;
        RunResult res = r.run(10_000_000);
        assertEquals(RunResult.Kind.DEBUG_EXIT, res.kind(), t + ": " + res.detail() + "\n" + serial);
        assertEquals(0x21, res.exitCode());
        return serial.toString();
    }

    @Test
    void nativeTranscriptIsWhatTheSdmSays() {
        String nat = run(Technique.NATIVE, new ArrayList<>(), new TechniqueRunner[1]);
        // the string I/O lines are also what QEMU prints for this image
        assertTrue(nat.startsWith("rep outsb forwards\r\nrep outsb backwards\r\n"
                + "fs a16 outsb: FFFF0257 ABCD0000 \r\n"
                + "000002A4 5A5A5A5A 5A5A5AB0 FFFFFFFF \r\n"
                + "00000033 00000004 \r\n"), nat);
        assertTrue(nat.contains("00001234 CAFEBABE 00000777 00000777 \r\n"), "SYSENTER MSRs and the TSC: " + nat);
        assertEquals(2, nat.split("#GP error 00000000 ", -1).length - 1, "two unknown MSRs, two #GP(0): " + nat);
        assertTrue(nat.endsWith("done\r\n"), nat);
    }

    @Test
    void trapAndEmulateGivesTheSameTranscript() {
        TechniqueRunner[] r = new TechniqueRunner[1];
        String nat = run(Technique.NATIVE, new ArrayList<>(), r);
        List<TraceEvent> events = new ArrayList<>();
        String trap = run(Technique.TRAP, events, r);
        assertEquals(nat, trap);
        Map<String, Long> emulated = r[0].counters().snapshot().emulatedByMnemonic();
        for (String mn : new String[] {"OUTSB", "INSB", "INSW", "INSD", "OUTSW", "OUTSD", "RDMSR", "WRMSR", "RDTSC"}) {
            assertTrue(emulated.getOrDefault(mn, 0L) > 0, mn + " emulated: " + emulated);
        }
        assertEquals(2, r[0].counters().snapshot().reflectedByVector()[13], "the unknown MSRs' #GP reflected to the guest");
        long elements = 20 + 21 + 14 + 4 + 1 + 1 + 2 + 1 + 6 + 2 * 10; // string I/O elements in the guest
        long plainIo = 1 + 1 + 1 + 14 * 9 + 6 * 2; // OUT scratch, IN readback, OUT exit, 14 puthex, 6 crlf
        assertEquals(elements + plainIo, r[0].counters().get(Kind.IO_EMULATED), "one count per port access");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap t && t.action().startsWith("REP OUTSB: 21 x 1 byte(s) to port 03F8")),
                "the backwards REP OUTSB in one trap");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap t && t.action().startsWith("WRMSR 10:")));
    }

    @Test
    void aLongRepIsSplitAcrossTrapsAndStillComplete() {
        // REP OUTSB of 10000 bytes to the POST port: more than one trap emulates, so the VMM resumes at the
        // same instruction; the guest sees the finished instruction (ECX 0, ESI advanced) as natively
        byte[] guest = dev.ringmaster.engine.cpu.Nasm.assemble("""
                bits 32
                org 0x100000
                hdr: dd 0x1BADB002, 0x00010000, -(0x1BADB002 + 0x00010000), hdr, hdr, 0, end, start
                start: cli
                    cld
                    mov esi, 0x100000
                    mov ecx, 10000
                    mov dx, 0x80
                    rep outsb
                    mov [0x6000], ecx
                    mov [0x6004], esi
                    mov dx, 0x501
                    mov al, 0x10
                    out dx, al
                    jmp $
                end:
                """);
        int[][] seen = new int[2][];
        for (Technique t : new Technique[] {Technique.NATIVE, Technique.TRAP}) {
            Machine m = VmmGuests.boot(guest);
            TechniqueRunner r = TechniqueFactory.create(t, m, e -> { });
            assertEquals(RunResult.Kind.DEBUG_EXIT, r.run(1_000_000).kind());
            seen[t.ordinal()] = new int[] {m.memory().read32(0x6000), m.memory().read32(0x6004)};
            if (t == Technique.TRAP) {
                long traps = r.counters().snapshot().emulatedByMnemonic().get("OUTSB");
                assertEquals((10000 + PrivilegedEmulator.MAX_STRING_ITERATIONS - 1) / PrivilegedEmulator.MAX_STRING_ITERATIONS,
                        traps, "one trap per " + PrivilegedEmulator.MAX_STRING_ITERATIONS + " iterations");
            }
        }
        assertEquals(0, seen[0][0]);
        assertEquals(0x100000 + 10000, seen[0][1]);
        assertEquals(seen[0][0], seen[1][0]);
        assertEquals(seen[0][1], seen[1][1]);
    }
}
