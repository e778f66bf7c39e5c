/* The open-file table: shared by all processes, referenced by their file descriptors. */
#include "../kernel.h"
#include "../arch/cpu_ops.h"
#include "../dev/tty.h"
#include "../mm/vmm.h"
#include "file.h"
#include "fs.h"

#define NFILE 128

static struct file files[NFILE];

static struct file *file_alloc(enum file_type type)
{
    uint32_t flags = irq_save();
    for (int i = 0; i < NFILE; i++) {
        if (files[i].type == F_FREE) {
            memset(&files[i], 0, sizeof files[i]);
            files[i].type = type;
            files[i].refs = 1;
            irq_restore(flags);
            return &files[i];
        }
    }
    irq_restore(flags);
    return 0;
}

struct file *file_open_tty(void)
{
    return file_alloc(F_TTY);
}

struct file *file_open_node(struct fsnode *node)
{
    struct file *f = file_alloc(F_NODE);
    if (f)
        f->node = node;
    return f;
}

struct file *file_dup(struct file *f)
{
    f->refs++;
    return f;
}

void file_close(struct file *f)
{
    if (--f->refs > 0)
        return;
    if (f->type == F_PIPE_READ || f->type == F_PIPE_WRITE)
        pipe_close(f->pipe, f->type == F_PIPE_WRITE);
    f->type = F_FREE;
}

int file_read(struct file *f, char *ubuf, size_t n)
{
    switch (f->type) {
    case F_TTY:
        return tty_read(ubuf, n);
    case F_PIPE_READ:
        return pipe_read(f->pipe, ubuf, n);
    case F_NODE:
        if (f->node->type == RMX_S_DIR)
            return -EISDIR;
        if (f->offset >= f->node->size)
            return 0;
        if (n > f->node->size - f->offset)
            n = f->node->size - f->offset;
        if (copy_to_user(ubuf, f->node->data + f->offset, n) < 0)
            return -EFAULT;
        f->offset += n;
        return (int)n;
    default:
        return -EBADF;
    }
}

int file_write(struct file *f, const char *ubuf, size_t n)
{
    switch (f->type) {
    case F_TTY:
        return tty_write(ubuf, n);
    case F_PIPE_WRITE:
        return pipe_write(f->pipe, ubuf, n);
    case F_NODE:
        return -EROFS;
    default:
        return -EBADF;
    }
}

int file_pipe(struct file **read_end, struct file **write_end)
{
    struct pipe *p = pipe_alloc();
    if (!p)
        return -ENFILE;
    *read_end = file_alloc(F_PIPE_READ);
    *write_end = file_alloc(F_PIPE_WRITE);
    if (!*read_end || !*write_end) {
        if (*read_end)
            (*read_end)->type = F_FREE;
        if (*write_end)
            (*write_end)->type = F_FREE;
        pipe_close(p, 0);
        pipe_close(p, 1);
        return -ENFILE;
    }
    (*read_end)->pipe = (*write_end)->pipe = p;
    return 0;
}
