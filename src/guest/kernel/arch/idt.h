/* Interrupt descriptor table. */
#ifndef RMX_IDT_H
#define RMX_IDT_H

#include "cpu_ops.h"

void idt_init(void);
extern struct dtr idt_loaded;       /* what idt_init handed to LIDT (for ringcheck) */

#endif
