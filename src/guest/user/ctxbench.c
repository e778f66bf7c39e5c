/*
 * ctxbench N: two processes pass a byte back and forth N times through two pipes. Each round
 * trip blocks each of them once: two context switches (and two address-space switches).
 */
#include "lib/user.h"

int main(int argc, char **argv)
{
    unsigned n = bench_count(argc, argv, 10000);
    int ping[2], pong[2];
    if (pipe(ping) < 0 || pipe(pong) < 0) {
        printf("ctxbench: cannot create pipes\n");
        return 1;
    }
    uint32_t t0 = uptime();
    int pid = fork();
    if (pid < 0) {
        printf("ctxbench: fork: %s\n", strerror(pid));
        return 1;
    }
    char c = 0;
    if (pid == 0) {
        for (unsigned i = 0; i < n; i++) {
            if (read(ping[0], &c, 1) != 1)
                exit(1);
            write(pong[1], &c, 1);
        }
        exit(0);
    }
    for (unsigned i = 0; i < n; i++) {
        c = (char)i;
        write(ping[1], &c, 1);
        if (read(pong[0], &c, 1) != 1 || c != (char)i) {
            printf("ctxbench: the child did not answer round %u\n", i);
            return 1;
        }
    }
    int status;
    waitpid(pid, &status, 0);
    bench_report("ctxbench", n, "round trips (2 context switches each)", t0);
    return 0;
}
