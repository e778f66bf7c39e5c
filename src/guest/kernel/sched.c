/*
 * The scheduler: preemptive round robin over the process table.
 *
 * The scheduler runs on the boot stack in its own loop; a process gives up the CPU by switching
 * to it (sched) and the scheduler switches to the next runnable process. Each process gets
 * TIMESLICE ticks; when the timer interrupt finds the slice used up it sets need_resched, and
 * the process yields on its way back to ring 3 (proc_return_to_user). The kernel itself is not
 * preemptible: a process in a system call runs until it blocks or returns, interrupts only run
 * their handlers. That is what makes the critical sections simple: only interrupt handlers can
 * interfere, and irq_save()/irq_restore() keep them out.
 *
 * sleep_on() and wakeup() must see a consistent process table: callers hold interrupts off
 * (irq_save) from checking their condition until sleep_on() has switched away, so a wakeup()
 * from an interrupt handler can never fall in between and be lost.
 */
#include "kernel.h"
#include "arch/cpu_ops.h"
#include "proc.h"

struct proc *current;
volatile uint32_t ticks;
static uint32_t scheduler_context;  /* the scheduler's saved ESP */
static int need_resched;
static uint32_t next_wake = 0xFFFFFFFFu;  /* earliest wake_tick of a sleep() */
static int last;                    /* index of the process that ran last */
static struct proc *prefer;         /* run this one next (yield_to) */

void swtch(uint32_t *save_esp, uint32_t new_esp);

void scheduler(void)
{
    for (;;) {
        irq_disable();
        struct proc *p = 0;
        if (prefer && prefer->state == P_RUNNABLE) {
            p = prefer;
            last = (int)(p - ptable);
        }
        prefer = 0;
        for (int i = 1; !p && i <= NPROC; i++) {
            struct proc *q = &ptable[(last + i) % NPROC];
            if (q->state == P_RUNNABLE) {
                p = q;
                last = (int)(q - ptable);
                break;
            }
        }
        if (!p) {
            cpu_idle();             /* nothing to run: sleep until the next interrupt */
            continue;
        }
        p->state = P_RUNNING;
        p->slice = TIMESLICE;
        need_resched = 0;
        current = p;
        cpu_set_kernel_stack(p->kstack + KSTACK_PAGES * PAGE_SIZE);
        vm_switch(p->pd);
        swtch(&scheduler_context, p->context);
        current = 0;                /* back from p: it blocked, yielded or exited */
    }
}

/* Switch to the scheduler. Interrupts must be off and current->state already changed. */
void sched(void)
{
    if (current->state == P_RUNNING)
        panic("sched: pid %d is still running", current->pid);
    swtch(&current->context, scheduler_context);
}

void yield(void)
{
    uint32_t flags = irq_save();
    current->state = P_RUNNABLE;
    sched();
    irq_restore(flags);
}

/* Gives the CPU to p right away (if it can run); the caller runs again in its normal turn. */
void yield_to(struct proc *p)
{
    uint32_t flags = irq_save();
    prefer = p;
    current->state = P_RUNNABLE;
    sched();
    irq_restore(flags);
}

void sleep_on(const void *chan, const char *what)
{
    current->chan = chan;
    current->wchan = what;
    current->state = P_SLEEPING;
    sched();
    current->chan = 0;
    current->wchan = 0;
}

void wakeup(const void *chan)
{
    uint32_t flags = irq_save();
    for (int i = 0; i < NPROC; i++)
        if (ptable[i].state == P_SLEEPING && ptable[i].chan == chan)
            ptable[i].state = P_RUNNABLE;
    irq_restore(flags);
}

static char sleep_chan;             /* what sleep() sleeps on */

int sleep_ticks(uint32_t n)
{
    uint32_t flags = irq_save();
    uint32_t wake = ticks + n;
    current->wake_tick = wake;
    if (wake < next_wake)
        next_wake = wake;
    while ((int32_t)(ticks - wake) < 0) {
        if (current->killed) {
            irq_restore(flags);
            return -EINTR;
        }
        sleep_on(&sleep_chan, "sleep");
    }
    irq_restore(flags);
    return 0;
}

/* IRQ 0, 100 times a second. */
void timer_tick(void)
{
    ticks++;
    if (current) {
        current->ticks++;
        if (--current->slice <= 0)
            need_resched = 1;
    }
    if ((int32_t)(ticks - next_wake) >= 0) {
        next_wake = 0xFFFFFFFFu;
        for (int i = 0; i < NPROC; i++) {
            struct proc *p = &ptable[i];
            if (p->state != P_SLEEPING || p->chan != &sleep_chan)
                continue;
            if ((int32_t)(ticks - p->wake_tick) >= 0)
                p->state = P_RUNNABLE;
            else if (p->wake_tick < next_wake)
                next_wake = p->wake_tick;
        }
    }
}

/* Last stop before ring 3 (after a trap from user mode, or a new process's first run). */
void proc_return_to_user(struct trapframe *tf)
{
    (void)tf;
    if (current->killed)
        proc_exit(current->killed);
    if (need_resched)
        yield();
    if (current->killed)
        proc_exit(current->killed);
}
