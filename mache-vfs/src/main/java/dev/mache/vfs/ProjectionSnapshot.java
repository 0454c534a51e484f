package dev.mache.vfs;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The projection of one graph {@link Snapshot}: every call answers from that snapshot. A path is first resolved to
 * its {@link Place} (a stored node, or one of the virtual entries), then the view responsible for it answers:
 * {@link RootView} (root and README.txt), {@link ConstructView} (a construct's callers/callees),
 * {@link SymbolIndexView} (defs/ callers/ callees/), {@link RefListView} (the symlinks of all those lists).
 */
final class ProjectionSnapshot implements VfsSnapshot {
    private static final int LIST_PAGE = 4096;

    private final Snapshot snapshot;
    private final Tree tree;
    private final Readme readme;
    private final RootView rootView;
    private final ConstructView constructs;
    private final SymbolIndexView symbols;
    private final RefListView refLists;

    ProjectionSnapshot(Snapshot snapshot, String description, LinkCache linkCache) {
        this.snapshot = snapshot;
        this.tree = new Tree(snapshot, description, linkCache);
        this.readme = new Readme(tree);
        this.rootView = new RootView(tree, readme);
        this.constructs = new ConstructView(tree);
        this.symbols = new SymbolIndexView(tree);
        this.refLists = new RefListView(tree);
    }

    // ---- resolution -------------------------------------------------------------------------------------------

    /** What {@code path} is in this snapshot; empty when it is not in the tree. */
    Optional<Place> place(String path) {
        Optional<List<String>> parsed = TreePaths.segments(path);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        List<String> segs = parsed.get();
        if (segs.isEmpty()) {
            return Optional.of(new Place.Root());
        }
        String first = segs.getFirst();
        if (first.equals(RootView.README)) {
            return segs.size() == 1 ? Optional.of(new Place.Readme()) : Optional.empty();
        }
        Optional<Axis> index = Axis.ofRoot(first);
        if (index.isPresent()) {
            return symbols.resolve(index.get(), segs);
        }
        Optional<Node> stored = snapshot.node(path);
        if (stored.isPresent()) {
            return Optional.of(new Place.Stored(stored.get()));
        }
        int n = segs.size();
        for (int depth = 1; depth <= 2 && n - depth >= 1; depth++) {
            if (Axis.ofConstruct(segs.get(n - depth)).isEmpty()) {
                continue;
            }
            Optional<Node> construct = snapshot.node(TreePaths.join(segs, 0, n - depth)).filter(Node::construct);
            if (construct.isPresent()) {
                return constructs.resolve(construct.get(), segs.subList(n - depth, n));
            }
        }
        return Optional.empty();
    }

    Entry entry(Place place) {
        return switch (place) {
            case Place.Root r -> rootView.rootEntry();
            case Place.Readme r -> rootView.readmeEntry();
            case Place.SymbolIndex s -> tree.virtualDir(s.path());
            case Place.SymbolDir s -> tree.virtualDir(s.path());
            case Place.SymbolLink s -> refLists.entry(s.link());
            case Place.Stored s -> Tree.stored(s.node());
            case Place.ConstructList c -> tree.virtualDir(c.path());
            case Place.ConstructLink c -> refLists.entry(c.link());
        };
    }

    private List<Entry> listAfter(Place place, String afterName, int limit) {
        return switch (place) {
            case Place.Root r -> rootView.listAfter(afterName, limit);
            case Place.SymbolIndex s -> symbols.listAfter(s.axis(), afterName, limit);
            case Place.SymbolDir s -> refLists.page(symbols.links(s), afterName, limit);
            case Place.ConstructList c -> refLists.page(constructs.links(c.construct(), c.axis()), afterName, limit);
            case Place.Stored s when s.node().construct() -> constructs.listAfter(s.node(), afterName, limit);
            case Place.Stored s when s.node().isDirectory() ->
                    snapshot.childrenAfter(s.node().id(), afterName, limit).stream().map(Tree::stored).toList();
            case Place.Stored s -> List.of();
            case Place.Readme r -> List.of();
            case Place.SymbolLink s -> List.of();
            case Place.ConstructLink c -> List.of();
        };
    }

    // ---- VfsSnapshot ------------------------------------------------------------------------------------------

    @Override
    public Entry root() {
        return rootView.rootEntry();
    }

    @Override
    public Optional<Entry> lookup(String path) {
        return place(path).map(this::entry);
    }

    @Override
    public Optional<Entry> lookup(Entry dir, String name) {
        if (!dir.isDirectory() || !TreePaths.isSegment(name)) {
            return Optional.empty();
        }
        return lookup(TreePaths.join(dir.path(), name));
    }

    @Override
    public List<Entry> list(Entry dir) {
        if (!dir.isDirectory()) {
            return List.of();
        }
        Optional<Place> place = place(dir.path());
        if (place.isEmpty()) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<Entry> page = listAfter(place.get(), after, LIST_PAGE);
            out.addAll(page);
            if (page.size() < LIST_PAGE) {
                return out;
            }
            after = page.getLast().name();
        }
    }

    @Override
    public List<Entry> listAfter(Entry dir, String afterName, int limit) {
        if (!dir.isDirectory() || limit <= 0) {
            return List.of();
        }
        return place(dir.path()).map(p -> listAfter(p, afterName, limit)).orElse(List.of());
    }

    @Override
    public byte[] read(Entry file, long offset, int length) {
        if (offset < 0 || length <= 0) {
            return new byte[0];
        }
        return switch (file.type()) {
            case DIRECTORY -> new byte[0];
            case SYMLINK -> file.target()
                    .filter(t -> TreePaths.segments(t).isPresent())
                    .map(t -> snapshot.read(t, offset, length))
                    .orElse(new byte[0]);
            case FILE -> {
                if (file.path().equals(RootView.README)) {
                    byte[] all = readme.bytes();
                    if (offset >= all.length) {
                        yield new byte[0];
                    }
                    int from = (int) offset;
                    yield Arrays.copyOfRange(all, from, (int) Math.min(all.length, (long) from + length));
                }
                yield snapshot.read(file.path(), offset, length);
            }
        };
    }

    @Override
    public byte[] handle(Entry entry) {
        return handle(entry, Handles.MAX_INLINE_PATH);
    }

    /**
     * As {@link #handle(Entry)} with paths inlined only up to {@code maxInline} bytes: a composite
     * ({@link MultiTreeFs}) that wraps the handle needs room for its own prefix. Longer paths take the hash kinds,
     * which resolve whatever their length, so both handles of a path resolve alike.
     */
    byte[] handle(Entry entry, int maxInline) {
        String path = entry.path();
        byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxInline) {
            return Handles.inline(utf8);
        }
        List<String> segs = TreePaths.segments(path)
                .orElseThrow(() -> new IllegalArgumentException("not a path of the tree: " + path));
        int n = segs.size();
        Optional<Axis> index = Axis.ofRoot(segs.getFirst());
        if (index.isPresent() && n >= 2) {
            String token = symbols.tokenOf(index.get(), segs.get(1)).orElse(Names.unescape(segs.get(1)));
            return Handles.twoHashes(Handles.SYMBOL_VIRTUAL, token, path);
        }
        if (entry.type() == EntryType.SYMLINK && n >= 3) {
            return Handles.twoHashes(Handles.CONSTRUCT_VIRTUAL, TreePaths.join(segs, 0, n - 2), path);
        }
        boolean constructEntry = entry.isDirectory() ? Axis.ofConstruct(segs.getLast()).isPresent()
                : entry.type() == EntryType.FILE && Node.isConstructFile(segs.getLast());
        if (constructEntry && n >= 2) {
            // callers/, callees/ and a construct's files are derived from it: no row (and no hash) of their own
            String owner = TreePaths.join(segs, 0, n - 1);
            if (snapshot.node(owner).filter(Node::construct).isPresent()) {
                return Handles.twoHashes(Handles.CONSTRUCT_VIRTUAL, owner, path);
            }
        }
        return Handles.stored(path);
    }

    @Override
    public HandleLookup resolve(byte[] handle) {
        Object decoded = Handles.decode(handle);
        if (decoded instanceof String reason) {
            return new HandleLookup.Bad(reason);
        }
        Optional<Entry> found = switch ((Handles.Key) decoded) {
            case Handles.Key.Inline k -> lookup(k.path());
            case Handles.Key.Stored k -> snapshot.unhash(k.pathHash())
                    .filter(id -> Handles.matches(k.pathHash(), id))
                    .flatMap(snapshot::node)
                    .map(Tree::stored);
            case Handles.Key.ConstructVirtual k -> resolveConstructVirtual(k);
            case Handles.Key.SymbolVirtual k -> resolveSymbolVirtual(k);
        };
        return found.<HandleLookup>map(HandleLookup.Found::new).orElseGet(HandleLookup.Stale::new);
    }

    private Optional<Entry> resolveConstructVirtual(Handles.Key.ConstructVirtual k) {
        Optional<Node> construct = snapshot.unhash(k.constructHash())
                .filter(id -> Handles.matches(k.constructHash(), id))
                .flatMap(snapshot::node)
                .filter(Node::construct);
        if (construct.isEmpty()) {
            return Optional.empty();
        }
        for (String file : Node.CONSTRUCT_FILES) {
            String path = construct.get().id() + "/" + file;
            if (Handles.matches(k.pathHash(), path)) {
                return snapshot.node(path).map(Tree::stored);
            }
        }
        for (Axis axis : List.of(Axis.CALLERS, Axis.CALLEES)) {
            String list = construct.get().id() + "/" + axis.segment();
            if (Handles.matches(k.pathHash(), list)) {
                return Optional.of(tree.virtualDir(list));
            }
        }
        for (Axis axis : List.of(Axis.CALLERS, Axis.CALLEES)) {
            for (RefListView.Link link : constructs.links(construct.get(), axis)) {
                if (Handles.matches(k.pathHash(), link.path())) {
                    return Optional.of(refLists.entry(link));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Entry> resolveSymbolVirtual(Handles.Key.SymbolVirtual k) {
        Optional<String> token = snapshot.unhash(k.tokenHash()).filter(t -> Handles.matches(k.tokenHash(), t));
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String name = Names.escape(token.get());
        List<Place.SymbolDir> dirs = new ArrayList<>(3);
        for (Axis axis : List.of(Axis.DEFS, Axis.CALLERS, Axis.CALLEES)) {
            Place.SymbolDir dir = new Place.SymbolDir(axis, token.get(), name);
            if (Handles.matches(k.pathHash(), dir.path())) {
                return symbols.exists(axis, token.get()) ? Optional.of(tree.virtualDir(dir.path())) : Optional.empty();
            }
            dirs.add(dir);
        }
        for (Place.SymbolDir dir : dirs) {
            if (!symbols.exists(dir.axis(), dir.token())) {
                continue;
            }
            for (RefListView.Link link : symbols.links(dir)) {
                if (Handles.matches(k.pathHash(), link.path())) {
                    return Optional.of(refLists.entry(link));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String snapshotRoot() {
        return tree.root();
    }

    @Override
    public Optional<byte[]> recall(Object key) {
        return snapshot instanceof StateCache.Cached cached ? cached.recall(key) : Optional.empty();
    }

    @Override
    public void remember(Object key, byte[] bytes) {
        if (snapshot instanceof StateCache.Cached cached) {
            cached.remember(key, bytes);
        }
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
