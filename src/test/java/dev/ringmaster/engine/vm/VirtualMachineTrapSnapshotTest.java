package dev.ringmaster.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.vm.VmState.Kind;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.testsupport.Roms;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trap-and-emulate VM is snapshotted in the middle of a workload (the rmx guest in ring 1 on shadow
 * page tables) and restored in another VM, which then continues exactly like the uninterrupted run:
 * same transcript, same instruction and cycle counts, same VMM counters and cost ledger.
 */
class VirtualMachineTrapSnapshotTest {
    @TempDir
    Path tmp;
    private final List<VirtualMachine> vms = new ArrayList<>();

    @AfterEach
    void closeAll() {
        vms.forEach(VirtualMachine::close);
    }

    private VirtualMachine rmx(String id, Technique t) {
        Path root = dev.ringmaster.testsupport.TestGuests.projectDir().resolve("vm-templates/images/rmx");
        BootSpec boot = BootSpec.multiboot(root.resolve("kernel.elf"), List.of(root.resolve("initrd.img")), "hostname=rmx");
        VirtualMachine vm = new VirtualMachine(new VmConfig(id, id, boot, 32, t));
        vms.add(vm);
        return vm;
    }

    private static VmResult await(VirtualMachine vm, VmCommand c) throws Exception {
        return vm.submit(c).get(60, TimeUnit.SECONDS);
    }

    private static String serial(VirtualMachine vm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vm.outputs().serial().drain(out::writeBytes, Integer.MAX_VALUE);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertSameCost(LedgerSnapshot a, LedgerSnapshot b) {
        assertEquals(a.totalCycles(), b.totalCycles(), "simulated cycles");
        for (CostEvent e : CostEvent.values()) {
            assertEquals(a.count(e), b.count(e), e.name());
        }
    }

    @Test
    void trapSnapshotRestoredInAnotherVmContinuesExactlyAsTheUninterruptedRun() throws Exception {
        VirtualMachine a = rmx("a", Technique.TRAP);
        assertEquals(Kind.PAUSED, await(a, new VmCommand.RunUntil(new RunCondition.SerialContains("rmx:/# "))).state().kind());
        await(a, new VmCommand.TypeSerial("cpubench 1000\nsysbench 3000\n".getBytes(StandardCharsets.ISO_8859_1)));
        VmResult.Stopped mid = assertInstanceOf(VmResult.Stopped.class,
                await(a, new VmCommand.RunUntil(new RunCondition.AfterInstructions(400_000))));
        serial(a);
        Path file = tmp.resolve("trap.rmsnap");
        VmResult.SnapshotTaken taken = assertInstanceOf(VmResult.SnapshotTaken.class,
                await(a, new VmCommand.TakeSnapshot(file, "mid-workload")));
        assertEquals(mid.run().instructions(), taken.info().instructions());
        LedgerSnapshot costAtSnapshot = a.outputs().cost();
        VmResult.Stopped endA = assertInstanceOf(VmResult.Stopped.class,
                await(a, new VmCommand.RunUntil(new RunCondition.SerialContains("sysbench: "))));
        String afterA = serial(a);
        assertTrue(afterA.contains("cpubench: 1000 primes"), afterA);

        VirtualMachine b = rmx("b", Technique.TRAP);
        VmResult restored = await(b, new VmCommand.RestoreSnapshot(file));
        assertEquals(Kind.PAUSED, restored.state().kind(), restored.toString());
        assertEquals(mid.run().instructions(), b.outputs().registers().instructions());
        assertSameCost(costAtSnapshot, b.outputs().cost());
        VmResult.Stopped endB = assertInstanceOf(VmResult.Stopped.class,
                await(b, new VmCommand.RunUntil(new RunCondition.SerialContains("sysbench: "))));
        assertEquals(afterA, serial(b), "same transcript after the snapshot point");
        assertEquals(endA.run().instructions(), endB.run().instructions());
        assertEquals(endA.run().cycles(), endB.run().cycles());
        assertSameCost(a.outputs().cost(), b.outputs().cost());
        assertTrue(a.outputs().cost().count(CostEvent.TRAP_TO_VMM) > costAtSnapshot.count(CostEvent.TRAP_TO_VMM));
    }

    @Test
    void aSnapshotOfOneTechniqueIsRefusedByAVmOfAnother() throws Exception {
        Path rom = Roms.write(tmp, "spin.rom", "spin: jmp spin");
        VirtualMachine nat = new VirtualMachine(new VmConfig("n", "n", BootSpec.rom(rom), 1, Technique.NATIVE));
        vms.add(nat);
        await(nat, new VmCommand.Start());
        await(nat, new VmCommand.Pause());
        Path file = tmp.resolve("native.rmsnap");
        assertInstanceOf(VmResult.SnapshotTaken.class, await(nat, new VmCommand.TakeSnapshot(file, "n")));
        VirtualMachine trap = new VirtualMachine(new VmConfig("t", "t", BootSpec.rom(rom), 1, Technique.TRAP));
        vms.add(trap);
        VmResult.Failed f = assertInstanceOf(VmResult.Failed.class, await(trap, new VmCommand.RestoreSnapshot(file)));
        assertTrue(f.message().contains("taken under Native, this VM runs Trap-and-emulate"), f.message());
        assertEquals(Kind.DEFINED, trap.state().kind());
    }

    @Test
    void aBinaryTranslationSnapshotContinuesTheGuestWithAnEmptyTranslationCache() throws Exception {
        VirtualMachine a = rmx("bt-a", Technique.BT);
        assertEquals(Kind.PAUSED, await(a, new VmCommand.RunUntil(new RunCondition.SerialContains("rmx:/# "))).state().kind());
        await(a, new VmCommand.TypeSerial("cpubench 1000\nringcheck\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertInstanceOf(VmResult.Stopped.class, await(a, new VmCommand.RunUntil(new RunCondition.AfterInstructions(300_000))));
        serial(a);
        Path file = tmp.resolve("bt.rmsnap");
        assertInstanceOf(VmResult.SnapshotTaken.class, await(a, new VmCommand.TakeSnapshot(file, "bt mid-workload")));
        assertInstanceOf(VmResult.Stopped.class, await(a, new VmCommand.RunUntil(new RunCondition.SerialContains("verdict"))));
        String afterA = serial(a);
        assertTrue(afterA.contains("cpubench: 1000 primes") && afterA.contains("RPL 0: ring 0"), afterA);

        VirtualMachine b = rmx("bt-b", Technique.BT);
        VmResult restored = await(b, new VmCommand.RestoreSnapshot(file));
        assertEquals(Kind.PAUSED, restored.state().kind(), restored.toString());
        VmResult t = await(b, new VmCommand.ReadTranslations(10));
        assertTrue(assertInstanceOf(VmResult.Translations.class, t).view().stats().liveBlocks() <= 1,
                "the cache is not in the snapshot: it holds at most the block the kernel resumes in");
        assertInstanceOf(VmResult.Stopped.class, await(b, new VmCommand.RunUntil(new RunCondition.SerialContains("verdict"))));
        String afterB = serial(b);
        // the guest continues exactly (same output; the retranslation changes only the VMM's own counts)
        assertEquals(afterA.replaceAll("\\{t:[^}]*\\}", "{t}"), afterB.replaceAll("\\{t:[^}]*\\}", "{t}"));
    }
}
