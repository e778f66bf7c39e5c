/* The console: every byte goes to the VGA text screen and to COM1 at once. */
#ifndef RMX_CONSOLE_H
#define RMX_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* VGA attributes (background << 4 | foreground) for the different kinds of output. */
#define ATTR_USER   0x07            /* light grey on black: what programs write */
#define ATTR_KERNEL 0x0B            /* light cyan: kernel messages */
#define ATTR_ALERT  0x0C            /* light red: "killed:", panic */

void console_write(const char *s, size_t n, uint8_t attr);

#endif
