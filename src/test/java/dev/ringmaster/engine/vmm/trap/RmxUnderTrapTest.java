package dev.ringmaster.engine.vmm.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.TechniqueFactory;
import dev.ringmaster.engine.vmm.TechniqueRunner;
import dev.ringmaster.engine.vmm.VmmCounters.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real workload: the unmodified rmx kernel (vm-templates/images/rmx)
 * boots under trap-and-emulate — ring 1, shadow GDT/IDT, shadow page tables — to the same shell
 * transcript as natively, runs a command, and stalls in ringcheck's "pushf; cli; ... popf" probe, with
 * the VMM naming the POPF.
 */
class RmxUnderTrapTest {
    private static final String INPUT = "uname -a\nringcheck\n";
    private static final String BEFORE_RINGCHECK = "rmx:/# ringcheck\n";

    private static Path images() {
        Path dir = Path.of(System.getProperty("ringmaster.project.dir", ".")).resolve("vm-templates/images/rmx");
        assertTrue(Files.isRegularFile(dir.resolve("kernel.elf")) && Files.isRegularFile(dir.resolve("initrd.img")),
                "the rmx images are missing from " + dir + " (src/guest/build.sh builds them)");
        return dir;
    }

    private static Machine boot(Path dir, StringBuilder serial) throws Exception {
        Machine m = new Machine(32 << 20);
        BootSpec.multiboot(dir.resolve("kernel.elf"), List.of(dir.resolve("initrd.img")), "hostname=rmx").load(m);
        m.devices().com1().setSink(b -> serial.append((char) b));
        m.devices().com1().typeInput(INPUT.getBytes(StandardCharsets.ISO_8859_1));
        return m;
    }

    @Test
    void bootsLikeNativeThenStallsOnThePopf() throws Exception {
        Path dir = images();
        StringBuilder nat = new StringBuilder();
        Machine nm = boot(dir, nat);
        TechniqueRunner n = TechniqueFactory.create(Technique.NATIVE, nm, e -> { });
        for (int i = 0; i < 200 && !nat.toString().contains("verdict"); i++) {
            n.run(2_000_000);
        }
        assertTrue(nat.toString().contains("every observation is consistent (native)"), nat.toString());

        StringBuilder trap = new StringBuilder();
        Machine tm = boot(dir, trap);
        List<TraceEvent> events = new ArrayList<>();
        TrapAndEmulate t = (TrapAndEmulate) TechniqueFactory.create(Technique.TRAP, tm, events::add);
        RunResult res = t.run(50_000_000);
        String native0 = nat.substring(0, nat.indexOf(BEFORE_RINGCHECK) + BEFORE_RINGCHECK.length());
        assertTrue(trap.toString().startsWith(native0), "same transcript as native up to ringcheck:\n" + trap);
        assertEquals(RunResult.Kind.STOPPED, res.kind(), res.detail());
        Matcher mt = Pattern.compile("POPFD at ([0-9A-F]{8}) tried to set IF").matcher(res.detail());
        assertTrue(mt.find(), res.detail());
        int popf = Integer.parseUnsignedInt(mt.group(1), 16);
        assertEquals(0x9D, nm.memory().read8(popf - 0xC0000000) & 0xFF, "the named instruction is a POPF");
        assertEquals(popf, t.lostInterruptFlagAt());
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap tr && tr.eip() == popf
                && tr.action().contains("stalled")));
        assertTrue(t.counters().get(Kind.SHADOW_FILLS) > 0);
        assertTrue(t.counters().get(Kind.EMULATED_INSTRUCTIONS) > 0);
        assertEquals(1, tm.cpu().cpl(), "the guest kernel ran in ring 1");
    }

    @Test
    void rescuedAfterTheStallRingcheckShowsWhatDidNotTrap() throws Exception {
        Path dir = images();
        StringBuilder serial = new StringBuilder();
        Machine m = boot(dir, serial);
        List<TraceEvent> events = new ArrayList<>();
        TrapAndEmulate t = new TrapAndEmulate(m, events::add,
                new TrapOptions(50_000_000L, TrapOptions.StallPolicy.RESCUE, true));
        for (int i = 0; i < 100 && !serial.toString().contains("verdict"); i++) {
            t.run(1_000_000);
        }
        String out = serial.toString();
        assertTrue(out.matches("(?s).*CS +0x0009 +RPL 1: ring 1 +MISMATCH.*"), out);
        assertTrue(out.matches("(?s).*SGDT +0xffc00000/.*MISMATCH.*"), "SGDT shows the VMM's GDT:\n" + out);
        assertTrue(out.matches("(?s).*PUSHF after CLI +IF=1 .*MISMATCH.*"), "PUSHF shows the real IF:\n" + out);
        assertTrue(out.contains("it is being virtualized"), out);
        assertEquals(1, t.counters().get(Kind.STALLS));
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Trap tr && tr.action().startsWith("rescue")));
    }
}
