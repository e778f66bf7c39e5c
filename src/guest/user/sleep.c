/* sleep SECONDS */
#include "lib/user.h"

int main(int argc, char **argv)
{
    int ok = 0;
    unsigned long s = argc > 1 ? parse_ulong(argv[1], &ok) : 0;
    if (!ok) {
        printf("usage: sleep SECONDS\n");
        return 2;
    }
    return msleep((unsigned)s * 1000) < 0;
}
