/* Global descriptor table and task-state segment. */
#ifndef RMX_GDT_H
#define RMX_GDT_H

#include <stdint.h>
#include "cpu_ops.h"

/* Segment selectors: index * 8 | table indicator (0 = GDT) | requested privilege level. */
#define SEL_KCODE 0x08              /* ring 0 code, base 0, limit 4 GiB */
#define SEL_KDATA 0x10              /* ring 0 data */
#define SEL_UCODE 0x1B              /* ring 3 code (index 3, RPL 3) */
#define SEL_UDATA 0x23              /* ring 3 data (index 4, RPL 3) */
#define SEL_TSS   0x28              /* the one 32-bit TSS */
#define GDT_ENTRIES 6

/* Loads the GDT and TR. */
void gdt_init(void);

/* What gdt_init handed to LGDT / LTR (for ringcheck to compare with SGDT / STR). */
extern struct dtr gdt_loaded;
extern uint16_t tr_loaded;

#endif
