/* String and memory functions shared by the kernel and the user C library. */
#ifndef RMX_STRING_H
#define RMX_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* Copies at most size-1 characters and always terminates (when size > 0); returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Appends like strlcpy; returns the length it tried to create. */
size_t strlcat(char *dst, const char *src, size_t size);
/* Parses an unsigned decimal or 0x-prefixed hex number; returns 0 and sets *ok = 0 on junk. */
unsigned long parse_ulong(const char *s, int *ok);

#endif
