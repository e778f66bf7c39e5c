/*
 * PS/2 keyboard behind the 8042 controller: data port 0x60, status/command port 0x64, IRQ 1.
 *
 * The controller translates the keyboard's codes to "scan code set 1", the IBM PC/XT set: one
 * byte per key press ("make" code), the same byte | 0x80 when the key is released ("break"),
 * and a 0xE0 prefix for the keys the XT did not have (arrows, right Ctrl/Alt, Home, ...).
 *
 * Keys become bytes in the tty, as a terminal would send them: Enter = '\r', Backspace = 0x7F,
 * arrows = ESC [ A/B/C/D. So the shell sees the same bytes from the keyboard and from the
 * serial line.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "kbd.h"
#include "pic.h"
#include "tty.h"

#define DATA 0x60
#define STATUS 0x64                 /* read: status; write: controller command */
#define ST_OUTPUT_FULL 0x01         /* a byte waits in port 0x60 */
#define ST_INPUT_FULL 0x02          /* the controller has not taken our last byte yet */
#define ST_AUX 0x20                 /* the byte is from the mouse port */
#define CMD_READ_CONFIG 0x20
#define CMD_WRITE_CONFIG 0x60
#define CFG_IRQ1 0x01               /* interrupt on keyboard data */
#define CFG_KBD_CLOCK_OFF 0x10
#define CFG_TRANSLATE 0x40          /* translate to scan code set 1 */

/* Set 1 make codes 0x00..0x39 -> ASCII, without and with Shift (US layout). */
static const char plain[0x3A] =
    "\0\0331234567890-=\x7f\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char shifted[0x3A] =
    "\0\033!@#$%^&*()_+\x7f\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1D
#define SC_CAPS 0x3A

static int shift, ctrl, caps, extended;

static int wait_input_empty(void)
{
    for (int i = 0; i < 100000; i++)
        if (!(inb(STATUS) & ST_INPUT_FULL))
            return 1;
    return 0;
}

static int wait_output_full(void)
{
    for (int i = 0; i < 100000; i++)
        if (inb(STATUS) & ST_OUTPUT_FULL)
            return 1;
    return 0;
}

static void send_escape(char final)
{
    tty_input(0x1b);
    tty_input('[');
    tty_input(final);
}

static void kbd_irq(void)
{
    uint8_t status = inb(STATUS);
    if (!(status & ST_OUTPUT_FULL))
        return;
    uint8_t sc = inb(DATA);
    if (status & ST_AUX)
        return;
    if (sc == 0xE0) {
        extended = 1;
        return;
    }
    int release = sc & 0x80;
    sc &= 0x7F;
    if (extended) {
        extended = 0;
        if (sc == SC_CTRL)
            ctrl = !release;
        if (release)
            return;
        switch (sc) {
        case 0x48: send_escape('A'); break;   /* up */
        case 0x50: send_escape('B'); break;   /* down */
        case 0x4D: send_escape('C'); break;   /* right */
        case 0x4B: send_escape('D'); break;   /* left */
        case 0x47: send_escape('H'); break;   /* home */
        case 0x4F: send_escape('F'); break;   /* end */
        case 0x1C: tty_input('\r'); break;    /* keypad Enter */
        case 0x35: tty_input('/'); break;     /* keypad / */
        }
        return;
    }
    if (sc == SC_LSHIFT || sc == SC_RSHIFT) {
        shift = !release;
        return;
    }
    if (sc == SC_CTRL) {
        ctrl = !release;
        return;
    }
    if (release)
        return;
    if (sc == SC_CAPS) {
        caps = !caps;
        return;
    }
    if (sc >= sizeof plain)
        return;
    char c = shift ? shifted[sc] : plain[sc];
    if (caps && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        c ^= 0x20;
    if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        c &= 0x1F;                  /* Ctrl-C = 3, Ctrl-U = 21, ... */
    if (c)
        tty_input(c);
}

void kbd_init(void)
{
    for (int i = 0; i < 64 && (inb(STATUS) & ST_OUTPUT_FULL); i++)
        inb(DATA);                  /* drop whatever the firmware left behind */
    /* Make sure the keyboard interrupts and its codes are translated to set 1. */
    if (wait_input_empty()) {
        outb(STATUS, CMD_READ_CONFIG);
        if (wait_output_full()) {
            uint8_t cfg = inb(DATA);
            cfg = (uint8_t)((cfg | CFG_IRQ1 | CFG_TRANSLATE) & ~CFG_KBD_CLOCK_OFF);
            if (wait_input_empty()) {
                outb(STATUS, CMD_WRITE_CONFIG);
                if (wait_input_empty())
                    outb(DATA, cfg);
            }
        }
    }
    irq_install(1, kbd_irq);
    pic_unmask(1);
}
