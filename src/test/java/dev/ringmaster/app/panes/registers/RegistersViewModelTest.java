package dev.ringmaster.app.panes.registers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuRegisters;
import dev.ringmaster.engine.cpu.CpuState;
import dev.ringmaster.engine.machine.Machine;
import java.util.Set;
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

    @Test
    void theGuestsVirtualCpuIsASecondColumnWithItsOwnChanges() {
        RegistersViewModel m = new RegistersViewModel();
        CpuRegisters real = CpuRegisters.of(cpu);
        m.update(real, real);
        assertTrue(m.hasGuestProperty().get());
        cpu.setReg(CpuState.EBX, 0x55);
        m.update(real, CpuRegisters.of(cpu));
        assertEquals("00000055", row(m, "EBX").guestValue());
        assertEquals("00000000", row(m, "EBX").value());
        assertTrue(row(m, "EBX").guestChanged());
        assertFalse(row(m, "EBX").changed());
        assertEquals(Set.of("EBX"), m.guestChanged());
    }
}
