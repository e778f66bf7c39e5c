package dev.ringmaster.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.LedgerSnapshot;
import dev.ringmaster.engine.machine.BootSpec;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.testsupport.Roms;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM publishes its technique's cost ledger with the other counters. */
class VirtualMachineCostTest {
    @TempDir
    Path tmp;

    @Test
    void theLedgerIsPublishedAfterEachSliceAndStep() throws Exception {
        VirtualMachine vm = new VirtualMachine(new VmConfig("cost", "cost", BootSpec.rom(Roms.write(tmp, "spin.rom",
                "spin: jmp spin")), 1, Technique.NATIVE));
        try {
            assertNull(vm.outputs().cost(), "nothing before power-on");
            vm.submit(new VmCommand.Start()).get(60, TimeUnit.SECONDS);
            vm.submit(new VmCommand.Pause()).get(60, TimeUnit.SECONDS);
            assertInstanceOf(VmResult.Stopped.class, vm.submit(new VmCommand.Step(7)).get(60, TimeUnit.SECONDS));
            LedgerSnapshot cost = vm.outputs().cost();
            assertNotNull(cost);
            assertEquals(dev.ringmaster.engine.cost.CostPresets.DEFAULT_ID, cost.presetId());
            long instructions = vm.outputs().registers().instructions();
            long charged = 0;
            for (CostEvent e : CostEvent.values()) {
                charged += e.category() == CostEvent.Category.INSTRUCTION ? cost.count(e) : 0;
            }
            assertEquals(instructions, charged, "every retired instruction is charged once: " + cost.breakdown());
            assertEquals(cost.cycles(CostEvent.Category.INSTRUCTION), cost.totalCycles(), "no interrupts, no VMM");
        } finally {
            vm.close();
        }
    }
}
