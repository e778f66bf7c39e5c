/* Open files: what a file descriptor refers to. */
#ifndef RMX_FILE_H
#define RMX_FILE_H

#include <stdint.h>
#include <stddef.h>

enum file_type { F_FREE, F_TTY, F_NODE, F_PIPE_READ, F_PIPE_WRITE };

struct pipe;
struct fsnode;

struct file {
    enum file_type type;
    int refs;                       /* descriptors (in all processes) that share it */
    struct fsnode *node;            /* F_NODE */
    uint32_t offset;                /* F_NODE: byte offset (files) or entry index (directories) */
    struct pipe *pipe;              /* F_PIPE_* */
};

struct file *file_open_tty(void);
struct file *file_open_node(struct fsnode *node);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
int file_read(struct file *f, char *ubuf, size_t n);
int file_write(struct file *f, const char *ubuf, size_t n);
int file_pipe(struct file **read_end, struct file **write_end);

/* pipe.c */
struct pipe *pipe_alloc(void);
void pipe_close(struct pipe *p, int writer);
int pipe_read(struct pipe *p, char *ubuf, size_t n);
int pipe_write(struct pipe *p, const char *ubuf, size_t n);

#endif
