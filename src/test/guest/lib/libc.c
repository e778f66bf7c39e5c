/* libc.c — the little C library of the C test guests (gcc -m32 -O2 -ffreestanding):
 * memory and string functions gcc may call, and kprintf to COM1. Runs at CPL 0. */
#include "libc.h"

static inline void outb(unsigned short port, unsigned char v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline unsigned char inb(unsigned short port)
{
    unsigned char v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

void kputc(char c)
{
    while ((inb(0x3FD) & 0x20) == 0) {
    }
    outb(0x3F8, (unsigned char)c);
}

void kputs(const char *s)
{
    while (*s) {
        kputc(*s++);
    }
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--) {
            *d++ = *s++;
        }
    } else {
        d += n;
        s += n;
        while (n--) {
            *--d = *--s;
        }
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--) {
        *d++ = (unsigned char)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p) {
        p++;
    }
    return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

char *strcpy(char *dst, const char *src)
{
    char *d = dst;
    while ((*d++ = *src++) != 0) {
    }
    return dst;
}

/* Formats an unsigned 64-bit number into buf (reversed digits), returns the length. */
static int utoa64(unsigned long long v, unsigned base, int upper, char *buf)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v);
    return n;
}

/* %[0][width][l|ll](d|u|x|X|s|c|%) */
void kvprintf(const char *fmt, va_list ap)
{
    char buf[24];
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            kputc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        int longs = 0;
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        unsigned long long u;
        int neg = 0, n;
        switch (*fmt) {
        case 'd':
            if (longs >= 2) {
                long long v = va_arg(ap, long long);
                neg = v < 0;
                u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            } else {
                int v = va_arg(ap, int);
                neg = v < 0;
                u = neg ? 0U - (unsigned)v : (unsigned)v;
            }
            n = utoa64(u, 10, 0, buf);
            break;
        case 'u':
        case 'x':
        case 'X':
            u = longs >= 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
            n = utoa64(u, *fmt == 'u' ? 10 : 16, *fmt == 'X', buf);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (int k = (int)strlen(s); k < width; k++) {
                kputc(' ');
            }
            kputs(s);
            continue;
        }
        case 'c':
            kputc((char)va_arg(ap, int));
            continue;
        default:
            kputc(*fmt);
            continue;
        }
        if (neg && pad == '0') {
            kputc('-');
        }
        for (int k = n + neg; k < width; k++) {
            kputc(pad);
        }
        if (neg && pad == ' ') {
            kputc('-');
        }
        while (n) {
            kputc(buf[--n]);
        }
    }
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}
