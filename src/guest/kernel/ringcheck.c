/*
 * The kernel's view of its own privilege, for the ringcheck program (SYS_ringcheck).
 *
 * These probes deliberately bypass the privileged-operations layer (arch/cpu_ops.h): they run
 * the raw instructions to see what the CPU answers. Natively the kernel runs in ring 0 and
 * every answer is consistent with what it loaded. Under trap-and-emulate the kernel runs in
 * ring 1 and the sensitive but unprivileged instructions (MOV from CS, LAR, SMSW, SGDT, SIDT,
 * SLDT, STR, PUSHF, POPF) execute without trapping and tell the truth about the *host*:
 * that is the Popek-Goldberg gap the demonstration shows.
 */
#include "kernel.h"
#include "arch/cpu_ops.h"
#include "arch/gdt.h"
#include "arch/idt.h"
#include "proc.h"
#include "syscall.h"

void ringcheck_probe(struct rmx_ringcheck *r)
{
    memset(r, 0, sizeof *r);
    uint16_t cs, msw, ldt, tr;
    struct dtr gdtr, idtr;
    uint32_t lar = 0, lar_ok = 0;

    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    __asm__ volatile("lar %2, %0\n\t"
                     "setz %b1"
                     : "+r"(lar), "+q"(lar_ok) : "r"((uint32_t)cs) : "cc");
    __asm__ volatile("smsw %0" : "=m"(msw));    /* memory form: exactly 16 bits, all defined */
    __asm__ volatile("sgdt %0" : "=m"(gdtr));
    __asm__ volatile("sidt %0" : "=m"(idtr));
    __asm__ volatile("sldt %0" : "=m"(ldt));
    __asm__ volatile("str %0" : "=m"(tr));

    /* The critical-section idiom, with raw instructions: PUSHF; CLI; ...; POPF. */
    uint32_t f_entry, f_cli, f_popf;
    __asm__ volatile("pushf\n\t"
                     "pop %0\n\t"
                     "pushf\n\t"            /* saved flags, IF = 1 */
                     "cli\n\t"
                     "pushf\n\t"
                     "pop %1\n\t"           /* IF should read 0 now */
                     "popf\n\t"             /* IF should come back */
                     "pushf\n\t"
                     "pop %2"
                     : "=r"(f_entry), "=r"(f_cli), "=r"(f_popf) : : "memory", "cc");

    /* Are interrupts really enabled again? Wait for the timer with HLT. Any interrupt ends a
       HLT - typed-ahead serial input can bring thousands - so HLT until the tick count moves;
       the bound only matters if the timer is dead. */
    uint32_t t0 = ticks;
    if (f_popf & EFLAGS_IF)
        for (int i = 0; i < 100000 && ticks == t0; i++)
            __asm__ volatile("hlt" ::: "memory");

    r->cs = cs;
    r->lar_cs = lar;
    r->lar_ok = lar_ok;
    r->smsw = msw;
    r->cr0 = cpu_read_cr0();
    r->gdt_base = gdtr.base;
    r->gdt_limit = gdtr.limit;
    r->idt_base = idtr.base;
    r->idt_limit = idtr.limit;
    r->ldt_sel = ldt;
    r->tr_sel = tr;
    r->gdt_base_loaded = gdt_loaded.base;
    r->gdt_limit_loaded = gdt_loaded.limit;
    r->idt_base_loaded = idt_loaded.base;
    r->idt_limit_loaded = idt_loaded.limit;
    r->ldt_sel_loaded = 0;          /* rmx never loads an LDT */
    r->tr_sel_loaded = tr_loaded;
    r->flags_entry = f_entry;
    r->flags_after_cli = f_cli;
    r->flags_after_popf = f_popf;
    r->timer_ticking = ticks != t0;
}
