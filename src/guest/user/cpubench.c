/* cpubench N: find the first N primes by trial division - pure ring-3 computation, no traps. */
#include "lib/user.h"

int main(int argc, char **argv)
{
    unsigned n = bench_count(argc, argv, 5000);
    uint32_t t0 = uptime();
    unsigned found = 0, candidate = 1;
    while (found < n) {
        candidate++;
        int prime = 1;
        for (unsigned d = 2; d * d <= candidate; d++) {
            if (candidate % d == 0) {
                prime = 0;
                break;
            }
        }
        found += prime;
    }
    char what[48];
    snprintf(what, sizeof what, "primes (the last is %u)", candidate);
    bench_report("cpubench", n, what, t0);
    return 0;
}
