/* sysbench N: N getpid() system calls - the cost of a round trip ring 3 -> ring 0 -> ring 3. */
#include "lib/user.h"

int main(int argc, char **argv)
{
    unsigned n = bench_count(argc, argv, 100000);
    uint32_t t0 = uptime();
    for (unsigned i = 0; i < n; i++)
        getpid();
    bench_report("sysbench", n, "getpid calls", t0);
    return 0;
}
