/*
 * The MC146818-compatible real-time clock in the CMOS: write a register number to port 0x70,
 * read its value from port 0x71. Registers: 0 seconds, 2 minutes, 4 hours, 7 day of month,
 * 8 month, 9 year (two digits), 0x32 century; status A bit 7 = update in progress;
 * status B bit 2 = binary (else BCD), bit 1 = 24-hour clock (else 12-hour with bit 7 = PM).
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "rtc.h"

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    static const uint16_t before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    uint32_t days = (y - 1970) * 365 + before[(m - 1) % 12] + d - 1;
    days += (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;  /* leap days before year y */
    if (m > 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        days++;
    return days;
}

uint32_t rtc_read_epoch(void)
{
    for (int i = 0; i < 100000 && (cmos(0x0A) & 0x80); i++)
        ;                           /* wait until the clock is not in the middle of an update */
    uint32_t sec = cmos(0x00), min = cmos(0x02), hour = cmos(0x04);
    uint32_t day = cmos(0x07), mon = cmos(0x08), year = cmos(0x09), cent = cmos(0x32);
    uint8_t b = cmos(0x0B);
    int pm = hour & 0x80;
    hour &= 0x7F;
    if (!(b & 0x04)) {              /* BCD: 0x59 means 59 */
#define BCD(x) (((x) & 0x0F) + ((x) >> 4) * 10)
        sec = BCD(sec), min = BCD(min), hour = BCD(hour);
        day = BCD(day), mon = BCD(mon), year = BCD(year), cent = BCD(cent);
#undef BCD
    }
    if (!(b & 0x02) && pm)
        hour = (hour % 12) + 12;
    year += (cent >= 19 && cent <= 30) ? cent * 100 : 2000;
    if (year < 1970 || mon < 1 || mon > 12 || day < 1 || day > 31)
        return 0;
    return ((days_from_civil(year, mon, day) * 24 + hour) * 60 + min) * 60 + sec;
}
