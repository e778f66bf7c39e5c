/*
 * 16550A UART at COM1: I/O ports 0x3F8..0x3FF, IRQ 4.
 *
 *   +0 RBR (read) received byte / THR (write) byte to send / DLL when LCR.DLAB = 1
 *   +1 IER interrupt enable: bit 0 = "received data available"  / DLM when DLAB = 1
 *   +2 IIR (read) interrupt identification / FCR (write) FIFO control
 *   +3 LCR line control: word length, stop bits, parity, bit 7 = DLAB
 *   +4 MCR modem control: bit 3 = OUT2, which gates the UART's interrupt line on a PC
 *   +5 LSR line status: bit 0 = data ready, bit 5 = transmit holding register empty
 *
 * Output is polled (wait for LSR.THRE, then write THR). Input is interrupt driven: the IRQ 4
 * handler moves received bytes into the tty buffer. When that buffer is full the handler stops
 * reading and switches the receive interrupt off, so the bytes wait in the UART and the other
 * end (QEMU, Ringmaster, a real terminal with flow control) waits too: typed-ahead input is
 * never lost, whatever runs meanwhile.
 *
 * The FIFO control register is never written: enabling or disabling the FIFO clears the
 * receive FIFO, and input may already be waiting when the kernel starts (a scripted session
 * sends everything at once). The UART is used in whatever FIFO mode it is in.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "pic.h"
#include "serial.h"
#include "tty.h"

#define COM1 0x3F8
#define RBR 0
#define THR 0
#define DLL 0
#define IER 1
#define DLM 1
#define LCR 3
#define MCR 4
#define LSR 5
#define LSR_DR   0x01
#define LSR_THRE 0x20
#define IER_RDA  0x01

static int rx_enabled;              /* receive interrupts wanted (after serial_irq_enable) */

void serial_init(void)
{
    outb(COM1 + IER, 0);            /* no interrupts while we set it up */
    outb(COM1 + LCR, 0x80);         /* DLAB = 1: ports +0/+1 are the divisor latch */
    outb(COM1 + DLL, 1);            /* 115200 baud = 1.8432 MHz / 16 / 1 */
    outb(COM1 + DLM, 0);
    outb(COM1 + LCR, 0x03);         /* DLAB = 0, 8 data bits, no parity, 1 stop bit */
    outb(COM1 + MCR, 0x0B);         /* DTR, RTS, OUT2 */
}

void serial_putc(char c)
{
    /* Bounded: a machine without a UART (LSR reads 0xFF or never gets ready) must not hang. */
    for (int i = 0; i < 100000 && !(inb(COM1 + LSR) & LSR_THRE); i++)
        ;
    outb(COM1 + THR, (uint8_t)c);
}

static void serial_irq(void)
{
    while (inb(COM1 + LSR) & LSR_DR) {
        if (!tty_room()) {
            outb(COM1 + IER, 0);    /* leave the byte in the UART; tty_read resumes us */
            return;
        }
        tty_input((char)inb(COM1 + RBR));
    }
}

void serial_irq_enable(void)
{
    irq_install(4, serial_irq);
    rx_enabled = 1;
    outb(COM1 + IER, IER_RDA);      /* raises IRQ 4 at once if a byte is already waiting */
    pic_unmask(4);
}

void serial_rx_resume(void)
{
    if (rx_enabled)
        outb(COM1 + IER, IER_RDA);
}
