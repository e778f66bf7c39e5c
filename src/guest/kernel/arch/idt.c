/*
 * The interrupt descriptor table: 256 eight-byte gates. A gate names the handler (selector and
 * offset), its type and its DPL: the outermost ring allowed to use it with an INT n instruction
 * (hardware interrupts and exceptions ignore the DPL).
 *   interrupt gate (type 0xE): IF is cleared on entry - used for exceptions and IRQs;
 *   trap gate (type 0xF): IF stays as it was - used for int 0x80, so system calls run with
 *   interrupts enabled.
 * int 0x80 and int3 have DPL 3; any other INT n from ring 3 raises #GP.
 */
#include "../kernel.h"
#include "gdt.h"
#include "idt.h"
#include "trap.h"

struct __attribute__((packed)) gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t zero;
    uint8_t type_attr;              /* P | DPL(2) | 0 | type(4) */
    uint16_t offset_hi;
};

#define GATE_INT  0x8E              /* present, DPL 0, 32-bit interrupt gate */
#define GATE_USER 0x60              /* DPL 3 */
#define GATE_TRAP 0x8F              /* present, DPL 0, 32-bit trap gate */

static struct gate idt[256] __attribute__((section(".tables.idt"), aligned(8)));
struct dtr idt_loaded;

extern const uint32_t isr_table[48];    /* isr.asm: vectors 0..47 */
extern const uint32_t isr_syscall;      /* isr.asm: vector 0x80 */

static void set_gate(int v, uint32_t handler, uint8_t type_attr)
{
    idt[v].offset_lo = handler & 0xFFFF;
    idt[v].selector = SEL_KCODE;
    idt[v].zero = 0;
    idt[v].type_attr = type_attr;
    idt[v].offset_hi = handler >> 16;
}

void idt_init(void)
{
    for (int v = 0; v < 48; v++)
        set_gate(v, isr_table[v], GATE_INT);
    set_gate(T_BRKPT, isr_table[T_BRKPT], GATE_INT | GATE_USER);
    set_gate(T_SYSCALL, isr_syscall, GATE_TRAP | GATE_USER);
    idt_loaded.limit = sizeof idt - 1;
    idt_loaded.base = (uint32_t)idt;
    cpu_load_idt(&idt_loaded);
}
