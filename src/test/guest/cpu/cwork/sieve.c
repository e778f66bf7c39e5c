/* Primes: sieve of Eratosthenes on a bit array, 64-bit sums, twin primes, a prime-counting
 * check by trial division with 64-bit division (libgcc __udivdi3/__umoddi3). */
#include "libc.h"
#include "cwork.h"

#define LIMIT 200000

static uint32_t bits[(LIMIT + 31) / 32];

static inline int is_composite(uint32_t n)
{
    return (bits[n >> 5] >> (n & 31)) & 1;
}

static int trial_prime(uint64_t n)
{
    if (n < 2) {
        return 0;
    }
    for (uint64_t d = 2; d * d <= n; d++) {
        if (n % d == 0) {
            return 0;
        }
    }
    return 1;
}

void sieve_workload(void)
{
    memset(bits, 0, sizeof bits);
    bits[0] |= 3;
    for (uint32_t i = 2; i * i < LIMIT; i++) {
        if (!is_composite(i)) {
            for (uint32_t j = i * i; j < LIMIT; j += i) {
                bits[j >> 5] |= 1u << (j & 31);
            }
        }
    }
    uint32_t count = 0, twins = 0, last = 0;
    uint64_t sum = 0, sumsq = 0;
    for (uint32_t n = 2; n < LIMIT; n++) {
        if (!is_composite(n)) {
            count++;
            sum += n;
            sumsq += (uint64_t)n * n;
            if (last && n - last == 2) {
                twins++;
            }
            last = n;
        }
    }
    kprintf("primes below %d: %u, largest %u, twin pairs %u\n", LIMIT, count, last, twins);
    kprintf("sum %llu, sum of squares %llu, mean %llu\n", (unsigned long long)sum,
            (unsigned long long)sumsq, (unsigned long long)(sum / count));
    uint64_t big = 1000000007ull * 998244353ull;
    kprintf("64-bit: %llu / 12345 = %llu rem %llu; prime(4294967291)=%d prime(4294967297)=%d\n",
            (unsigned long long)big, (unsigned long long)(big / 12345),
            (unsigned long long)(big % 12345), trial_prime(4294967291ull),
            trial_prime(4294967297ull));
    int64_t neg = -(int64_t)big;
    kprintf("signed: %lld / 7 = %lld rem %lld\n", (long long)neg, (long long)(neg / 7),
            (long long)(neg % 7));
}
