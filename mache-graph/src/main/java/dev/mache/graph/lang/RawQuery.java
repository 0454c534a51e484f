package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Query;
import io.github.treesitter.jtreesitter.QueryPredicate;
import io.github.treesitter.jtreesitter.QueryPredicateArg;
import io.github.treesitter.jtreesitter.Tree;
import io.github.treesitter.jtreesitter.internal.TSNode;
import io.github.treesitter.jtreesitter.internal.TSQueryCapture;
import io.github.treesitter.jtreesitter.internal.TSQueryMatch;
import io.github.treesitter.jtreesitter.internal.TreeSitter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a compiled query over a tree through tree-sitter's C API directly (jtreesitter's generated bindings),
 * reading captures as byte ranges. jtreesitter's own iterator builds a {@link Node} per capture, and each Node
 * registers an automatic arena with a cleaner: on large code bases that costs more than the query itself. Only
 * definitions, which the language rules inspect, become Nodes here.
 *
 * <p>Needs reflective access to three package-private members of jtreesitter 0.25.6 (the query and node
 * segments, the Node constructor); {@link #AVAILABLE} is false when they are missing, and the engine then uses
 * jtreesitter's public API.
 */
final class RawQuery {

    static final boolean AVAILABLE;
    private static final MethodHandle QUERY_SEGMENT;
    private static final MethodHandle NODE_SELF;
    private static final MethodHandle NODE_NEW;
    private static final Field PREDICATES;
    private static final MethodHandle PARSER_SELF;
    private static final MethodHandle TREE_NEW;
    /** The Tree's arena and self fields, to give each parsed tree a confined arena; null when they are missing. */
    private static final Field TREE_ARENA;
    private static final Field TREE_SELF;
    private static final long CAPTURE_SIZE;
    private static final long NODE_OFFSET;
    private static final long INDEX_OFFSET;
    private static final long NODE_SIZE;
    private static final long ID_OFFSET;
    private static final long CAPTURES_OFFSET;
    /** All native memory, to read tree-sitter's per-match buffers by address without a segment per match. */
    private static final MemorySegment MEMORY;

    static {
        boolean ok;
        MethodHandle qs = null, ns = null, nn = null, ps = null, tn = null;
        Field pr = null;
        long cs = 0, no = 0, io = 0, nz = 0, id = 0, co = 0;
        MemorySegment memory = null;
        Field treeArena = null, treeSelf = null;
        try {
            treeArena = Tree.class.getDeclaredField("arena");
            treeSelf = Tree.class.getDeclaredField("self");
            if (treeArena.getType() != Arena.class || treeSelf.getType() != MemorySegment.class) {
                throw new NoSuchFieldException("Tree.arena/self have other types");
            }
            treeArena.setAccessible(true);
            treeSelf.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            treeArena = null;
            treeSelf = null;
        }
        TREE_ARENA = treeArena;
        TREE_SELF = treeSelf;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Method segment = Query.class.getDeclaredMethod("segment");
            segment.setAccessible(true);
            qs = lookup.unreflect(segment);
            Field self = Node.class.getDeclaredField("self");
            self.setAccessible(true);
            ns = lookup.unreflectGetter(self);
            Constructor<Node> ctor = Node.class.getDeclaredConstructor(MemorySegment.class, Tree.class);
            ctor.setAccessible(true);
            nn = lookup.unreflectConstructor(ctor);
            pr = Query.class.getDeclaredField("predicates");
            pr.setAccessible(true);
            Field parserSelf = Parser.class.getDeclaredField("self");
            parserSelf.setAccessible(true);
            ps = lookup.unreflectGetter(parserSelf);
            Constructor<Tree> treeCtor = Tree.class.getDeclaredConstructor(MemorySegment.class,
                    io.github.treesitter.jtreesitter.Language.class, String.class, java.nio.charset.Charset.class);
            treeCtor.setAccessible(true);
            tn = lookup.unreflectConstructor(treeCtor);
            cs = TSQueryCapture.sizeof();
            no = TSQueryCapture.node$offset();
            io = TSQueryCapture.index$offset();
            nz = TSNode.sizeof();
            id = TSNode.id$offset();
            co = TSQueryMatch.captures$offset();
            if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) throw new IllegalStateException("not a 64-bit platform");
            memory = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
            ok = true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ok = false;
        }
        AVAILABLE = ok;
        QUERY_SEGMENT = qs;
        NODE_SELF = ns;
        NODE_NEW = nn;
        PREDICATES = pr;
        PARSER_SELF = ps;
        TREE_NEW = tn;
        CAPTURE_SIZE = cs;
        NODE_OFFSET = no;
        INDEX_OFFSET = io;
        NODE_SIZE = nz;
        ID_OFFSET = id;
        CAPTURES_OFFSET = co;
        MEMORY = memory;
    }

    private RawQuery() {
    }

    /** A text test from a pattern's predicates (#eq?, #match? and their negations, #any-of?). */
    record TextTest(int capture, Pattern regex, List<String> values, boolean negate) {
        boolean test(String text) {
            boolean r = regex != null ? regex.matcher(text).find() : values.contains(text);
            return r != negate;
        }
    }

    /** Per pattern, its text tests; null when a pattern uses a predicate this class cannot evaluate. */
    static List<List<TextTest>> predicates(Query query) {
        try {
            @SuppressWarnings("unchecked")
            List<List<QueryPredicate>> all = (List<List<QueryPredicate>>) PREDICATES.get(query);
            List<String> names = query.getCaptureNames();
            List<List<TextTest>> out = new ArrayList<>(all.size());
            for (List<QueryPredicate> pattern : all) {
                List<TextTest> tests = new ArrayList<>(pattern.size());
                for (QueryPredicate p : pattern) {
                    String name = p.getName().startsWith("#") ? p.getName().substring(1) : p.getName();
                    List<QueryPredicateArg> args = p.getArgs();
                    if (args.size() < 2 || !(args.getFirst() instanceof QueryPredicateArg.Capture cap)) return null;
                    int id = names.indexOf(cap.value());
                    List<String> literals = new ArrayList<>();
                    for (QueryPredicateArg a : args.subList(1, args.size())) {
                        if (!(a instanceof QueryPredicateArg.Literal lit)) return null;
                        literals.add(lit.value());
                    }
                    switch (name) {
                        case "eq?", "not-eq?" -> tests.add(new TextTest(id, null, literals, name.startsWith("not-")));
                        case "any-of?", "not-any-of?" -> tests.add(new TextTest(id, null, literals, name.startsWith("not-")));
                        case "match?", "not-match?" ->
                                tests.add(new TextTest(id, Pattern.compile(literals.getFirst()), null, name.startsWith("not-")));
                        default -> {
                            return null;
                        }
                    }
                }
                out.add(tests);
            }
            return out;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** One match, read in place from tree-sitter's buffer: valid only during the callback. */
    static final class Match implements QueryLanguage.MatchView {
        private final Tree tree;
        private final SegmentAllocator arena;
        /** address of the match's capture array in tree-sitter's buffer, read through {@link #MEMORY} */
        private long captures;
        private int count;
        private int pattern;

        Match(Tree tree, SegmentAllocator arena) {
            this.tree = tree;
            this.arena = arena;
        }

        int pattern() {
            return pattern;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public int captureId(int i) {
            return MEMORY.get(ValueLayout.JAVA_INT, captures + i * CAPTURE_SIZE + INDEX_OFFSET);
        }

        @Override
        public int start(int i) {
            return MEMORY.get(ValueLayout.JAVA_INT, captures + i * CAPTURE_SIZE + NODE_OFFSET);  // TSNode.context[0]
        }

        @Override
        public int end(int i) {
            return TreeSitter.ts_node_end_byte(MEMORY.asSlice(captures + i * CAPTURE_SIZE + NODE_OFFSET, NODE_SIZE));
        }

        /** A jtreesitter Node for capture i, backed by a copy in the parse's arena. */
        @Override
        public Node node(int i) {
            return RawQuery.node(copy(i), tree);
        }

        @Override
        public Definition definition(int def, int name, String kind, String token) {
            return new Definition(copy(def), copy(name), tree, start(def), end(def), start(name), kind, token);
        }

        /** Capture i's TSNode struct, copied into the parse's arena. */
        private MemorySegment copy(int i) {
            MemorySegment copy = arena.allocate(NODE_SIZE, 8);
            MemorySegment.copy(MEMORY, captures + i * CAPTURE_SIZE + NODE_OFFSET, copy, 0, NODE_SIZE);
            return copy;
        }
    }

    /** A jtreesitter Node for a TSNode struct that lives as long as the tree. */
    static Node node(MemorySegment segment, Tree tree) {
        try {
            return (Node) NODE_NEW.invoke(segment, tree);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the query over the tree, calling back for each match whose predicates hold. */
    static void run(Query query, List<List<TextTest>> predicates, Tree tree, Node rootNode, SegmentAllocator arena,
                    SourceText text, Consumer<? super Match> sink) {
        MemorySegment querySegment;
        MemorySegment root;
        try {
            querySegment = (MemorySegment) QUERY_SEGMENT.invoke(query);
            root = (MemorySegment) NODE_SELF.invoke(rootNode);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        MemorySegment cursor = TreeSitter.ts_query_cursor_new();
        try {
            TreeSitter.ts_query_cursor_exec(cursor, querySegment, root);
            MemorySegment raw = arena.allocate(TSQueryMatch.layout());
            Match m = new Match(tree, arena);
            while (TreeSitter.ts_query_cursor_next_match(cursor, raw)) {
                int count = TSQueryMatch.capture_count(raw) & 0xffff;
                m.pattern = TSQueryMatch.pattern_index(raw) & 0xffff;
                m.count = count;
                m.captures = raw.get(ValueLayout.JAVA_LONG, CAPTURES_OFFSET);  // no segment per match
                if (passes(m, predicates.get(m.pattern), text)) sink.accept(m);
            }
        } finally {
            TreeSitter.ts_query_cursor_delete(cursor);
        }
    }

    /**
     * Parses the text's bytes as UTF-8, as {@link Parser#parse(String)} would, but from a per-thread native buffer:
     * jtreesitter's parse encodes the string twice more and allocates and closes a shared arena for the copy. The
     * tree carries no source text (nothing here reads {@link Node#getText()}). Empty when tree-sitter gives up.
     */
    static java.util.Optional<Tree> parse(Parser parser, io.github.treesitter.jtreesitter.Language language,
                                          SourceText text) {
        byte[] bytes = text.bytes;
        MemorySegment buf = INPUT.get()[0];
        if (buf == null || buf.byteSize() < bytes.length) {
            buf = Arena.ofAuto().allocate(Math.max(1 << 16, Long.highestOneBit(Math.max(1, bytes.length)) << 1));
            INPUT.get()[0] = buf;
        }
        MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
        try {
            MemorySegment self = (MemorySegment) PARSER_SELF.invoke(parser);
            MemorySegment tree = TreeSitter.ts_parser_parse_string_encoding(self, MemorySegment.NULL, buf,
                    bytes.length, TreeSitter.TSInputEncodingUTF8());
            if (tree.equals(MemorySegment.NULL)) return java.util.Optional.empty();
            Tree t = (Tree) TREE_NEW.invoke(tree, language, (String) null, (java.nio.charset.Charset) null);
            confine(t, tree);
            return java.util.Optional.of(t);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves a new tree from the shared arena jtreesitter gives it to a confined one. Closing a shared arena makes
     * the JVM handshake with every thread (a shared segment may be in use anywhere), once per parsed file; a
     * tree here is parsed, read and closed by one thread, so a confined arena frees it with no handshake. The
     * shared arena is left unclosed with nothing registered on it but the tree's cleanup, which is thereby never
     * run twice: it is garbage like any object. Without the fields (another jtreesitter) the tree stays shared.
     */
    private static void confine(Tree t, MemorySegment tree) throws IllegalAccessException {
        if (TREE_ARENA == null) return;
        Arena confined = Arena.ofConfined();
        TREE_SELF.set(t, tree.reinterpret(confined, TreeSitter::ts_tree_delete));
        TREE_ARENA.set(t, confined);
    }

    /** Per parse thread, the native copy of the text being parsed (tree-sitter keeps no reference to it). */
    private static final ThreadLocal<MemorySegment[]> INPUT = ThreadLocal.withInitial(() -> new MemorySegment[1]);

    /**
     * Bump allocation of small structs (TSNode results and copies) inside one parse's arena: one native allocation
     * (and one cleanup) per 8 KiB instead of one per node. Slices live as long as the arena.
     */
    static final class Slab implements SegmentAllocator {
        private static final long CHUNK = 1 << 13;
        private final Arena arena;
        private MemorySegment chunk;
        private long used;

        Slab(Arena arena) {
            this.arena = arena;
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            if (byteSize > CHUNK / 4) return arena.allocate(byteSize, byteAlignment);
            long at = (used + byteAlignment - 1) & -byteAlignment;
            if (chunk == null || at + byteSize > CHUNK) {
                chunk = arena.allocate(CHUNK, 16);
                at = 0;
            }
            used = at + byteSize;
            return chunk.asSlice(at, byteSize, byteAlignment);
        }
    }

    /** The TSNode struct behind a jtreesitter node. */
    static MemorySegment segment(Node node) {
        try {
            return (MemorySegment) NODE_SELF.invoke(node);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Node navigation on raw TSNode structs allocated in one parse's arena: no per-node automatic arena, and node
     * types by symbol through a per-language name table.
     */
    static final class Nav {
        private final SegmentAllocator arena;
        private final String[] symbolNames;
        private final io.github.treesitter.jtreesitter.Language language;
        private final java.util.Map<String, Short> fieldIds;

        Nav(SegmentAllocator arena, String[] symbolNames, io.github.treesitter.jtreesitter.Language language,
            java.util.Map<String, Short> fieldIds) {
            this.arena = arena;
            this.symbolNames = symbolNames;
            this.language = language;
            this.fieldIds = fieldIds;
        }

        /** The child in a field, or null. */
        MemorySegment field(MemorySegment n, String name) {
            Short known = fieldIds.get(name);  // get first: computeIfAbsent with a bound method ref allocates
            short id = known != null ? known : fieldIds.computeIfAbsent(name, language::getFieldIdForName);
            if (id == 0) return null;
            MemorySegment c = TreeSitter.ts_node_child_by_field_id(arena, n, id);
            return isNull(c) ? null : c;
        }

        int namedChildCount(MemorySegment n) {
            return TreeSitter.ts_node_named_child_count(n);
        }

        MemorySegment namedChild(MemorySegment n, int i) {
            return TreeSitter.ts_node_named_child(arena, n, i);
        }

        MemorySegment prev(MemorySegment n) {
            MemorySegment p = TreeSitter.ts_node_prev_sibling(arena, n);
            return isNull(p) ? null : p;
        }

        /** ts_node_is_null without a downcall: a null TSNode has no subtree ({@code id}, a public field of the struct). */
        private static boolean isNull(MemorySegment n) {
            return n.get(ValueLayout.ADDRESS, ID_OFFSET).address() == 0;
        }

        MemorySegment lastChild(MemorySegment n) {
            int c = TreeSitter.ts_node_child_count(n);
            return c == 0 ? null : TreeSitter.ts_node_child(arena, n, c - 1);
        }

        String type(MemorySegment n) {
            int sym = TreeSitter.ts_node_symbol(n) & 0xffff;
            return sym < symbolNames.length ? symbolNames[sym] : "";
        }

        static int start(MemorySegment n) {
            return n.get(ValueLayout.JAVA_INT, 0);
        }

        static int end(MemorySegment n) {
            return TreeSitter.ts_node_end_byte(n);
        }
    }

    /** Symbol id → node type name, for a language. */
    static String[] symbolNames(io.github.treesitter.jtreesitter.Language language) {
        int n = language.getSymbolCount();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            String name = language.getSymbolName((short) i);
            names[i] = name == null ? "" : name;
        }
        return names;
    }

    private static boolean passes(Match m, List<TextTest> tests, SourceText text) {
        for (TextTest t : tests) {
            boolean found = false;
            for (int i = 0; i < m.count(); i++) {
                if (m.captureId(i) != t.capture()) continue;
                found = true;
                if (!t.test(text.text(m.start(i), m.end(i)))) return false;
            }
            if (!found && !t.negate()) return false;
        }
        return true;
    }
}
