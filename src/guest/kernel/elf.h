/* Loading ELF32 executables into an address space. */
#ifndef RMX_ELF_H
#define RMX_ELF_H

#include <stdint.h>
#include "mm/vmm.h"

/* Maps and fills the PT_LOAD segments of an ELF image into pd and records them in vmas.
   Returns 0 with the entry point and the end of the highest segment, or -ENOEXEC / -ENOMEM. */
int elf_load(const uint8_t *image, uint32_t size, uint32_t pd, struct vma *vmas,
             uint32_t *entry, uint32_t *end);

#endif
