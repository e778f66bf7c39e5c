/*
 * The initrd format (written by tools/mkinitrd.c; all numbers little-endian):
 *
 *   header   char magic[8] = "RMXINIT1"; uint32 count; uint32 image_size
 *   entries  count x { char path[48]; uint32 offset; uint32 size; uint32 mode; uint32 zero }
 *   data     the files, each at its offset (16-byte aligned)
 *
 * Paths are relative ("bin/sh", "etc/motd") and sorted; directories are implied by them.
 */
#include "../kernel.h"
#include "fs.h"

#define NNODES 256

struct rd_header {
    char magic[8];
    uint32_t count, image_size;
};

struct rd_entry {
    char path[48];
    uint32_t offset, size, mode, zero;
};

static struct fsnode nodes[NNODES];
static int nnodes;

struct fsnode *fs_root(void)
{
    return &nodes[0];
}

static struct fsnode *new_node(struct fsnode *dir, const char *name, size_t len, uint32_t type)
{
    if (nnodes == NNODES || len > RMX_NAME_MAX)
        return 0;
    struct fsnode *n = &nodes[nnodes++];
    memcpy(n->name, name, len);
    n->name[len] = 0;
    n->type = type;
    n->mode = type == RMX_S_DIR ? 0755 : 0644;
    n->parent = dir;
    /* Append: the initrd is sorted, so directories list their entries in order. */
    struct fsnode **link = &dir->first_child;
    while (*link)
        link = &(*link)->next_sibling;
    *link = n;
    dir->size++;
    return n;
}

static struct fsnode *child_named(struct fsnode *dir, const char *name, size_t len)
{
    for (struct fsnode *c = dir->first_child; c; c = c->next_sibling)
        if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
            return c;
    return 0;
}

int fs_load_initrd(const uint8_t *image, uint32_t size)
{
    const struct rd_header *h = (const void *)image;
    nnodes = 1;
    nodes[0].type = RMX_S_DIR;
    nodes[0].mode = 0755;
    nodes[0].parent = &nodes[0];
    if (size < sizeof *h || memcmp(h->magic, "RMXINIT1", 8) != 0 || h->image_size > size
        || h->count > (size - sizeof *h) / sizeof(struct rd_entry))
        return -EINVAL;
    const struct rd_entry *e = (const void *)(image + sizeof *h);
    for (uint32_t i = 0; i < h->count; i++, e++) {
        if (e->path[sizeof e->path - 1] || e->offset > h->image_size || e->size > h->image_size - e->offset)
            return -EINVAL;
        struct fsnode *dir = &nodes[0];
        const char *p = e->path;
        for (;;) {
            const char *slash = strchr(p, '/');
            size_t len = slash ? (size_t)(slash - p) : strlen(p);
            if (len == 0)
                return -EINVAL;
            struct fsnode *n = child_named(dir, p, len);
            if (!slash) {
                if (n || !(n = new_node(dir, p, len, RMX_S_FILE)))
                    return -EINVAL;
                n->data = image + e->offset;
                n->size = e->size;
                n->mode = e->mode & 0777;
                break;
            }
            if (!n && !(n = new_node(dir, p, len, RMX_S_DIR)))
                return -EINVAL;
            if (n->type != RMX_S_DIR)
                return -EINVAL;
            dir = n;
            p = slash + 1;
        }
    }
    return (int)h->count;
}

struct fsnode *fs_lookup(const char *path, struct fsnode *cwd, struct fsnode *root, int *err)
{
    struct fsnode *n = path[0] == '/' ? root : cwd;
    const char *p = path;
    *err = 0;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = p;
        while (*end && *end != '/')
            end++;
        size_t len = (size_t)(end - p);
        if (n->type != RMX_S_DIR) {
            *err = -ENOTDIR;
            return 0;
        }
        if (len == 1 && p[0] == '.') {
            /* stays */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (n != root)
                n = n->parent;
        } else {
            n = child_named(n, p, len);
            if (!n) {
                *err = len > RMX_NAME_MAX ? -ENAMETOOLONG : -ENOENT;
                return 0;
            }
        }
        p = end;
    }
    return n;
}

int fs_path(const struct fsnode *node, const struct fsnode *root, char *buf, size_t size)
{
    char tmp[RMX_PATH_MAX];
    size_t at = sizeof tmp;
    tmp[--at] = 0;
    for (const struct fsnode *n = node; n != root && n != n->parent; n = n->parent) {
        size_t len = strlen(n->name);
        if (at < len + 1)
            return -ERANGE;
        at -= len;
        memcpy(tmp + at, n->name, len);
        tmp[--at] = '/';
    }
    if (tmp[at] == 0)
        tmp[--at] = '/';
    size_t len = sizeof tmp - 1 - at;
    if (len + 1 > size)
        return -ERANGE;
    memcpy(buf, tmp + at, len + 1);
    return (int)len;
}

struct fsnode *fs_child_at(const struct fsnode *dir, uint32_t index)
{
    struct fsnode *c = dir->first_child;
    while (c && index--)
        c = c->next_sibling;
    return c;
}
