/* ps: the process table. TIME is in ticks: a timing figure, printed as {t:N} at the end of the
   line so that no padding depends on its width. */
#include "lib/user.h"

int main(void)
{
    struct rmx_procinfo p;
    printf("  PID  PPID S  PAGES WCHAN   NAME             TIME\n");
    for (int slot = 0; procinfo(slot, &p) >= 0; slot++) {
        if (p.pid == 0)
            continue;
        printf("%5d %5d %c %6u %-7s %-16s {t:%u}\n", p.pid, p.ppid, p.state, p.pages,
               p.wchan[0] ? p.wchan : "-", p.name, p.ticks);
    }
    return 0;
}
