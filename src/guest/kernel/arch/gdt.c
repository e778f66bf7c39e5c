/*
 * Global descriptor table and task-state segment.
 *
 * rmx uses flat segments (base 0, limit 4 GiB) and relies on paging for protection, as every
 * modern x86 kernel does. Segments still matter for one thing: the descriptor privilege level.
 * Code running with CS = SEL_UCODE is at CPL 3; a trap or int 0x80 switches to CS = SEL_KCODE
 * (CPL 0) and to the stack named by the TSS (SS0:ESP0).
 *
 * The tables sit at fixed addresses (linker script, section .tables): GDT at 0xC0101000, TSS at
 * 0xC0101100, IDT at 0xC0101800 - easy to find in a memory view.
 */
#include "gdt.h"
#include <rmx/string.h>

struct __attribute__((packed)) gdt_entry {
    uint16_t limit_lo;
    uint16_t base_lo;
    uint8_t base_mid;
    uint8_t access;                 /* P | DPL(2) | S | type(4) */
    uint8_t flags_limit_hi;         /* G | D/B | 0 | AVL | limit 19..16 */
    uint8_t base_hi;
};

/* The 32-bit TSS. rmx does no hardware task switching: the CPU only reads SS0:ESP0 from it,
   and the I/O permission bitmap offset (beyond the limit here: no port is allowed in ring 3). */
struct __attribute__((packed)) tss32 {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
};

static struct gdt_entry gdt[GDT_ENTRIES] __attribute__((section(".tables.gdt"), aligned(8)));
struct tss32 tss __attribute__((section(".tables.tss"), aligned(8)));
struct dtr gdt_loaded;
uint16_t tr_loaded;

/* Access byte. The "accessed" bit is set from the start, as Linux does: otherwise the CPU
   would set it (a write to the GDT) the first time a selector is loaded. */
#define ACC_P     0x80
#define ACC_DPL3  0x60
#define ACC_S     0x10              /* code or data (not a system descriptor) */
#define ACC_CODE  0x0B              /* execute/read, accessed */
#define ACC_DATA  0x03              /* read/write, accessed */
#define ACC_TSS32 0x09              /* available 32-bit TSS */
/* flags */
#define FLG_G     0x80              /* limit in 4 KiB units */
#define FLG_D     0x40              /* 32-bit segment */

static void set_entry(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[i].limit_lo = limit & 0xFFFF;
    gdt[i].base_lo = base & 0xFFFF;
    gdt[i].base_mid = (base >> 16) & 0xFF;
    gdt[i].access = access;
    gdt[i].flags_limit_hi = flags | ((limit >> 16) & 0x0F);
    gdt[i].base_hi = base >> 24;
}

void gdt_init(void)
{
    set_entry(0, 0, 0, 0, 0);                                           /* null */
    set_entry(1, 0, 0xFFFFF, ACC_P | ACC_S | ACC_CODE, FLG_G | FLG_D);  /* 0x08 kernel code */
    set_entry(2, 0, 0xFFFFF, ACC_P | ACC_S | ACC_DATA, FLG_G | FLG_D);  /* 0x10 kernel data */
    set_entry(3, 0, 0xFFFFF, ACC_P | ACC_DPL3 | ACC_S | ACC_CODE, FLG_G | FLG_D); /* 0x18 user code */
    set_entry(4, 0, 0xFFFFF, ACC_P | ACC_DPL3 | ACC_S | ACC_DATA, FLG_G | FLG_D); /* 0x20 user data */
    memset(&tss, 0, sizeof tss);
    tss.ss0 = SEL_KDATA;
    tss.iomap_base = sizeof tss;    /* no I/O bitmap */
    set_entry(5, (uint32_t)&tss, sizeof tss - 1, ACC_P | ACC_TSS32, 0); /* 0x28 TSS */

    gdt_loaded.limit = sizeof gdt - 1;
    gdt_loaded.base = (uint32_t)gdt;
    cpu_load_gdt(&gdt_loaded, SEL_KCODE, SEL_KDATA);
    tr_loaded = SEL_TSS;
    cpu_load_tr(SEL_TSS);
}
