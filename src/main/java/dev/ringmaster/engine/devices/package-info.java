/**
 * The PC platform's devices at their real addresses (DESIGN §3): 8259A PIC pair, 8254 PIT with
 * system control port B, 16550A UART, VGA text mode, 8042 keyboard controller, CMOS/RTC, the
 * debug-exit and POST ports. Each implements {@link dev.ringmaster.engine.machine.IoDevice} (and
 * {@link dev.ringmaster.engine.machine.MmioDevice} for VGA memory), registers its own ranges with
 * {@code attach(IoBus)}, raises interrupts through {@link dev.ringmaster.engine.machine.IrqLine},
 * and takes time only from the {@link dev.ringmaster.engine.machine.VirtualClock}: counters and
 * status bits are computed from the current cycle, and timers are armed only for edges that raise
 * interrupts or move data, so runs are deterministic and nothing happens per instruction.
 *
 * <p>Devices are not thread-safe: like the CPU, they belong to the VM's engine thread, and host input
 * (typed keys, serial input) reaches them through the VM's command queue. {@link
 * dev.ringmaster.engine.devices.PcDevices} builds the whole set wired as a PC AT.
 *
 * <p>Every device saves its complete state (timer deadlines as absolute cycles) and loads it all or
 * nothing. Devices do not emit trace events; the machine traces I/O.
 */
package dev.ringmaster.engine.devices;
