/*
 * The console: kernel messages and everything programs write to the tty go to the VGA text
 * screen and to the serial port, in one critical section per write so that lines from an
 * interrupt handler never tear a line in half.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "console.h"
#include "serial.h"
#include "vga.h"

void console_write(const char *s, size_t n, uint8_t attr)
{
    uint32_t flags = irq_save();
    for (size_t i = 0; i < n; i++) {
        vga_putc(s[i], attr);
        if (s[i] == '\n')
            serial_putc('\r');      /* terminals want CR LF */
        serial_putc(s[i]);
    }
    vga_sync_cursor();
    irq_restore(flags);
}

struct line {
    char buf[160];
    size_t len;
    uint8_t attr;
};

static void line_put(void *ctx, char c)
{
    struct line *l = ctx;
    if (l->len == sizeof l->buf) {
        console_write(l->buf, l->len, l->attr);
        l->len = 0;
    }
    l->buf[l->len++] = c;
}

static void vprint(uint8_t attr, const char *fmt, va_list ap)
{
    struct line l = { .len = 0, .attr = attr };
    fmt_format(line_put, &l, fmt, ap);
    console_write(l.buf, l.len, attr);
}

void printk(const char *fmt, ...)
{
    if (boot_options.quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vprint(ATTR_KERNEL, fmt, ap);
    va_end(ap);
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(ATTR_ALERT, fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    irq_disable();
    va_list ap;
    va_start(ap, fmt);
    console_write("panic: ", 7, ATTR_ALERT);
    vprint(ATTR_ALERT, fmt, ap);
    va_end(ap);
    console_write("\n", 1, ATTR_ALERT);
    machine_poweroff(POWEROFF_PANIC);
}

void machine_poweroff(int code)
{
    irq_disable();
    /* isa-debug-exit (QEMU, Ringmaster): the machine stops with exit code (code << 1) | 1. */
    outb(0x501, (uint8_t)code);
    /* No such device: stop here, with interrupts off, for good. */
    cpu_halt_forever();
}
