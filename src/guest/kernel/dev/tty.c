/*
 * The terminal. Bytes from the PS/2 keyboard and from COM1 land in one input buffer; readers
 * get them raw (no echo, no line editing): the shell edits lines itself and echoes what it
 * reads, in the reader's own time. (A kernel that echoed at interrupt time would mix the echo
 * of typed-ahead input into whatever a program prints meanwhile.)
 *
 * Ctrl-C (byte 3) does not go into the buffer: it kills the foreground process the shell
 * named with setfg().
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "../proc.h"
#include "../mm/vmm.h"
#include "console.h"
#include "serial.h"
#include "tty.h"

#define TTY_BUF 4096                /* a power of two */

static char buf[TTY_BUF];
static uint32_t head, tail;         /* free-running: head - tail bytes are waiting */
static int foreground;

void tty_input(char c)
{
    if (c == 3) {
        if (foreground > 1)
            proc_kill(foreground, SIGINT);
        return;
    }
    if (head - tail == TTY_BUF)
        return;                     /* full: only the keyboard can get here (serial waits) */
    buf[head++ % TTY_BUF] = c;
    wakeup(&buf);
}

int tty_room(void)
{
    return TTY_BUF - (int)(head - tail);
}

int tty_read(char *ubuf, size_t n)
{
    char chunk[128];
    if (n > sizeof chunk)
        n = sizeof chunk;
    if (n == 0)
        return 0;
    uint32_t flags = irq_save();
    while (head == tail) {
        if (current->killed) {
            irq_restore(flags);
            return -EINTR;
        }
        sleep_on(&buf, "tty");
    }
    size_t got = 0;
    while (got < n && tail != head)
        chunk[got++] = buf[tail++ % TTY_BUF];
    irq_restore(flags);
    serial_rx_resume();             /* there is room again for what waits in the UART */
    if (copy_to_user(ubuf, chunk, got) < 0)
        return -EFAULT;
    return (int)got;
}

int tty_write(const char *ubuf, size_t n)
{
    char chunk[128];
    size_t done = 0;
    while (done < n) {
        size_t k = n - done < sizeof chunk ? n - done : sizeof chunk;
        if (copy_from_user(chunk, ubuf + done, k) < 0)
            return done ? (int)done : -EFAULT;
        console_write(chunk, k, ATTR_USER);
        done += k;
    }
    return (int)done;
}

void tty_set_foreground(int pid)
{
    foreground = pid;
}
