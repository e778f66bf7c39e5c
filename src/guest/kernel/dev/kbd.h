/* 8042 keyboard controller and PS/2 keyboard (IRQ 1). */
#ifndef RMX_KBD_H
#define RMX_KBD_H

void kbd_init(void);

#endif
