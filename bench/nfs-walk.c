/*
 * nfs-walk: `nfs-ls -R` without its depth limit (libnfs-utils 4.0 stops at 16 levels with "Recursion detected!",
 * and a projection of a real code base nests deeper). Prints one path per line, relative to the URL's directory,
 * using the same libnfs calls as nfs-ls (mount, opendir/readdir with READDIRPLUS). Exits non-zero on any error.
 *
 * Build: cc -O2 -o nfs-walk bench/nfs-walk.c -lnfs      (apt-get install libnfs-dev)
 * Usage: nfs-walk 'nfs://127.0.0.1/<dir>?version=3&nfsport=P&mountport=P'
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <nfsc/libnfs.h>

static int walk(struct nfs_context *nfs, const char *dir) {
    struct nfsdir *d;
    if (nfs_opendir(nfs, dir, &d) != 0) {
        fprintf(stderr, "opendir %s: %s\n", dir, nfs_get_error(nfs));
        return -1;
    }
    struct nfsdirent *e;
    int rc = 0;
    while (rc == 0 && (e = nfs_readdir(nfs, d)) != NULL) {
        if (!strcmp(e->name, ".") || !strcmp(e->name, "..")) {
            continue;
        }
        size_t n = strlen(dir) + strlen(e->name) + 2;
        char *path = malloc(n);
        if (path == NULL) {
            rc = -1;
            break;
        }
        snprintf(path, n, "%s/%s", dir, e->name);
        puts(path + 1);
        if ((e->mode & S_IFMT) == S_IFDIR) {
            rc = walk(nfs, path);
        }
        free(path);
    }
    nfs_closedir(nfs, d);
    return rc;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: nfs-walk nfs://server/dir?version=3&nfsport=P&mountport=P\n");
        return 2;
    }
    struct nfs_context *nfs = nfs_init_context();
    if (nfs == NULL) {
        return 1;
    }
    struct nfs_url *url = nfs_parse_url_dir(nfs, argv[1]);
    if (url == NULL) {
        fprintf(stderr, "bad URL: %s\n", nfs_get_error(nfs));
        return 1;
    }
    if (nfs_mount(nfs, url->server, url->path) != 0) {
        fprintf(stderr, "mount: %s\n", nfs_get_error(nfs));
        return 1;
    }
    int rc = walk(nfs, "");
    nfs_destroy_url(url);
    nfs_destroy_context(nfs);
    return rc == 0 ? 0 : 1;
}
