/*
 * ringcheck: what the kernel (and this ring-3 program) can observe about its own privilege.
 *
 * The kernel half comes from SYS_ringcheck: the kernel runs the probes in its int 0x80 handler
 * (kernel/ringcheck.c) and compares them with what it loaded at boot. Natively every line says
 * "ok". Under trap-and-emulate the kernel runs in ring 1, and the sensitive instructions that
 * do not trap (MOV from CS, LAR, SMSW, SGDT, SIDT, SLDT, STR, PUSHF, POPF) give it away.
 */
#include "lib/user.h"

static int problems;

static void line(const char *what, const char *value, const char *meaning, int ok)
{
    printf("  %-16s %-17s %-33s %s\n", what, value, meaning, ok ? "ok" : "MISMATCH");
    if (!ok)
        problems++;
}

/* LAR's defined bits: 8-15 (type, S, DPL, P) and 20-23 (AVL, L, D/B, G). */
#define LAR_DEFINED 0x00F0FF00u

static void check_lar(uint32_t lar, int ok_flag, int want_dpl)
{
    char v[32], m[40];
    uint32_t ar = lar & LAR_DEFINED;
    int dpl = (int)(ar >> 13) & 3;
    snprintf(v, sizeof v, "0x%08x", ar);
    snprintf(m, sizeof m, "DPL %d, %s%s", dpl, (ar & 0x800) ? "code" : "data",
             (ar & 0x8000) ? ", present" : "");
    line("LAR CS", ok_flag ? v : "failed (ZF=0)", m, ok_flag && dpl == want_dpl);
}

static void check_cs(uint32_t cs, int want)
{
    char v[32], m[40];
    snprintf(v, sizeof v, "0x%04x", cs);
    snprintf(m, sizeof m, "RPL %u: ring %u", cs & 3, cs & 3);
    line("CS", v, m, (int)(cs & 3) == want);
}

/* Only IF and IOPL are shown: the arithmetic flags say nothing about privilege. */
static void check_flags(const char *what, uint32_t flags, int want_if, const char *meaning)
{
    char v[32];
    snprintf(v, sizeof v, "IF=%u IOPL=%u", (flags & EFLAGS_IF) ? 1 : 0, (flags & EFLAGS_IOPL) >> 12);
    line(what, v, meaning, ((flags & EFLAGS_IF) != 0) == want_if);
}

static void check_table(const char *what, uint32_t base, uint32_t limit, uint32_t lbase, uint32_t llimit)
{
    char v[32], m[40];
    snprintf(v, sizeof v, "0x%08x/0x%04x", base, limit);
    snprintf(m, sizeof m, "loaded 0x%08x/0x%04x", lbase, llimit);
    line(what, v, m, base == lbase && limit == llimit);
}

int main(void)
{
    struct rmx_ringcheck k;
    int err = ringcheck(&k);
    if (err < 0) {
        printf("ringcheck: %s\n", strerror(err));
        return 1;
    }
    char v[32], m[40];
    printf("ringcheck: what rmx can observe about its own privilege\n");
    printf("kernel (probed inside its int 0x80 handler):\n");
    check_cs(k.cs, 0);
    check_lar(k.lar_cs, (int)k.lar_ok, 0);
    snprintf(v, sizeof v, "0x%04x", k.smsw);
    snprintf(m, sizeof m, "PE=%u, = CR0 bits 0-15", k.smsw & 1);
    line("SMSW", v, m, (k.smsw & 0xFFFF) == (k.cr0 & 0xFFFF) && (k.smsw & 1));
    snprintf(v, sizeof v, "0x%08x", k.cr0);
    snprintf(m, sizeof m, "PE=%u WP=%u PG=%u", k.cr0 & 1, (k.cr0 >> 16) & 1, k.cr0 >> 31);
    line("MOV from CR0", v, m, (k.cr0 & 0x80000001u) == 0x80000001u);
    check_table("SGDT", k.gdt_base, k.gdt_limit, k.gdt_base_loaded, k.gdt_limit_loaded);
    check_table("SIDT", k.idt_base, k.idt_limit, k.idt_base_loaded, k.idt_limit_loaded);
    snprintf(v, sizeof v, "0x%04x, 0x%04x", k.ldt_sel, k.tr_sel);
    snprintf(m, sizeof m, "loaded 0x%04x, 0x%04x", k.ldt_sel_loaded, k.tr_sel_loaded);
    line("SLDT, STR", v, m, k.ldt_sel == k.ldt_sel_loaded && k.tr_sel == k.tr_sel_loaded);
    check_flags("PUSHF", k.flags_entry, 1, "int 0x80 is a trap gate: IF stays");
    check_flags("PUSHF after CLI", k.flags_after_cli, 0, "CLI cleared IF");
    check_flags("PUSHF after POPF", k.flags_after_popf, 1, "POPF restored IF");
    line("timer after POPF", k.timer_ticking ? "ticking" : "silent", "HLT woke up on IRQ 0", (int)k.timer_ticking);
    int kernel_problems = problems;

    printf("user (this program, ring 3):\n");
    uint16_t cs, msw;
    uint32_t flags, lar = 0, lar_ok = 0;
    struct __attribute__((packed)) { uint16_t limit; uint32_t base; } gdtr;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    __asm__ volatile("lar %2, %0\n\tsetz %b1" : "+r"(lar), "+q"(lar_ok) : "r"((uint32_t)cs) : "cc");
    __asm__ volatile("smsw %0" : "=m"(msw));
    __asm__ volatile("sgdt %0" : "=m"(gdtr));
    __asm__ volatile("pushf\n\tpop %0" : "=r"(flags));
    check_cs(cs, 3);
    check_lar(lar, (int)lar_ok, 3);
    snprintf(v, sizeof v, "0x%04x", msw);
    line("SMSW", v, "not privileged: ring 3 reads CR0", msw == (k.smsw & 0xFFFF));
    snprintf(v, sizeof v, "0x%08x", gdtr.base);
    line("SGDT", v, "not privileged: the kernel's GDT", gdtr.base == k.gdt_base);
    check_flags("PUSHF", flags, 1, "interrupts on in user mode");

    if (problems == 0)
        printf("verdict: the kernel runs in ring 0 and every observation is consistent (native)\n");
    else if (kernel_problems)
        printf("verdict: %d observation(s) do not fit a kernel in ring 0: it is being virtualized, "
               "and the instructions above did not trap\n", problems);
    else
        printf("verdict: %d user-level observation(s) differ from the kernel's\n", problems);
    return problems ? 1 : 0;
}
