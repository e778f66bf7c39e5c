/* ps: the process table. TIME is in ticks (a timing figure, printed as {t:N}). */
#include "lib/user.h"

int main(void)
{
    struct rmx_procinfo p;
    printf("  PID  PPID S   PAGES  TIME       WCHAN   NAME\n");
    for (int slot = 0; procinfo(slot, &p) >= 0; slot++) {
        if (p.pid == 0)
            continue;
        char t[16];
        snprintf(t, sizeof t, "{t:%u}", p.ticks);
        printf("%5d %5d %c %7u  %-10s %-7s %s\n", p.pid, p.ppid, p.state, p.pages, t,
               p.wchan[0] ? p.wchan : "-", p.name);
    }
    return 0;
}
