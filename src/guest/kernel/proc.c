/* Processes: creation (the first one, fork), exit, wait, kill. */
#include "kernel.h"
#include "arch/cpu_ops.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/pmm.h"
#include "proc.h"

struct proc ptable[NPROC];
struct uts_namespace init_uts = { .hostname = "(none)" };
static int next_pid = 1;

void proc_first_run(void);          /* switch.asm */

void proc_init(void)
{
    if (boot_options.hostname[0])
        strlcpy(init_uts.hostname, boot_options.hostname, sizeof init_uts.hostname);
}

int proc_visible_pid(const struct proc *p)
{
    return p ? p->pid : 0;          /* a PID namespace would translate here */
}

struct proc *proc_by_pid(int pid)
{
    for (int i = 0; i < NPROC; i++)
        if (ptable[i].state != P_UNUSED && ptable[i].pid == pid)
            return &ptable[i];
    return 0;
}

/*
 * A new process slot with a kernel stack laid out for its first switch: at the top a
 * trapframe (filled in by the caller), below it what swtch() pops - EDI, ESI, EBX, EBP and a
 * return address, proc_first_run, which goes on to trap_return and IRET.
 */
static struct proc *proc_alloc(void)
{
    uint32_t flags = irq_save();
    struct proc *p = 0;
    for (int i = 0; i < NPROC; i++) {
        if (ptable[i].state == P_UNUSED) {
            p = &ptable[i];
            break;
        }
    }
    if (!p) {
        irq_restore(flags);
        return 0;
    }
    memset(p, 0, sizeof *p);
    p->state = P_EMBRYO;
    p->pid = next_pid++;
    irq_restore(flags);

    uint32_t stack = pmm_alloc_contig(KSTACK_PAGES);
    if (!stack) {
        p->state = P_UNUSED;
        return 0;
    }
    p->kstack = (uint32_t)P2V(stack);
    uint32_t sp = p->kstack + KSTACK_PAGES * PAGE_SIZE - sizeof(struct trapframe);
    p->tf = (struct trapframe *)sp;
    memset(p->tf, 0, sizeof *p->tf);
    uint32_t *s = (uint32_t *)sp;
    *--s = (uint32_t)proc_first_run;
    *--s = 0;                       /* EBP */
    *--s = 0;                       /* EBX */
    *--s = 0;                       /* ESI */
    *--s = 0;                       /* EDI */
    p->context = (uint32_t)s;
    p->uts = &init_uts;
    return p;
}

static void proc_free(struct proc *p)
{
    for (uint32_t i = 0; i < KSTACK_PAGES; i++)
        pmm_free(V2P(p->kstack) + i * PAGE_SIZE);
    p->state = P_UNUSED;
}

/* C part of a new process's first run (switch.asm: proc_first_run). */
void proc_first_entry(void)
{
    proc_return_to_user(current->tf);   /* interrupts are still off since the scheduler */
}

struct proc *proc_create_init(const char *path)
{
    struct proc *p = proc_alloc();
    if (!p)
        panic("no memory for the first process");
    p->cwd = p->root = fs_root();
    for (int fd = 0; fd < 3; fd++)
        p->files[fd] = file_open_tty();
    struct proc *saved = current;
    current = p;                    /* exec works on "the current process" */
    char *argv[] = { (char *)path, 0 };
    int err = proc_exec(path, argv, 1, p->tf);
    current = saved;
    if (err < 0)
        panic("cannot run %s (error %d)", path, err);
    p->state = P_RUNNABLE;
    return p;
}

int proc_fork(struct trapframe *tf)
{
    struct proc *parent = current, *child = proc_alloc();
    if (!child)
        return -EAGAIN;
    child->pd = vm_create();
    if (!child->pd || vm_copy(child->pd, parent->pd) < 0) {
        if (child->pd)
            vm_destroy(child->pd);
        proc_free(child);
        return -ENOMEM;
    }
    memcpy(child->vmas, parent->vmas, sizeof child->vmas);
    child->heap_start = parent->heap_start;
    child->brk = parent->brk;
    for (int fd = 0; fd < NOFILE; fd++)
        if (parent->files[fd])
            child->files[fd] = file_dup(parent->files[fd]);
    child->cwd = parent->cwd;
    child->root = parent->root;
    child->uts = parent->uts;
    memcpy(child->name, parent->name, sizeof child->name);
    *child->tf = *tf;
    child->tf->eax = 0;             /* fork() returns 0 in the child */
    child->parent = parent;
    uint32_t flags = irq_save();
    child->state = P_RUNNABLE;
    irq_restore(flags);
    /* The child runs first (like Linux's sched_child_runs_first): by the time the parent goes
       on, a child that is about to exec has done so - the shell's "cmd &" followed by ps shows
       the new program, never a half-started copy of the shell, however the timer falls. */
    int pid = child->pid;
    yield_to(child);
    return pid;
}

void proc_exit(int status)
{
    struct proc *p = current;
    if (p->pid == 1)
        panic("init (pid 1) exited with status 0x%x", status);
    for (int fd = 0; fd < NOFILE; fd++) {
        if (p->files[fd]) {
            file_close(p->files[fd]);
            p->files[fd] = 0;
        }
    }
    vm_switch(vm_kernel_pd());      /* leave the address space before freeing it */
    vm_destroy(p->pd);
    p->pd = vm_kernel_pd();

    irq_disable();                  /* for good: this process never runs again */
    struct proc *init = proc_by_pid(1);
    for (int i = 0; i < NPROC; i++) {
        if (ptable[i].parent == p) {
            ptable[i].parent = init;   /* orphans go to init, which reaps them */
            if (ptable[i].state == P_ZOMBIE)
                wakeup(init);
        }
    }
    p->status = status;
    p->state = P_ZOMBIE;
    wakeup(p->parent);
    sched();
    panic("zombie pid %d ran again", p->pid);
}

int proc_wait(int pid, int *ustatus, int options)
{
    if (ustatus && user_range_ok(ustatus, sizeof *ustatus, 1) < 0)
        return -EFAULT;
    uint32_t flags = irq_save();
    for (;;) {
        int children = 0;
        for (int i = 0; i < NPROC; i++) {
            struct proc *q = &ptable[i];
            if (q->state == P_UNUSED || q->parent != current || (pid > 0 && q->pid != pid))
                continue;
            children = 1;
            if (q->state == P_ZOMBIE) {
                int found = q->pid, status = q->status;
                proc_free(q);
                irq_restore(flags);
                if (ustatus)
                    copy_to_user(ustatus, &status, sizeof status);
                return found;
            }
        }
        if (!children) {
            irq_restore(flags);
            return -ECHILD;
        }
        if (options & WNOHANG) {
            irq_restore(flags);
            return 0;
        }
        if (current->killed) {
            irq_restore(flags);
            return -EINTR;
        }
        sleep_on(current, "wait");
    }
}

int proc_kill(int pid, int sig)
{
    if (sig < 0 || sig > 31)
        return -EINVAL;
    uint32_t flags = irq_save();
    struct proc *p = proc_by_pid(pid);
    int err = 0;
    if (!p || p->state == P_ZOMBIE || p->state == P_EMBRYO)
        err = -ESRCH;
    else if (p->pid == 1)
        err = -EPERM;               /* init cannot be killed */
    else if (sig) {
        p->killed = sig;
        if (p->state == P_SLEEPING)
            p->state = P_RUNNABLE;  /* it notices on its way out of the system call */
    }
    irq_restore(flags);
    return err;
}

/* Kills the current process for something it did: prints why, then exits with sig. */
void proc_die(int sig, const char *fmt, ...)
{
    char why[96];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    kprintf("killed: pid %d (%s): %s\n", proc_visible_pid(current), current->name, why);
    proc_exit(sig);
}

int proc_info(int slot, struct rmx_procinfo *out)
{
    if (slot < 0 || slot >= NPROC)
        return -EINVAL;
    struct proc *p = &ptable[slot];
    memset(out, 0, sizeof *out);
    if (p->state == P_UNUSED || p->state == P_EMBRYO)
        return 0;
    static const char states[] = { 0, 0, PS_RUNNABLE, PS_RUNNING, PS_SLEEPING, PS_ZOMBIE };
    out->pid = proc_visible_pid(p);
    out->ppid = proc_visible_pid(p->parent);
    out->state = (uint32_t)states[p->state];
    out->ticks = p->ticks;
    out->pages = p->state == P_ZOMBIE ? 0 : vm_user_pages(p->pd);
    strlcpy(out->name, p->name, sizeof out->name);
    if (p->state == P_SLEEPING && p->wchan)
        strlcpy(out->wchan, p->wchan, sizeof out->wchan);
    return 1;
}
