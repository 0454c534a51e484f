package dev.mache.graph.lang;

import dev.mache.graph.lang.Reference.RefKind;
import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Point;
import io.github.treesitter.jtreesitter.Query;
import io.github.treesitter.jtreesitter.QueryCapture;
import io.github.treesitter.jtreesitter.QueryCursor;
import io.github.treesitter.jtreesitter.QueryMatch;
import io.github.treesitter.jtreesitter.QueryPredicate;
import io.github.treesitter.jtreesitter.Tree;
import io.github.treesitter.jtreesitter.TreeCursor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The one query-driven engine behind every language: parses a file, runs the language's queries once over the
 * whole tree, and turns the captures into constructs (nested by their real parents), references (with their
 * innermost enclosing construct and, where cheap, the receiver's declared type), the context and the imports.
 *
 * <p>Capture names (queries/README.md): {@code @definition.<kind>} + {@code @name}; {@code @reference.call|new|
 * class|type|implementation} + {@code @name} (+ {@code @receiver}); {@code @context}; {@code @import};
 * {@code @namespace}; {@code @local.name} + {@code @local.type} or {@code @local.inferred}.
 *
 * <p>Thread-safe: each grammar's {@link Query} is compiled once and shared; parsers are per thread.
 */
public final class QueryLanguage implements LanguageSpec {

    private static final List<String> CONCERNS = List.of("tags.scm", "context.scm", "locals.scm");
    private static final BiPredicate<QueryPredicate, QueryMatch> NO_CUSTOM_PREDICATES = (p, m) -> true;
    private static final int MAX_RECEIVER = 200;
    private static final List<String> SELF_SEPARATORS = List.of(".", "->", "::");
    /** When two patterns define the same name on the same node, the more specific kind wins over these. */
    private static final Set<String> VALUE_KINDS = Set.of("variable", "constant", "field", "type");

    private final LanguageRules rules;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, Parser>> parsers = ThreadLocal.withInitial(HashMap::new);

    QueryLanguage(LanguageRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return rules.name();
    }

    @Override
    public List<String> extensions() {
        return rules.extensions();
    }

    LanguageRules rules() {
        return rules;
    }

    /** Compiles every grammar's query now (fails loudly on a broken query file). */
    public void warmUp() {
        for (String g : rules.grammars()) compiled(g);
    }

    // ---- compiled queries ---------------------------------------------------------------------------------------

    private enum Role { DEFINITION, NAME, REFERENCE, RECEIVER, CONTEXT, CONTEXT_LINE, IMPORT, NAMESPACE, LOCAL_NAME, LOCAL_TYPE,
        LOCAL_INFERRED, LOCAL_FIELD, IGNORED }

    private record CaptureInfo(Role role, String kind, RefKind refKind) {
        /** {@code @reference.operator}: an operator use, a call of {@code operator<op>} (C++) */
        boolean operator() {
            return "operator".equals(kind);
        }
    }

    /**
     * @param byId       capture id → its meaning
     * @param ids        capture name → id
     * @param predicates per pattern, its text tests for the raw runner; null to use jtreesitter's iterator
     */
    private record Compiled(Language language, Query query, CaptureInfo[] byId, Map<String, Integer> ids,
                            List<List<RawQuery.TextTest>> predicates, String[] symbolNames,
                            Map<String, Short> fieldIds) {
    }

    private Compiled compiled(String grammar) {
        return compiled.computeIfAbsent(grammar, g -> {
            Language language = Grammars.language(g);
            String source = querySource(rules.queryDir(g), g);
            Query query;
            try {
                query = new Query(language, source);
            } catch (RuntimeException e) {
                throw new IllegalStateException("queries/" + rules.queryDir(g) + " do not compile for grammar " + g
                        + ": " + e.getMessage(), e);
            }
            List<String> names = query.getCaptureNames();
            CaptureInfo[] byId = new CaptureInfo[names.size()];
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < byId.length; i++) {
                byId[i] = classify(names.get(i));
                ids.put(names.get(i), i);
            }
            boolean raw = RawQuery.AVAILABLE && !Boolean.getBoolean("mache.lang.apiQueries");
            return new Compiled(language, query, byId, ids, raw ? RawQuery.predicates(query) : null,
                    raw ? RawQuery.symbolNames(language) : null, new ConcurrentHashMap<>());
        });
    }

    static String querySource(String dir, String grammar) {
        StringBuilder sb = new StringBuilder();
        List<String> files = new ArrayList<>(CONCERNS);
        files.add(grammar + ".scm");  // patterns only one of the language's grammars has (TSX's JSX)
        for (String concern : files) {
            String path = "/queries/" + dir + "/" + concern;
            try (InputStream in = QueryLanguage.class.getResourceAsStream(path)) {
                if (in == null) continue;
                byte[] b = in.readAllBytes();
                // jtreesitter passes the query's length in chars as its length in bytes: keep query files ASCII
                for (byte x : b) if (x < 0) throw new IllegalStateException(path + " must be ASCII");
                sb.append(new String(b, StandardCharsets.US_ASCII)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(path, e);
            }
        }
        if (sb.isEmpty()) throw new IllegalStateException("no queries under /queries/" + dir);
        return sb.toString();
    }

    private static CaptureInfo classify(String c) {
        if (c.startsWith("definition.")) return new CaptureInfo(Role.DEFINITION, c.substring(11), null);
        if (c.startsWith("reference.")) {
            RefKind k = switch (c.substring(10)) {
                case "call", "operator" -> RefKind.CALL;
                case "new" -> RefKind.NEW;
                default -> RefKind.TYPE;
            };
            return new CaptureInfo(Role.REFERENCE, c.substring(10), k);
        }
        return switch (c) {
            case "name" -> new CaptureInfo(Role.NAME, null, null);
            case "receiver" -> new CaptureInfo(Role.RECEIVER, null, null);
            case "context" -> new CaptureInfo(Role.CONTEXT, null, null);
            case "context.line" -> new CaptureInfo(Role.CONTEXT_LINE, null, null);
            case "import" -> new CaptureInfo(Role.IMPORT, null, null);
            case "namespace" -> new CaptureInfo(Role.NAMESPACE, null, null);
            case "local.name" -> new CaptureInfo(Role.LOCAL_NAME, null, null);
            case "local.type" -> new CaptureInfo(Role.LOCAL_TYPE, null, null);
            case "local.inferred" -> new CaptureInfo(Role.LOCAL_INFERRED, null, null);
            case "local.field" -> new CaptureInfo(Role.LOCAL_FIELD, null, null);
            default -> new CaptureInfo(Role.IGNORED, null, null);
        };
    }

    private Parser parser(Compiled c, String grammar) {
        return parsers.get().computeIfAbsent(grammar, g -> new Parser(c.language()));
    }

    // ---- parsing ------------------------------------------------------------------------------------------------

    private record RefSite(int pos, int end, RefKind kind, int recvStart, int recvEnd, boolean operator, int arity) {
    }

    private record LocalSite(String name, int pos, String type, boolean member) {
    }

    @Override
    public ParsedFile parse(SourceFile file) {
        SourceText text = new SourceText(file.content());
        String grammar = rules.grammarFor(file.repoPath(), text);
        Compiled c = compiled(grammar);
        String language = rules.languageFor(grammar);
        Parser parser = parser(c, grammar);
        Tree parsed;
        try {
            parsed = (c.predicates() != null ? RawQuery.parse(parser, c.language(), text) : parser.parse(text.string()))
                    .orElse(null);
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null) {
            return new ParsedFile(language, rules.namespace(file, new LanguageRules.FileFacts(null, text)), "",
                    List.of(), List.of(), List.of(), List.of("could not parse the file"));
        }
        // the raw runner has its own cursor: jtreesitter's is only for the API fallback
        try (Tree tree = parsed; Arena arena = Arena.ofConfined();
             QueryCursor cursor = c.predicates() == null ? new QueryCursor(c.query()) : null) {
            return extract(file, text, grammar, language, tree, c, cursor, arena);
        }
    }

    /** Diagnostics for benchmarks: parses and runs the queries, counting matches, doing nothing else. */
    long countMatches(SourceFile file) {
        SourceText text = new SourceText(file.content());
        String grammar = rules.grammarFor(file.repoPath(), text);
        Compiled c = compiled(grammar);
        try (Tree tree = parser(c, grammar).parse(text.string()).orElseThrow(); Arena arena = Arena.ofConfined();
             QueryCursor cursor = new QueryCursor(c.query())) {
            if (c.predicates() == null) {
                return cursor.findMatches(tree.getRootNode(), arena, new QueryCursor.Options(NO_CUSTOM_PREDICATES)).count();
            }
            long[] n = {0};
            RawQuery.run(c.query(), c.predicates(), tree, tree.getRootNode(), arena, text, m -> n[0]++);
            return n[0];
        }
    }

    /**
     * Turns one parsed tree into the file's constructs, references, context, imports and problems. Each step is its
     * own small method: this one runs once per file, and C2 compiles the loops on their own instead of inlining all
     * of them into one huge, often recompiled, body.
     */
    private ParsedFile extract(SourceFile file, SourceText text, String grammar, String language, Tree tree, Compiled c,
                               QueryCursor cursor, Arena arena) {
        Node root = tree.getRootNode();
        RawQuery.Slab slab = new RawQuery.Slab(arena);
        Collector col = collect(c, text, grammar, tree, root, cursor, arena, slab);
        LanguageRules.FileFacts facts = new LanguageRules.FileFacts(col.packageName, text);
        List<Definition> kept = buildConstructs(col.defs, text);
        RawQuery.Nav nav = c.symbolNames() == null ? null
                : new RawQuery.Nav(slab, c.symbolNames(), c.language(), c.fieldIds());
        List<Construct> constructs = toConstructs(kept, text, nav);
        List<Reference> references = buildReferences(col.refs, col.locals, kept, text);
        String context = context(col.contextNodes);
        List<String> imports = imports(col.importRaw, file, facts);
        List<String> problems = problems(root, text);
        return new ParsedFile(language, rules.namespace(file, facts), context, imports, constructs, references,
                problems);
    }

    /** Runs the grammar's queries over the tree once, collecting every match's sites. */
    private Collector collect(Compiled c, SourceText text, String grammar, Tree tree, Node root, QueryCursor cursor,
                              Arena arena, RawQuery.Slab slab) {
        Collector col = new Collector(c, text, grammar);
        if (c.predicates() != null) {
            RawQuery.run(c.query(), c.predicates(), tree, root, slab, text, col);
        } else {
            cursor.findMatches(root, arena, new QueryCursor.Options(NO_CUSTOM_PREDICATES))
                    .forEach(m -> col.accept(new ApiMatch(m, c)));
        }
        return col;
    }

    private List<Construct> toConstructs(List<Definition> kept, SourceText text, RawQuery.Nav nav) {
        for (int i = 0, n = kept.size(); i < n; i++) kept.get(i).nav = nav;
        Construct[] constructs = new Construct[kept.size()];
        for (int i = 0; i < constructs.length; i++) constructs[i] = toConstruct(kept.get(i), text, nav);
        return List.of(constructs);
    }

    private static String context(Map<Integer, String> contextNodes) {
        if (contextNodes.isEmpty()) return "";
        StringBuilder context = new StringBuilder();
        for (String line : contextNodes.values()) context.append(line.stripTrailing()).append('\n');
        return context.toString();
    }

    private List<String> imports(List<String> importRaw, SourceFile file, LanguageRules.FileFacts facts) {
        if (importRaw.isEmpty()) return List.of();
        LinkedHashSet<String> imports = new LinkedHashSet<>();
        for (int i = 0, n = importRaw.size(); i < n; i++) imports.addAll(rules.importNames(importRaw.get(i), file, facts));
        return List.copyOf(imports);
    }

    private List<String> problems(Node root, SourceText text) {
        List<String> problems = new ArrayList<>(1);
        if (root.hasError()) syntaxErrors(root, rules).ifPresent(problems::add);
        if (text.repaired) problems.add("invalid UTF-8 bytes (read as '?')");
        return List.copyOf(problems);
    }

    private static String firstLine(SourceText text, int s, int e) {
        int nl = s;
        while (nl < e && text.bytes[nl] != '\n') nl++;
        return text.text(s, nl);
    }

    /** One query match, by capture position. */
    interface MatchView {
        int count();

        int captureId(int i);

        int start(int i);

        int end(int i);

        /** A jtreesitter node for capture i. */
        Node node(int i);

        /** The definition whose node is capture {@code def} and whose name is capture {@code name}. */
        default Definition definition(int def, int name, String kind, String token) {
            return new Definition(node(def), node(name), kind, token);
        }
    }

    /** jtreesitter's public API, used when {@link RawQuery} is not available. */
    private record ApiMatch(QueryMatch m, Compiled c) implements MatchView {
        @Override
        public int count() {
            return m.captures().size();
        }

        @Override
        public int captureId(int i) {
            return c.ids().get(m.captures().get(i).name());
        }

        @Override
        public int start(int i) {
            return m.captures().get(i).node().getStartByte();
        }

        @Override
        public int end(int i) {
            return m.captures().get(i).node().getEndByte();
        }

        @Override
        public Node node(int i) {
            return m.captures().get(i).node();
        }
    }

    /** Turns matches into definition, reference, context, import and local-declaration sites. */
    private final class Collector implements java.util.function.Consumer<MatchView> {
        final Compiled c;
        final SourceText text;
        final String grammar;
        /** sized from the file's length (the JDK has a reference per 170 bytes, a definition per 700): few resizes */
        final Map<Long, Definition> defs;
        final Map<Integer, RefSite> refs;
        final Map<Integer, String> contextNodes = new java.util.TreeMap<>();
        final List<String> importRaw = new ArrayList<>();
        final List<LocalSite> locals = new ArrayList<>();
        String packageName;

        Collector(Compiled c, SourceText text, String grammar) {
            this.c = c;
            this.text = text;
            this.grammar = grammar;
            // only sorted lists are made from these maps: their capacity changes no output order
            this.defs = HashMap.newHashMap(Math.max(16, text.bytes.length >> 9));
            this.refs = HashMap.newHashMap(Math.max(16, text.bytes.length >> 7));
        }

        /** A match's captures by role: what the scan of one match found (capture positions, -1 for none). */
        private int def, name, receiver, ref, localName, localType;
        private CaptureInfo defInfo, refInfo;
        private boolean inferred, member;

        @Override
        public void accept(MatchView m) {
            def = name = receiver = ref = localName = localType = -1;
            defInfo = refInfo = null;
            inferred = member = false;
            CaptureInfo[] infos = c.byId();
            for (int i = 0, n = m.count(); i < n; i++) {
                CaptureInfo info = infos[m.captureId(i)];
                switch (info.role()) {
                    case DEFINITION -> { def = i; defInfo = info; }
                    case NAME -> name = i;
                    case REFERENCE -> { ref = i; refInfo = info; }
                    case RECEIVER -> receiver = i;
                    case LOCAL_NAME -> localName = i;
                    case LOCAL_FIELD -> { localName = i; member = true; }
                    case LOCAL_TYPE -> localType = i;
                    case LOCAL_INFERRED -> { localType = i; inferred = true; }
                    case IGNORED -> { }
                    default -> fileLevel(info.role(), m, i);
                }
            }
            if (def >= 0 && name >= 0) definition(m);
            else if (ref >= 0 && name >= 0) reference(m);
            if (localName >= 0 && localType >= 0) local(m);
        }

        /** Context, import and namespace captures: a few per file. */
        private void fileLevel(Role role, MatchView m, int i) {
            int s = m.start(i);
            switch (role) {
                case CONTEXT -> contextNodes.putIfAbsent(s, text.text(s, m.end(i)));
                case CONTEXT_LINE -> contextNodes.putIfAbsent(s, firstLine(text, s, m.end(i)));
                case IMPORT -> importRaw.add(text.text(s, m.end(i)));
                case NAMESPACE -> { if (packageName == null) packageName = text.compact(s, m.end(i)); }
                default -> { }
            }
        }

        private void definition(MatchView m) {
            int nameStart = m.start(name);
            long key = ((long) m.start(def) << 32) | nameStart;
            String defKind = defInfo.kind();
            Definition old = defs.get(key);
            if (old == null || (VALUE_KINDS.contains(old.kind) && !VALUE_KINDS.contains(defKind))) {
                Definition d = m.definition(def, name, defKind, text.text(nameStart, m.end(name)));
                d.grammar = grammar;
                d.text = text;
                defs.put(key, d);
            }
        }

        private void reference(MatchView m) {
            int pos = m.start(name);
            RefKind refKind = refInfo.refKind();
            RefSite old = refs.get(pos);
            if (old == null || (old.recvStart() < 0 && receiver >= 0)
                    || (old.kind() == RefKind.TYPE && refKind != RefKind.TYPE)) {
                boolean operator = refInfo.operator();
                int rs = receiver >= 0 ? m.start(receiver) : old != null ? old.recvStart() : -1;
                int re = receiver >= 0 ? m.end(receiver) : old != null ? old.recvEnd() : -1;
                int nameEnd = m.end(name);
                int arity = refKind == RefKind.TYPE || operator ? CallArity.UNKNOWN
                        : CallArity.count(text.bytes, nameEnd, m.end(ref));
                refs.put(pos, new RefSite(pos, nameEnd, refKind, rs, re, operator, arity));
            }
        }

        private void local(MatchView m) {
            String type = rules.normalizeType(text.compact(m.start(localType), m.end(localType)));
            if (!type.isEmpty() && (!inferred || rules.acceptInferred(type))) {
                int ls = m.start(localName);
                locals.add(new LocalSite(text.text(ls, m.end(localName)), ls, type, member));
            }
        }
    }

    /** By start, outer before inner (longer first), then by name position. */
    private static final Comparator<Definition> SOURCE_ORDER = (a, b) -> {
        int c = Integer.compare(a.start, b.start);
        if (c != 0) return c;
        c = Integer.compare(b.end, a.end);
        return c != 0 ? c : Integer.compare(a.nameStart, b.nameStart);
    };

    /** Sorts definitions, finds each one's real parent, asks the rules for group and name, drops what they drop. */
    private List<Definition> buildConstructs(Map<Long, Definition> defs, SourceText text) {
        List<Definition> sorted = new ArrayList<>(defs.values());
        sorted.sort(SOURCE_ORDER);
        List<Definition> kept = new ArrayList<>(sorted.size());
        ArrayList<Definition> stack = new ArrayList<>();
        for (Definition d : sorted) {
            while (!stack.isEmpty()) {
                Definition top = stack.getLast();
                boolean sameNode = top.start == d.start && top.end == d.end;
                if (top.end <= d.start || sameNode) stack.removeLast(); else break;
            }
            // a definition sharing its node with the previous one (int a, b;) is its sibling, not its child
            Definition parent = stack.isEmpty() ? null : stack.getLast();
            d.parent = parent;
            String group = rules.group(d, parent);
            if (group == null) continue;
            d.group = group;
            d.index = kept.size();
            kept.add(d);
            stack.add(d);
        }
        // a popped same-node sibling must not stay on the stack for later definitions: handled by the pop above
        return kept;
    }

    private Construct toConstruct(Definition d, SourceText text, RawQuery.Nav nav) {
        int startByte = leadingStart(d, text, nav);
        d.extStart = startByte;
        int startLine = text.lineOf(startByte) + 1;
        int endLine = text.lineOf(Math.max(d.start, d.end - 1)) + 1;
        String name = rules.displayName(d, d.parent, text);
        boolean container = "namespace".equals(d.kind) && "namespaces".equals(d.group);
        return new Construct(d.parent == null ? -1 : d.parent.index, d.group, name, d.token, d.kind,
                startByte, d.end, startLine, endLine, container, rules.resultType(d, text));
    }

    /** The first byte of a construct's source: wrappers (decorators, export) and contiguous comments above it. */
    private int leadingStart(Definition d, SourceText text, RawQuery.Nav nav) {
        Set<String> wrappers = rules.wrapperTypes();
        if (wrappers.isEmpty() && nav != null) return leadingStartRaw(d.segment(), text, nav);
        Node n = unwrapped(d.node(), wrappers);
        if (nav != null) return leadingStartRaw(RawQuery.segment(n), text, nav);
        Set<String> leading = rules.leadingTypes();
        int first = n.getStartByte();
        int firstRow = text.lineOf(first);
        Optional<Node> prev = n.getPrevSibling();
        while (prev.isPresent()) {
            Node p = prev.get();
            if (!leading.contains(p.getType())) {
                // a doc comment the grammar hung at the end of the previous node (Kotlin's import list)
                Node last = rules.adoptTrailingComments() ? p : null;
                for (int depth = 0; depth < 3 && last != null && !leading.contains(last.getType()); depth++) {
                    int count = last.getChildCount();
                    last = count > 0 ? last.getChild(count - 1).orElse(null) : null;
                }
                if (last != null && leading.contains(last.getType()) && endRow(text, last.getStartByte(), last.getEndByte()) >= firstRow - 1
                        && text.onlyWhitespaceBefore(last.getStartByte())) {
                    first = last.getStartByte();
                }
                break;
            }
            if (endRow(text, p.getStartByte(), p.getEndByte()) < firstRow - 1) break;  // a blank line between
            if (!text.onlyWhitespaceBefore(p.getStartByte())) break;  // a trailing comment of the code above
            first = p.getStartByte();
            firstRow = text.lineOf(first);
            prev = p.getPrevSibling();
        }
        return first;
    }

    /** The outermost wrapper (decorator, export) around a definition's node, or the node itself. */
    private Node unwrapped(Node node, Set<String> wrappers) {
        Node n = node;
        while (!wrappers.isEmpty()) {
            Optional<Node> p = n.getParent();
            if (p.isPresent() && wrappers.contains(p.get().getType()) && rules.wraps(p.get(), n)) n = p.get(); else break;
        }
        return n;
    }

    /** {@link #leadingStart} on raw nodes: the same walk without jtreesitter's per-node allocations. */
    private int leadingStartRaw(MemorySegment n, SourceText text, RawQuery.Nav nav) {
        Set<String> leading = rules.leadingTypes();
        int first = RawQuery.Nav.start(n);
        int firstRow = text.lineOf(first);
        for (MemorySegment p = nav.prev(n); p != null; p = nav.prev(p)) {
            int ps = RawQuery.Nav.start(p), pe = RawQuery.Nav.end(p);
            if (!leading.contains(nav.type(p))) {
                MemorySegment last = rules.adoptTrailingComments() ? p : null;
                for (int depth = 0; depth < 3 && last != null && !leading.contains(nav.type(last)); depth++) {
                    last = nav.lastChild(last);
                }
                if (last != null && leading.contains(nav.type(last))) {
                    int ls = RawQuery.Nav.start(last);
                    if (endRow(text, ls, RawQuery.Nav.end(last)) >= firstRow - 1 && text.onlyWhitespaceBefore(ls)) first = ls;
                }
                break;
            }
            if (endRow(text, ps, pe) < firstRow - 1) break;  // a blank line between
            if (!text.onlyWhitespaceBefore(ps)) break;  // a trailing comment of the code above
            first = ps;
            firstRow = text.lineOf(first);
        }
        return first;
    }

    /** The line of a node's last byte (a line comment's node may or may not include its newline). */
    private static int endRow(SourceText text, int start, int end) {
        int last = Math.max(start, end - 1);
        if (last > start && text.bytes[last] == '\n') last--;
        return text.lineOf(last);
    }

    private List<Reference> buildReferences(Map<Integer, RefSite> refs, List<LocalSite> locals, List<Definition> kept,
                                            SourceText text) {
        // one position-ordered sweep assigns every reference and local declaration its innermost construct
        RefSite[] sites = refs.values().toArray(new RefSite[0]);
        java.util.Arrays.sort(sites, BY_POS);
        String[] tokens = new String[sites.length];
        int n = keptSites(sites, tokens, nameStarts(kept), text);
        Map<Integer, Map<String, String>> scopes = scopes(locals, kept);
        Map<String, List<Definition>> types = types(kept);
        Sweep sweep = new Sweep(kept);
        Reference[] out = new Reference[n];
        for (int i = 0; i < n; i++) out[i] = reference(sites[i], tokens[i], sweep, scopes, types, text);
        return List.of(out);
    }

    private static final Comparator<RefSite> BY_POS = Comparator.comparingInt(RefSite::pos);

    /** The kept definitions' name positions, sorted: a reference there is the definition itself. */
    private static int[] nameStarts(List<Definition> kept) {
        int[] starts = new int[kept.size()];
        for (int i = 0; i < starts.length; i++) starts[i] = kept.get(i).nameStart;
        java.util.Arrays.sort(starts);
        return starts;
    }

    /** Moves the sites to keep to the front of {@code sites}, their tokens into {@code tokens}; returns their count. */
    private int keptSites(RefSite[] sites, String[] tokens, int[] nameStarts, SourceText text) {
        int n = 0;
        for (RefSite r : sites) {
            if (java.util.Arrays.binarySearch(nameStarts, r.pos()) >= 0) continue;
            String token = token(r, text);
            if (!rules.keepReference(token, r.kind())) continue;
            sites[n] = r;
            tokens[n++] = token;
        }
        return n;
    }

    /** Per scope (construct index, -1 for the file), the declared types of its local names. */
    private static Map<Integer, Map<String, String>> scopes(List<LocalSite> locals, List<Definition> kept) {
        Map<Integer, Map<String, String>> scopes = new HashMap<>();
        if (locals.isEmpty()) return scopes;
        locals.sort(LOCAL_BY_POS);
        Sweep sweep = new Sweep(kept);
        for (int i = 0, n = locals.size(); i < n; i++) {
            LocalSite l = locals.get(i);
            Definition scope = sweep.innermost(l.pos());
            while (scope != null && isValueConstruct(scope)) scope = scope.parent;
            if (l.member() && scope != null && !LanguageRules.TYPE_KINDS.contains(scope.kind)) {
                scope = scope.ancestor(LanguageRules.TYPE_KINDS);  // this.x = … declares a member of the class
            }
            int key = scope == null ? -1 : scope.index;
            Map<String, String> names = scopes.get(key);
            if (names == null) scopes.put(key, names = new HashMap<>());
            names.putIfAbsent(l.name(), l.type());
        }
        return scopes;
    }

    private static final Comparator<LocalSite> LOCAL_BY_POS = Comparator.comparingInt(LocalSite::pos);

    /** The file's type definitions by name. */
    private static Map<String, List<Definition>> types(List<Definition> kept) {
        Map<String, List<Definition>> types = new HashMap<>();
        for (int i = 0, n = kept.size(); i < n; i++) {
            Definition d = kept.get(i);
            if (!LanguageRules.TYPE_KINDS.contains(d.kind)) continue;
            List<Definition> same = types.get(d.token);
            if (same == null) types.put(d.token, same = new ArrayList<>(1));
            same.add(d);
        }
        return types;
    }

    private Reference reference(RefSite r, String token, Sweep sweep, Map<Integer, Map<String, String>> scopes,
                                Map<String, List<Definition>> types, SourceText text) {
        Definition enclosing = sweep.innermost(r.pos());
        while (enclosing != null && "namespaces".equals(enclosing.group) && "namespace".equals(enclosing.kind))
            enclosing = enclosing.parent;
        String receiver = r.recvStart() < 0 ? null
                : receiverType(text.compact(r.recvStart(), r.recvEnd()), enclosing, scopes, types);
        return new Reference(token, enclosing == null ? -1 : enclosing.index, r.pos(), r.kind(),
                Optional.ofNullable(receiver), r.arity());
    }

    private static String token(RefSite r, SourceText text) {
        return r.operator() ? "operator" + text.text(r.pos(), r.end()) : text.text(r.pos(), r.end());
    }

    private static boolean isValueConstruct(Definition d) {
        return switch (d.group) {
            case "fields", "variables", "constants" -> true;
            default -> false;
        };
    }

    /** Innermost definition containing a position, for positions visited in increasing order. */
    private static final class Sweep {
        private final List<Definition> defs;
        private final ArrayList<Definition> stack = new ArrayList<>();
        private int next;

        Sweep(List<Definition> defs) {
            this.defs = defs;
        }

        Definition innermost(int pos) {
            while (next < defs.size() && defs.get(next).extStart <= pos) {
                Definition d = defs.get(next++);
                while (!stack.isEmpty() && stack.getLast().end <= d.extStart) stack.removeLast();
                stack.add(d);
            }
            while (!stack.isEmpty() && stack.getLast().end <= pos) stack.removeLast();
            return stack.isEmpty() ? null : stack.getLast();
        }
    }

    /** The type whose members {@code this}/{@code self} and implicit member names refer to, or null. */
    private static String ownerType(Definition enclosing) {
        for (Definition d = enclosing; d != null; d = d.parent) {
            if (LanguageRules.TYPE_KINDS.contains(d.kind)) return d.token;
            if (d.owner != null) return d.owner;
        }
        return null;
    }

    /** The receiver's type as far as this file tells (else the receiver text, capped), or null for no receiver. */
    private String receiverType(String r, Definition enclosing, Map<Integer, Map<String, String>> scopes,
                                Map<String, List<Definition>> types) {
        if (r.isEmpty()) return null;
        Set<String> self = rules.selfKeywords();
        String owner = ownerType(enclosing);
        if (self.contains(r)) return owner != null ? owner : r;
        if (rules.superKeywords().contains(r)) return superType(r, enclosing);
        String member = selfMember(r, self);
        String key = member != null ? member : r;
        if (!isIdentifier(key)) {
            String chain = callChain(r, enclosing, scopes, types);
            return chain != null ? chain : cap(r);
        }
        if (member == null) {
            String t = localType(key, enclosing, scopes);
            if (t != null) return t;
        }
        // a member of the enclosing type, possibly declared in another block of it (impl vs struct, Shape::area)
        if (owner != null) {
            String t = memberType(key, owner, member != null, scopes, types);
            if (t != null) return t;
        }
        return cap(r);
    }

    private String superType(String r, Definition enclosing) {
        Definition type = enclosing == null ? null
                : LanguageRules.TYPE_KINDS.contains(enclosing.kind) ? enclosing : enclosing.ancestor(LanguageRules.TYPE_KINDS);
        String sup = type == null ? null : rules.superType(type, type.text);
        return sup != null ? sup : r;
    }

    /** {@code this.x}, {@code self->x}, {@code Self::x}: the member name x (the last such reading), else null. */
    private static String selfMember(String r, Set<String> self) {
        String key = null;
        for (String k : self) {
            if (!r.startsWith(k)) continue;
            for (int s = 0; s < SELF_SEPARATORS.size(); s++) {
                String sep = SELF_SEPARATORS.get(s);
                int from = k.length() + sep.length();
                if (r.startsWith(sep, k.length()) && isIdentifier(r, from)) key = r.substring(from);
            }
        }
        return key;
    }

    /** A local name's declared type in the enclosing scopes, innermost first, then the file's; or null. */
    private static String localType(String key, Definition from, Map<Integer, Map<String, String>> scopes) {
        for (Definition d = from; ; d = d.parent) {
            Map<String, String> scope = scopes.get(d == null ? -1 : d.index);
            if (scope != null) {
                String t = scope.get(key);
                if (t != null) return t;
            }
            if (d == null) return null;
        }
    }

    /** A member's declared type in the blocks of the owner type (and, for this.x, their enclosing scopes); or null. */
    private static String memberType(String key, String owner, boolean member, Map<Integer, Map<String, String>> scopes,
                                     Map<String, List<Definition>> types) {
        List<Definition> blocks = types.get(owner);
        if (blocks == null) return null;
        for (int i = 0, n = blocks.size(); i < n; i++) {
            for (Definition d = blocks.get(i); d != null; d = d.parent) {
                Map<String, String> scope = scopes.get(d.index);
                String found = scope == null ? null : scope.get(key);
                if (found != null) return found;
                if (!member) break;
            }
        }
        return null;
    }

    /**
     * A receiver that is itself a call ({@code c.scale(2.0)} in {@code c.scale(2.0).area()}) becomes its receiver's
     * type, a dot, the called name and {@code ()}: {@code Circle.scale()}. The resolver then looks up what
     * {@code Circle.scale} returns and takes {@code area} among that type's members. Null when r is no call.
     */
    private String callChain(String r, Definition enclosing, Map<Integer, Map<String, String>> scopes,
                             Map<String, List<Definition>> types) {
        if (!r.endsWith(")")) return null;
        int depth = 0;
        int open = -1;
        for (int i = r.length() - 1; i >= 0 && open < 0; i--) {
            char ch = r.charAt(i);
            if (ch == ')' || ch == ']' || ch == '}') depth++;
            else if ((ch == '(' || ch == '[' || ch == '{') && --depth == 0) open = i;
        }
        if (open < 0) return null;
        if (r.startsWith("new ") && r.lastIndexOf('(', open - 1) < 0) {
            // new Circle.Builder().build(): the receiver is an instance of the created type
            String created = rules.normalizeType(r.substring(4, open).strip());
            return isIdentifier(created) ? created : null;
        }
        int nameEnd = open;
        int nameStart = nameEnd;
        while (nameStart > 0 && isIdentifierChar(r.charAt(nameStart - 1))) nameStart--;
        if (nameStart == nameEnd || Character.isDigit(r.charAt(nameStart))) return null;
        String name = r.substring(nameStart, nameEnd);
        int sep = nameStart;
        if (r.startsWith("::", sep - 2) || r.startsWith("->", sep - 2) || r.startsWith("?.", sep - 2)) sep -= 2;
        else if (sep > 0 && r.charAt(sep - 1) == '.') sep -= 1;
        else if (sep > 0) return null;
        if (sep > 0 && r.charAt(sep - 1) == '!' && r.startsWith("!!", sep - 2)) sep -= 2; // Kotlin's a!!.b()
        if (sep == 0) return name + "()";
        if (name.equals("new")) {
            // Ruby's Geo::Shape.new(..), Rust's Shape::new(..): an instance of the type named before it
            String created = rules.normalizeType(r.substring(0, sep));
            if (isIdentifier(created) && Character.isUpperCase(created.codePointAt(0))) return created;
        }
        String base = receiverType(r.substring(0, sep), enclosing, scopes, types);
        return base == null ? null : cap(base + "." + name + "()");
    }

    private static boolean isIdentifierChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '$';
    }

    private static String cap(String r) {
        return r.length() <= MAX_RECEIVER ? r : r.substring(0, MAX_RECEIVER);
    }

    private static boolean isIdentifier(String s) {
        return isIdentifier(s, 0);
    }

    /** {@link #isIdentifier(String)} of {@code s.substring(from)}, without making it. */
    private static boolean isIdentifier(String s, int from) {
        if (from >= s.length()) return false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '$' || (i == from && ch == '@'))) return false;
        }
        return true;
    }

    /** "syntax errors at lines 3, 7" — walks only subtrees that contain an error. */
    private static Optional<String> syntaxErrors(Node root, LanguageRules rules) {
        TreeSet<Integer> lines = new TreeSet<>();
        try (TreeCursor tc = root.walk()) {
            boolean descend = true;
            while (true) {
                Node cur = tc.getCurrentNode();
                if (descend && (cur.isError() || (cur.isMissing() && !rules.ignoreMissing(cur.getType())))) {
                    lines.add(cur.getStartPoint().row() + 1);
                    descend = false;
                }
                if (descend && cur.hasError() && lines.size() < 20 && tc.gotoFirstChild()) continue;
                if (tc.gotoNextSibling()) { descend = true; continue; }
                boolean up = false;
                while (tc.gotoParent()) {
                    if (tc.gotoNextSibling()) { up = true; break; }
                }
                if (!up) break;
                descend = true;
            }
        }
        StringBuilder sb = new StringBuilder("syntax errors at lines ");
        int i = 0;
        for (int l : lines) {
            if (i++ > 0) sb.append(", ");
            sb.append(l);
            if (i == 10 && lines.size() > 10) { sb.append(", …"); break; }
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(sb.toString());
    }
}
