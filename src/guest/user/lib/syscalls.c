/* System call stubs: int 0x80 with EAX = number, arguments in EBX, ECX, EDX. */
#include "user.h"

static inline int sys0(int n)
{
    int r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n) : "memory");
    return r;
}

static inline int sys1(int n, uint32_t a)
{
    int r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory");
    return r;
}

static inline int sys2(int n, uint32_t a, uint32_t b)
{
    int r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b) : "memory");
    return r;
}

static inline int sys3(int n, uint32_t a, uint32_t b, uint32_t c)
{
    int r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

#define U(x) ((uint32_t)(x))

void exit(int status) { sys1(SYS_exit, U(status)); for (;;) ; }
int fork(void) { return sys0(SYS_fork); }
int read(int fd, void *buf, size_t n) { return sys3(SYS_read, U(fd), U(buf), U(n)); }
int write(int fd, const void *buf, size_t n) { return sys3(SYS_write, U(fd), U(buf), U(n)); }
int open(const char *path, int flags) { return sys2(SYS_open, U(path), U(flags)); }
int close(int fd) { return sys1(SYS_close, U(fd)); }
int waitpid(int pid, int *status, int options) { return sys3(SYS_waitpid, U(pid), U(status), U(options)); }
int exec(const char *path, char *const argv[]) { return sys2(SYS_exec, U(path), U(argv)); }
int getpid(void) { return sys0(SYS_getpid); }
int getppid(void) { return sys0(SYS_getppid); }
int msleep(unsigned ms) { return sys1(SYS_sleep, ms); }
int yield(void) { return sys0(SYS_yield); }
int uname(struct rmx_utsname *u) { return sys1(SYS_uname, U(u)); }
int sethostname(const char *name, size_t len) { return sys2(SYS_sethostname, U(name), U(len)); }
int kill(int pid, int sig) { return sys2(SYS_kill, U(pid), U(sig)); }
uint32_t time(void) { return U(sys0(SYS_time)); }
uint32_t uptime(void) { return U(sys0(SYS_uptime)); }
int brk(void *end) { return sys1(SYS_brk, U(end)); }
void *mmap(size_t len, int flags) { return (void *)sys3(SYS_mmap, 0, U(len), U(flags)); }
int munmap(void *addr, size_t len) { return sys2(SYS_munmap, U(addr), U(len)); }
int pipe(int fds[2]) { return sys1(SYS_pipe, U(fds)); }
int readdir(int fd, struct rmx_dirent *d) { return sys2(SYS_readdir, U(fd), U(d)); }
int chdir(const char *path) { return sys1(SYS_chdir, U(path)); }
int getcwd(char *buf, size_t size) { return sys2(SYS_getcwd, U(buf), U(size)); }
int stat(const char *path, struct rmx_stat *st) { return sys2(SYS_stat, U(path), U(st)); }
int procinfo(int slot, struct rmx_procinfo *info) { return sys2(SYS_procinfo, U(slot), U(info)); }
int ringcheck(struct rmx_ringcheck *r) { return sys1(SYS_ringcheck, U(r)); }
int portio(unsigned port, unsigned value, unsigned count) { return sys3(SYS_portio, port, value, count); }
void poweroff(int code) { sys1(SYS_poweroff, U(code)); for (;;) ; }
int setfg(int pid) { return sys1(SYS_setfg, U(pid)); }
int dup2(int oldfd, int newfd) { return sys2(SYS_dup2, U(oldfd), U(newfd)); }

void *sbrk(int increment)
{
    uint32_t old = U(sys1(SYS_brk, 0));
    if (increment == 0)
        return (void *)old;
    int r = sys1(SYS_brk, old + U(increment));
    return r < 0 ? (void *)r : (void *)old;
}
