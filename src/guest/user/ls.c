/* ls [-l] [PATH...]: list directories (names in columns, or one per line with -l). */
#include "lib/user.h"

static int long_format;

static void show(const char *name, const struct rmx_stat *st)
{
    char mode[11] = "----------";
    const char *rwx = "rwxrwxrwx";
    if (st->type == RMX_S_DIR)
        mode[0] = 'd';
    for (int i = 0; i < 9; i++)
        if (st->mode & (0400 >> i))
            mode[i + 1] = rwx[i];
    printf("%s %7u %s%s\n", mode, st->size, name, st->type == RMX_S_DIR ? "/" : "");
}

static int list(const char *path)
{
    struct rmx_stat st;
    int err = stat(path, &st);
    if (err < 0) {
        printf("ls: %s: %s\n", path, strerror(err));
        return 1;
    }
    if (st.type != RMX_S_DIR) {
        if (long_format)
            show(path, &st);
        else
            printf("%s\n", path);
        return 0;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("ls: %s: %s\n", path, strerror(fd));
        return 1;
    }
    struct rmx_dirent d;
    int col = 0;
    while (readdir(fd, &d) > 0) {
        if (long_format) {
            struct rmx_stat e = { d.type, d.size, 0 };
            char full[RMX_PATH_MAX];
            snprintf(full, sizeof full, "%s/%s", path, d.name);
            stat(full, &e);
            show(d.name, &e);
            continue;
        }
        /* Columns 16 wide; the padding goes before the next name, so no line ends in blanks. */
        char name[RMX_NAME_MAX + 2];
        int len = snprintf(name, sizeof name, "%s%s", d.name, d.type == RMX_S_DIR ? "/" : "");
        int pad = col % 16 ? 16 - col % 16 : 0;
        if (col > 0 && col + pad + len > 79) {
            printf("\n");
            col = pad = 0;
        }
        printf("%*s%s", pad, "", name);
        col += pad + len;
    }
    if (col)
        printf("\n");
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    int i = 1, rc = 0;
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        long_format = 1;
        i = 2;
    }
    if (i == argc)
        return list(".");
    int many = argc - i > 1;
    for (; i < argc; i++) {
        if (many)
            printf("%s:\n", argv[i]);
        rc |= list(argv[i]);
    }
    return rc;
}
