package dev.mache.graph;

import java.util.List;
import java.util.Optional;

/**
 * One consistent, immutable view of the graph. Its operations mirror the ley-line daemon's, so the SQLite store and
 * the daemon client implement the same interface. Node ids are projection paths without a leading slash
 * ({@code java/java.util/classes/ArrayList}); the root is {@code ""}.
 *
 * <p>Every operation is an indexed lookup in the store; none scans the graph.
 */
public interface Snapshot extends AutoCloseable {

    /** The snapshot's identity: 64 hex characters; equal content gives an equal root. */
    String root();

    /** A counter that grows with every committed update. */
    long generation();

    /** Commit time of this snapshot, nanoseconds since the epoch (used for the times of virtual directories). */
    long committedAtNanos();

    Optional<Node> node(String id);

    /** The children of a directory, sorted bytewise by name. Empty for a file or a missing id. */
    List<Node> children(String id);

    /**
     * Up to {@code limit} children whose name sorts bytewise strictly after {@code afterName} (null: from the
     * start): the range lookup behind paged listings.
     */
    List<Node> childrenAfter(String id, String afterName, int limit);

    /** Up to {@code length} bytes of a file from {@code offset}; empty past the end or for a missing id. */
    byte[] read(String id, long offset, int length);

    /** Constructs defining {@code token}, ordered by node id. */
    List<Ref> defs(String token);

    /** Constructs whose code references {@code token}, ordered by node id. */
    List<Ref> refs(String token);

    /** Definitions the construct's references resolve to, ordered by node id, never the construct itself. */
    List<Ref> callees(String constructId);

    /** Constructs with a reference that resolves to this construct, ordered by node id, never itself. */
    List<Ref> callers(String constructId);

    /** Tokens (bare identifiers) with at least one definition, sorted bytewise, after {@code after} (null: start). */
    List<String> defTokens(String after, int limit);

    /** Tokens with at least one reference, sorted bytewise, after {@code after} (null: start). */
    List<String> refTokens(String after, int limit);

    /**
     * The node id or token whose {@link Names#hash128} equals {@code hash}, for resolving long file handles;
     * empty if unknown. Stale entries are allowed: callers check that the id still resolves. A construct's files
     * ({@link Node#CONSTRUCT_FILES}) are derived from it and have no hash of their own: handles name them through
     * the construct's.
     */
    Optional<String> unhash(byte[] hash);

    /** Counts for README.txt and logs. */
    Stats stats();

    @Override
    void close();
}
