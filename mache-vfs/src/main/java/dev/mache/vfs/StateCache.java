package dev.mache.vfs;

import dev.mache.graph.ForwardingSnapshot;
import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the graph answered about one committed state, shared by every snapshot of that state: a protocol request
 * still opens its own snapshot (so it always sees the newest commit), but the node, listing and hash lookups that
 * earlier requests already made against the same state are answered from memory instead of the store; so are the
 * encoded bytes a protocol chose to remember for the state (e.g. NFS listing pages, see
 * {@link VfsSnapshot#remember}).
 *
 * <p>A state is identified by the snapshot's root, generation and commit time together: a commit always moves the
 * generation (and a fresh store restarts it with another commit time), so an entry can never be served to a
 * snapshot of another state. Only the newest state seen is kept; a request still running on an older state during
 * a swap answers from its own small state.
 *
 * <p>Bounded in bytes: every cached value is weighed by an estimate of the heap it holds (objects, strings, map
 * entries; see {@link #weigh}), and past the budget ({@link #DEFAULT_BUDGET_BYTES}, or the constructor's) a state
 * starts over. A tree whose working set is larger than the budget only loses hits, never correctness.
 */
final class StateCache {
    /** 64 MiB: a full walk of an 80,000-entry projection (nodes, listings and NFS pages) fits in about half of it. */
    static final long DEFAULT_BUDGET_BYTES = 64L << 20;

    private final long budgetBytes;
    private final AtomicReference<State> current = new AtomicReference<>();

    StateCache() {
        this(DEFAULT_BUDGET_BYTES);
    }

    StateCache(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("a cache budget is at least 0 bytes, not " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /** The estimated bytes the current state holds (0 before the first snapshot); for tests and monitoring. */
    long usedBytes() {
        State state = current.get();
        return state == null ? 0 : state.bytes.get();
    }

    /** {@code snapshot} answering repeated lookups from the cache of its state. */
    Snapshot wrap(Snapshot snapshot) {
        String key = snapshot.root() + ':' + snapshot.generation() + ':' + snapshot.committedAtNanos();
        State state = current.get();
        if (state == null || !state.key.equals(key)) {
            State fresh = new State(key, budgetBytes);
            // the newest state wins; a race between two states costs misses, never a wrong answer
            current.set(fresh);
            state = fresh;
        }
        return new Cached(snapshot, state);
    }

    // ---- size estimates (64-bit JVM with compressed oops; they need only be right to within a small factor)

    /** A map entry: the ConcurrentHashMap node (32) and its share of the table (~8). */
    private static final long MAP_ENTRY = 40;

    static long weigh(String s) {
        // header 12 + hash/coder ~12, and the byte array: header 16 + a byte per char (Latin-1, as paths mostly are)
        return s == null ? 0 : 24 + 16 + align(s.length());
    }

    static long weigh(Node n) {
        // header 12, three references, two longs, kind and boolean: 56, and its strings
        return 56 + weigh(n.id()) + weigh(n.parentId()) + weigh(n.name());
    }

    static long weigh(byte[] bytes) {
        return 16 + align(bytes.length);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /** Estimated heap of a cached value. */
    static long weigh(Object value) {
        return switch (value) {
            case null -> 0;
            case String s -> weigh(s);
            case Node n -> weigh(n);
            case byte[] b -> weigh(b);
            case Optional<?> o -> 16 + weigh(o.orElse(null));
            case List<?> list -> {
                long sum = 16 + 16 + 4L * list.size();
                for (Object element : list) {
                    sum += weigh(element);
                }
                yield sum;
            }
            case ListKey k -> 24 + weigh(k.id()) + weigh(k.after());
            case ByteBuffer b -> 48 + 16 + align(b.capacity());
            case RefListView.Link l -> 24 + weigh(l.dir()) + weigh(l.name()) + weigh(l.targetConstruct());
            default -> 64; // a small object of shared references
        };
    }

    private record ListKey(String id, String after, int limit) { }

    private static final class State {
        final String key;
        final long budget;
        final AtomicLong bytes = new AtomicLong();
        final ConcurrentHashMap<String, Optional<Node>> nodes = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ListKey, List<Node>> children = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ListKey, List<String>> defTokens = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ListKey, List<String>> refTokens = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ByteBuffer, Optional<String>> unhashed = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Object> memo = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Object, byte[]> remembered = new ConcurrentHashMap<>();

        State(String key, long budget) {
            this.key = key;
            this.budget = budget;
        }

        <K, V> V get(ConcurrentHashMap<K, V> map, K key, Supplier<V> compute) {
            V hit = map.get(key);
            if (hit != null) {
                return hit;
            }
            V value = compute.get();
            put(map, key, value);
            return value;
        }

        <K, V> void put(ConcurrentHashMap<K, V> map, K key, V value) {
            long weight = MAP_ENTRY + weigh(key) + weigh(value);
            if (weight > budget) {
                return; // larger than the whole budget: answered, never kept
            }
            if (bytes.addAndGet(weight) > budget) {
                clear();
                bytes.addAndGet(weight);
            }
            map.put(key, value);
        }

        private void clear() {
            bytes.set(0);
            nodes.clear();
            children.clear();
            defTokens.clear();
            refTokens.clear();
            unhashed.clear();
            memo.clear();
            remembered.clear();
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

        /** Bytes remembered for this state under {@code key}, if still held. */
        Optional<byte[]> recall(Object key) {
            return Optional.ofNullable(state.remembered.get(key));
        }

        /** Remembers {@code bytes} for this state (within the budget; the caller no longer changes them). */
        void remember(Object key, byte[] bytes) {
            state.put(state.remembered, key, bytes);
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
