package dev.mache.vfs;

import java.util.List;
import java.util.Optional;

/** The tree as of one graph snapshot. Paths have no leading slash; {@code ""} is the root. */
public interface VfsSnapshot extends AutoCloseable {

    Entry root();

    /** Resolves a path segment by segment; empty if any segment is missing or names a file mid-path. */
    Optional<Entry> lookup(String path);

    /** One child by name (the segment as listed, escaped); {@code ..} and {@code .} are never children. */
    Optional<Entry> lookup(Entry dir, String name);

    /** All children of a directory, sorted bytewise by name. */
    List<Entry> list(Entry dir);

    /**
     * Up to {@code limit} children whose name sorts strictly after {@code afterName} (null: from the start): paged
     * listings with cookies derived from names, so they survive a hot swap.
     */
    List<Entry> listAfter(Entry dir, String afterName, int limit);

    /** Bytes of a file (or of a symlink's target file) from {@code offset}; empty past the end. */
    byte[] read(Entry file, long offset, int length);

    /**
     * An opaque handle of at most 64 bytes, valid across restarts and snapshots while the node exists. It depends on
     * the path only (see {@code Handles} for the layout), so it can be issued for any entry of any snapshot.
     */
    byte[] handle(Entry entry);

    /** Found, Stale (well-formed but the node is gone) or Bad (not a handle mache issues). Never throws on garbage. */
    HandleLookup resolve(byte[] handle);

    /**
     * Bytes a protocol {@link #remember remembered} under {@code key} for this snapshot's committed state, if still
     * held: answers derived only from the content, kept while no commit has happened since. Empty when this snapshot
     * keeps nothing (the default).
     */
    default Optional<byte[]> recall(Object key) {
        return Optional.empty();
    }

    /**
     * Remembers {@code bytes}, computed from this snapshot's content and what {@code key} names (a record with value
     * equality), for later snapshots of the same committed state only: the next commit (a hot swap) starts over, so
     * nothing remembered is ever answered for another version of the tree. Bounded: the VFS may drop it any time.
     * The caller no longer changes the array. Does nothing by default.
     */
    default void remember(Object key, byte[] bytes) {
    }

    /** The snapshot's identity (64 hex characters). */
    String snapshotRoot();

    @Override
    void close();
}
