/*
 * printf-style formatting shared by the kernel (printk) and the user C library (printf).
 * Supports %c %s %d %i %u %x %X %p %%, flags '-' and '0', a field width (or '*') and 'l' (ignored:
 * int and long are both 32 bits on i386). No floating point anywhere in rmx.
 */
#ifndef RMX_FMT_H
#define RMX_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the formatted text, one character at a time. */
typedef void (*fmt_put_fn)(void *ctx, char c);

/* Formats into put(); returns the number of characters produced. */
int fmt_format(fmt_put_fn put, void *ctx, const char *fmt, va_list ap);

/* Formats into buf (always NUL-terminated when size > 0); returns the full length. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
