/* init: process 1. Starts the shell, restarts it when it exits, and reaps orphans. */
#include "lib/user.h"

int main(void)
{
    for (;;) {
        int pid = fork();
        if (pid < 0) {
            printf("init: fork: %s\n", strerror(pid));
            msleep(1000);
            continue;
        }
        if (pid == 0) {
            char *argv[] = { "sh", 0 };
            int err = exec("/bin/sh", argv);
            printf("init: cannot run /bin/sh: %s\n", strerror(err));
            exit(127);
        }
        int status, w;
        while ((w = waitpid(-1, &status, 0)) != pid)
            if (w < 0)
                break;          /* orphans end up here and are simply reaped */
        printf("init: the shell exited; starting a new one\n");
        msleep(1000);           /* a shell that cannot start must not flood the console */
    }
}
