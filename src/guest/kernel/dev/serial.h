/* 16550A UART, COM1 (ports 0x3F8-0x3FF, IRQ 4). */
#ifndef RMX_SERIAL_H
#define RMX_SERIAL_H

void serial_init(void);
void serial_putc(char c);
void serial_irq_enable(void);       /* receive interrupts on; IRQ 4 handler installed */
void serial_rx_resume(void);        /* the tty has room again: accept input */

#endif
