/*
 * pfbench N: touch N fresh pages. mmap() only reserves the addresses; each first write is a
 * page fault (#PF, not present) that makes the kernel allocate, zero and map a page. Pages are
 * returned in chunks so that any N fits in memory.
 */
#include "lib/user.h"

#define CHUNK 64                    /* pages per mmap() */

int main(int argc, char **argv)
{
    unsigned n = bench_count(argc, argv, 10000);
    uint32_t t0 = uptime();
    for (unsigned done = 0; done < n;) {
        unsigned k = n - done < CHUNK ? n - done : CHUNK;
        volatile char *p = mmap(k * 4096, MAP_WRITE);
        if (IS_ERR(p)) {
            printf("pfbench: mmap: %s\n", strerror((int)p));
            return 1;
        }
        for (unsigned i = 0; i < k; i++)
            p[i * 4096] = 1;
        munmap((void *)p, k * 4096);
        done += k;
    }
    bench_report("pfbench", n, "page faults on fresh pages", t0);
    return 0;
}
