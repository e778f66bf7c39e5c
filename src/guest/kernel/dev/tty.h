/* The terminal: one input buffer fed by the keyboard and the serial port. */
#ifndef RMX_TTY_H
#define RMX_TTY_H

#include <stddef.h>

void tty_input(char c);             /* from interrupt handlers */
int tty_room(void);                 /* free bytes in the input buffer */
int tty_read(char *ubuf, size_t n); /* blocks until input is there; raw bytes, no echo */
int tty_write(const char *ubuf, size_t n);
void tty_set_foreground(int pid);   /* the process Ctrl-C kills */

#endif
