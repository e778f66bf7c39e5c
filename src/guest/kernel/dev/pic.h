/* The two cascaded 8259A programmable interrupt controllers. */
#ifndef RMX_PIC_H
#define RMX_PIC_H

#include <stdint.h>

typedef void (*irq_handler_fn)(void);

void pic_init(void);                /* remap IRQ 0-15 to vectors 32-47, mask everything */
void pic_unmask(int irq);
void irq_install(int irq, irq_handler_fn fn);
void irq_dispatch(int irq);         /* from trap(): run the handler, then EOI */

#endif
