/*
 * System calls: int 0x80, EAX = number (rmx/abi.h), arguments in EBX, ECX, EDX, ESI, EDI,
 * result in EAX (negative: -errno). Pointers from user space are never trusted: every access
 * goes through copy_from_user / copy_to_user / user_range_ok, which check the process's regions.
 */
#include "kernel.h"
#include "arch/cpu_ops.h"
#include "dev/tty.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/pmm.h"
#include "proc.h"
#include "syscall.h"

uint32_t boot_epoch;

#define A1 (tf->ebx)
#define A2 (tf->ecx)
#define A3 (tf->edx)

typedef int (*syscall_fn)(struct trapframe *tf);

static struct file *fd_file(uint32_t fd)
{
    return fd < NOFILE ? current->files[fd] : 0;
}

static int fd_install(struct file *f)
{
    for (int fd = 0; fd < NOFILE; fd++) {
        if (!current->files[fd]) {
            current->files[fd] = f;
            return fd;
        }
    }
    return -EMFILE;
}

static int user_path(uint32_t upath, char *path)
{
    int n = copy_string_from_user(path, (const char *)upath, RMX_PATH_MAX);
    if (n == 0)
        return -ENOENT;
    return n < 0 ? n : 0;
}

static int sys_exit(struct trapframe *tf)
{
    proc_exit(W_EXITCODE(A1));
}

static int sys_fork(struct trapframe *tf)
{
    return proc_fork(tf);
}

static int sys_read(struct trapframe *tf)
{
    struct file *f = fd_file(A1);
    return f ? file_read(f, (char *)A2, A3) : -EBADF;
}

static int sys_write(struct trapframe *tf)
{
    struct file *f = fd_file(A1);
    return f ? file_write(f, (const char *)A2, A3) : -EBADF;
}

static int sys_open(struct trapframe *tf)
{
    char path[RMX_PATH_MAX];
    int err = user_path(A1, path);
    if (err < 0)
        return err;
    struct fsnode *node = fs_lookup(path, current->cwd, current->root, &err);
    if (!node)
        return err;
    struct file *f = file_open_node(node);
    if (!f)
        return -ENFILE;
    int fd = fd_install(f);
    if (fd < 0)
        file_close(f);
    return fd;
}

static int sys_close(struct trapframe *tf)
{
    struct file *f = fd_file(A1);
    if (!f)
        return -EBADF;
    current->files[A1] = 0;
    file_close(f);
    return 0;
}

static int sys_waitpid(struct trapframe *tf)
{
    return proc_wait((int)A1, (int *)A2, (int)A3);
}

/* exec(path, argv): path and argument strings are copied into a scratch page first, because
   the address space they live in is about to disappear. */
static int sys_exec(struct trapframe *tf)
{
    uint32_t page = pmm_alloc();
    if (!page)
        return -ENOMEM;
    char *scratch = P2V(page), *path = scratch, *strings = scratch + RMX_PATH_MAX;
    char *argv[32];
    int argc = 0, err = user_path(A1, path);
    size_t used = 0, room = PAGE_SIZE - RMX_PATH_MAX;
    for (uint32_t uargv = A2; err == 0 && uargv; uargv += 4) {
        uint32_t uarg;
        if (copy_from_user(&uarg, (const void *)uargv, 4) < 0) {
            err = -EFAULT;
            break;
        }
        if (!uarg)
            break;
        if (argc == (int)ARRAY_SIZE(argv) - 1) {
            err = -EINVAL;
            break;
        }
        int n = copy_string_from_user(strings + used, (const char *)uarg, room - used);
        if (n < 0) {
            err = n == -ENAMETOOLONG ? -EINVAL : n;
            break;
        }
        argv[argc++] = strings + used;
        used += (size_t)n + 1;
    }
    if (err == 0 && argc == 0)
        argv[argc++] = path;        /* argv[0] at least */
    argv[argc] = 0;
    if (err == 0)
        err = proc_exec(path, argv, argc, tf);
    pmm_free(page);
    return err;
}

static int sys_getpid(struct trapframe *tf)
{
    (void)tf;
    return proc_visible_pid(current);
}

static int sys_getppid(struct trapframe *tf)
{
    (void)tf;
    return proc_visible_pid(current->parent);
}

static int sys_sleep(struct trapframe *tf)
{
    uint32_t ms = A1 > 86400000u ? 86400000u : A1;   /* at most a day */
    return sleep_ticks((ms + 1000 / HZ - 1) / (1000 / HZ));
}

static int sys_yield(struct trapframe *tf)
{
    (void)tf;
    yield();
    return 0;
}

static int sys_uname(struct trapframe *tf)
{
    struct rmx_utsname u;
    memset(&u, 0, sizeof u);
    strlcpy(u.sysname, "rmx", sizeof u.sysname);
    strlcpy(u.nodename, current->uts->hostname, sizeof u.nodename);
    strlcpy(u.release, RMX_RELEASE, sizeof u.release);
    strlcpy(u.version, RMX_VERSION, sizeof u.version);
    strlcpy(u.machine, "i386", sizeof u.machine);
    return copy_to_user((void *)A1, &u, sizeof u);
}

static int sys_sethostname(struct trapframe *tf)
{
    char name[RMX_HOST_MAX + 1];
    if (A2 == 0 || A2 > RMX_HOST_MAX)
        return -EINVAL;
    if (copy_from_user(name, (const void *)A1, A2) < 0)
        return -EFAULT;
    for (uint32_t i = 0; i < A2; i++)
        if (name[i] <= ' ' || name[i] > '~')
            return -EINVAL;
    name[A2] = 0;
    strlcpy(current->uts->hostname, name, sizeof current->uts->hostname);
    return 0;
}

static int sys_kill(struct trapframe *tf)
{
    return proc_kill((int)A1, (int)A2);
}

static int sys_time(struct trapframe *tf)
{
    (void)tf;
    return (int)(boot_epoch + ticks / HZ);
}

static int sys_uptime(struct trapframe *tf)
{
    (void)tf;
    return (int)ticks;
}

static struct vma *heap_vma(void)
{
    for (int i = 0; i < NVMA; i++)
        if (current->vmas[i].flags & VMA_HEAP)
            return &current->vmas[i];
    return 0;
}

/* brk(end): moves the end of the heap. Pages come on first touch; shrinking frees them. */
static int sys_brk(struct trapframe *tf)
{
    struct proc *p = current;
    struct vma *heap = heap_vma();
    if (A1 == 0 || !heap)
        return (int)p->brk;
    if (A1 < p->heap_start || A1 > USER_MMAP_BASE)
        return -ENOMEM;
    uint32_t new_end = PAGE_UP(A1);
    if (new_end < heap->end)
        vm_unmap_range(p->pd, new_end, heap->end);
    heap->end = new_end;
    p->brk = A1;
    return (int)p->brk;
}

/* mmap(0, len, flags): anonymous memory at the lowest free address of the mmap area. */
static int sys_mmap(struct trapframe *tf)
{
    struct proc *p = current;
    uint32_t len = PAGE_UP(A2), flags = A3;
    if (len == 0 || len > USER_MMAP_END - USER_MMAP_BASE)
        return -EINVAL;
    uint32_t at = USER_MMAP_BASE;
    for (int moved = 1; moved;) {
        moved = 0;
        for (int i = 0; i < NVMA; i++) {
            struct vma *v = &p->vmas[i];
            if (v->end && at < v->end && v->start < at + len) {
                at = v->end;
                moved = 1;
            }
        }
    }
    if (at + len > USER_MMAP_END || at + len < at)
        return -ENOMEM;
    uint32_t vflags = VMA_MMAP | ((flags & MAP_WRITE) ? VMA_WRITE : 0);
    if (vma_add(p->vmas, at, at + len, vflags) < 0)
        return -ENOMEM;
    if (flags & MAP_POPULATE) {
        struct vma *v = vma_find(p, at);
        for (uint32_t va = at; va < at + len; va += PAGE_SIZE) {
            if (vm_map_new(p->pd, va, vma_pte_flags(v)) < 0) {
                vm_unmap_range(p->pd, at, va);
                vma_remove(v);
                return -ENOMEM;
            }
        }
    }
    return (int)at;
}

/* munmap(addr, len): removes a whole region made by mmap. */
static int sys_munmap(struct trapframe *tf)
{
    struct vma *v = vma_find(current, A1);
    if (!v || !(v->flags & VMA_MMAP) || v->start != A1 || v->end != A1 + PAGE_UP(A2))
        return -EINVAL;
    vm_unmap_range(current->pd, v->start, v->end);
    vma_remove(v);
    return 0;
}

static int sys_pipe(struct trapframe *tf)
{
    int fds[2];
    struct file *r, *w;
    if (user_range_ok((void *)A1, sizeof fds, 1) < 0)
        return -EFAULT;
    int err = file_pipe(&r, &w);
    if (err < 0)
        return err;
    fds[0] = fd_install(r);
    fds[1] = fds[0] < 0 ? -EMFILE : fd_install(w);
    if (fds[1] < 0) {
        if (fds[0] >= 0)
            current->files[fds[0]] = 0;
        file_close(r);
        file_close(w);
        return -EMFILE;
    }
    return copy_to_user((void *)A1, fds, sizeof fds);
}

static int sys_readdir(struct trapframe *tf)
{
    struct file *f = fd_file(A1);
    if (!f || f->type != F_NODE)
        return -EBADF;
    if (f->node->type != RMX_S_DIR)
        return -ENOTDIR;
    struct fsnode *c = fs_child_at(f->node, f->offset);
    if (!c)
        return 0;
    struct rmx_dirent d;
    memset(&d, 0, sizeof d);
    d.type = c->type;
    d.size = c->size;
    strlcpy(d.name, c->name, sizeof d.name);
    if (copy_to_user((void *)A2, &d, sizeof d) < 0)
        return -EFAULT;
    f->offset++;
    return 1;
}

static int sys_chdir(struct trapframe *tf)
{
    char path[RMX_PATH_MAX];
    int err = user_path(A1, path);
    if (err < 0)
        return err;
    struct fsnode *n = fs_lookup(path, current->cwd, current->root, &err);
    if (!n)
        return err;
    if (n->type != RMX_S_DIR)
        return -ENOTDIR;
    current->cwd = n;
    return 0;
}

static int sys_getcwd(struct trapframe *tf)
{
    char path[RMX_PATH_MAX];
    int n = fs_path(current->cwd, current->root, path, sizeof path);
    if (n < 0)
        return n;
    if ((uint32_t)n + 1 > A2)
        return -ERANGE;
    return copy_to_user((void *)A1, path, (size_t)n + 1) < 0 ? -EFAULT : n;
}

static int sys_stat(struct trapframe *tf)
{
    char path[RMX_PATH_MAX];
    int err = user_path(A1, path);
    if (err < 0)
        return err;
    struct fsnode *n = fs_lookup(path, current->cwd, current->root, &err);
    if (!n)
        return err;
    struct rmx_stat st = { n->type, n->size, n->mode };
    return copy_to_user((void *)A2, &st, sizeof st);
}

static int sys_procinfo(struct trapframe *tf)
{
    struct rmx_procinfo info;
    int r = proc_info((int)A1, &info);
    if (r < 0)
        return r;
    return copy_to_user((void *)A2, &info, sizeof info) < 0 ? -EFAULT : r;
}

static int sys_ringcheck(struct trapframe *tf)
{
    struct rmx_ringcheck r;
    ringcheck_probe(&r);
    return copy_to_user((void *)A1, &r, sizeof r);
}

/* portio(port, value, count): the kernel writes value to the port count times. Only the POST
   port 0x80 (which does nothing but show the value): it is there for iobench. */
static int sys_portio(struct trapframe *tf)
{
    if (A1 != 0x80)
        return -EPERM;
    if (A3 > 0x7FFFFFFFu)
        return -EINVAL;
    for (uint32_t i = 0; i < A3; i++) {
        if ((i & 0xFFF) == 0 && current->killed)
            return -EINTR;          /* Ctrl-C works even for a very large count */
        outb(0x80, (uint8_t)A2);
    }
    return (int)A3;
}

static int sys_poweroff(struct trapframe *tf)
{
    kprintf("rmx: power off\n");
    machine_poweroff((int)(A1 & 0xFF));
}

static int sys_setfg(struct trapframe *tf)
{
    tty_set_foreground((int)A1);
    return 0;
}

static int sys_dup2(struct trapframe *tf)
{
    struct file *f = fd_file(A1);
    if (!f || A2 >= NOFILE)
        return -EBADF;
    if (A1 == A2)
        return (int)A2;
    if (current->files[A2])
        file_close(current->files[A2]);
    current->files[A2] = file_dup(f);
    return (int)A2;
}

static const syscall_fn syscalls[SYS_COUNT] = {
    [SYS_exit] = sys_exit,         [SYS_fork] = sys_fork,         [SYS_read] = sys_read,
    [SYS_write] = sys_write,       [SYS_open] = sys_open,         [SYS_close] = sys_close,
    [SYS_waitpid] = sys_waitpid,   [SYS_exec] = sys_exec,         [SYS_getpid] = sys_getpid,
    [SYS_getppid] = sys_getppid,   [SYS_sleep] = sys_sleep,       [SYS_yield] = sys_yield,
    [SYS_uname] = sys_uname,       [SYS_sethostname] = sys_sethostname,
    [SYS_kill] = sys_kill,         [SYS_time] = sys_time,         [SYS_uptime] = sys_uptime,
    [SYS_brk] = sys_brk,           [SYS_mmap] = sys_mmap,         [SYS_munmap] = sys_munmap,
    [SYS_pipe] = sys_pipe,         [SYS_readdir] = sys_readdir,   [SYS_chdir] = sys_chdir,
    [SYS_getcwd] = sys_getcwd,     [SYS_stat] = sys_stat,         [SYS_procinfo] = sys_procinfo,
    [SYS_ringcheck] = sys_ringcheck, [SYS_portio] = sys_portio,   [SYS_poweroff] = sys_poweroff,
    [SYS_setfg] = sys_setfg,       [SYS_dup2] = sys_dup2,
};

void syscall_dispatch(struct trapframe *tf)
{
    uint32_t n = tf->eax;
    if (n >= SYS_COUNT || !syscalls[n]) {
        tf->eax = (uint32_t)-ENOSYS;
        return;
    }
    tf->eax = (uint32_t)syscalls[n](tf);
}
