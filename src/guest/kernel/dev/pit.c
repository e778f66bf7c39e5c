/*
 * The 8254 timer. Its input clock runs at 1.193182 MHz; channel 0 counts down from a divisor
 * and raises IRQ 0 each time it wraps. Mode 2 ("rate generator") gives one pulse per period:
 * with divisor 11932, 100 interrupts per second (one "tick" every 10 ms).
 *   port 0x43: mode/command (channel, access mode, operating mode, BCD)
 *   port 0x40: channel 0 data (divisor, low byte then high byte)
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "pic.h"
#include "pit.h"

#define PIT_HZ 1193182u

void pit_init(unsigned hz, void (*tick)(void))
{
    uint32_t divisor = (PIT_HZ + hz / 2) / hz;
    irq_install(0, tick);
    outb(0x43, 0x34);               /* channel 0, low byte then high byte, mode 2, binary */
    outb(0x40, divisor & 0xFF);
    outb(0x40, divisor >> 8);
    pic_unmask(0);
}
