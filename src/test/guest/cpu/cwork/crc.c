/* CRC-32 (table-driven and bitwise), Adler-32 and 64-bit FNV-1a over a pseudo-random buffer. */
#include "libc.h"
#include "cwork.h"

#define BUF_SIZE 65536

static uint8_t buf[BUF_SIZE];
static uint32_t crc_table[256];

static void make_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

static uint32_t crc32_table(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
        }
    }
    return ~c;
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}

static uint64_t fnv1a64(const uint8_t *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull;
    while (n--) {
        h ^= *p++;
        h *= 0x100000001B3ull;
    }
    return h;
}

void crc_workload(void)
{
    uint32_t s = 0x12345678;
    for (size_t i = 0; i < BUF_SIZE; i++) {
        buf[i] = (uint8_t)(xorshift32(&s) >> 24);
    }
    make_table();
    kprintf("crc32(\"123456789\") = %08x\n", crc32_table((const uint8_t *)"123456789", 9));
    kprintf("crc32 table   = %08x\n", crc32_table(buf, BUF_SIZE));
    kprintf("crc32 bitwise = %08x (first 4 KiB: %08x)\n", crc32_bitwise(buf, BUF_SIZE),
            crc32_bitwise(buf, 4096));
    kprintf("adler32       = %08x\n", adler32(buf, BUF_SIZE));
    kprintf("fnv1a64       = %016llx\n", (unsigned long long)fnv1a64(buf, BUF_SIZE));
}
