/* cat FILE...: copy files to the terminal. */
#include "lib/user.h"

int main(int argc, char **argv)
{
    char buf[512];
    int rc = 0;
    if (argc < 2) {
        printf("usage: cat FILE...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            printf("cat: %s: %s\n", argv[i], strerror(fd));
            rc = 1;
            continue;
        }
        int n;
        while ((n = read(fd, buf, sizeof buf)) > 0)
            write(STDOUT, buf, (size_t)n);
        if (n < 0) {
            printf("cat: %s: %s\n", argv[i], strerror(n));
            rc = 1;
        }
        close(fd);
    }
    return rc;
}
