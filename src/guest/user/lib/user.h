/*
 * The rmx user C library: system call wrappers, formatted output, strings. System calls return
 * -errno on failure (there is no global errno); strerror() names the error.
 */
#ifndef RMX_USER_H
#define RMX_USER_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <rmx/abi.h>
#include <rmx/string.h>
#include <rmx/fmt.h>

#define STDIN 0
#define STDOUT 1
#define STDERR 2

/* system calls (syscalls.c) */
__attribute__((noreturn)) void exit(int status);
int fork(void);
int read(int fd, void *buf, size_t n);
int write(int fd, const void *buf, size_t n);
int open(const char *path, int flags);
int close(int fd);
int waitpid(int pid, int *status, int options);
int exec(const char *path, char *const argv[]);
int getpid(void);
int getppid(void);
int msleep(unsigned ms);
int yield(void);
int uname(struct rmx_utsname *u);
int sethostname(const char *name, size_t len);
int kill(int pid, int sig);
uint32_t time(void);
uint32_t uptime(void);              /* timer ticks since boot (HZ per second) */
int brk(void *end);
void *sbrk(int increment);
void *mmap(size_t len, int flags);  /* returns (void *)-errno on failure: check with IS_ERR */
int munmap(void *addr, size_t len);
int pipe(int fds[2]);
int readdir(int fd, struct rmx_dirent *d);
int chdir(const char *path);
int getcwd(char *buf, size_t size);
int stat(const char *path, struct rmx_stat *st);
int procinfo(int slot, struct rmx_procinfo *info);
int ringcheck(struct rmx_ringcheck *r);
int portio(unsigned port, unsigned value, unsigned count);
__attribute__((noreturn)) void poweroff(int code);
int setfg(int pid);
int dup2(int oldfd, int newfd);

#define IS_ERR(p) ((uint32_t)(p) >= (uint32_t)-4095)

/* output (stdio.c) */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int puts(const char *s);            /* s and a newline */
int fputs(const char *s, int fd);
const char *strerror(int err);      /* err may be negative */

/* helpers for the workloads (bench.c) */
unsigned bench_count(int argc, char **argv, unsigned dflt);
void bench_report(const char *name, unsigned count, const char *what, uint32_t start_ticks);

#endif
