/* CMOS real-time clock (ports 0x70/0x71). */
#ifndef RMX_RTC_H
#define RMX_RTC_H

#include <stdint.h>

uint32_t rtc_read_epoch(void);      /* seconds since 1970-01-01 00:00:00 */

#endif
