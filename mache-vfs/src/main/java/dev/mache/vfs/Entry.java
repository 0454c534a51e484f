package dev.mache.vfs;

import java.util.Optional;

/**
 * One node of the served tree with its attributes (PROJECTION.md §5), as every protocol reports them.
 *
 * @param path       the full path without a leading slash; {@code ""} is the root
 * @param name       the last segment ({@code ""} for the root)
 * @param type       directory, file or symlink
 * @param size       exact byte length of a read (for a symlink: of its link text)
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param fileId     stable non-zero id derived from the path
 * @param linkText   for a symlink, its relative target ({@code ../../../classes/Foo/source})
 * @param target     for a symlink, the tree path it resolves to (the target construct's {@code source}), in the same
 *                   form as {@code path} (no leading slash), so {@code lookup(target)} finds it; WebDAV serves those
 *                   bytes and reports this path as {@code mache:target}
 */
public record Entry(String path, String name, EntryType type, long size, long mtimeNanos, long fileId,
                    Optional<String> linkText, Optional<String> target) {

    public boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    /** Unix permission bits: directories 0555, files 0444, symlinks 0777. */
    public int mode() {
        return switch (type) {
            case DIRECTORY -> 0555;
            case FILE -> 0444;
            case SYMLINK -> 0777;
        };
    }

    /** Directories 2, everything else 1. */
    public int nlink() {
        return isDirectory() ? 2 : 1;
    }
}
