package dev.mache.vfs;

import dev.mache.graph.Graph;
import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Graph} for tests: built with {@link Builder}, swapped with {@link #publish}. Ancestors of
 * every node are created as directories; callers are derived from the call edges.
 */
public final class MemoryGraph implements Graph {
    private volatile MemorySnapshot current;
    public final AtomicInteger openSnapshots = new AtomicInteger();

    public MemoryGraph(Builder builder) {
        publish(builder);
    }

    public void publish(Builder builder) {
        current = builder.build(this, current == null ? 1 : current.generation + 1);
    }

    @Override
    public Snapshot open() {
        openSnapshots.incrementAndGet();
        return current;
    }

    @Override
    public String describe() {
        return "memory graph (test)";
    }

    @Override
    public void close() {
    }

    static final Comparator<String> BYTEWISE = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8));

    public static final class Builder {
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Map<String, byte[]> content = new HashMap<>();
        private final Map<String, List<Ref>> defs = new TreeMap<>(BYTEWISE);
        private final Map<String, List<Ref>> refs = new TreeMap<>(BYTEWISE);
        private final Map<String, List<String>> calls = new HashMap<>();
        private long commitNanos = 1_700_000_000_000_000_000L;
        private long files;

        public Builder commitNanos(long nanos) {
            commitNanos = nanos;
            return this;
        }

        public Builder dir(String path) {
            return node(path, NodeKind.DIRECTORY, 0, 1_600_000_000_000_000_000L, false);
        }

        /** A construct directory with source/location/context. */
        public Builder construct(String path, String source, long mtimeNanos) {
            node(path, NodeKind.DIRECTORY, 0, mtimeNanos, true);
            file(path + "/source", source, mtimeNanos);
            file(path + "/location", "src/x:1:2\n", mtimeNanos);
            file(path + "/context", "", mtimeNanos);
            return this;
        }

        public Builder file(String path, String text, long mtimeNanos) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            content.put(path, bytes);
            if (path.startsWith("files/")) {
                files++;
            }
            return node(path, NodeKind.FILE, bytes.length, mtimeNanos, false);
        }

        public Builder def(String token, String constructId) {
            defs.computeIfAbsent(token, t -> new ArrayList<>()).add(new Ref(constructId, "src/x"));
            return this;
        }

        public Builder ref(String token, String constructId) {
            refs.computeIfAbsent(token, t -> new ArrayList<>()).add(new Ref(constructId, "src/x"));
            return this;
        }

        public Builder call(String from, String to) {
            calls.computeIfAbsent(from, f -> new ArrayList<>()).add(to);
            return this;
        }

        public Builder remove(String path) {
            nodes.keySet().removeIf(id -> id.equals(path) || id.startsWith(path + "/"));
            return this;
        }

        private Builder node(String path, NodeKind kind, long size, long mtime, boolean construct) {
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? "" : path.substring(0, slash);
            if (!parent.isEmpty() && !nodes.containsKey(parent)) {
                dir(parent);
            }
            nodes.put(path, new Node(path, parent, path.substring(slash + 1), kind, size, mtime, construct));
            return this;
        }

        MemorySnapshot build(MemoryGraph graph, long generation) {
            return new MemorySnapshot(this, generation);
        }
    }

    public static final class MemorySnapshot implements Snapshot {
        final long generation;
        final long commitNanos;
        final Map<String, Node> nodes;
        final Map<String, TreeMap<String, Node>> children = new HashMap<>();
        final Map<String, byte[]> content;
        final TreeMap<String, List<Ref>> defs = new TreeMap<>(BYTEWISE);
        final TreeMap<String, List<Ref>> refs = new TreeMap<>(BYTEWISE);
        final Map<String, List<Ref>> callees = new HashMap<>();
        final Map<String, List<Ref>> callers = new HashMap<>();
        final Map<String, String> names = new HashMap<>();
        final long files;
        long constructs;

        MemorySnapshot(Builder b, long generation) {
            this.generation = generation;
            this.commitNanos = b.commitNanos;
            this.nodes = Map.copyOf(b.nodes);
            this.content = Map.copyOf(b.content);
            this.files = b.files;
            for (Node n : nodes.values()) {
                children.computeIfAbsent(n.parentId(), p -> new TreeMap<>(BYTEWISE)).put(n.name(), n);
                names.put(HexFormat.of().formatHex(Names.hash128(n.id())), n.id());
                if (n.construct()) {
                    constructs++;
                }
            }
            b.defs.forEach((t, r) -> defs.put(t, sorted(r)));
            b.refs.forEach((t, r) -> refs.put(t, sorted(r)));
            for (String t : defs.keySet()) {
                names.put(HexFormat.of().formatHex(Names.hash128(t)), t);
            }
            for (String t : refs.keySet()) {
                names.put(HexFormat.of().formatHex(Names.hash128(t)), t);
            }
            b.calls.forEach((from, tos) -> {
                for (String to : tos) {
                    callees.computeIfAbsent(from, f -> new ArrayList<>()).add(new Ref(to, "src/x"));
                    callers.computeIfAbsent(to, f -> new ArrayList<>()).add(new Ref(from, "src/x"));
                }
            });
            callees.replaceAll((k, v) -> sorted(v));
            callers.replaceAll((k, v) -> sorted(v));
        }

        private static List<Ref> sorted(List<Ref> refs) {
            return refs.stream().sorted(Comparator.comparing(Ref::nodeId, BYTEWISE)).toList();
        }

        @Override
        public String root() {
            return "%064x".formatted(generation);
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public long committedAtNanos() {
            return commitNanos;
        }

        @Override
        public Optional<Node> node(String id) {
            return Optional.ofNullable(nodes.get(id));
        }

        @Override
        public List<Node> children(String id) {
            return childrenAfter(id, null, Integer.MAX_VALUE);
        }

        @Override
        public List<Node> childrenAfter(String id, String afterName, int limit) {
            TreeMap<String, Node> c = children.get(id);
            if (c == null) {
                return List.of();
            }
            var view = afterName == null ? c : c.tailMap(afterName, false);
            return view.values().stream().limit(limit).toList();
        }

        @Override
        public byte[] read(String id, long offset, int length) {
            byte[] all = content.get(id);
            if (all == null || offset >= all.length) {
                return new byte[0];
            }
            return Arrays.copyOfRange(all, (int) offset, (int) Math.min(all.length, offset + length));
        }

        @Override
        public List<Ref> defs(String token) {
            return defs.getOrDefault(token, List.of());
        }

        @Override
        public List<Ref> refs(String token) {
            return refs.getOrDefault(token, List.of());
        }

        @Override
        public List<Ref> callees(String constructId) {
            return callees.getOrDefault(constructId, List.of());
        }

        @Override
        public List<Ref> callers(String constructId) {
            return callers.getOrDefault(constructId, List.of());
        }

        /** The largest page of tokens anyone asked for: listings must page, not materialize an index. */
        public final AtomicInteger largestTokenPage = new AtomicInteger();

        @Override
        public List<String> defTokens(String after, int limit) {
            largestTokenPage.accumulateAndGet(limit, Math::max);
            return tokens(defs, after, limit);
        }

        @Override
        public List<String> refTokens(String after, int limit) {
            largestTokenPage.accumulateAndGet(limit, Math::max);
            return tokens(refs, after, limit);
        }

        private static List<String> tokens(TreeMap<String, List<Ref>> map, String after, int limit) {
            return (after == null ? map : map.tailMap(after, false)).keySet().stream().limit(limit).toList();
        }

        @Override
        public Optional<String> unhash(byte[] hash) {
            return Optional.ofNullable(names.get(HexFormat.of().formatHex(hash)));
        }

        @Override
        public Stats stats() {
            long r = refs.values().stream().mapToLong(List::size).sum();
            return new Stats(files, constructs, r, nodes.size(), "ready");
        }

        @Override
        public void close() {
        }
    }
}
