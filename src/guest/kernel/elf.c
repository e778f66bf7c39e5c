/*
 * ELF32 executables (static, i386, ET_EXEC). The file starts with the ELF header; its program
 * header table lists the segments to load: for each PT_LOAD, p_filesz bytes from p_offset go to
 * virtual address p_vaddr, and the rest of p_memsz (the .bss) is zero. p_flags PF_W marks the
 * writable segment; the others are mapped read-only.
 */
#include "kernel.h"
#include "elf.h"

#define EI_NIDENT 16
struct elf32_ehdr {
    uint8_t e_ident[EI_NIDENT];     /* 0x7F 'E' 'L' 'F', class, data, version, ... */
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
    uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

#define ET_EXEC 2
#define EM_386 3
#define PT_LOAD 1
#define PF_W 2

static int load_segment(const uint8_t *image, const struct elf32_phdr *ph, uint32_t pd, struct vma *vmas)
{
    uint32_t start = PAGE_DOWN(ph->p_vaddr), end = PAGE_UP(ph->p_vaddr + ph->p_memsz);
    int writable = ph->p_flags & PF_W;
    for (int i = 0; i < NVMA; i++)
        if (vmas[i].end && start < vmas[i].end && vmas[i].start < end)
            return -ENOEXEC;        /* segments sharing a page: not produced by our linker script */
    uint32_t vflags = writable ? (VMA_DATA | VMA_WRITE) : VMA_TEXT;
    if (vma_add(vmas, start, end, vflags) < 0)
        return -ENOEXEC;
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
        /* The kernel fills the page through its own window (P2V), so a read-only user page
           is no obstacle. */
        if (vm_map_new(pd, va, PTE_U | (writable ? PTE_W : 0)) < 0)
            return -ENOMEM;
        /* The part of [va, va + 4096) that comes from the file; the rest stays zero. */
        uint32_t from = va > ph->p_vaddr ? va : ph->p_vaddr;
        uint32_t to = ph->p_vaddr + ph->p_filesz;
        if (to > va + PAGE_SIZE)
            to = va + PAGE_SIZE;
        if (from < to)
            memcpy((uint8_t *)vm_user_ptr(pd, va) + (from - va), image + ph->p_offset + (from - ph->p_vaddr), to - from);
    }
    return 0;
}

int elf_load(const uint8_t *image, uint32_t size, uint32_t pd, struct vma *vmas,
             uint32_t *entry, uint32_t *end)
{
    const struct elf32_ehdr *eh = (const void *)image;
    if (size < sizeof *eh || memcmp(eh->e_ident, "\177ELF\1\1\1", 7) != 0 || eh->e_type != ET_EXEC
        || eh->e_machine != EM_386 || eh->e_phentsize != sizeof(struct elf32_phdr)
        || eh->e_phoff > size || eh->e_phnum > (size - eh->e_phoff) / sizeof(struct elf32_phdr))
        return -ENOEXEC;
    uint32_t top = USER_BASE;
    int loaded = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        const struct elf32_phdr *ph = (const void *)(image + eh->e_phoff + i * sizeof *ph);
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
            continue;
        if (ph->p_filesz > ph->p_memsz || ph->p_offset > size || ph->p_filesz > size - ph->p_offset
            || ph->p_vaddr < USER_BASE || ph->p_memsz > USER_MMAP_BASE - ph->p_vaddr)
            return -ENOEXEC;
        int err = load_segment(image, ph, pd, vmas);
        if (err < 0)
            return err;
        if (PAGE_UP(ph->p_vaddr + ph->p_memsz) > top)
            top = PAGE_UP(ph->p_vaddr + ph->p_memsz);
        loaded = 1;
    }
    if (!loaded || eh->e_entry < USER_BASE || eh->e_entry >= top)
        return -ENOEXEC;
    *entry = eh->e_entry;
    *end = top;
    return 0;
}
