package dev.mache.ipc;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small in-memory Graph for the IPC tests: immutable states swapped atomically, so each snapshot is one version.
 */
public final class MemoryGraph implements Graph {

    /** One version of the graph. */
    public static final class State {
        final TreeMap<String, Node> nodes = new TreeMap<>();
        final Map<String, TreeMap<String, Node>> byParent = new java.util.HashMap<>();
        final Map<String, byte[]> content = new TreeMap<>();
        final TreeMap<String, List<Ref>> defs = new TreeMap<>(Bytewise.ORDER);
        final TreeMap<String, List<Ref>> refs = new TreeMap<>(Bytewise.ORDER);
        long generation;
        long committedAtNanos = 1_700_000_000_000_000_000L;

        public State dir(String id, boolean construct) {
            return put(new Node(id, parent(id), name(id), NodeKind.DIRECTORY, 0, committedAtNanos + id.length(),
                    construct));
        }

        private State put(Node n) {
            nodes.put(n.id(), n);
            byParent.computeIfAbsent(n.parentId(), k -> new TreeMap<>(Bytewise.ORDER)).put(n.name(), n);
            return this;
        }

        public State file(String id, String text) {
            return file(id, text.getBytes(StandardCharsets.UTF_8));
        }

        public State file(String id, byte[] bytes) {
            content.put(id, bytes);
            return put(new Node(id, parent(id), name(id), NodeKind.FILE, bytes.length, committedAtNanos + 7, false));
        }

        public State def(String token, String nodeId, String sourceId) {
            defs.computeIfAbsent(token, k -> new ArrayList<>()).add(new Ref(nodeId, sourceId));
            return this;
        }

        public State ref(String token, String nodeId, String sourceId) {
            refs.computeIfAbsent(token, k -> new ArrayList<>()).add(new Ref(nodeId, sourceId));
            return this;
        }

        public State generation(long g) {
            generation = g;
            return this;
        }

        static String parent(String id) {
            int i = id.lastIndexOf('/');
            return i < 0 ? "" : id.substring(0, i);
        }

        static String name(String id) {
            return id.substring(id.lastIndexOf('/') + 1);
        }

        String root() {
            StringBuilder sb = new StringBuilder();
            nodes.forEach((k, v) -> sb.append(k).append('\0').append(v.size()).append('\0'));
            content.forEach((k, v) -> sb.append(k).append('\0').append(Arrays.hashCode(v)).append('\0'));
            defs.forEach((k, v) -> sb.append(k).append(v));
            refs.forEach((k, v) -> sb.append(k).append(v));
            return HexFormat.of().formatHex(Names.sha256(sb.toString()));
        }
    }

    private final AtomicReference<State> state;

    public MemoryGraph(State initial) {
        state = new AtomicReference<>(initial);
    }

    public void replace(State next) {
        state.set(next);
    }

    /** A small code base: two files with constructs that call each other, and a 3-level tree. */
    public static State sample() {
        return new State()
                .dir("go", false).dir("go/pkg", false).dir("go/pkg/functions", false)
                .dir("go/pkg/functions/Validate", true).file("go/pkg/functions/Validate/source", "func Validate() {}\n")
                .dir("go/pkg/functions/Main", true).file("go/pkg/functions/Main/source", "func Main() { Validate() }\n")
                .file("go/pkg/README", "héllo wörld")
                .file("go/pkg/bin", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10})
                .def("Validate", "go/pkg/functions/Validate", "pkg/auth.go")
                .def("Main", "go/pkg/functions/Main", "pkg/main.go")
                .ref("Validate", "go/pkg/functions/Main", "pkg/main.go")
                .ref("Main", "go/pkg/functions/Main", "pkg/main.go") // recursion: never its own caller
                .generation(3);
    }

    @Override
    public Snapshot open() {
        State s = state.get();
        return new MemorySnapshot(s);
    }

    @Override
    public String describe() {
        return "memory graph";
    }

    @Override
    public void close() {
    }

    private record MemorySnapshot(State s) implements Snapshot {
        @Override
        public String root() {
            return s.root();
        }

        @Override
        public long generation() {
            return s.generation;
        }

        @Override
        public long committedAtNanos() {
            return s.committedAtNanos;
        }

        @Override
        public Optional<Node> node(String id) {
            if (id.isEmpty()) {
                return Optional.of(new Node("", "", "", NodeKind.DIRECTORY, 0, s.committedAtNanos, false));
            }
            return Optional.ofNullable(s.nodes.get(id));
        }

        @Override
        public List<Node> children(String id) {
            return childrenAfter(id, null, Integer.MAX_VALUE);
        }

        @Override
        public List<Node> childrenAfter(String id, String afterName, int limit) {
            TreeMap<String, Node> byName = s.byParent.getOrDefault(id, new TreeMap<>());
            List<Node> out = new ArrayList<>();
            for (Node n : (afterName == null ? byName : byName.tailMap(afterName, false)).values()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(n);
            }
            return out;
        }

        @Override
        public byte[] read(String id, long offset, int length) {
            byte[] b = s.content.get(id);
            if (b == null || offset >= b.length || length <= 0) {
                return new byte[0];
            }
            return Arrays.copyOfRange(b, (int) offset, (int) Math.min(b.length, offset + length));
        }

        private static List<Ref> sorted(List<Ref> refs, String self) {
            TreeMap<String, Ref> m = new TreeMap<>(Bytewise.ORDER);
            for (Ref r : refs) {
                if (!r.nodeId().equals(self)) {
                    m.putIfAbsent(r.nodeId(), r);
                }
            }
            return List.copyOf(m.values());
        }

        @Override
        public List<Ref> defs(String token) {
            return sorted(s.defs.getOrDefault(token, List.of()), null);
        }

        @Override
        public List<Ref> refs(String token) {
            return sorted(s.refs.getOrDefault(token, List.of()), null);
        }

        @Override
        public List<Ref> callees(String constructId) {
            List<Ref> out = new ArrayList<>();
            s.refs.forEach((token, rs) -> {
                if (rs.stream().anyMatch(r -> r.nodeId().equals(constructId))) {
                    out.addAll(s.defs.getOrDefault(token, List.of()));
                }
            });
            return sorted(out, constructId);
        }

        @Override
        public List<Ref> callers(String constructId) {
            List<Ref> out = new ArrayList<>();
            s.defs.forEach((token, ds) -> {
                if (ds.stream().anyMatch(r -> r.nodeId().equals(constructId))) {
                    out.addAll(s.refs.getOrDefault(token, List.of()));
                }
            });
            return sorted(out, constructId);
        }

        private static List<String> page(TreeMap<String, List<Ref>> map, String after, int limit) {
            List<String> out = new ArrayList<>();
            for (String t : (after == null ? map : map.tailMap(after, false)).keySet()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(t);
            }
            return out;
        }

        @Override
        public List<String> defTokens(String after, int limit) {
            return page(s.defs, after, limit);
        }

        @Override
        public List<String> refTokens(String after, int limit) {
            return page(s.refs, after, limit);
        }

        @Override
        public Optional<String> unhash(byte[] hash) {
            TreeSet<String> all = new TreeSet<>(s.nodes.keySet());
            all.addAll(s.defs.keySet());
            for (String k : all) {
                if (Arrays.equals(Names.hash128(k), hash)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        @Override
        public Stats stats() {
            long files = s.nodes.values().stream().filter(n -> !n.isDirectory()).count();
            long constructs = s.nodes.values().stream().filter(Node::construct).count();
            long references = s.refs.values().stream().mapToLong(List::size).sum();
            return new Stats(files, constructs, references, s.nodes.size(), "ready");
        }

        @Override
        public void close() {
        }
    }
}
