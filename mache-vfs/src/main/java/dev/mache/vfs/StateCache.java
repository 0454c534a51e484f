package dev.mache.vfs;

import dev.mache.graph.ForwardingSnapshot;
import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the graph answered about one committed state, shared by every snapshot of that state: a protocol request
 * still opens its own snapshot (so it always sees the newest commit), but the node, listing and hash lookups that
 * earlier requests already made against the same state are answered from memory instead of the store.
 *
 * <p>A state is identified by the snapshot's root, generation and commit time together: a commit always moves the
 * generation (and a fresh store restarts it with another commit time), so an entry can never be served to a
 * snapshot of another state. Only the newest state seen is kept; a request still running on an older state during
 * a swap answers from its own small state. Bounded: past {@link #MAX_ITEMS} cached rows a state starts over.
 */
final class StateCache {
    static final int MAX_ITEMS = 400_000;

    private final AtomicReference<State> current = new AtomicReference<>();

    /** {@code snapshot} answering repeated lookups from the cache of its state. */
    Snapshot wrap(Snapshot snapshot) {
        String key = snapshot.root() + ':' + snapshot.generation() + ':' + snapshot.committedAtNanos();
        State state = current.get();
        if (state == null || !state.key.equals(key)) {
            State fresh = new State(key);
            // the newest state wins; a race between two states costs misses, never a wrong answer
            current.set(fresh);
            state = fresh;
        }
        return new Cached(snapshot, state);
    }

    private record ListKey(String id, String after, int limit) { }

    private static final class State {
        final String key;
        final AtomicInteger items = new AtomicInteger();
        final ConcurrentHashMap<String, Optional<Node>> nodes = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ListKey, List<Node>> children = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ListKey, List<String>> defTokens = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ListKey, List<String>> refTokens = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ByteBuffer, Optional<String>> unhashed = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Object> memo = new ConcurrentHashMap<>();

        State(String key) {
            this.key = key;
        }

        <K, V> V get(ConcurrentHashMap<K, V> map, K key, Supplier<V> compute) {
            V hit = map.get(key);
            if (hit != null) {
                return hit;
            }
            V value = compute.get();
            int weight = value instanceof List<?> list ? 1 + list.size() : 1;
            if (items.addAndGet(weight) > MAX_ITEMS) {
                clear();
            }
            map.put(key, value);
            return value;
        }

        private void clear() {
            items.set(0);
            nodes.clear();
            children.clear();
            defTokens.clear();
            refTokens.clear();
            unhashed.clear();
            memo.clear();
        }
    }

    /** A snapshot whose repeatable lookups go through its state's cache; everything else goes to the store. */
    static final class Cached extends ForwardingSnapshot {
        private final State state;

        Cached(Snapshot snapshot, State state) {
            super(snapshot);
            this.state = state;
        }

        /**
         * A value computed once per state under {@code key} (e.g. README.txt's bytes); {@code compute} may only
         * depend on this snapshot's content and on what {@code key} names.
         */
        @SuppressWarnings("unchecked")
        <T> T memo(String key, Supplier<T> compute) {
            return (T) state.get(state.memo, key, compute::get);
        }

        @Override
        public Optional<Node> node(String id) {
            return state.get(state.nodes, id, () -> delegate().node(id));
        }

        @Override
        public List<Node> childrenAfter(String id, String afterName, int limit) {
            return state.get(state.children, new ListKey(id, afterName, limit),
                    () -> List.copyOf(delegate().childrenAfter(id, afterName, limit)));
        }

        @Override
        public List<String> defTokens(String after, int limit) {
            return state.get(state.defTokens, new ListKey("", after, limit),
                    () -> List.copyOf(delegate().defTokens(after, limit)));
        }

        @Override
        public List<String> refTokens(String after, int limit) {
            return state.get(state.refTokens, new ListKey("", after, limit),
                    () -> List.copyOf(delegate().refTokens(after, limit)));
        }

        @Override
        public Optional<String> unhash(byte[] hash) {
            return state.get(state.unhashed, ByteBuffer.wrap(hash.clone()), () -> delegate().unhash(hash));
        }
    }
}
