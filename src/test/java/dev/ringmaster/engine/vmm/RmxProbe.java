package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.RunResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Manual probe, not a test: boots rmx under a technique and prints the transcript and counters.
 * Arguments: native|trap|trap-rescue MAX_INSTRUCTIONS KERNEL INITRD [INPUT] [anything: print trace events].
 */
public final class RmxProbe {
    public static void main(String[] a) throws Exception {
        boolean rescue = a[0].equals("trap-rescue");
        Technique t = Technique.fromId(rescue ? "trap" : a[0]);
        long max = Long.parseLong(a[1]);
        Machine m = new Machine(32 << 20);
        BootSpec.multiboot(Path.of(a[2]), List.of(Path.of(a[3])), "hostname=rmx").load(m);
        StringBuilder sb = new StringBuilder();
        m.devices().com1().setSink(b -> sb.append((char) b));
        if (a.length > 4) {
            m.devices().com1().typeInput(a[4].replace("\\n", "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        TraceSink sink = e -> {
            if (a.length > 5) {
                System.err.println(e);
            }
        };
        TechniqueRunner r = TechniqueFactory.create(t, m, sink, new dev.ringmaster.engine.vmm.trap.TrapOptions(
                50_000_000L, rescue ? dev.ringmaster.engine.vmm.trap.TrapOptions.StallPolicy.RESCUE
                        : dev.ringmaster.engine.vmm.trap.TrapOptions.StallPolicy.STOP, true));
        long t0 = System.nanoTime();
        RunResult res = r.run(max);
        System.out.println(sb);
        System.out.println("---- " + res + " host ms " + (System.nanoTime() - t0) / 1_000_000);
        System.out.println(r.counters().snapshot().counts());
        System.out.println(r.counters().snapshot().emulatedByMnemonic());
        System.out.println(r.counters().snapshot().sensitiveDescribed());
        System.out.println(r.virtualCpu());
        System.out.printf("EIP %08X CPL %d%n", m.cpu().eip(), m.cpu().cpl());
    }
}
