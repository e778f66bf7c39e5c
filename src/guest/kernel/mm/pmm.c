/*
 * Physical page allocator: one bit per 4 KiB page frame of RAM, 1 = in use.
 *
 * Frames below the end of the kernel image (the first megabyte with the VGA buffer and the
 * firmware's leftovers, then the kernel itself) and the frames of the boot modules (the initrd)
 * are never handed out. Allocation is "next fit" (first free frame after the last one handed out), deterministic:
 * the same requests get the same frames.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "pmm.h"

#define MAX_FRAMES (MAX_RAM / PAGE_SIZE)

static uint32_t bitmap[MAX_FRAMES / 32];
static uint32_t nframes, nfree, hint;

static int used(uint32_t f)
{
    return bitmap[f / 32] >> (f % 32) & 1;
}

static void set_used(uint32_t f)
{
    bitmap[f / 32] |= 1u << (f % 32);
}

static void set_free(uint32_t f)
{
    bitmap[f / 32] &= ~(1u << (f % 32));
}

void pmm_init(uint32_t ram_bytes, uint32_t kernel_end_phys)
{
    if (ram_bytes > MAX_RAM)
        ram_bytes = MAX_RAM;
    nframes = ram_bytes / PAGE_SIZE;
    memset(bitmap, 0xFF, sizeof bitmap);
    nfree = 0;
    for (uint32_t f = PAGE_UP(kernel_end_phys) / PAGE_SIZE; f < nframes; f++) {
        set_free(f);
        nfree++;
    }
    hint = 0;
}

void pmm_reserve(uint32_t start_phys, uint32_t end_phys)
{
    for (uint32_t f = start_phys / PAGE_SIZE; f < PAGE_UP(end_phys) / PAGE_SIZE && f < nframes; f++) {
        if (!used(f)) {
            set_used(f);
            nfree--;
        }
    }
}

uint32_t pmm_alloc_contig(unsigned n)
{
    uint32_t flags = irq_save();
    for (uint32_t pass = 0; pass < 2; pass++) {
        uint32_t start = pass == 0 ? hint : 0;
        uint32_t end = pass == 0 ? nframes : hint + n;
        uint32_t run = 0;
        for (uint32_t f = start; f < end && f < nframes; f++) {
            run = used(f) ? 0 : run + 1;
            if (run == n) {
                uint32_t first = f + 1 - n;
                for (uint32_t g = first; g <= f; g++)
                    set_used(g);
                nfree -= n;
                hint = f + 1;
                irq_restore(flags);
                return first * PAGE_SIZE;
            }
        }
    }
    irq_restore(flags);
    return 0;
}

uint32_t pmm_alloc(void)
{
    return pmm_alloc_contig(1);
}

uint32_t pmm_alloc_zeroed(void)
{
    uint32_t pa = pmm_alloc();
    if (pa)
        memset(P2V(pa), 0, PAGE_SIZE);
    return pa;
}

void pmm_free(uint32_t phys)
{
    uint32_t f = phys / PAGE_SIZE;
    uint32_t flags = irq_save();
    if (f >= nframes || !used(f))
        panic("pmm_free: frame 0x%08x is not allocated", phys);
    set_free(f);
    nfree++;
    irq_restore(flags);
}

uint32_t pmm_free_pages(void)
{
    return nfree;
}

uint32_t pmm_total_pages(void)
{
    return nframes;
}
