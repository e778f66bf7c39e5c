/* cwork — C workloads built with gcc -m32 -O2 -ffreestanding: realistic compiler output for the
 * disassembler's objdump comparison, and a differential test (each workload prints checksums). */
#include "libc.h"
#include "cwork.h"

void test_main(void)
{
    kputs("cwork: C workloads (gcc -m32 -O2)\n");
    crc_workload();
    sort_workload();
    sieve_workload();
    text_workload();
    bignum_workload();
}
