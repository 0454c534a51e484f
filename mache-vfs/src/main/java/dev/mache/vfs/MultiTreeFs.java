package dev.mache.vfs;

import dev.mache.graph.Names;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.time.Instant;

/**
 * Several source trees in one served tree: each member's whole tree under its own top-level directory, beside a
 * README.txt that lists them.
 *
 * <pre>
 * /
 * ├── README.txt        the trees and where they come from
 * ├── api/              the first tree, exactly as a server of it alone shows it at /
 * └── web/              the second
 * </pre>
 *
 * Paths and handles inside a tree depend on its name only, never on the position or number of the trees: a tree's
 * handles are its own (paths inlined up to 53 bytes) prefixed by a hash of its name (Handles kind 5), and its
 * fileids are those of the full path. A request opens the members' snapshots it touches, each once.
 */
public final class MultiTreeFs implements VirtualFileSystem {
    static final String README = RootView.README;
    private static final int TREE_HASH = 8;
    /** Version, kind and the tree hash: what a member's handle (without its version byte) gets in front. */
    private static final int PREFIX = 2 + TREE_HASH;
    /** A member's handle without its version byte must fit beside the prefix: one kind byte plus the path. */
    static final int MAX_INNER_INLINE = 64 - PREFIX - 1;

    /**
     * A served tree.
     *
     * @param name        its top-level directory: one path segment (see {@link #names})
     * @param description what README.txt says it is (e.g. its source directory)
     * @param fs          its projection; this composite closes it
     */
    public record Member(String name, String description, VirtualFileSystem fs) {
        public Member {
            Objects.requireNonNull(fs, "fs");
            Objects.requireNonNull(description, "description");
            if (!TreePaths.isSegment(name) || name.equals(README)) {
                throw new IllegalArgumentException("not a tree name: " + name);
            }
        }
    }

    private final List<Member> members;
    private final Map<String, Member> byName = new HashMap<>();
    private final Map<String, Member> byHash = new HashMap<>();
    private final long createdNanos;
    private final byte[] readme;

    /** In-process only when every tree is: one stalled member would stall an I/O thread for all of them. */
    @Override
    public boolean inProcess() {
        for (Member m : members) {
            if (!m.fs().inProcess()) {
                return false;
            }
        }
        return true;
    }

    public MultiTreeFs(List<Member> members) {
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(Member::name, Bytewise.ORDER));
        this.members = List.copyOf(sorted);
        for (Member m : this.members) {
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException("two trees named " + m.name());
            }
            if (byHash.put(hashKey(treeHash(m.name())), m) != null) {
                throw new IllegalArgumentException("tree names " + m.name() + " and another share a handle hash");
            }
        }
        Instant now = Instant.now();
        this.createdNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.readme = renderReadme(this.members).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The top-level names of trees served from {@code dirs}, in the same order: each directory's base name, escaped
     * as any name (PROJECTION.md §4). Directories with the same base name are ranked by their absolute path
     * (bytewise): the first keeps the bare name, the next get {@code ~2}, {@code ~3}…; {@code README.txt} is taken by
     * the composite's own file. The names depend on the set of directories, never on their order.
     */
    public static List<String> names(List<Path> dirs) {
        List<String> paths = new ArrayList<>();
        for (Path d : dirs) {
            paths.add(d.toAbsolutePath().normalize().toString());
        }
        TreeMap<String, List<String>> groups = new TreeMap<>(Bytewise.ORDER);
        for (String p : new java.util.TreeSet<>(paths)) {
            Path file = Path.of(p).getFileName();
            String base = Names.escape(file == null ? "root" : file.toString());
            groups.computeIfAbsent(base, k -> new ArrayList<>()).add(p);
        }
        Set<String> taken = new HashSet<>(groups.keySet());
        taken.add(README);
        Map<String, String> nameOf = new HashMap<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<String> same = g.getValue();
            same.sort(Bytewise.ORDER);
            int rank = g.getKey().equals(README) ? 1 : 0;
            for (String p : same) {
                String name = rank == 0 ? g.getKey() : g.getKey() + "~" + (rank + 1);
                while (rank > 0 && !taken.add(name)) { // "x~2" is itself a directory's base name
                    rank++;
                    name = g.getKey() + "~" + (rank + 1);
                }
                nameOf.put(p, name);
                rank++;
            }
        }
        return paths.stream().map(nameOf::get).toList();
    }

    public List<Member> members() {
        return members;
    }

    @Override
    public VfsSnapshot open() {
        return new Snapshot();
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.fs().close();
        }
    }

    private static String renderReadme(List<Member> members) {
        StringBuilder b = new StringBuilder();
        b.append("mache: several code bases, each a tree of its constructs and the references between them\n");
        b.append("=========================================================================================\n\n");
        b.append("Trees:\n");
        int width = members.stream().mapToInt(m -> m.name().length()).max().orElse(0) + 1;
        for (Member m : members) {
            b.append("  ").append(m.name()).append('/')
                    .append(" ".repeat(Math.max(1, width - m.name().length() + 2)))
                    .append(m.description()).append('\n');
        }
        b.append("""

                Each directory above is one source tree exactly as a server of it alone shows it: read its own
                README.txt (cat <tree>/README.txt) for its layout, counts and indexing progress. Paths inside a
                tree do not depend on the other trees. Everything is read-only.
                """);
        return b.toString();
    }

    static byte[] treeHash(String name) {
        return Arrays.copyOf(Names.hash128(name), TREE_HASH);
    }

    private static String hashKey(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** The composite as of one request: the members' snapshots, each opened when first needed. */
    private final class Snapshot implements VfsSnapshot {
        private final Map<String, VfsSnapshot> opened = new LinkedHashMap<>();

        private VfsSnapshot of(Member m) {
            return opened.computeIfAbsent(m.name(), k -> m.fs().open());
        }

        // ---- translating entries between a member's tree and the composite

        private Entry outer(Member m, Entry e) {
            String path = e.path().isEmpty() ? m.name() : m.name() + "/" + e.path();
            return new Entry(path, e.path().isEmpty() ? m.name() : e.name(), e.type(), e.size(), e.mtimeNanos(),
                    Names.fileId(path), e.linkText(), e.target().map(t -> m.name() + "/" + t));
        }

        private List<Entry> outer(Member m, List<Entry> entries) {
            List<Entry> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(outer(m, e));
            }
            return out;
        }

        /** The member an entry of the composite lies in, or null for the root and README.txt. */
        private Member memberOf(Entry e) {
            String p = e.path();
            int slash = p.indexOf('/');
            return byName.get(slash < 0 ? p : p.substring(0, slash));
        }

        private static Entry inner(Member m, Entry e) {
            String path = e.path().length() == m.name().length() ? "" : e.path().substring(m.name().length() + 1);
            String prefix = m.name() + "/";
            return new Entry(path, path.isEmpty() ? "" : e.name(), e.type(), e.size(), e.mtimeNanos(),
                    Names.fileId(path), e.linkText(),
                    e.target().map(t -> t.startsWith(prefix) ? t.substring(prefix.length()) : t));
        }

        private Entry readmeEntry() {
            return new Entry(README, README, EntryType.FILE, readme.length, createdNanos, Names.fileId(README),
                    Optional.empty(), Optional.empty());
        }

        /** The root's children: README.txt and one directory per tree, sorted bytewise. */
        private List<Entry> rootChildren() {
            List<Entry> out = new ArrayList<>(members.size() + 1);
            out.add(readmeEntry());
            for (Member m : members) {
                out.add(outer(m, of(m).root()));
            }
            out.sort((a, b) -> Bytewise.compare(a.name(), b.name()));
            return out;
        }

        // ---- VfsSnapshot

        @Override
        public Entry root() { // its listing never changes while this composite lives
            return new Entry("", "", EntryType.DIRECTORY, 0, createdNanos, Names.fileId(""), Optional.empty(),
                    Optional.empty());
        }

        @Override
        public Optional<Entry> lookup(String path) {
            if (path == null) {
                return Optional.empty();
            }
            if (path.isEmpty()) {
                return Optional.of(root());
            }
            int slash = path.indexOf('/');
            String first = slash < 0 ? path : path.substring(0, slash);
            if (first.equals(README)) {
                return slash < 0 ? Optional.of(readmeEntry()) : Optional.empty();
            }
            Member m = byName.get(first);
            if (m == null) {
                return Optional.empty();
            }
            String rest = slash < 0 ? "" : path.substring(slash + 1);
            if (slash >= 0 && rest.isEmpty()) {
                return Optional.empty(); // "tree/" is not a path of the tree
            }
            return of(m).lookup(rest).map(e -> outer(m, e));
        }

        @Override
        public Optional<Entry> lookup(Entry dir, String name) {
            if (!dir.isDirectory() || !TreePaths.isSegment(name)) {
                return Optional.empty();
            }
            Member m = memberOf(dir);
            if (m == null) {
                return dir.path().isEmpty() ? lookup(name) : Optional.empty();
            }
            return of(m).lookup(inner(m, dir), name).map(e -> outer(m, e));
        }

        @Override
        public List<Entry> list(Entry dir) {
            if (!dir.isDirectory()) {
                return List.of();
            }
            Member m = memberOf(dir);
            if (m == null) {
                return dir.path().isEmpty() ? rootChildren() : List.of();
            }
            return outer(m, of(m).list(inner(m, dir)));
        }

        @Override
        public List<Entry> listAfter(Entry dir, String afterName, int limit) {
            if (!dir.isDirectory() || limit <= 0) {
                return List.of();
            }
            Member m = memberOf(dir);
            if (m == null) {
                if (!dir.path().isEmpty()) {
                    return List.of();
                }
                return rootChildren().stream().filter(e -> afterName == null || Bytewise.after(e.name(), afterName))
                        .limit(limit).toList();
            }
            return outer(m, of(m).listAfter(inner(m, dir), afterName, limit));
        }

        @Override
        public byte[] read(Entry file, long offset, int length) {
            if (offset < 0 || length <= 0) {
                return new byte[0];
            }
            Member m = memberOf(file);
            if (m == null) {
                if (!file.path().equals(README) || offset >= readme.length) {
                    return new byte[0];
                }
                int from = (int) offset;
                return Arrays.copyOfRange(readme, from, (int) Math.min(readme.length, (long) from + length));
            }
            return of(m).read(inner(m, file), offset, length);
        }

        @Override
        public byte[] handle(Entry entry) {
            Member m = memberOf(entry);
            if (m == null) {
                return Handles.inline(entry.path().getBytes(StandardCharsets.UTF_8));
            }
            VfsSnapshot s = of(m);
            Entry e = inner(m, entry);
            byte[] own = s instanceof ProjectionSnapshot p ? p.handle(e, MAX_INNER_INLINE) : s.handle(e);
            if (own.length - 1 > 64 - PREFIX) {
                throw new IllegalStateException("the handle of " + entry.path() + " does not fit in 64 bytes");
            }
            byte[] h = new byte[PREFIX + own.length - 1];
            h[0] = Handles.VERSION;
            h[1] = Handles.TREE;
            System.arraycopy(treeHash(m.name()), 0, h, 2, TREE_HASH);
            System.arraycopy(own, 1, h, PREFIX, own.length - 1);
            return h;
        }

        @Override
        public HandleLookup resolve(byte[] handle) {
            if (handle != null && handle.length >= 2 && handle.length <= 64 && handle[0] == Handles.VERSION
                    && handle[1] == Handles.TREE) {
                if (handle.length < PREFIX + 1) {
                    return new HandleLookup.Bad("tree handle shorter than " + (PREFIX + 1) + " bytes");
                }
                Member m = byHash.get(hashKey(Arrays.copyOfRange(handle, 2, PREFIX)));
                if (m == null) {
                    return new HandleLookup.Stale(); // a tree this server does not serve (any more)
                }
                byte[] own = new byte[1 + handle.length - PREFIX];
                own[0] = Handles.VERSION;
                System.arraycopy(handle, PREFIX, own, 1, handle.length - PREFIX);
                return switch (of(m).resolve(own)) {
                    case HandleLookup.Found f -> new HandleLookup.Found(outer(m, f.entry()));
                    case HandleLookup.Stale s -> s;
                    case HandleLookup.Bad b -> b;
                };
            }
            Object decoded = Handles.decode(handle);
            return switch (decoded) {
                case String reason -> new HandleLookup.Bad(reason);
                case Handles.Key.Inline k -> k.path().isEmpty() || k.path().equals(README)
                        ? new HandleLookup.Found(lookup(k.path()).orElseThrow())
                        : new HandleLookup.Stale(); // a path of a single-tree server: not here
                default -> new HandleLookup.Stale();
            };
        }

        @Override
        public String snapshotRoot() {
            StringBuilder all = new StringBuilder();
            for (Member m : members) {
                all.append(m.name()).append('=').append(of(m).snapshotRoot()).append('\n');
            }
            return HexFormat.of().formatHex(Names.sha256(all.toString()));
        }

        @Override
        public void close() {
            for (VfsSnapshot s : opened.values()) {
                s.close();
            }
            opened.clear();
        }
    }
}
