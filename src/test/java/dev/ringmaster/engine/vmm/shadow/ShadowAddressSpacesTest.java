package dev.ringmaster.engine.vmm.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.vm.RunCondition;
import dev.ringmaster.engine.vm.VirtualMachine;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmConfig;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.VmmCounters;
import dev.ringmaster.testsupport.TestGuests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shadows are kept per address space: rmx's context-switch benchmark (two processes ping-ponging) loads CR3
 * again and again, and the VMM switches between the shadows it built instead of rebuilding one each time.
 */
class ShadowAddressSpacesTest {
    @Test
    void cr3LoadsSwitchBetweenKeptShadows() throws Exception {
        Path root = TestGuests.projectDir().resolve("vm-templates/images/rmx");
        BootSpec boot = BootSpec.multiboot(root.resolve("kernel.elf"), List.of(root.resolve("initrd.img")), "hostname=rmx");
        try (VirtualMachine vm = new VirtualMachine(new VmConfig("as", "as", boot, 32, Technique.BT))) {
            VmResult r = vm.submit(new VmCommand.RunUntil(new RunCondition.SerialContains("rmx:/# "))).get(120, TimeUnit.SECONDS);
            assertEquals(VmState.Kind.PAUSED, r.state().kind(), r.toString());
            vm.outputs().events().drain(e -> { }, Integer.MAX_VALUE);
            VmmCounters.Snapshot before = vm.outputs().vmmCounters();
            vm.submit(new VmCommand.TypeSerial("ctxbench 50\n".getBytes(StandardCharsets.ISO_8859_1))).get(60, TimeUnit.SECONDS);
            List<TraceEvent.ShadowUpdate> switches = new ArrayList<>();
            ByteArrayOutputStream serial = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!serial.toString(StandardCharsets.ISO_8859_1).contains("ctxbench: ")) {
                assertTrue(System.nanoTime() < deadline, "ctxbench did not finish: " + serial);
                vm.submit(new VmCommand.RunUntil(new RunCondition.AfterInstructions(2_000_000))).get(60, TimeUnit.SECONDS);
                vm.outputs().serial().drain(serial::writeBytes, Integer.MAX_VALUE);
                vm.outputs().events().drain(e -> {
                    if (e instanceof TraceEvent.ShadowUpdate u && u.what().startsWith("CR3")) {
                        switches.add(u);
                    }
                }, Integer.MAX_VALUE);
            }
            VmmCounters.Snapshot after = vm.outputs().vmmCounters();
            long cr3Loads = after.get(VmmCounters.Kind.SHADOW_SWITCHES) - before.get(VmmCounters.Kind.SHADOW_SWITCHES);
            assertTrue(cr3Loads >= 100, "ctxbench 50 switches address spaces at least 100 times: " + cr3Loads);
            assertEquals(before.get(VmmCounters.Kind.SHADOW_FLUSHES), after.get(VmmCounters.Kind.SHADOW_FLUSHES),
                    "no shadow was thrown away whole");
            long kept = switches.stream().filter(u -> u.what().contains("kept shadow")).count();
            assertTrue(kept > switches.size() * 9 / 10, kept + " of " + switches.size() + " switches reused a kept shadow");
        }
    }
}
