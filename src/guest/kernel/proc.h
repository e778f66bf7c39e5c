/*
 * Processes. The process table is a fixed array; a process is one address space, one kernel
 * stack and one thread of control, as in classic Unix.
 *
 * Designed for the container technique of a later issue: what a container isolates hangs off
 * the process, behind pointers that today all point to the one global instance -
 *   root  the directory "/" resolves to (a per-container root directory),
 *   uts   the host name (a UTS namespace),
 * and getpid() goes through proc_visible_pid(), the one place a PID namespace would translate.
 */
#ifndef RMX_PROC_H
#define RMX_PROC_H

#include <stdint.h>
#include <rmx/abi.h>
#include "arch/trap.h"
#include "mm/vmm.h"

#define NPROC 64
#define NOFILE 16                   /* open files per process */
#define KSTACK_PAGES 2              /* 8 KiB kernel stack per process */
#define TIMESLICE 5                 /* ticks a process runs before the next one gets the CPU */

enum proc_state { P_UNUSED, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

struct file;
struct fsnode;

struct uts_namespace {
    char hostname[RMX_HOST_MAX + 1];
};

struct proc {
    enum proc_state state;
    int pid;
    char name[16];                  /* program name, for ps and kernel messages */
    struct proc *parent;
    int killed;                     /* pending signal: dies on its way back to ring 3 */
    int status;                     /* wait status once it is a zombie */

    const void *chan;               /* what it sleeps on (sleep_on / wakeup) */
    const char *wchan;              /* the same, in words, for ps */
    uint32_t wake_tick;             /* sleep(): wake at this tick */

    uint32_t pd;                    /* physical address of the page directory (CR3) */
    uint32_t kstack;                /* kernel stack: KSTACK_PAGES pages at this address */
    uint32_t context;               /* saved kernel ESP while switched out (swtch) */
    struct trapframe *tf;           /* user registers, at the top of the kernel stack */
    struct vma vmas[NVMA];
    uint32_t heap_start, brk;

    struct file *files[NOFILE];
    struct fsnode *cwd, *root;
    struct uts_namespace *uts;

    uint32_t ticks;                 /* ticks spent running */
    int slice;                      /* ticks left of its time slice */
};

extern struct proc ptable[NPROC];
extern struct proc *current;        /* the running process, 0 in the scheduler */
extern volatile uint32_t ticks;     /* timer interrupts since boot */
extern struct uts_namespace init_uts;

/* proc.c */
void proc_init(void);
struct proc *proc_create_init(const char *path);
int proc_fork(struct trapframe *tf);
__attribute__((noreturn)) void proc_exit(int status);
int proc_wait(int pid, int *ustatus, int options);
int proc_kill(int pid, int sig);
int proc_visible_pid(const struct proc *p);
struct proc *proc_by_pid(int pid);
void proc_return_to_user(struct trapframe *tf);
__attribute__((noreturn)) void proc_die(int sig, const char *fmt, ...);
int proc_info(int slot, struct rmx_procinfo *out);

/* exec.c */
int proc_exec(const char *path, char *const argv[], int argc, struct trapframe *tf);

/* sched.c */
__attribute__((noreturn)) void scheduler(void);
void sched(void);
void yield(void);
void yield_to(struct proc *p);
void sleep_on(const void *chan, const char *what);
void wakeup(const void *chan);
int sleep_ticks(uint32_t n);
void timer_tick(void);

#endif
