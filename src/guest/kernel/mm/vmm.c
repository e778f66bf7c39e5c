/*
 * Paging: page directories, page tables, regions and demand paging. See vmm.h for the map.
 *
 * A 32-bit linear address splits into a page-directory index (bits 31..22), a page-table index
 * (21..12) and an offset (11..0). CR3 holds the physical address of the page directory. Every
 * entry holds a physical frame address and the bits P (present), W (writable), U (user); a ring 3
 * access needs U and W (for writes) in both levels. CR0.WP = 1 makes ring 0 respect W too.
 *
 * Page tables are reached through the kernel window (P2V), never through the address space they
 * describe. Entries are only ever stored with pt_write() (arch/cpu_ops.h); after changing an
 * entry of the loaded address space the TLB entry is dropped with INVLPG.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "../proc.h"
#include "pmm.h"
#include "vmm.h"

#define KERNEL_PTS (MAX_RAM >> 22)  /* 128 page tables map 512 MiB */

static uint32_t kernel_pd[1024] __attribute__((aligned(4096)));
static uint32_t kernel_pts[KERNEL_PTS][1024] __attribute__((aligned(4096)));
static uint32_t loaded_pd;          /* what CR3 holds */

#define CR0_PE 0x00000001u          /* protected mode */
#define CR0_EM 0x00000004u          /* no FPU: FPU instructions raise #NM */
#define CR0_ET 0x00000010u          /* 387-style FPU protocol (hardwired 1 since the 486) */
#define CR0_WP 0x00010000u          /* ring 0 honours read-only pages */
#define CR0_PG 0x80000000u          /* paging */

void vmm_init(uint32_t ram_bytes)
{
    uint32_t tables = (ram_bytes + (4u << 20) - 1) >> 22;
    if (tables > KERNEL_PTS)
        tables = KERNEL_PTS;
    for (uint32_t t = 0; t < tables; t++) {
        for (uint32_t i = 0; i < 1024; i++)
            pt_write(&kernel_pts[t][i], ((t * 1024 + i) * PAGE_SIZE) | PTE_P | PTE_W);
        pt_write(&kernel_pd[KERNEL_PDX + t], V2P(kernel_pts[t]) | PTE_P | PTE_W);
    }
    vm_switch(V2P(kernel_pd));      /* from here on, no identity mapping of low memory */
    /* A fully defined CR0, whatever the boot loader left: paging, write protection in ring 0,
       no FPU, caches on (CD = NW = 0). */
    cpu_write_cr0(CR0_PG | CR0_WP | CR0_ET | CR0_EM | CR0_PE);
}

uint32_t vm_kernel_pd(void)
{
    return V2P(kernel_pd);
}

void vm_switch(uint32_t pd_phys)
{
    if (pd_phys != loaded_pd) {
        loaded_pd = pd_phys;
        cpu_load_cr3(pd_phys);
    }
}

static uint32_t *pd_entries(uint32_t pd)
{
    return (uint32_t *)P2V(pd);
}

/* The page-table entry for va, creating the page table if asked; 0 if there is none. */
static uint32_t *pte_of(uint32_t pd, uint32_t va, int create)
{
    uint32_t *pde = &pd_entries(pd)[PDX(va)];
    if (!(*pde & PTE_P)) {
        if (!create)
            return 0;
        uint32_t pt = pmm_alloc_zeroed();
        if (!pt)
            return 0;
        /* Permissions are decided per page, in the PTE: the PDE allows everything. */
        pt_write(pde, pt | PTE_P | PTE_W | PTE_U);
    }
    return (uint32_t *)P2V(*pde & PTE_ADDR) + PTX(va);
}

uint32_t vm_create(void)
{
    uint32_t pd = pmm_alloc_zeroed();
    if (!pd)
        return 0;
    for (uint32_t i = KERNEL_PDX; i < 1024; i++)
        if (kernel_pd[i])
            pt_write(&pd_entries(pd)[i], kernel_pd[i]);
    return pd;
}

int vm_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t pte_flags)
{
    uint32_t *pte = pte_of(pd, va, 1);
    if (!pte)
        return -ENOMEM;
    pt_write(pte, pa | pte_flags | PTE_P);
    if (pd == loaded_pd)
        cpu_invlpg(va);
    return 0;
}

int vm_map_new(uint32_t pd, uint32_t va, uint32_t pte_flags)
{
    uint32_t pa = pmm_alloc_zeroed();
    if (!pa)
        return -ENOMEM;
    if (vm_map(pd, va, pa, pte_flags) < 0) {
        pmm_free(pa);
        return -ENOMEM;
    }
    return 0;
}

void vm_unmap_range(uint32_t pd, uint32_t start, uint32_t end)
{
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
        uint32_t *pte = pte_of(pd, va, 0);
        if (!pte) {
            va = (va | 0x3FFFFF) - PAGE_SIZE + 1;   /* no page table: skip its 4 MiB */
            continue;
        }
        if (*pte & PTE_P) {
            uint32_t pa = *pte & PTE_ADDR;
            pt_write(pte, 0);
            if (pd == loaded_pd)
                cpu_invlpg(va);
            pmm_free(pa);
        }
    }
}

void vm_destroy(uint32_t pd)
{
    if (pd == loaded_pd)
        panic("vm_destroy: address space in use");
    uint32_t *dir = pd_entries(pd);
    for (uint32_t i = 0; i < KERNEL_PDX; i++) {
        if (!(dir[i] & PTE_P))
            continue;
        uint32_t *pt = P2V(dir[i] & PTE_ADDR);
        for (uint32_t j = 0; j < 1024; j++)
            if (pt[j] & PTE_P)
                pmm_free(pt[j] & PTE_ADDR);
        pmm_free(dir[i] & PTE_ADDR);
    }
    pmm_free(pd);
}

int vm_copy(uint32_t dst_pd, uint32_t src_pd)
{
    uint32_t *dir = pd_entries(src_pd);
    for (uint32_t i = 0; i < KERNEL_PDX; i++) {
        if (!(dir[i] & PTE_P))
            continue;
        uint32_t *pt = P2V(dir[i] & PTE_ADDR);
        for (uint32_t j = 0; j < 1024; j++) {
            if (!(pt[j] & PTE_P))
                continue;
            uint32_t pa = pmm_alloc();
            if (!pa)
                return -ENOMEM;
            memcpy(P2V(pa), P2V(pt[j] & PTE_ADDR), PAGE_SIZE);
            uint32_t va = i << 22 | j << 12;
            if (vm_map(dst_pd, va, pa, pt[j] & (PTE_W | PTE_U)) < 0) {
                pmm_free(pa);
                return -ENOMEM;
            }
        }
    }
    return 0;
}

uint32_t vm_user_pages(uint32_t pd)
{
    uint32_t n = 0, *dir = pd_entries(pd);
    for (uint32_t i = 0; i < KERNEL_PDX; i++) {
        if (!(dir[i] & PTE_P))
            continue;
        uint32_t *pt = P2V(dir[i] & PTE_ADDR);
        for (uint32_t j = 0; j < 1024; j++)
            n += pt[j] & PTE_P;
    }
    return n;
}

void *vm_user_ptr(uint32_t pd, uint32_t va)
{
    uint32_t *pte = pte_of(pd, va, 0);
    if (!pte || !(*pte & PTE_P))
        return 0;
    return (char *)P2V(*pte & PTE_ADDR) + (va & (PAGE_SIZE - 1));
}

/* ---- regions ------------------------------------------------------------------------------ */

struct vma *vma_find(struct proc *p, uint32_t va)
{
    for (int i = 0; i < NVMA; i++)
        if (p->vmas[i].end && va >= p->vmas[i].start && va < p->vmas[i].end)
            return &p->vmas[i];
    return 0;
}

int vma_add(struct vma *vmas, uint32_t start, uint32_t end, uint32_t flags)
{
    for (int i = 0; i < NVMA; i++) {
        if (!vmas[i].end) {
            vmas[i].start = start;
            vmas[i].end = end;
            vmas[i].flags = flags;
            return 0;
        }
    }
    return -ENOMEM;
}

void vma_remove(struct vma *v)
{
    v->start = v->end = v->flags = 0;
}

uint32_t vma_pte_flags(const struct vma *v)
{
    return PTE_U | ((v->flags & VMA_WRITE) ? PTE_W : 0);
}

int vm_fault(uint32_t va, int write)
{
    struct proc *p = current;
    if (!p || va >= KERNEL_BASE)
        return -EFAULT;
    struct vma *v = vma_find(p, va);
    if (!v || (write && !(v->flags & VMA_WRITE)))
        return -EFAULT;
    uint32_t *pte = pte_of(p->pd, va, 0);
    if (pte && (*pte & PTE_P))
        return -EFAULT;             /* present, so this was a protection violation */
    return vm_map_new(p->pd, PAGE_DOWN(va), vma_pte_flags(v));
}

/* ---- user memory from system calls ------------------------------------------------------- */

int user_range_ok(const void *uaddr, size_t n, int write)
{
    uint32_t a = (uint32_t)uaddr;
    if (n == 0)
        return 0;
    if (a + n < a || a + n > KERNEL_BASE)
        return -EFAULT;
    /* The range may span several regions (e.g. data and heap): check page by page. */
    for (uint32_t page = PAGE_DOWN(a); page < a + n; page += PAGE_SIZE) {
        struct vma *v = vma_find(current, page < a ? a : page);
        if (!v || (write && !(v->flags & VMA_WRITE)))
            return -EFAULT;
        if (page + PAGE_SIZE < page)
            break;
    }
    return 0;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
    if (user_range_ok(usrc, n, 0) < 0)
        return -EFAULT;
    memcpy(dst, usrc, n);           /* may page-fault: vm_fault() fills the page in */
    return 0;
}

int copy_to_user(void *udst, const void *src, size_t n)
{
    if (user_range_ok(udst, n, 1) < 0)
        return -EFAULT;
    memcpy(udst, src, n);
    return 0;
}

int copy_string_from_user(char *dst, const char *usrc, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        if (user_range_ok(usrc + i, 1, 0) < 0)
            return -EFAULT;
        dst[i] = usrc[i];
        if (!dst[i])
            return (int)i;
    }
    return -ENAMETOOLONG;
}
