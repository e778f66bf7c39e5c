/*
 * The rmx ABI: everything user programs and the kernel agree on.
 *
 * System calls: `int 0x80` with EAX = number and arguments in EBX, ECX, EDX, ESI, EDI
 * (first to fifth). The result comes back in EAX; a value in -4095..-1 is -errno.
 * The gate is a 386 trap gate with DPL 3, so ring 3 may use it and interrupts stay enabled.
 */
#ifndef RMX_ABI_H
#define RMX_ABI_H

#include <stdint.h>

#define SYS_exit         1  /* exit(status)                          never returns        */
#define SYS_fork         2  /* fork()                                child pid / 0        */
#define SYS_read         3  /* read(fd, buf, n)                      bytes read           */
#define SYS_write        4  /* write(fd, buf, n)                     bytes written        */
#define SYS_open         5  /* open(path, flags)                     fd                   */
#define SYS_close        6  /* close(fd)                                                  */
#define SYS_waitpid      7  /* waitpid(pid or -1, &status, options)  pid                  */
#define SYS_exec         8  /* exec(path, argv)                      only on error        */
#define SYS_getpid       9  /* getpid()                                                   */
#define SYS_getppid     10  /* getppid()                                                  */
#define SYS_sleep       11  /* sleep(milliseconds)                                        */
#define SYS_yield       12  /* yield()                                                    */
#define SYS_uname       13  /* uname(struct rmx_utsname *)                                */
#define SYS_sethostname 14  /* sethostname(name, len)                                     */
#define SYS_kill        15  /* kill(pid, signal)                                          */
#define SYS_time        16  /* time()                                seconds since 1970   */
#define SYS_uptime      17  /* uptime()                              ticks since boot     */
#define SYS_brk         18  /* brk(new end or 0)                     current end          */
#define SYS_mmap        19  /* mmap(0, len, flags)                   address              */
#define SYS_munmap      20  /* munmap(addr, len)                                          */
#define SYS_pipe        21  /* pipe(int fds[2])                                           */
#define SYS_readdir     22  /* readdir(fd, struct rmx_dirent *)      1 entry, 0 at end    */
#define SYS_chdir       23  /* chdir(path)                                                */
#define SYS_getcwd      24  /* getcwd(buf, size)                     length               */
#define SYS_stat        25  /* stat(path, struct rmx_stat *)                              */
#define SYS_procinfo    26  /* procinfo(slot, struct rmx_procinfo *) 1, 0 = free slot     */
#define SYS_ringcheck   27  /* ringcheck(struct rmx_ringcheck *)                          */
#define SYS_portio      28  /* portio(port, value, count): outb count times (port 0x80)  */
#define SYS_poweroff    29  /* poweroff(code): isa-debug-exit, then halt                  */
#define SYS_setfg       30  /* setfg(pid): the process Ctrl-C kills (0: none)             */
#define SYS_dup2        31  /* dup2(oldfd, newfd)                                         */
#define SYS_COUNT       32

#define HZ 100              /* timer interrupts (ticks) per second */

/* errno values (Linux numbering, so they look familiar). */
#define EPERM    1
#define ENOENT   2
#define ESRCH    3
#define EINTR    4
#define ENOEXEC  8
#define EBADF    9
#define ECHILD  10
#define EAGAIN  11
#define ENOMEM  12
#define EFAULT  14
#define EBUSY   16
#define ENOTDIR 20
#define EISDIR  21
#define EINVAL  22
#define ENFILE  23
#define EMFILE  24
#define ENOSPC  28
#define EROFS   30
#define EPIPE   32
#define ERANGE  34
#define ENAMETOOLONG 36
#define ENOSYS  38

/* Signals: rmx has no handlers; every signal kills. The number ends up in the wait status. */
#define SIGINT   2
#define SIGILL   4
#define SIGTRAP  5
#define SIGFPE   8
#define SIGKILL  9
#define SIGSEGV 11
#define SIGTERM 15

/* Wait status, as in Unix: exit code in bits 8..15, or the killing signal in bits 0..6. */
#define W_EXITCODE(code) (((code) & 0xff) << 8)
#define WIFEXITED(s)   (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WNOHANG 1

/* open() flags: the file system is read-only, so only reading exists. */
#define O_RDONLY 0

/* mmap() flags. Memory is always readable and user-accessible. */
#define MAP_WRITE    1      /* writable */
#define MAP_POPULATE 2      /* allocate and map every page now instead of on first touch */

/* poweroff() codes: written to the isa-debug-exit port 0x501; QEMU exits with (v << 1) | 1. */
#define POWEROFF_OK    0    /* QEMU exit code 1 */
#define POWEROFF_PANIC 1    /* QEMU exit code 3: used by the kernel's panic() */

/* User address space (see the kernel's mm/vmm.h for the whole map). */
#define USER_BASE       0x00400000u  /* programs are linked here; below is a 4 MiB null guard */
#define USER_MMAP_BASE  0x40000000u  /* anonymous mmap() regions */
#define USER_MMAP_END   0xB0000000u
#define USER_STACK_TOP  0xC0000000u  /* the stack grows down from here */
#define USER_STACK_SIZE 0x00100000u  /* 1 MiB, pages allocated on first touch */

#define RMX_NAME_MAX 32             /* longest file name component */
#define RMX_PATH_MAX 128
#define RMX_HOST_MAX 32

struct rmx_utsname {
    char sysname[16];               /* "rmx" */
    char nodename[RMX_HOST_MAX + 1];/* the host name */
    char release[16];               /* "0.1" */
    char version[32];
    char machine[16];               /* "i386" */
};

#define RMX_S_FILE 1
#define RMX_S_DIR  2
struct rmx_stat {
    uint32_t type;                  /* RMX_S_FILE or RMX_S_DIR */
    uint32_t size;                  /* bytes (files) or entries (directories) */
    uint32_t mode;                  /* Unix permission bits, e.g. 0755 */
};

struct rmx_dirent {
    uint32_t type;                  /* RMX_S_FILE or RMX_S_DIR */
    uint32_t size;
    char name[RMX_NAME_MAX + 1];
};

/* Process states as ps shows them. */
#define PS_RUNNING  'R'
#define PS_RUNNABLE 'r'
#define PS_SLEEPING 'S'
#define PS_ZOMBIE   'Z'

struct rmx_procinfo {
    int32_t pid, ppid;
    uint32_t state;                 /* one of PS_* */
    uint32_t ticks;                 /* timer ticks spent running */
    uint32_t pages;                 /* user pages mapped */
    char name[16];
    char wchan[12];                 /* what a sleeping process waits for */
};

/*
 * What the kernel saw when it probed its own privilege (SYS_ringcheck). Every probe is an
 * instruction that a ring-0 kernel can run; the "loaded" values are what the kernel put into
 * GDTR/IDTR/LDTR/TR at boot. Under trap-and-emulate (kernel in ring 1) several of them give
 * the host's answer instead: that is what ringcheck makes visible.
 */
struct rmx_ringcheck {
    uint32_t cs;                    /* MOV r, CS: RPL = bits 0..1 = current privilege level */
    uint32_t lar_cs;                /* LAR of CS: access rights (bits 8..23), 0 if ZF was clear */
    uint32_t lar_ok;                /* 1 if LAR set ZF */
    uint32_t smsw;                  /* SMSW r16: CR0 bits 0..15 (PE = bit 0) */
    uint32_t cr0;                   /* MOV r, CR0 (privileged): PE bit 0, WP bit 16, PG bit 31 */
    uint32_t gdt_base, gdt_limit;   /* SGDT */
    uint32_t idt_base, idt_limit;   /* SIDT */
    uint32_t ldt_sel, tr_sel;       /* SLDT, STR */
    uint32_t gdt_base_loaded, gdt_limit_loaded;
    uint32_t idt_base_loaded, idt_limit_loaded;
    uint32_t ldt_sel_loaded, tr_sel_loaded;
    uint32_t flags_entry;           /* PUSHF at entry to the probe (IF = bit 9, IOPL = bits 12..13) */
    uint32_t flags_after_cli;       /* PUSHF right after CLI */
    uint32_t flags_after_popf;      /* PUSHF after POPF of the flags saved before CLI */
    uint32_t timer_ticking;         /* 1 if a timer tick arrived after that POPF (HLT, up to 100 times) */
};

#define EFLAGS_IF   0x00000200u
#define EFLAGS_IOPL 0x00003000u

#endif
