/* exec: replace the current program with another one from the file system. */
#include "kernel.h"
#include "arch/cpu_ops.h"
#include "arch/gdt.h"
#include "elf.h"
#include "fs/fs.h"
#include "proc.h"

/*
 * The initial user stack, as crt0.asm expects it: ESP points at argc, followed by argv[0..argc-1],
 * a NULL, and the strings themselves at the top of the stack.
 */
static int build_stack(uint32_t pd, char *const argv[], int argc, uint32_t *esp)
{
    uint32_t page = USER_STACK_TOP - PAGE_SIZE;
    if (vm_map_new(pd, page, PTE_U | PTE_W) < 0)
        return -ENOMEM;
    char *kpage = vm_user_ptr(pd, page);
    uint32_t sp = USER_STACK_TOP;
    uint32_t uargv[32];
    if (argc > (int)ARRAY_SIZE(uargv) - 1)
        return -EINVAL;
    for (int i = argc - 1; i >= 0; i--) {
        size_t len = strlen(argv[i]) + 1;
        if (len > sp - page - 4 * (argc + 2) - 64)
            return -EINVAL;
        sp -= len;
        memcpy(kpage + (sp - page), argv[i], len);
        uargv[i] = sp;
    }
    uargv[argc] = 0;
    sp &= ~15u;
    sp -= 4 * (argc + 1);
    memcpy(kpage + (sp - page), uargv, 4 * (argc + 1));
    sp -= 4;
    *(uint32_t *)(kpage + (sp - page)) = (uint32_t)argc;
    *esp = sp;
    return 0;
}

int proc_exec(const char *path, char *const argv[], int argc, struct trapframe *tf)
{
    struct proc *p = current;
    int err;
    struct fsnode *node = fs_lookup(path, p->cwd, p->root, &err);
    if (!node)
        return err;
    if (node->type != RMX_S_FILE)
        return -EISDIR;
    uint32_t pd = vm_create();
    if (!pd)
        return -ENOMEM;
    struct vma vmas[NVMA];
    memset(vmas, 0, sizeof vmas);
    uint32_t entry = 0, end = 0, esp = 0;
    err = elf_load(node->data, node->size, pd, vmas, &entry, &end);
    if (err == 0)
        err = vma_add(vmas, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, VMA_STACK | VMA_WRITE);
    if (err == 0)
        err = vma_add(vmas, end, end, VMA_HEAP | VMA_WRITE);
    if (err == 0)
        err = build_stack(pd, argv, argc, &esp);
    if (err < 0) {
        vm_destroy(pd);
        return err;
    }

    /* Point of no return: the old program is gone. */
    const char *base = strrchr(path, '/');
    strlcpy(p->name, base ? base + 1 : path, sizeof p->name);
    uint32_t old = p->pd;
    p->pd = pd;
    memcpy(p->vmas, vmas, sizeof vmas);
    p->heap_start = p->brk = end;
    vm_switch(pd);
    if (old)
        vm_destroy(old);

    memset(tf, 0, sizeof *tf);
    tf->eip = entry;
    tf->user_esp = esp;
    tf->cs = SEL_UCODE;
    tf->ds = tf->es = tf->fs = tf->gs = tf->user_ss = SEL_UDATA;
    tf->eflags = EFLAGS_IF | 0x2;   /* interrupts on, IOPL 0 (bit 1 always reads 1) */
    return 0;
}
