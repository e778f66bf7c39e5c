/*
 * mkinitrd OUTPUT ROOTDIR: packs the regular files under ROOTDIR into an rmx initrd image.
 * Host tool (built with the host's cc by build.sh). The output depends only on the files'
 * relative paths and contents: entries are sorted by path (bytewise), there are no timestamps,
 * owners or host permissions; files under bin/ get mode 0755, all others 0644.
 *
 * Format (little-endian), read by kernel/fs/initrd.c:
 *   header   char magic[8] = "RMXINIT1"; uint32 count; uint32 image_size
 *   entries  count x { char path[48]; uint32 offset; uint32 size; uint32 mode; uint32 zero }
 *   data     each file at its offset, 16-byte aligned, zero padding
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PATH_FIELD 48
#define MAX_FILES 256

struct file {
    char path[PATH_FIELD];
    unsigned char *data;
    uint32_t size;
};

static struct file files[MAX_FILES];
static int nfiles;

static void die(const char *what, const char *path)
{
    fprintf(stderr, "mkinitrd: %s: %s\n", path, what);
    exit(1);
}

static void add(const char *root, const char *rel)
{
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", root, rel);
    if (strlen(rel) >= PATH_FIELD)
        die("path longer than 47 bytes", rel);
    if (nfiles == MAX_FILES)
        die("too many files", rel);
    FILE *f = fopen(full, "rb");
    if (!f)
        die(strerror(errno), full);
    struct file *e = &files[nfiles++];
    strncpy(e->path, rel, PATH_FIELD - 1);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    e->size = (uint32_t)size;
    e->data = malloc(size ? (size_t)size : 1);
    if (!e->data || fread(e->data, 1, (size_t)size, f) != (size_t)size)
        die("cannot read", full);
    fclose(f);
}

static void walk(const char *root, const char *rel)
{
    char dirpath[4096];
    snprintf(dirpath, sizeof dirpath, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dirpath);
    if (!d)
        die(strerror(errno), dirpath);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;               /* ".", "..", and hidden files stay out */
        char sub[4096], full[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (stat(full, &st) != 0)
            die(strerror(errno), full);
        if (S_ISDIR(st.st_mode))
            walk(root, sub);
        else if (S_ISREG(st.st_mode))
            add(root, sub);
    }
    closedir(d);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct file *)a)->path, ((const struct file *)b)->path);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = v & 0xFF;
    p[1] = (v >> 8) & 0xFF;
    p[2] = (v >> 16) & 0xFF;
    p[3] = v >> 24;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkinitrd OUTPUT ROOTDIR\n");
        return 2;
    }
    walk(argv[2], "");
    qsort(files, (size_t)nfiles, sizeof files[0], by_path);

    uint32_t header = 16, entry = PATH_FIELD + 16;
    uint32_t offset = (header + entry * (uint32_t)nfiles + 15) & ~15u;
    uint32_t offsets[MAX_FILES];
    for (int i = 0; i < nfiles; i++) {
        offsets[i] = offset;
        offset = (offset + files[i].size + 15) & ~15u;
    }
    uint32_t total = offset;
    unsigned char *img = calloc(1, total);
    if (!img)
        die("out of memory", argv[1]);
    memcpy(img, "RMXINIT1", 8);
    put32(img + 8, (uint32_t)nfiles);
    put32(img + 12, total);
    for (int i = 0; i < nfiles; i++) {
        unsigned char *e = img + header + entry * (uint32_t)i;
        memcpy(e, files[i].path, strlen(files[i].path));
        put32(e + PATH_FIELD, offsets[i]);
        put32(e + PATH_FIELD + 4, files[i].size);
        put32(e + PATH_FIELD + 8, strncmp(files[i].path, "bin/", 4) == 0 ? 0755 : 0644);
        memcpy(img + offsets[i], files[i].data, files[i].size);
    }
    FILE *out = fopen(argv[1], "wb");
    if (!out || fwrite(img, 1, total, out) != total || fclose(out) != 0)
        die("cannot write", argv[1]);
    return 0;
}
