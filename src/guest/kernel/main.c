/*
 * kmain: from the Multiboot hand-off (boot.asm) to the first user process.
 *
 * The Multiboot information structure (physical address in EBX at entry) tells the kernel how
 * much memory there is (mem_upper: KiB above 1 MiB), the command line, and where the boot
 * loader put the modules - the first module is the initrd.
 */
#include "kernel.h"
#include "arch/cpu_ops.h"
#include "arch/gdt.h"
#include "arch/idt.h"
#include "dev/kbd.h"
#include "dev/pic.h"
#include "dev/pit.h"
#include "dev/rtc.h"
#include "dev/serial.h"
#include "dev/vga.h"
#include "fs/fs.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "proc.h"
#include "syscall.h"

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002
#define MBI_MEMORY  (1u << 0)
#define MBI_CMDLINE (1u << 2)
#define MBI_MODS    (1u << 3)
#define BOOT_MAPPED (8u << 20)      /* what boot.asm's page tables cover */

struct multiboot_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
};

struct multiboot_module {
    uint32_t mod_start, mod_end, string, reserved;
};

extern char __kernel_end[];         /* linker script: end of .bss */

struct boot_options boot_options = { .init = "/bin/init" };

static void option(const char *word, size_t len)
{
    if (len == 5 && memcmp(word, "quiet", 5) == 0)
        boot_options.quiet = 1;
    else if (len > 5 && len - 5 < sizeof boot_options.init && memcmp(word, "init=", 5) == 0) {
        memcpy(boot_options.init, word + 5, len - 5);
        boot_options.init[len - 5] = 0;
    } else if (len > 9 && len - 9 <= RMX_HOST_MAX && memcmp(word, "hostname=", 9) == 0) {
        memcpy(boot_options.hostname, word + 9, len - 9);
        boot_options.hostname[len - 9] = 0;
    }
    /* Anything else is ignored - e.g. the kernel's file name, which GRUB and QEMU put first. */
}

static void parse_cmdline(const char *s)
{
    while (*s) {
        while (*s == ' ')
            s++;
        const char *w = s;
        while (*s && *s != ' ')
            s++;
        if (s > w)
            option(w, (size_t)(s - w));
    }
}

void kmain(uint32_t magic, uint32_t mbi_phys)
{
    serial_init();
    vga_init();
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        panic("not started by a Multiboot boot loader (EAX = 0x%08x)", magic);
    if (mbi_phys > BOOT_MAPPED - sizeof(struct multiboot_info))
        panic("Multiboot information at 0x%08x, beyond the first 8 MiB", mbi_phys);
    const struct multiboot_info *mbi = P2V(mbi_phys);
    if (!(mbi->flags & MBI_MEMORY))
        panic("the boot loader did not say how much memory there is");
    uint32_t ram_kib = mbi->mem_upper + 1024;
    if (ram_kib > MAX_RAM / 1024)
        ram_kib = MAX_RAM / 1024;

    gdt_init();
    idt_init();
    vmm_init(ram_kib * 1024);       /* now all RAM is mapped at KERNEL_BASE */

    if (mbi->flags & MBI_CMDLINE)
        parse_cmdline(P2V(mbi->cmdline));
    printk("rmx " RMX_RELEASE " (i386), a small Unix-like teaching kernel\n");
    printk("memory: %u MiB; kernel at 0x%08x, all RAM mapped at 0x%08x, user space 0x%08x-0x%08x\n",
           (ram_kib + 1023) / 1024, (uint32_t)KERNEL_BASE + 0x100000, (uint32_t)KERNEL_BASE, USER_BASE,
           (uint32_t)KERNEL_BASE - 1);
    printk("cpu: GDT at 0x%08x, TSS at 0x%08x, IDT at 0x%08x; CR0 = 0x%08x\n", gdt_loaded.base,
           gdt_loaded.base + 0x100, idt_loaded.base, cpu_read_cr0());
    printk("options: hostname=%s init=%s\n", boot_options.hostname[0] ? boot_options.hostname : "(none)",
           boot_options.init);

    pmm_init(ram_kib * 1024, V2P(__kernel_end));
    if (!(mbi->flags & MBI_MODS) || mbi->mods_count == 0)
        panic("no initrd: boot with a Multiboot module (qemu -initrd initrd.img)");
    const struct multiboot_module *mods = P2V(mbi->mods_addr);
    for (uint32_t i = 0; i < mbi->mods_count; i++) {
        if (mods[i].mod_end < mods[i].mod_start || mods[i].mod_end > ram_kib * 1024)
            panic("module %u at 0x%08x-0x%08x is outside RAM", i, mods[i].mod_start, mods[i].mod_end);
        pmm_reserve(mods[i].mod_start, mods[i].mod_end);
    }
    int files = fs_load_initrd(P2V(mods[0].mod_start), mods[0].mod_end - mods[0].mod_start);
    if (files < 0)
        panic("the initrd is not an rmx initrd image (error %d)", files);
    printk("initrd: %d files\n", files);

    pic_init();
    pit_init(HZ, timer_tick);
    kbd_init();
    serial_irq_enable();
    boot_epoch = rtc_read_epoch();
    printk("devices: 8259A PIC (IRQ 0-15 at vectors 32-47), 8254 PIT at %d Hz, 16550A COM1, "
           "VGA text 80x25, PS/2 keyboard\n", HZ);

    proc_init();
    proc_create_init(boot_options.init);
    printk("init: starting %s\n", boot_options.init);
    scheduler();
}
