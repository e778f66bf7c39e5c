/* What an interrupt, exception or system call leaves on the kernel stack (isr.asm builds it). */
#ifndef RMX_TRAP_H
#define RMX_TRAP_H

#include <stdint.h>

struct trapframe {
    /* pushed by isr_common */
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_ignored, ebx, edx, ecx, eax;   /* PUSHA */
    /* pushed by the stub of each vector */
    uint32_t vector;
    uint32_t err;                   /* the CPU's error code, or 0 */
    /* pushed by the CPU */
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss;     /* only when the trap came from ring 3 */
};

/* Vectors: 0..31 exceptions, 32..47 the 8259 IRQs 0..15, 0x80 system calls. */
#define T_DIVIDE   0
#define T_DEBUG    1
#define T_NMI      2
#define T_BRKPT    3
#define T_OFLOW    4
#define T_BOUND    5
#define T_ILLOP    6
#define T_DEVICE   7
#define T_DBLFLT   8
#define T_TSS     10
#define T_SEGNP   11
#define T_STACK   12
#define T_GPFLT   13
#define T_PGFLT   14
#define T_FPERR   16
#define T_ALIGN   17
#define T_IRQ0    32
#define T_SYSCALL 0x80

static inline int trap_from_user(const struct trapframe *tf)
{
    return (tf->cs & 3) == 3;
}

void trap(struct trapframe *tf);

#endif
