/*
 * The 8259A pair. The master (ports 0x20/0x21) takes IRQ 0-7; the slave (0xA0/0xA1) takes
 * IRQ 8-15 and is cascaded into the master's IRQ 2. After reset the master would deliver IRQ 0-7
 * on vectors 8-15, which collide with CPU exceptions, so the initialization sequence
 * (ICW1..ICW4) moves them to vectors 32-47.
 *
 * Each interrupt must be acknowledged with an "end of interrupt" (OCW2 = 0x20) to the PIC that
 * raised it (both, for IRQ 8-15), or that PIC delivers nothing of equal or lower priority.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "../arch/trap.h"
#include "pic.h"

#define MASTER_CMD 0x20
#define MASTER_DATA 0x21
#define SLAVE_CMD 0xA0
#define SLAVE_DATA 0xA1
#define EOI 0x20
#define OCW3_READ_ISR 0x0B

static irq_handler_fn handlers[16];
static uint16_t mask = 0xFFFF;      /* bit set = IRQ masked */

static void write_mask(void)
{
    outb(MASTER_DATA, mask & 0xFF);
    outb(SLAVE_DATA, mask >> 8);
}

void pic_init(void)
{
    outb(MASTER_CMD, 0x11);         /* ICW1: edge triggered, cascade, ICW4 follows */
    outb(SLAVE_CMD, 0x11);
    outb(MASTER_DATA, T_IRQ0);      /* ICW2: vector of IRQ 0 */
    outb(SLAVE_DATA, T_IRQ0 + 8);   /*       vector of IRQ 8 */
    outb(MASTER_DATA, 1 << 2);      /* ICW3: a slave hangs on the master's IRQ 2 */
    outb(SLAVE_DATA, 2);            /*       the slave's cascade identity */
    outb(MASTER_DATA, 0x01);        /* ICW4: 8086 mode, normal EOI */
    outb(SLAVE_DATA, 0x01);
    mask = 0xFFFF & ~(1 << 2);      /* everything masked except the cascade */
    write_mask();
}

void pic_unmask(int irq)
{
    uint32_t flags = irq_save();
    mask &= ~(1u << irq);
    write_mask();
    irq_restore(flags);
}

void irq_install(int irq, irq_handler_fn fn)
{
    handlers[irq] = fn;
}

/* IRQ 7 and 15 can be "spurious": the line dropped before the CPU acknowledged it. Then the
   PIC's in-service register has no bit for it, and it must not get an EOI. */
static int spurious(int irq)
{
    uint16_t port = irq < 8 ? MASTER_CMD : SLAVE_CMD;
    outb(port, OCW3_READ_ISR);
    return !(inb(port) & 0x80);
}

void irq_dispatch(int irq)
{
    if ((irq == 7 || irq == 15) && spurious(irq)) {
        if (irq == 15)
            outb(MASTER_CMD, EOI);  /* the master did see the cascade interrupt */
        return;
    }
    if (handlers[irq])
        handlers[irq]();
    if (irq >= 8)
        outb(SLAVE_CMD, EOI);
    outb(MASTER_CMD, EOI);
}
