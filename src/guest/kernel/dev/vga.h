/* VGA text mode, 80 x 25 at physical 0xB8000. */
#ifndef RMX_VGA_H
#define RMX_VGA_H

#include <stdint.h>

void vga_init(void);
void vga_putc(char c, uint8_t attr);
void vga_sync_cursor(void);         /* moves the blinking hardware cursor to where we write */

#endif
