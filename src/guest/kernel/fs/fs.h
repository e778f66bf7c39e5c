/*
 * The file system: a read-only tree of directories and files, built at boot from the initrd
 * (a Multiboot module in the format of tools/mkinitrd.c). File data stays where the boot loader
 * put the module; nodes point into it.
 */
#ifndef RMX_FS_H
#define RMX_FS_H

#include <stdint.h>
#include <stddef.h>
#include <rmx/abi.h>

struct fsnode {
    char name[RMX_NAME_MAX + 1];
    uint32_t type;                  /* RMX_S_FILE or RMX_S_DIR */
    uint32_t mode;
    uint32_t size;                  /* files: bytes; directories: entries */
    const uint8_t *data;
    struct fsnode *parent, *first_child, *next_sibling;
};

/* Builds the tree; returns the number of files, or -errno for a corrupt image. */
int fs_load_initrd(const uint8_t *image, uint32_t size);
struct fsnode *fs_root(void);
/* Resolves path (absolute: from root; relative: from cwd). ".." stops at root. */
struct fsnode *fs_lookup(const char *path, struct fsnode *cwd, struct fsnode *root, int *err);
/* The path of node as seen from root, e.g. "/bin"; returns its length or -ERANGE. */
int fs_path(const struct fsnode *node, const struct fsnode *root, char *buf, size_t size);
struct fsnode *fs_child_at(const struct fsnode *dir, uint32_t index);

#endif
