/*
 * bench.c — the CPU-bound workload of `ringmaster bench`: integer arithmetic, table lookups,
 * sorting, recursion, string scanning and a sieve, over and over, with a checksum printed on COM1
 * so that a wrong result is visible. Built freestanding (no libc), runs unchanged in QEMU and
 * Ringmaster; the exit value on port 0x501 is 0 when the checksum matches the expected one.
 */
typedef unsigned int u32;
typedef unsigned char u8;

#define ROUNDS 200

static inline void outb(unsigned short port, u8 v) {
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(unsigned short port) {
    u8 v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void putc(char c) {
    while ((inb(0x3FD) & 0x20) == 0) {
    }
    outb(0x3F8, (u8) c);
}

static void puts(const char *s) {
    while (*s) {
        putc(*s++);
    }
}

static void puthex(u32 v) {
    for (int i = 28; i >= 0; i -= 4) {
        putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

static u32 crc_table[256];

static void crc_init(void) {
    for (u32 n = 0; n < 256; n++) {
        u32 c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

static u32 crc32(const u8 *p, u32 n, u32 crc) {
    crc = ~crc;
    while (n--) {
        crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    }
    return ~crc;
}

#define N 2048
static u32 data[N];
static u8 bytes[8192];
static u8 sieve[20000];

static u32 rng_state = 12345;

static u32 rng(void) {
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static void quicksort(u32 *a, int lo, int hi) {
    while (lo < hi) {
        u32 pivot = a[(lo + hi) >> 1];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                u32 t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static u32 fib(u32 n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static u32 count_primes(u32 limit) {
    for (u32 i = 0; i < limit; i++) {
        sieve[i] = 1;
    }
    u32 count = 0;
    for (u32 i = 2; i < limit; i++) {
        if (sieve[i]) {
            count++;
            for (u32 j = i + i; j < limit; j += i) {
                sieve[j] = 0;
            }
        }
    }
    return count;
}

static u32 words(const u8 *p, u32 n) {
    u32 w = 0;
    int in = 0;
    for (u32 i = 0; i < n; i++) {
        int letter = (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z';
        if (letter && !in) {
            w++;
        }
        in = letter;
    }
    return w;
}

u32 bench_main(void) {
    u32 sum = 0;
    crc_init();
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < N; i++) {
            data[i] = rng();
        }
        quicksort(data, 0, N - 1);
        for (int i = 1; i < N; i++) {
            if (data[i - 1] > data[i]) {
                sum += 0x10000;
            }
        }
        for (u32 i = 0; i < sizeof bytes; i++) {
            bytes[i] = (u8) (rng() % 96 + 32);
        }
        sum = crc32(bytes, sizeof bytes, sum);
        sum += words(bytes, sizeof bytes);
        sum += fib(18);
        sum += count_primes(sizeof sieve);
        sum ^= data[(round * 37) % N];
    }
    puts("bench checksum ");
    puthex(sum);
    puts("\n");
    return sum == 0x710ba325u ? 0 : 1;
}
