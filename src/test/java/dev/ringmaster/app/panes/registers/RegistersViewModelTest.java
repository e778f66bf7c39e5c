package dev.ringmaster.app.panes.registers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.vm.GuestCpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class RegistersViewModelTest {
    final Machine machine = new Machine(1 << 20);
    final Cpu cpu = machine.cpu();

    RegisterRow row(RegistersViewModel m, String name) {
        return m.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFirstSnapshotShowsEverythingUnchanged() {
        RegistersViewModel m = new RegistersViewModel();
        cpu.setReg(CpuState.EAX, 0x1234ABCD);
        m.update(CpuRegisters.of(cpu), null);
        assertEquals("1234ABCD", row(m, "EAX").value());
        assertEquals("305441741", row(m, "EAX").detail());
        assertTrue(m.changed().isEmpty());
        assertFalse(m.hasGuestProperty().get());
        assertEquals("", row(m, "EAX").guestValue());
    }

    @Test
    void aStepMarksExactlyTheRegistersThatChanged() {
        RegistersViewModel m = new RegistersViewModel();
        m.update(CpuRegisters.of(cpu), null);
        cpu.setReg(CpuState.ECX, 7);
        cpu.setEip(cpu.eip() + 2);
        m.update(CpuRegisters.of(cpu), null);
        assertEquals(Set.of("ECX", "EIP"), m.changed());
        assertTrue(row(m, "ECX").changed());
        assertFalse(row(m, "EAX").changed());
        m.update(CpuRegisters.of(cpu), null);
        assertEquals(Set.of("ECX", "EIP"), m.changed(), "an equal snapshot keeps the highlights");
        cpu.setReg(CpuState.EDX, 1);
        m.update(CpuRegisters.of(cpu), null);
        assertEquals(Set.of("EDX"), m.changed(), "the next step's changes replace them");
    }

    @Test
    void eflagsAndControlRegistersAreDecoded() {
        RegistersViewModel m = new RegistersViewModel();
        CpuRegisters r = CpuRegisters.of(cpu);
        CpuRegisters flagged = new CpuRegisters(r.general(), r.eip(), 0x3246, r.segments(), r.ldtr(), r.tr(),
                r.gdtrBase(), r.gdtrLimit(), r.idtrBase(), r.idtrLimit(), 0x80000011, 0, 0x00123000, 0x10, 3, false, 5, 9);
        m.update(r, null);
        m.update(flagged, null);
        assertEquals("00003246", row(m, "EFLAGS").value());
        assertEquals("PF ZF IF IOPL=3", row(m, "EFLAGS").detail());
        assertEquals("1", row(m, "ZF").value());
        assertEquals("0", row(m, "CF").value());
        assertEquals("3", row(m, "IOPL").value());
        assertEquals("PE ET PG", row(m, "CR0").detail());
        assertEquals("PSE", row(m, "CR4").detail());
        assertEquals("page directory 00123000", row(m, "CR3").detail());
        assertEquals("3", row(m, "CPL").value());
        assertTrue(m.changed().containsAll(Set.of("EFLAGS", "ZF", "IF", "IOPL", "CR0", "CPL")), m.changed().toString());
        assertFalse(m.changed().contains("CF"));
    }

    @Test
    void segmentsShowTheirDescriptorCache() {
        RegistersViewModel m = new RegistersViewModel();
        m.update(CpuRegisters.of(cpu), null);
        RegisterRow cs = row(m, "CS");
        assertEquals("F000", cs.value(), "reset: CS = F000");
        assertEquals("base FFFF0000 limit 0000FFFF DPL 0 code 16-bit", cs.detail());
    }

    static GuestCpu guest(boolean vif, int cpl, int cr0, int pending) {
        return new GuestCpu(vif, 0, cpl, cr0, 0, 0x00123000, 0, 0xC0123000, 0x2F, 0xC0123800, 0x7FF, 0, 0x28,
                0xC0125000, 0x67, false, pending, 100);
    }

    @Test
    void theGuestsVirtualCpuIsASecondColumnWithItsOwnChanges() {
        RegistersViewModel m = new RegistersViewModel();
        CpuRegisters real = CpuRegisters.of(cpu);
        m.update(real, guest(true, 0, 0x80000011, 0));
        assertTrue(m.hasGuestProperty().get());
        assertEquals("0", row(m, "CPL").guestValue(), "the guest believes it runs in ring 0");
        assertEquals("1", row(m, "IF").guestValue());
        assertEquals("80000011", row(m, "CR0").guestValue());
        assertEquals("C0123000", row(m, "GDTR").guestValue());
        assertEquals("", row(m, "EAX").guestValue(), "general registers are the real CPU's");
        assertEquals("0", row(m, "Pending IRQs").guestValue());
        assertEquals("", row(m, "Pending IRQs").value(), "only the virtual CPU has it");
        m.update(real, guest(false, 0, 0x80000011, 2));
        assertEquals("0", row(m, "IF").guestValue());
        assertTrue(row(m, "IF").guestChanged());
        assertFalse(row(m, "IF").changed(), "the real IF did not change");
        assertEquals(Set.of("IF", "Pending IRQs"), m.guestChanged());
        assertTrue(m.changed().isEmpty());
    }

    static final long MS = 1_000_000L;

    @Test
    void aHiddenTableShowsNothingAndTheSnapshotAppearsWhenItComesToTheFront() {
        RegistersViewModel m = new RegistersViewModel();
        m.gate().setShowing(false);
        cpu.setReg(CpuState.EAX, 0x1234);
        m.update(CpuRegisters.of(cpu), null, 0);
        assertTrue(m.rows().isEmpty(), "not shown while hidden");
        cpu.setReg(CpuState.EAX, 0x5678);
        m.update(CpuRegisters.of(cpu), null, 50 * MS);
        assertEquals(Set.of("EAX"), m.changed(), "every snapshot is taken");
        m.gate().setShowing(true);
        m.update(CpuRegisters.of(cpu), null, 60 * MS);
        assertEquals("00005678", row(m, "EAX").value());
        assertTrue(row(m, "EAX").changed());
    }

    @Test
    void aRunningCpuIsShownAtMostTenTimesASecondAndAForcedRefreshShowsAStepAtOnce() {
        RegistersViewModel m = new RegistersViewModel();
        m.update(CpuRegisters.of(cpu), null, 0);
        List<String> rowChanges = new ArrayList<>();
        m.rows().addListener((ListChangeListener<RegisterRow>) c -> rowChanges.add(c.toString()));
        List<String> cellChanges = new ArrayList<>();
        for (RegisterRow r : m.rows()) {
            r.valueCell().addListener(o -> cellChanges.add(r.name() + " value"));
            r.detailCell().addListener(o -> cellChanges.add(r.name() + " detail"));
            r.guestValueCell().addListener(o -> cellChanges.add(r.name() + " guest"));
            r.groupCell().addListener(o -> cellChanges.add(r.name() + " group"));
            r.nameCell().addListener(o -> cellChanges.add(r.name() + " name"));
        }
        cpu.setReg(CpuState.ECX, 7);
        m.update(CpuRegisters.of(cpu), null, 33 * MS);
        assertEquals("00000000", row(m, "ECX").value(), "less than 100 ms after the last refresh: not yet");
        assertFalse(row(m, "ECX").changed());
        // the VM paused after a step: the window forces the gate, the step shows at the next pulse
        m.gate().force();
        cpu.setEip(cpu.eip() + 2);
        m.update(CpuRegisters.of(cpu), null, 40 * MS);
        assertEquals("00000007", row(m, "ECX").value());
        assertEquals(Set.of("EIP"), m.changed(), "the changes of the last snapshot");
        assertTrue(row(m, "EIP").changed());
        assertFalse(row(m, "ECX").changed(), "ECX changed at the snapshot before");
        assertEquals(List.of(), rowChanges, "the same rows stay");
        // ECX: its value and its decimal detail (not highlighted: it changed at the snapshot before); EIP: its value
        // and its highlight (the detail's highlight goes with the value's, its text stays "")
        assertEquals(List.of("ECX value", "ECX detail", "EIP value", "EIP detail"), cellChanges,
                "only the cells that differ are set");
        cellChanges.clear();
        m.gate().force();
        m.update(CpuRegisters.of(cpu), null, 41 * MS);
        cpu.setReg(CpuState.ECX, 8);
        m.gate().force();
        m.update(CpuRegisters.of(cpu), null, 42 * MS);
        assertEquals(List.of("ECX value", "ECX detail", "EIP value", "EIP detail"), cellChanges,
                "ECX changes and is highlighted, EIP's highlight goes");
        assertTrue(row(m, "ECX").changed());
        assertFalse(row(m, "EIP").changed());
    }

    @Test
    void hexIsZeroPaddedUpperCaseAndNeverTruncated() {
        assertEquals("00000000", RegistersViewModel.hex(0));
        assertEquals("DEADBEEF", RegistersViewModel.hex(0xDEADBEEF));
        assertEquals("0008", RegistersViewModel.hex(8, 4));
        assertEquals("12345", RegistersViewModel.hex(0x12345, 4), "as %04X: more digits when needed");
        for (int v : new int[] {0, 1, 0xF, 0x10, 0xFFFF, 0x10000, 0x7FFFFFFF, -1, Integer.MIN_VALUE, 0xC0123000}) {
            assertEquals(String.format("%08X", v), RegistersViewModel.hex(v));
            assertEquals(String.format("%04X", v), RegistersViewModel.hex(v, 4));
        }
    }
}
