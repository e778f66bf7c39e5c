/* hostname [NAME]: show or set the host name. */
#include "lib/user.h"

int main(int argc, char **argv)
{
    if (argc > 1) {
        int err = sethostname(argv[1], strlen(argv[1]));
        if (err < 0) {
            printf("hostname: %s: %s\n", argv[1], strerror(err));
            return 1;
        }
        return 0;
    }
    struct rmx_utsname u;
    uname(&u);
    printf("%s\n", u.nodename);
    return 0;
}
