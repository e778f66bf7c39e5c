/*
 * sh: the rmx shell. Reads raw bytes from the tty (keyboard and serial line alike), edits the
 * line itself - Backspace, Ctrl-U, history with the up/down arrows (ESC [ A / ESC [ B) - and
 * echoes what it reads, then runs the command: a builtin, or /bin/NAME in a child process
 * (fork + exec + waitpid). "cmd &" runs it in the background.
 */
#include "lib/user.h"

#define LINE_MAX 160
#define MAX_ARGS 16
#define HISTORY 16
#define MAX_JOBS 8

static char history[HISTORY][LINE_MAX];
static int history_len;             /* entries used; the newest is history[(history_len-1) % HISTORY] */

struct job {
    int pid;
    char name[16];
};
static struct job jobs[MAX_JOBS];

/* ---- input ------------------------------------------------------------------------------- */

/* One byte per read(): whatever the shell has not read yet stays in the kernel's tty buffer,
   for the program it starts or for the next shell. */
static int getch(void)
{
    unsigned char c;
    return read(STDIN, &c, 1) == 1 ? c : -1;
}

static void echo(const char *s, int n)
{
    write(STDOUT, s, (size_t)n);
}

static void erase(int n)            /* erase n characters left of the cursor */
{
    for (int i = 0; i < n; i++)
        echo("\b \b", 3);
}

/* Reads one line into buf; returns its length, or -1 at end of input (Ctrl-D on an empty line). */
static int readline(char *buf)
{
    static int after_cr;            /* swallow the LF of a CR LF pair */
    int len = 0, hist = history_len; /* hist: the history entry shown, history_len = the new line */
    char saved[LINE_MAX];           /* the new line while browsing history */
    saved[0] = 0;
    for (;;) {
        int c = getch();
        if (c < 0)
            return -1;
        if (c == '\n' && after_cr) {
            after_cr = 0;
            continue;
        }
        after_cr = c == '\r';
        if (c == '\r' || c == '\n') {
            echo("\n", 1);
            buf[len] = 0;
            return len;
        }
        if (c == 0x7f || c == '\b') {
            if (len > 0) {
                len--;
                erase(1);
            }
        } else if (c == 0x15) {     /* Ctrl-U: kill the line */
            erase(len);
            len = 0;
        } else if (c == 0x04) {     /* Ctrl-D */
            if (len == 0) {
                echo("exit\n", 5);
                return -1;
            }
        } else if (c == 0x1b) {     /* ESC [ X or ESC O X: a cursor key */
            int c1 = getch(), c2 = c1 == '[' || c1 == 'O' ? getch() : -1;
            int to = hist;
            if (c2 == 'A' && hist > 0 && hist > history_len - HISTORY)
                to = hist - 1;
            else if (c2 == 'B' && hist < history_len)
                to = hist + 1;
            if (to != hist) {
                buf[len] = 0;
                if (hist == history_len)
                    strlcpy(saved, buf, sizeof saved);
                hist = to;
                erase(len);
                strlcpy(buf, hist == history_len ? saved : history[hist % HISTORY], LINE_MAX);
                len = (int)strlen(buf);
                echo(buf, len);
            }
        } else if (c >= ' ' && c < 0x7f && len < LINE_MAX - 1) {
            buf[len++] = (char)c;
            echo(&buf[len - 1], 1);
        }
    }
}

static void remember(const char *line)
{
    if (history_len > 0 && strcmp(history[(history_len - 1) % HISTORY], line) == 0)
        return;
    strlcpy(history[history_len % HISTORY], line, LINE_MAX);
    history_len++;
}

/* ---- parsing ----------------------------------------------------------------------------- */

/* Splits line (in place) into words; "..." and '...' group. Returns the word count, or -1. */
static int split(char *line, char **argv, int *background)
{
    int argc = 0;
    char *r = line, *w = line;
    *background = 0;
    for (;;) {
        while (*r == ' ' || *r == '\t')
            r++;
        if (!*r)
            break;
        if (argc == MAX_ARGS) {
            printf("sh: too many arguments\n");
            return -1;
        }
        argv[argc++] = w;
        while (*r && *r != ' ' && *r != '\t') {
            if (*r == '"' || *r == '\'') {
                char q = *r++;
                while (*r && *r != q)
                    *w++ = *r++;
                if (!*r) {
                    printf("sh: unterminated %c\n", q);
                    return -1;
                }
                r++;
            } else {
                *w++ = *r++;
            }
        }
        if (*r)
            r++;
        *w++ = 0;
    }
    if (argc > 0 && strcmp(argv[argc - 1], "&") == 0) {
        *background = 1;
        argc--;
    } else if (argc > 0) {
        size_t n = strlen(argv[argc - 1]);
        if (n > 1 && argv[argc - 1][n - 1] == '&') {
            argv[argc - 1][n - 1] = 0;
            *background = 1;
        }
    }
    argv[argc] = 0;
    return argc;
}

/* ---- jobs -------------------------------------------------------------------------------- */

static void report(int slot, int status)
{
    if (WIFSIGNALED(status))
        printf("[%d] %d killed (signal %d)  %s\n", slot + 1, jobs[slot].pid, WTERMSIG(status), jobs[slot].name);
    else
        printf("[%d] %d done (exit %d)  %s\n", slot + 1, jobs[slot].pid, WEXITSTATUS(status), jobs[slot].name);
    jobs[slot].pid = 0;
}

static int job_slot(int pid)
{
    for (int i = 0; i < MAX_JOBS; i++)
        if (jobs[i].pid == pid)
            return i;
    return -1;
}

static void reap_jobs(void)
{
    int status, pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        int slot = job_slot(pid);
        if (slot >= 0)
            report(slot, status);
    }
}

/* ---- builtins ---------------------------------------------------------------------------- */

static void help(void)
{
    printf("builtins:  cd DIR, pwd, history, jobs, kill [-SIGNAL] PID|%%JOB, help, exit [CODE],\n"
           "           shutdown (or poweroff) [CODE]: isa-debug-exit, exit code (CODE << 1) | 1\n"
           "programs:  ls [-l] [PATH], cat FILE..., echo WORDS, ps, uname [-a], hostname [NAME],\n"
           "           date, sleep SECONDS, ringcheck,\n"
           "           crashme [write|read|null|text|cli|int|io|hlt|div|ud],\n"
           "           spin (burns CPU: run it with &)\n"
           "workloads: sysbench N (getpid calls), pfbench N (page faults on fresh pages),\n"
           "           ptbench N (map/unmap: page-table updates), ctxbench N (pipe ping-pong),\n"
           "           iobench N (port 0x80 writes), cpubench N (primes)\n"
           "keys:      Backspace, Ctrl-U (erase line), Up/Down (history), Ctrl-C (kill the\n"
           "           foreground program), Ctrl-D (exit)\n");
}

static int builtin_kill(int argc, char **argv)
{
    int sig = SIGTERM, i = 1, ok;
    if (argc > 1 && argv[1][0] == '-') {
        sig = (int)parse_ulong(argv[1] + 1, &ok);
        if (!ok) {
            printf("kill: bad signal %s\n", argv[1]);
            return 1;
        }
        i = 2;
    }
    if (i >= argc) {
        printf("usage: kill [-SIGNAL] PID|%%JOB...\n");
        return 1;
    }
    int rc = 0;
    for (; i < argc; i++) {
        int pid;
        if (argv[i][0] == '%') {    /* %N: background job N, as jobs lists it */
            unsigned long n = parse_ulong(argv[i] + 1, &ok);
            pid = ok && n >= 1 && n <= MAX_JOBS ? jobs[n - 1].pid : 0;
            if (!pid) {
                printf("kill: %s: no such job\n", argv[i]);
                rc = 1;
                continue;
            }
        } else {
            pid = (int)parse_ulong(argv[i], &ok);
        }
        int err = ok ? kill(pid, sig) : -EINVAL;
        if (err < 0) {
            printf("kill: %s: %s\n", argv[i], strerror(err));
            rc = 1;
            continue;
        }
        /* One of our background jobs: wait for it now, so its end is reported right here. */
        int slot = job_slot(pid), status;
        if (slot >= 0 && sig != 0 && waitpid(pid, &status, 0) == pid)
            report(slot, status);
    }
    return rc;
}

/* Returns 1 if argv[0] was a builtin. */
static int builtin(int argc, char **argv)
{
    const char *cmd = argv[0];
    int ok;
    if (strcmp(cmd, "cd") == 0) {
        int err = chdir(argc > 1 ? argv[1] : "/");
        if (err < 0)
            printf("cd: %s: %s\n", argc > 1 ? argv[1] : "/", strerror(err));
    } else if (strcmp(cmd, "pwd") == 0) {
        char cwd[RMX_PATH_MAX];
        if (getcwd(cwd, sizeof cwd) >= 0)
            printf("%s\n", cwd);
    } else if (strcmp(cmd, "exit") == 0) {
        exit(argc > 1 ? (int)parse_ulong(argv[1], &ok) : 0);
    } else if (strcmp(cmd, "shutdown") == 0 || strcmp(cmd, "poweroff") == 0) {
        poweroff(argc > 1 ? (int)parse_ulong(argv[1], &ok) : POWEROFF_OK);
    } else if (strcmp(cmd, "help") == 0) {
        help();
    } else if (strcmp(cmd, "history") == 0) {
        int first = history_len > HISTORY ? history_len - HISTORY : 0;
        for (int i = first; i < history_len; i++)
            printf("%4d  %s\n", i + 1, history[i % HISTORY]);
    } else if (strcmp(cmd, "jobs") == 0) {
        for (int i = 0; i < MAX_JOBS; i++)
            if (jobs[i].pid)
                printf("[%d] %d running  %s\n", i + 1, jobs[i].pid, jobs[i].name);
    } else if (strcmp(cmd, "kill") == 0) {
        builtin_kill(argc, argv);
    } else {
        return 0;
    }
    return 1;
}

/* ---- running programs -------------------------------------------------------------------- */

static void run(char **argv, int background)
{
    char path[RMX_PATH_MAX];
    if (strchr(argv[0], '/'))
        strlcpy(path, argv[0], sizeof path);
    else
        snprintf(path, sizeof path, "/bin/%s", argv[0]);
    struct rmx_stat st;
    if (stat(path, &st) < 0 || st.type != RMX_S_FILE) {
        printf("sh: %s: command not found\n", argv[0]);
        return;
    }
    int slot = -1;
    if (background) {
        slot = job_slot(0);
        if (slot < 0) {
            printf("sh: too many background jobs\n");
            return;
        }
    }
    int pid = fork();
    if (pid < 0) {
        printf("sh: fork: %s\n", strerror(pid));
        return;
    }
    if (pid == 0) {
        int err = exec(path, argv);
        printf("sh: %s: %s\n", argv[0], strerror(err));
        exit(127);
    }
    if (background) {
        jobs[slot].pid = pid;
        strlcpy(jobs[slot].name, argv[0], sizeof jobs[slot].name);
        printf("[%d] %d\n", slot + 1, pid);
        return;
    }
    int status = 0;
    setfg(pid);
    while (waitpid(pid, &status, 0) != pid)
        ;
    setfg(0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
        printf("^C\n");
}

int main(void)
{
    char line[LINE_MAX], *argv[MAX_ARGS + 1];
    struct rmx_utsname u;
    printf("rmx shell: type help for the commands\n");
    for (;;) {
        reap_jobs();
        char cwd[RMX_PATH_MAX];
        uname(&u);
        if (getcwd(cwd, sizeof cwd) < 0)
            strlcpy(cwd, "?", sizeof cwd);
        printf("%s:%s# ", u.nodename, cwd);
        int n = readline(line);
        if (n < 0)
            exit(0);
        if (n == 0)
            continue;
        remember(line);
        int background;
        int argc = split(line, argv, &background);
        if (argc <= 0)
            continue;
        if (!background && builtin(argc, argv))
            continue;
        run(argv, background);
    }
}
