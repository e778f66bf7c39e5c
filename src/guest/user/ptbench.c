/*
 * ptbench N: N times map one page and unmap it again. Each round writes a page-table entry,
 * clears it and flushes its TLB entry (INVLPG): page-table updates, which are what shadow
 * paging and paravirtual page-table hypercalls make expensive.
 */
#include "lib/user.h"

int main(int argc, char **argv)
{
    unsigned n = bench_count(argc, argv, 10000);
    uint32_t t0 = uptime();
    for (unsigned i = 0; i < n; i++) {
        void *p = mmap(4096, MAP_WRITE | MAP_POPULATE);
        if (IS_ERR(p)) {
            printf("ptbench: mmap: %s\n", strerror((int)p));
            return 1;
        }
        munmap(p, 4096);
    }
    bench_report("ptbench", n, "map/unmap pairs", t0);
    return 0;
}
