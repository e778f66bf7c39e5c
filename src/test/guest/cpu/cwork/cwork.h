#ifndef CWORK_H
#define CWORK_H
#include <stdint.h>

void crc_workload(void);
void sort_workload(void);
void sieve_workload(void);
void text_workload(void);
void bignum_workload(void);

/* xorshift32: the deterministic source of every workload's data */
static inline uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}
#endif
