/*
 * VGA text mode: 80 columns x 25 rows at physical address 0xB8000. Each cell is two bytes: the
 * character (code page 437) and an attribute (bits 0-3 foreground colour, 4-6 background,
 * 7 blink). The hardware cursor is a register pair of the CRT controller: index port 0x3D4,
 * data port 0x3D5, registers 0x0E (high byte) and 0x0F (low byte) of the cell offset.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "vga.h"

#define COLS 80
#define ROWS 25
#define CRTC_INDEX 0x3D4
#define CRTC_DATA 0x3D5

static volatile uint16_t *const screen = (volatile uint16_t *)P2V(0xB8000);
static int row, col;

static void scroll(void)
{
    for (int i = 0; i < (ROWS - 1) * COLS; i++)
        screen[i] = screen[i + COLS];
    for (int i = (ROWS - 1) * COLS; i < ROWS * COLS; i++)
        screen[i] = 0x0700 | ' ';
    row = ROWS - 1;
}

void vga_init(void)
{
    for (int i = 0; i < ROWS * COLS; i++)
        screen[i] = 0x0700 | ' ';
    row = col = 0;
    vga_sync_cursor();
}

void vga_putc(char c, uint8_t attr)
{
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':                      /* like a terminal: move left, erase nothing */
        if (col > 0)
            col--;
        break;
    case '\t':
        col = (col + 8) & ~7;
        break;
    case '\a':
    case 0x1b:                      /* bell, escape: not shown */
        return;
    default:
        screen[row * COLS + col] = (uint16_t)attr << 8 | (uint8_t)c;
        col++;
        break;
    }
    if (col >= COLS) {
        col = 0;
        row++;
    }
    if (row >= ROWS)
        scroll();
}

void vga_sync_cursor(void)
{
    uint16_t pos = (uint16_t)(row * COLS + col);
    outb(CRTC_INDEX, 0x0E);
    outb(CRTC_DATA, pos >> 8);
    outb(CRTC_INDEX, 0x0F);
    outb(CRTC_DATA, pos & 0xFF);
}
