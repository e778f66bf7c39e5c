/* uname [-a]: the system's name (and with -a: host name, release, version, machine). */
#include "lib/user.h"

int main(int argc, char **argv)
{
    struct rmx_utsname u;
    uname(&u);
    if (argc > 1 && strcmp(argv[1], "-a") == 0)
        printf("%s %s %s %s %s\n", u.sysname, u.nodename, u.release, u.version, u.machine);
    else
        printf("%s\n", u.sysname);
    return 0;
}
