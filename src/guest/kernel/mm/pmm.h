/* Physical page allocator. */
#ifndef RMX_PMM_H
#define RMX_PMM_H

#include <stdint.h>

#define MAX_RAM (512u << 20)        /* the kernel window maps at most this much RAM */

void pmm_init(uint32_t ram_bytes, uint32_t kernel_end_phys);
void pmm_reserve(uint32_t start_phys, uint32_t end_phys);   /* e.g. the initrd */
uint32_t pmm_alloc(void);           /* physical address of a free page, or 0 */
uint32_t pmm_alloc_zeroed(void);
uint32_t pmm_alloc_contig(unsigned n);  /* n physically contiguous pages, or 0 */
void pmm_free(uint32_t phys);
uint32_t pmm_free_pages(void);
uint32_t pmm_total_pages(void);

#endif
