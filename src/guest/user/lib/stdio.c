/* Formatted output to file descriptors, buffered per call so that one printf is one write. */
#include "user.h"

struct out {
    int fd;
    char buf[256];
    size_t len;
    int total;
};

static void flush(struct out *o)
{
    if (o->len)
        write(o->fd, o->buf, o->len);
    o->len = 0;
}

static void out_put(void *ctx, char c)
{
    struct out *o = ctx;
    if (o->len == sizeof o->buf)
        flush(o);
    o->buf[o->len++] = c;
    o->total++;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct out o = { .fd = fd };
    fmt_format(out_put, &o, fmt, ap);
    flush(&o);
    return o.total;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(STDOUT, fmt, ap);
    va_end(ap);
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int fputs(const char *s, int fd)
{
    return write(fd, s, strlen(s));
}

int puts(const char *s)
{
    return printf("%s\n", s);
}

const char *strerror(int err)
{
    switch (err < 0 ? -err : err) {
    case 0: return "success";
    case EPERM: return "operation not permitted";
    case ENOENT: return "no such file or directory";
    case ESRCH: return "no such process";
    case EINTR: return "interrupted";
    case ENOEXEC: return "not an executable";
    case EBADF: return "bad file descriptor";
    case ECHILD: return "no child processes";
    case EAGAIN: return "no free process slot";
    case ENOMEM: return "out of memory";
    case EFAULT: return "bad address";
    case ENOTDIR: return "not a directory";
    case EISDIR: return "is a directory";
    case EINVAL: return "invalid argument";
    case ENFILE: return "too many open files in the system";
    case EMFILE: return "too many open files";
    case EROFS: return "read-only file system";
    case EPIPE: return "broken pipe";
    case ERANGE: return "result too large";
    case ENAMETOOLONG: return "name too long";
    case ENOSYS: return "no such system call";
    default: return "unknown error";
    }
}
