/*
 * iobench N: the kernel writes N times to I/O port 0x80, the POST diagnostic port (one system
 * call, N OUT instructions in ring 0). Natively an OUT is cheap; a VMM must trap every one.
 */
#include "lib/user.h"

int main(int argc, char **argv)
{
    unsigned n = bench_count(argc, argv, 100000);
    uint32_t t0 = uptime();
    int r = portio(0x80, 0x42, n);
    if (r < 0) {
        printf("iobench: %s\n", strerror(r));
        return 1;
    }
    bench_report("iobench", n, "writes to port 0x80", t0);
    return 0;
}
