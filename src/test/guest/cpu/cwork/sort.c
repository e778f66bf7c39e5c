/* Sorting: quicksort with a comparator (indirect calls), merge sort, insertion sort on
 * signed/unsigned data; binary search; checks that everything agrees. */
#include "libc.h"
#include "cwork.h"

#define N 3000

static int32_t a[N], b[N], tmp[N];
static uint16_t h[N];

typedef int (*cmp_fn)(const void *, const void *);

static int cmp_int(const void *x, const void *y)
{
    int32_t p = *(const int32_t *)x, q = *(const int32_t *)y;
    return (p > q) - (p < q);
}

static int cmp_u16_desc(const void *x, const void *y)
{
    return (int)*(const uint16_t *)y - (int)*(const uint16_t *)x;
}

static void swap_bytes(unsigned char *p, unsigned char *q, size_t size)
{
    while (size--) {
        unsigned char t = *p;
        *p++ = *q;
        *q++ = t;
    }
}

static void quicksort(void *base, size_t n, size_t size, cmp_fn cmp)
{
    unsigned char *v = base;
    while (n > 1) {
        size_t mid = n / 2, i = 0, last = 0;
        swap_bytes(v, v + mid * size, size);
        for (i = 1; i < n; i++) {
            if (cmp(v + i * size, v) < 0) {
                last++;
                swap_bytes(v + last * size, v + i * size, size);
            }
        }
        swap_bytes(v, v + last * size, size);
        /* recurse into the smaller part, loop on the larger */
        if (last < n - last - 1) {
            quicksort(v, last, size, cmp);
            v += (last + 1) * size;
            n -= last + 1;
        } else {
            quicksort(v + (last + 1) * size, n - last - 1, size, cmp);
            n = last;
        }
    }
}

static void merge_sort(int32_t *v, int32_t *t, int n)
{
    if (n < 2) {
        return;
    }
    int m = n / 2;
    merge_sort(v, t, m);
    merge_sort(v + m, t, n - m);
    int i = 0, j = m, k = 0;
    while (i < m && j < n) {
        t[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    }
    while (i < m) {
        t[k++] = v[i++];
    }
    while (j < n) {
        t[k++] = v[j++];
    }
    memcpy(v, t, (size_t)n * sizeof *v);
}

static void insertion_sort(int32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static int bsearch_int(const int32_t *v, int n, int32_t key)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] == key) {
            return mid;
        }
        if (v[mid] < key) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return -1;
}

static uint32_t checksum(const int32_t *v, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) {
        s = (s << 5 | s >> 27) ^ (uint32_t)v[i];
    }
    return s;
}

void sort_workload(void)
{
    uint32_t s = 0xC0FFEE11;
    for (int i = 0; i < N; i++) {
        a[i] = (int32_t)xorshift32(&s) >> 8;
        h[i] = (uint16_t)xorshift32(&s);
    }
    memcpy(b, a, sizeof a);
    quicksort(a, N, sizeof a[0], cmp_int);
    merge_sort(b, tmp, N);
    int sorted = 1;
    for (int i = 1; i < N; i++) {
        sorted &= a[i - 1] <= a[i];
    }
    kprintf("quicksort: sorted=%d min=%d max=%d sum=%08x\n", sorted, a[0], a[N - 1], checksum(a, N));
    kprintf("mergesort agrees: %d\n", memcmp(a, b, sizeof a) == 0);
    memcpy(b, tmp, 500 * sizeof b[0]);
    insertion_sort(b, 500);
    kprintf("insertion sort of 500: %08x\n", checksum(b, 500));
    quicksort(h, N, sizeof h[0], cmp_u16_desc);
    kprintf("u16 descending: first=%u last=%u median=%u\n", h[0], h[N - 1], h[N / 2]);
    int found = 0, pos_sum = 0;
    s = 0xC0FFEE11;
    for (int i = 0; i < 200; i++) {
        int32_t key = (int32_t)xorshift32(&s) >> 8;
        xorshift32(&s);
        int p = bsearch_int(a, N, key);
        found += p >= 0;
        pos_sum += p;
    }
    kprintf("binary search: found=%d position sum=%d\n", found, pos_sum);
}
