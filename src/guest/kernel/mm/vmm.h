/*
 * Virtual memory: one page directory per process, two-level 4 KiB paging.
 *
 * Every address space looks like this:
 *
 *   0x00000000 - 0x003FFFFF  not mapped: a NULL pointer (or small offsets from one) faults
 *   0x00400000 - ...         the program: ELF segments (text read-only, data and bss writable),
 *                            then the heap (brk), pages allocated on first touch
 *   0x40000000 - 0xAFFFFFFF  anonymous mmap() regions
 *   0xBFF00000 - 0xBFFFFFFF  the user stack (1 MiB, pages allocated on first touch)
 *   0xC0000000 - 0xDFFFFFFF  the kernel: all physical RAM (up to 512 MiB) at 0xC0000000 + physical
 *                            address, supervisor-only (U/S = 0): ring 3 gets a page fault
 *   0xE0000000 - 0xFFFFFFFF  not mapped
 *
 * The kernel half is the same in every address space: its page tables are one static array,
 * and each new page directory gets copies of the kernel's page-directory entries.
 */
#ifndef RMX_VMM_H
#define RMX_VMM_H

#include <stdint.h>
#include <stddef.h>

/* Page-directory and page-table entry bits. */
#define PTE_P 0x001                 /* present */
#define PTE_W 0x002                 /* writable */
#define PTE_U 0x004                 /* user (ring 3) may access */
#define PTE_A 0x020                 /* accessed (set by the CPU) */
#define PTE_D 0x040                 /* dirty (set by the CPU) */
#define PTE_ADDR 0xFFFFF000u

#define PDX(va) ((uint32_t)(va) >> 22)
#define PTX(va) (((uint32_t)(va) >> 12) & 0x3FF)
#define KERNEL_PDX 768              /* PDX(KERNEL_BASE) */

/* A region of a process's address space ("virtual memory area"). */
#define VMA_WRITE 1
#define VMA_TEXT  2                 /* program code and read-only data */
#define VMA_DATA  4                 /* program data and bss */
#define VMA_HEAP  8
#define VMA_STACK 16
#define VMA_MMAP  32
#define NVMA 16

struct vma {
    uint32_t start, end;            /* page aligned, end exclusive; end == 0: unused slot */
    uint32_t flags;
};

struct proc;

void vmm_init(uint32_t ram_bytes);  /* maps RAM at KERNEL_BASE; leaves boot.asm's tables */
uint32_t vm_kernel_pd(void);        /* physical address of the kernel-only page directory */
void vm_switch(uint32_t pd_phys);   /* CR3 load, skipped when that directory is loaded already */

uint32_t vm_create(void);           /* new page directory with the kernel half; 0 = no memory */
void vm_destroy(uint32_t pd);       /* frees every user page, page table and the directory */
int vm_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t pte_flags);
int vm_map_new(uint32_t pd, uint32_t va, uint32_t pte_flags);   /* a fresh zeroed page */
void vm_unmap_range(uint32_t pd, uint32_t start, uint32_t end); /* and frees the pages */
int vm_copy(uint32_t dst_pd, uint32_t src_pd);                  /* fork: copies every user page */
uint32_t vm_user_pages(uint32_t pd);
void *vm_user_ptr(uint32_t pd, uint32_t va);   /* kernel view of a mapped user page, or 0 */

/* VMAs of a process. */
struct vma *vma_find(struct proc *p, uint32_t va);
int vma_add(struct vma *vmas, uint32_t start, uint32_t end, uint32_t flags);
void vma_remove(struct vma *v);
uint32_t vma_pte_flags(const struct vma *v);

/* Demand paging: a fault at va in the current process. 0 = handled. */
int vm_fault(uint32_t va, int write);

/* Checked access to the current process's memory from system calls: -EFAULT unless the whole
   range lies in its regions with the needed permission. */
int user_range_ok(const void *uaddr, size_t n, int write);
int copy_from_user(void *dst, const void *usrc, size_t n);
int copy_to_user(void *udst, const void *src, size_t n);
int copy_string_from_user(char *dst, const char *usrc, size_t size); /* length or -errno */

#endif
