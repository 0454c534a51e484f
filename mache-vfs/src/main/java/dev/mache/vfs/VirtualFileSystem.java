package dev.mache.vfs;

/**
 * The narrow interface every protocol server talks to (after dCache nfs4j's VirtualFileSystem): the projection of
 * a {@link dev.mache.graph.Graph} as a read-only tree. Decorators (caching, access checks, metrics) wrap it.
 * A protocol request opens one {@link VfsSnapshot}, makes all its calls on it, and closes it, so it never mixes two
 * versions of the tree.
 */
public interface VirtualFileSystem extends AutoCloseable {

    VfsSnapshot open();

    /** As {@link dev.mache.graph.Graph#inProcess()}: whether a server may answer small requests on its I/O threads. */
    default boolean inProcess() {
        return true;
    }

    @Override
    void close();
}
