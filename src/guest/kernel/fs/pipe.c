/*
 * Pipes: a one-page ring buffer between a writing and a reading end. A reader of an empty pipe
 * sleeps until something is written (or every writer is gone: end of file); a writer of a full
 * pipe sleeps until something is read (or every reader is gone: EPIPE). ctxbench ping-pongs a
 * byte through two pipes, so every round trip is two sleeps, two wakeups, two context switches.
 */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "../mm/pmm.h"
#include "../mm/vmm.h"
#include "../proc.h"
#include "file.h"

#define NPIPE 16
#define PIPE_SIZE PAGE_SIZE

struct pipe {
    int used;
    char *buf;
    uint32_t head, tail;            /* free-running counters: head - tail bytes buffered */
    int readers, writers;
};

static struct pipe pipes[NPIPE];

struct pipe *pipe_alloc(void)
{
    for (int i = 0; i < NPIPE; i++) {
        struct pipe *p = &pipes[i];
        if (p->used)
            continue;
        uint32_t page = pmm_alloc();
        if (!page)
            return 0;
        memset(p, 0, sizeof *p);
        p->used = 1;
        p->buf = P2V(page);
        p->readers = p->writers = 1;
        return p;
    }
    return 0;
}

void pipe_close(struct pipe *p, int writer)
{
    uint32_t flags = irq_save();
    if (writer)
        p->writers--;
    else
        p->readers--;
    wakeup(p);
    if (p->readers == 0 && p->writers == 0) {
        pmm_free(V2P(p->buf));
        p->used = 0;
    }
    irq_restore(flags);
}

int pipe_read(struct pipe *p, char *ubuf, size_t n)
{
    if (user_range_ok(ubuf, n, 1) < 0)
        return -EFAULT;
    uint32_t flags = irq_save();
    while (p->head == p->tail && p->writers > 0) {
        if (current->killed) {
            irq_restore(flags);
            return -EINTR;
        }
        sleep_on(p, "pipe");
    }
    size_t got = 0;
    while (got < n && p->tail != p->head)
        ubuf[got++] = p->buf[p->tail++ % PIPE_SIZE];
    wakeup(p);
    irq_restore(flags);
    return (int)got;
}

int pipe_write(struct pipe *p, const char *ubuf, size_t n)
{
    if (user_range_ok(ubuf, n, 0) < 0)
        return -EFAULT;
    uint32_t flags = irq_save();
    size_t put = 0;
    while (put < n) {
        if (p->readers == 0) {
            irq_restore(flags);
            return put ? (int)put : -EPIPE;
        }
        if (p->head - p->tail == PIPE_SIZE) {
            wakeup(p);
            if (current->killed) {
                irq_restore(flags);
                return put ? (int)put : -EINTR;
            }
            sleep_on(p, "pipe");
            continue;
        }
        p->buf[p->head++ % PIPE_SIZE] = ubuf[put++];
    }
    wakeup(p);
    irq_restore(flags);
    return (int)put;
}
