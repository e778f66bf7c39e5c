/*
 * Shared by the workloads (sysbench, pfbench, ...): the iteration count from the command line
 * and the one-line report. Elapsed time is printed as {t:N}: a timing figure, the only part of
 * the line that differs between QEMU and Ringmaster (see src/guest/README.md, "Transcripts").
 */
#include "user.h"

unsigned bench_count(int argc, char **argv, unsigned dflt)
{
    if (argc < 2)
        return dflt;
    int ok;
    unsigned long n = parse_ulong(argv[1], &ok);
    if (!ok || n == 0) {
        dprintf(STDERR, "%s: the count must be a positive number, not \"%s\"\n", argv[0], argv[1]);
        exit(2);
    }
    return (unsigned)n;
}

void bench_report(const char *name, unsigned count, const char *what, uint32_t start_ticks)
{
    uint32_t elapsed = uptime() - start_ticks;
    printf("%s: %u %s in {t:%u} ticks\n", name, count, what, elapsed);
}
