/* libc.h — the C test guests' library (lib/libc.c); C programs define  void test_main(void). */
#ifndef RM_LIBC_H
#define RM_LIBC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void kputc(char c);
void kputs(const char *s);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);

void test_main(void);

#endif
