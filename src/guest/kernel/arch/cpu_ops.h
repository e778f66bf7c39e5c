/*
 * The privileged-operations layer: every instruction of the kernel that needs ring 0 (or that
 * a hypervisor must see) is here, in this header and in cpu_ops.asm, and nowhere else.
 *
 *   interrupts    irq_disable (CLI), irq_enable (STI), irq_save (PUSHF; CLI), irq_restore (POPF),
 *                 cpu_idle (STI; HLT), cpu_halt_forever (CLI; HLT)
 *   I/O ports     outb/outw/inb/inw (OUT/IN)
 *   paging        cpu_load_cr3, cpu_read_cr2, cpu_read_cr0/cpu_write_cr0, cpu_invlpg (INVLPG),
 *                 pt_write (the one function that stores page-directory and page-table entries)
 *   descriptors   cpu_load_gdt (LGDT + segment reloads), cpu_load_idt (LIDT), cpu_load_tr (LTR),
 *                 cpu_set_kernel_stack (TSS.ESP0: where the CPU switches to on a ring 3 -> 0 trap)
 *   return        trap_return (IRET), in cpu_ops.asm
 *
 * A paravirtualized build (-DRMX_PV, a later issue) replaces this layer with hypercalls
 * (int 0x82): the rest of the kernel does not change. The exceptions, each commented where it
 * happens: boot.asm (paging is switched on before any of this exists) and the probes of
 * ringcheck.c, which run raw instructions on purpose to see what the CPU really answers.
 *
 * The critical sections of the kernel are `flags = irq_save(); ... irq_restore(flags);`, i.e.
 * PUSHF; CLI; ...; POPF, the classic x86 idiom. In ring 0 POPF restores IF. In ring 1 (a
 * trap-and-emulate VMM that compresses the guest kernel into ring 1 with IOPL 0) POPF leaves IF
 * unchanged *without trapping*: the VMM never learns that the guest re-enabled interrupts.
 */
#ifndef RMX_CPU_OPS_H
#define RMX_CPU_OPS_H

#include <stdint.h>

#ifdef RMX_PV
#error "the paravirtualized privileged-operations layer does not exist yet"
#endif

/* ---- interrupts ---------------------------------------------------------------------- */

static inline void irq_disable(void)
{
    __asm__ volatile("cli" ::: "memory");
}

static inline void irq_enable(void)
{
    __asm__ volatile("sti" ::: "memory");
}

/* Saves EFLAGS (with IF) and disables interrupts: the start of a critical section. */
static inline uint32_t irq_save(void)
{
    uint32_t flags;
    __asm__ volatile("pushf\n\tpop %0\n\tcli" : "=r"(flags) : : "memory");
    return flags;
}

/* Restores the EFLAGS saved by irq_save: IF comes back as it was. */
static inline void irq_restore(uint32_t flags)
{
    __asm__ volatile("push %0\n\tpopf" : : "r"(flags) : "memory", "cc");
}

/*
 * Waits for the next interrupt with interrupts enabled. STI delays interrupt recognition by
 * one instruction, so no interrupt can slip in between STI and HLT and be missed.
 */
static inline void cpu_idle(void)
{
    __asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
}

static inline __attribute__((noreturn)) void cpu_halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli\n\thlt");
}

/* ---- I/O ports --------------------------------------------------------------------------- */

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

/* ---- paging ------------------------------------------------------------------------------ */

/* Switches address space: CR3 = physical address of a page directory; flushes the TLB. */
static inline void cpu_load_cr3(uint32_t pd_phys)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(pd_phys) : "memory");
}

/* The linear address of the last page fault. */
static inline uint32_t cpu_read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t cpu_read_cr0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void cpu_write_cr0(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

/* Drops the TLB entry of one page (i486 and later). */
static inline void cpu_invlpg(uint32_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/*
 * Stores one page-directory or page-table entry. Every such store of the kernel goes through
 * this function (one MOV in cpu_ops.asm), so a VMM sees all of them at one instruction and a
 * paravirtualized build can turn them into (batched) hypercalls.
 */
void pt_write(volatile uint32_t *entry, uint32_t value);

/* ---- descriptor tables ------------------------------------------------------------------- */

struct __attribute__((packed)) dtr {
    uint16_t limit;
    uint32_t base;
};

/* LGDT, then reload CS (far jump) and the data segment registers so they use the new table. */
static inline void cpu_load_gdt(const struct dtr *d, uint16_t code_sel, uint16_t data_sel)
{
    __asm__ volatile("lgdt (%0)\n\t"
                     "push %1\n\t"
                     "push $1f\n\t"
                     "lret\n"
                     "1:\n\t"
                     "mov %2, %%ds\n\t"
                     "mov %2, %%es\n\t"
                     "mov %2, %%fs\n\t"
                     "mov %2, %%gs\n\t"
                     "mov %2, %%ss"
                     : : "r"(d), "r"((uint32_t)code_sel), "r"(data_sel) : "memory");
}

static inline void cpu_load_idt(const struct dtr *d)
{
    __asm__ volatile("lidt (%0)" : : "r"(d) : "memory");
}

static inline void cpu_load_tr(uint16_t sel)
{
    __asm__ volatile("ltr %0" : : "r"(sel));
}

/* TSS.ESP0: the kernel stack the CPU loads when an interrupt or int 0x80 leaves ring 3. */
void cpu_set_kernel_stack(uint32_t esp0);

/* ---- leaving the kernel ------------------------------------------------------------------ */

/*
 * Pops a struct trapframe (see arch/trap.h) and IRETs: back to where the trap came from, or
 * into ring 3 for the first time when the frame was built by hand. Never returns.
 */
void trap_return(void) __attribute__((noreturn));

#endif
