/* Where every interrupt, exception and system call arrives (from isr.asm). */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "../dev/pic.h"
#include "../proc.h"
#include "../syscall.h"
#include "trap.h"

static const char *const exception_names[32] = {
    "divide error", "debug exception", "NMI", "breakpoint", "overflow", "BOUND range exceeded",
    "invalid opcode", "device not available (no FPU)", "double fault", "coprocessor segment overrun",
    "invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "exception 15", "x87 FPU error", "alignment check", "machine check",
    "SIMD floating-point exception",
};

static int signal_for(uint32_t vector)
{
    switch (vector) {
    case T_DIVIDE:
    case T_FPERR:
        return SIGFPE;
    case T_ILLOP:
    case T_DEVICE:
        return SIGILL;
    case T_DEBUG:
    case T_BRKPT:
        return SIGTRAP;
    default:
        return SIGSEGV;
    }
}

static __attribute__((noreturn)) void kernel_fault(struct trapframe *tf, const char *what)
{
    kprintf("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x ebp=%08x\n",
            tf->eax, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
    kprintf("eip=%08x cs=%04x eflags=%08x error=%08x cr2=%08x\n", tf->eip, tf->cs, tf->eflags,
            tf->err, cpu_read_cr2());
    panic("%s in the kernel at eip 0x%08x (pid %d)", what, tf->eip, current ? current->pid : 0);
}

/*
 * #PF: the error code says why (bit 0: 0 = page not present, 1 = protection violation;
 * bit 1: write; bit 2: the access came from ring 3), CR2 says where.
 */
static void page_fault(struct trapframe *tf)
{
    uint32_t va = cpu_read_cr2();
    int write = tf->err & 2;
    if (vm_fault(va, write) == 0)
        return;                     /* demand paging: a page of a region, touched first time */
    const char *why = (tf->err & 1) ? "protection violation" : "not present";
    const char *who = (tf->err & 4) ? "user" : "kernel";
    if (trap_from_user(tf))
        proc_die(SIGSEGV, "page fault at 0x%08x (%s, %s, %s)", va, why, who, write ? "write" : "read");
    kprintf("page fault at 0x%08x (%s, %s, %s)\n", va, why, who, write ? "write" : "read");
    kernel_fault(tf, "page fault");
}

static void exception(struct trapframe *tf)
{
    const char *name = tf->vector < 32 && exception_names[tf->vector] ? exception_names[tf->vector] : "exception";
    if (tf->vector == T_NMI) {
        kprintf("NMI received, ignored\n");
        return;
    }
    if (!trap_from_user(tf))
        kernel_fault(tf, name);
    if (tf->vector == T_GPFLT || tf->vector == T_SEGNP || tf->vector == T_STACK || tf->vector == T_TSS)
        proc_die(signal_for(tf->vector), "%s at eip 0x%08x, error code 0x%x", name, tf->eip, tf->err);
    proc_die(signal_for(tf->vector), "%s at eip 0x%08x", name, tf->eip);
}

void trap(struct trapframe *tf)
{
    if (tf->vector == T_SYSCALL)
        syscall_dispatch(tf);
    else if (tf->vector >= T_IRQ0 && tf->vector < T_IRQ0 + 16)
        irq_dispatch((int)tf->vector - T_IRQ0);
    else if (tf->vector == T_PGFLT)
        page_fault(tf);
    else
        exception(tf);
    if (trap_from_user(tf))
        proc_return_to_user(tf);
}
