package dev.mache.graph;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot that hands every call to another one: the base of decorators (a cache, a phase that says "parsing"),
 * which override only what they change.
 */
public abstract class ForwardingSnapshot implements Snapshot {
    private final Snapshot delegate;

    protected ForwardingSnapshot(Snapshot delegate) {
        this.delegate = delegate;
    }

    /** The snapshot this one decorates. */
    protected final Snapshot delegate() {
        return delegate;
    }

    @Override
    public String root() {
        return delegate.root();
    }

    @Override
    public long generation() {
        return delegate.generation();
    }

    @Override
    public long committedAtNanos() {
        return delegate.committedAtNanos();
    }

    @Override
    public Optional<Node> node(String id) {
        return delegate.node(id);
    }

    @Override
    public List<Node> children(String id) {
        return delegate.children(id);
    }

    @Override
    public List<Node> childrenAfter(String id, String afterName, int limit) {
        return delegate.childrenAfter(id, afterName, limit);
    }

    @Override
    public byte[] read(String id, long offset, int length) {
        return delegate.read(id, offset, length);
    }

    @Override
    public List<Ref> defs(String token) {
        return delegate.defs(token);
    }

    @Override
    public List<Ref> refs(String token) {
        return delegate.refs(token);
    }

    @Override
    public List<Ref> callees(String constructId) {
        return delegate.callees(constructId);
    }

    @Override
    public List<Ref> callers(String constructId) {
        return delegate.callers(constructId);
    }

    @Override
    public List<String> defTokens(String after, int limit) {
        return delegate.defTokens(after, limit);
    }

    @Override
    public List<String> refTokens(String after, int limit) {
        return delegate.refTokens(after, limit);
    }

    @Override
    public Optional<String> unhash(byte[] hash) {
        return delegate.unhash(hash);
    }

    @Override
    public Stats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
