/* Things every part of the rmx kernel uses. */
#ifndef RMX_KERNEL_H
#define RMX_KERNEL_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <rmx/abi.h>
#include <rmx/string.h>
#include <rmx/fmt.h>

#define RMX_RELEASE "0.1"
#define RMX_VERSION "#1"

/*
 * The kernel lives in the top quarter of every address space: physical address P is mapped at
 * virtual address KERNEL_BASE + P for all of RAM (up to 512 MiB), supervisor-only. See mm/vmm.h.
 */
#define KERNEL_BASE 0xC0000000u
#define P2V(pa) ((void *)((uintptr_t)(pa) + KERNEL_BASE))
#define V2P(va) ((uintptr_t)(va) - KERNEL_BASE)

#define PAGE_SIZE 4096u
#define PAGE_DOWN(a) ((uint32_t)(a) & ~(PAGE_SIZE - 1))
#define PAGE_UP(a) (((uint32_t)(a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Boot options from the kernel command line (main.c). */
struct boot_options {
    int quiet;                      /* "quiet": no boot messages */
    char init[RMX_PATH_MAX];        /* "init=/bin/sh": the first program (default /bin/init) */
    char hostname[RMX_HOST_MAX + 1];/* "hostname=NAME" */
};
extern struct boot_options boot_options;

/* Kernel messages (console.c). printk is the boot log (silenced by "quiet"); kprintf always
   prints (e.g. "killed: ..."). */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* Power off through the isa-debug-exit port (QEMU exits with (code << 1) | 1), or halt. */
__attribute__((noreturn)) void machine_poweroff(int code);

#endif
