/* Arbitrary precision: 200! in base 10^9, 2^1000 digit sum, and a 32x32 integer matrix
 * product — loops that gcc turns into multiply/divide-by-constant and strength-reduced code. */
#include "libc.h"
#include "cwork.h"

#define LIMBS 64
#define BASE 1000000000u

static uint32_t num[LIMBS];

static int mul_small(uint32_t *v, int n, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = (uint64_t)v[i] * m + carry;
        v[i] = (uint32_t)(t % BASE);
        carry = t / BASE;
    }
    while (carry) {
        v[n++] = (uint32_t)(carry % BASE);
        carry /= BASE;
    }
    return n;
}

static void print_big(const uint32_t *v, int n)
{
    kprintf("%u", v[n - 1]);
    for (int i = n - 2; i >= 0; i--) {
        kprintf("%09u", v[i]);
    }
}

static uint32_t digit_sum(const uint32_t *v, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) {
        for (uint32_t x = v[i]; x; x /= 10) {
            s += x % 10;
        }
    }
    return s;
}

static int32_t ma[32][32], mb[32][32], mc[32][32];

void bignum_workload(void)
{
    int n = 1;
    num[0] = 1;
    for (uint32_t k = 2; k <= 100; k++) {
        n = mul_small(num, n, k);
    }
    kprintf("100! = ");
    print_big(num, n);
    kprintf("\n");
    for (uint32_t k = 101; k <= 200; k++) {
        n = mul_small(num, n, k);
    }
    kprintf("200! has %d limbs, digit sum %u\n", n, digit_sum(num, n));
    memset(num, 0, sizeof num);
    num[0] = 1;
    n = 1;
    for (int k = 0; k < 1000; k += 10) {
        n = mul_small(num, n, 1024);
    }
    kprintf("2^1000 digit sum %u\n", digit_sum(num, n));
    uint32_t s = 7;
    for (int i = 0; i < 32; i++) {
        for (int j = 0; j < 32; j++) {
            ma[i][j] = (int32_t)(xorshift32(&s) % 201) - 100;
            mb[i][j] = (int32_t)(xorshift32(&s) % 201) - 100;
        }
    }
    int64_t trace = 0;
    uint32_t h = 0;
    for (int i = 0; i < 32; i++) {
        for (int j = 0; j < 32; j++) {
            int32_t acc = 0;
            for (int k = 0; k < 32; k++) {
                acc += ma[i][k] * mb[k][j];
            }
            mc[i][j] = acc;
            h = h * 31 + (uint32_t)acc;
        }
        trace += mc[i][i];
    }
    kprintf("matrix 32x32: trace %lld hash %08x\n", (long long)trace, h);
}
