package dev.mache.graph.index;

import dev.mache.graph.index.Projection.DefRow;
import dev.mache.graph.lang.CallArity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves reference sites to definitions. A site is a kind ({@code c} call, {@code n} new, {@code t} type use)
 * and a receiver (empty for a bare use). Candidates are the definitions of the token in the same language family
 * (JavaScript/TypeScript, C/C++ count as one), of a fitting kind (calls → functions/methods/constructors, new →
 * constructors else types, type uses → types; any kind if none fits), never the referencing construct itself.
 * Then the first non-empty tier wins:
 * <ol>
 *   <li>a receiver naming a type ({@code List}, {@code java.util.List<E>}, {@code Foo*}): members of a type of
 *       that name (by the definition's container token, so Go receivers and Rust impls count), narrowed by the
 *       file/namespace/import tiers below. If there is no such member in the tree (an external type, or a member
 *       inherited from a type we cannot see) the site stays unresolved: guessing by name alone is what makes name
 *       matching imprecise.</li>
 *   <li>{@code this}/{@code self}: members of the enclosing type, then as a variable receiver.</li>
 *   <li>a literal receiver ({@code 1.0}, {@code "x"}): unresolved (built-in types); a receiver that is an
 *       imported package's alias ({@code geom.Square()}): that package's definitions.</li>
 *   <li>a receiver that is a variable whose type is unknown: same file, same namespace, imported namespaces;
 *       never "all".</li>
 *   <li>a bare use: the enclosing type, the same file, the same namespace, imported namespaces, then all.</li>
 * </ol>
 * The enclosing-type and same-file tiers keep every match (overloads); the wider tiers (namespace, imports, all)
 * only resolve when they are unambiguous enough, at most {@value #MAX_WIDE} definitions: a call to {@code equals}
 * on a variable of unknown type would otherwise list every {@code equals} of the package.
 * A call never resolves to a type use: {@code t} sites (type uses) stay unresolved, listed by {@code refs} but not
 * as call edges. Of redefinitions in one file ({@code f}, {@code f~2}) only the last counts. C/C++: a member
 * declared in a header and defined in a source file resolves to the definition, whose body an agent wants.
 * An import matches a definition when it names its namespace ({@code a.b}, {@code a.b.*}, Go/JS paths ending in
 * the package directory) or its top-level type ({@code a.b.C}, static imports {@code a.b.C.m}).
 *
 * <p>Every tier is a hash lookup (definitions of a token are indexed by container, file, namespace and
 * namespace + top-level type), so resolving is linear in the number of sites, and thread-safe.
 */
final class Resolver {
    static final Set<String> CALLABLE_KINDS = Set.of("function", "method", "constructor", "macro", "getter",
            "setter", "lambda", "procedure");

    /** Receivers naming the enclosing type's instance or class. */
    static final Set<String> SELF_RECEIVERS = Set.of("this", "self", "Self", "@", "cls");

    /** What {@code new X} / {@code X { .. }} creates (a Rust impl block or a namespace is no such thing). */
    static final Set<String> INSTANTIABLE_KINDS = Set.of("class", "struct", "record", "enum", "union", "object",
            "type", "interface", "annotation", "trait");

    /** The most definitions a namespace/import/all tier may resolve a site to. */
    static final int MAX_WIDE = 3;

    interface DefSource {
        List<DefRow> byToken(String token);
    }

    /** A file's context for resolution; its imports are expanded once into lookup keys. */
    static final class FileCtx {
        final String sourceId;
        final String lang;
        final String namespace;
        final List<String> imports;
        final Set<String> importNs = new HashSet<>();
        final Set<String> importNsTop = new HashSet<>();

        FileCtx(String sourceId, String lang, String namespace, List<String> imports) {
            this.sourceId = sourceId;
            this.lang = lang;
            this.namespace = namespace;
            this.imports = imports;
            for (String imp : imports) {
                expand(imp);
            }
        }

        /** An import's lookup keys, into {@link #importNs} and {@link #importNsTop}. */
        private void expand(String imp) {
            String norm = imp.strip();
            if (norm.startsWith("static ")) {
                norm = norm.substring(7).strip();
            }
            boolean path = norm.indexOf('/') >= 0;
            norm = norm.replace("::", ".").replace('/', '.');
            if (norm.endsWith(".*")) {
                norm = norm.substring(0, norm.length() - 2);
            }
            importNs.add(norm);
            if (path) {
                // a Go/JS import path names a package by its trailing directories
                for (int i = norm.indexOf('.'); i >= 0; i = norm.indexOf('.', i + 1)) {
                    importNs.add(norm.substring(i + 1));
                }
            }
            // a.b.C.m → (a, b), (a.b, C), (a.b.C, m): a namespace and the top-level type it holds
            for (int i = norm.indexOf('.'); i >= 0; i = norm.indexOf('.', i + 1)) {
                int next = norm.indexOf('.', i + 1);
                importNsTop.add(norm.substring(0, i) + "\u0000" + norm.substring(i + 1, next < 0 ? norm.length() : next));
            }
        }

        String sourceId() {
            return sourceId;
        }

        private volatile Map<String, List<String>> importsBySuffix;
        private volatile Map<String, List<String>> topKeysByTop;

        /**
         * Each import namespace under itself and under every dotted suffix of it ({@code a.b.geom} under
         * {@code a.b.geom}, {@code b.geom}, {@code geom}), in {@link #importNs} iteration order: the receivers it
         * is an alias for. Built on first use (a race only builds it twice).
         */
        Map<String, List<String>> importsBySuffix() {
            Map<String, List<String>> built = importsBySuffix;
            return built != null ? built : buildImportsBySuffix();
        }

        /** Out of line: a rare path not inlined into every lookup by C2. */
        private Map<String, List<String>> buildImportsBySuffix() {
            Map<String, List<String>> m = new HashMap<>();
            for (String imp : importNs) {
                Set<String> suffixes = new LinkedHashSet<>();
                suffixes.add(imp);
                for (int i = imp.indexOf('.'); i >= 0; i = imp.indexOf('.', i + 1)) {
                    suffixes.add(imp.substring(i + 1));
                }
                for (String sfx : suffixes) {
                    m.computeIfAbsent(sfx, k -> new ArrayList<>(1)).add(imp);
                }
            }
            importsBySuffix = m;
            return m;
        }

        /** {@link #importNsTop} keys by every string their top part ends with after the separator. */
        Map<String, List<String>> topKeysByTop() {
            Map<String, List<String>> built = topKeysByTop;
            return built != null ? built : buildTopKeysByTop();
        }

        private Map<String, List<String>> buildTopKeysByTop() {
            Map<String, List<String>> m = new HashMap<>();
            for (String key : importNsTop) {
                // key.endsWith("\0" + receiver) holds exactly when receiver is the text after a NUL in key
                for (int i = key.indexOf('\u0000'); i >= 0; i = key.indexOf('\u0000', i + 1)) {
                    m.computeIfAbsent(key.substring(i + 1), k -> new ArrayList<>(1)).add(key);
                }
            }
            topKeysByTop = m;
            return m;
        }
    }

    /** One row to write: a target (null = unresolved) and the sites that led to it. */
    record Resolved(String target, String qualifier, String sites) {
    }

    /**
     * A token's candidate definitions of one kind class in one language family, indexed for the tiers. The
     * indexes are built on first use: most candidate sets are only ever asked for {@link #all}, or for one tier.
     */
    private static final class Candidates {
        final List<DefRow> all;
        private volatile Index index;
        /** Every namespace of {@link #all} and each of its dotted suffixes; built on first use. */
        private volatile Set<String> nsSuffixes;

        Candidates(List<DefRow> all) {
            this.all = all;
        }

        Index index() {
            Index i = index;
            return i != null ? i : buildIndex();
        }

        /** Out of line (and no constructor call in {@link #index}): C2 then keeps the build out of every lookup. */
        private Index buildIndex() {
            Index i = Index.of(all);
            index = i;  // a race only builds it twice
            return i;
        }

        Set<String> nsSuffixes() {
            Set<String> s = nsSuffixes;
            return s != null ? s : buildNsSuffixes();
        }

        private Set<String> buildNsSuffixes() {
            Set<String> s = new HashSet<>();
            for (String ns : index().byNs.keySet()) {
                s.add(ns);
                for (int i = ns.indexOf('.'); i >= 0; i = ns.indexOf('.', i + 1)) {
                    s.add(ns.substring(i + 1));
                }
            }
            nsSuffixes = s;
            return s;
        }
    }

    private static final class Index {
        final Map<String, List<DefRow>> byContainer = new HashMap<>();
        final Map<String, List<DefRow>> bySource = new HashMap<>();
        final Map<String, List<DefRow>> byNs = new HashMap<>();
        final Map<String, List<DefRow>> byNsTop = new HashMap<>();
        final Map<String, List<DefRow>> byContainerToken = new HashMap<>();

        private Index() {
        }

        /** Built by a static method, not a constructor: C2 inlines constructors even into call sites that are cold. */
        static Index of(List<DefRow> all) {
            Index ix = new Index();
            for (DefRow d : all) {
                if (d.containerNodeId() != null) {
                    ix.byContainer.computeIfAbsent(d.containerNodeId(), k -> new ArrayList<>(2)).add(d);
                }
                ix.bySource.computeIfAbsent(d.sourceId(), k -> new ArrayList<>(2)).add(d);
                if (d.namespace() != null) {
                    ix.byNs.computeIfAbsent(d.namespace(), k -> new ArrayList<>(2)).add(d);
                    if (d.topToken() != null) {
                        ix.byNsTop.computeIfAbsent(d.namespace() + "\u0000" + d.topToken(), k -> new ArrayList<>(2))
                                .add(d);
                    }
                }
                if (d.containerToken() != null) {
                    ix.byContainerToken.computeIfAbsent(d.containerToken(), k -> new ArrayList<>(2)).add(d);
                }
            }
            return ix;
        }
    }

    /** An ArrayList like every other candidate list: one receiver class at {@code all}'s call sites. */
    private static final Candidates NONE = new Candidates(new ArrayList<>(0));

    /** A token's candidates in one family, by kind class ('a', 'c', 'n', 't'), filled as they are asked for. */
    private static final class TokenCandidates {
        final Candidates[] byKind = new Candidates[4];
    }

    private final DefSource defs;
    /** family → token → candidates by kind class */
    private final Map<String, Map<String, TokenCandidates>> cache = new ConcurrentHashMap<>();

    Resolver(DefSource defs) {
        this.defs = defs;
    }

    static String family(String lang) {
        if (lang == null) {
            return "";
        }
        return switch (lang) {
            case "javascript", "typescript", "tsx", "jsx" -> "js";
            case "c", "cpp", "c++" -> "c";
            default -> lang;
        };
    }

    /** Kind classes: 'c' callables, 'n' constructors (else types), 't' types; 'a' any. */
    private Candidates candidates(String token, String fam, char kindClass) {
        int k = switch (kindClass) {
            case 'c' -> 1;
            case 'n' -> 2;
            case 't' -> 3;
            default -> 0;
        };
        Map<String, TokenCandidates> byToken = cache.get(fam);  // get first: computeIfAbsent may lock the bin
        if (byToken == null) {
            byToken = cache.computeIfAbsent(fam, f -> new ConcurrentHashMap<>());
        }
        TokenCandidates tc = byToken.get(token);
        if (tc == null) {
            tc = byToken.computeIfAbsent(token, t -> new TokenCandidates());
        }
        Candidates c = tc.byKind[k];
        return c != null ? c : buildCandidates(token, fam, kindClass, tc, k);
    }

    /** A cache miss, out of line. */
    private Candidates buildCandidates(String token, String fam, char kindClass, TokenCandidates tc, int k) {
        Candidates c;
        List<DefRow> all = new ArrayList<>();
        for (DefRow d : defs.byToken(token)) {
            if (family(d.lang()).equals(fam)) {
                all.add(d);
            }
        }
        List<DefRow> fitting = switch (kindClass) {
            case 'c' -> only(all, CALLABLE_KINDS);
            case 'n' -> {
                List<DefRow> ctors = only(all, CONSTRUCTOR_KINDS);
                yield ctors.isEmpty() ? only(all, INSTANTIABLE_KINDS) : ctors;
            }
            case 't' -> only(all, Projection.TYPE_KINDS);
            default -> all;
        };
        c = all.isEmpty() ? NONE : new Candidates(fitting.isEmpty() ? all : fitting);
        tc.byKind[k] = c;  // Candidates' list is final, so a racing reader sees it whole; a race only builds twice
        return c;
    }

    private static final Set<String> CONSTRUCTOR_KINDS = Set.of("constructor");

    private static List<DefRow> only(List<DefRow> in, Set<String> kinds) {
        List<DefRow> out = new ArrayList<>();
        for (DefRow d : in) {
            if (kinds.contains(d.kind())) {
                out.add(d);
            }
        }
        return out;
    }

    List<Resolved> resolve(Projection.PendingRef ref, FileCtx ctx) {
        String fam = family(ctx.lang);
        List<String> sites = ref.sites();
        if (sites.size() == 1) {
            // the common case: one site, resolved to at most one definition, is one row
            String site = sites.getFirst();
            List<DefRow> targets = targets(site, ref, ctx, fam);
            if (targets.size() <= 1) {
                return List.of(new Resolved(targets.isEmpty() ? null : targets.getFirst().nodeId(),
                        Sites.qualifier(site), site));
            }
            return rows(List.of(targets), sites);
        }
        List<List<DefRow>> targets = new ArrayList<>(sites.size());
        for (int i = 0, n = sites.size(); i < n; i++) targets.add(targets(sites.get(i), ref, ctx, fam));
        return rows(targets, sites);
    }

    /** What one site resolves to, definitions over declarations. */
    private List<DefRow> targets(String site, Projection.PendingRef ref, FileCtx ctx, String fam) {
        List<DefRow> resolved = fittingArity(resolveSite(site, ref, ctx, fam), Sites.arity(site));
        return anyHeader(resolved)
                ? definitionsOverDeclarations(resolved, candidates(ref.token(), fam, 'a').all, ref.nodeId())
                : resolved;
    }

    /** One row per target (null for none), in first-seen order, with the sites that led to it. */
    private static List<Resolved> rows(List<List<DefRow>> targets, List<String> sites) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (int i = 0, n = sites.size(); i < n; i++) {
            String site = sites.get(i);
            List<DefRow> t = targets.get(i);
            if (t.isEmpty()) {
                sitesOf(byTarget, null).add(site);
            }
            for (int j = 0, m = t.size(); j < m; j++) {
                sitesOf(byTarget, t.get(j).nodeId()).add(site);
            }
        }
        List<Resolved> out = new ArrayList<>(byTarget.size());
        for (Map.Entry<String, List<String>> e : byTarget.entrySet()) {
            List<String> s = e.getValue();
            out.add(new Resolved(e.getKey(), Sites.qualifier(s), Sites.joined(s)));
        }
        return out;
    }

    private static List<String> sitesOf(Map<String, List<String>> byTarget, String target) {
        List<String> s = byTarget.get(target);
        if (s == null) {
            byTarget.put(target, s = new ArrayList<>(1));
        }
        return s;
    }

    private List<DefRow> resolveSite(String site, Projection.PendingRef ref, FileCtx ctx, String fam) {
        char kind = Sites.kind(site);
        if (kind == 't') {
            return List.of(); // a type use is a reference (refs/, callers/<symbol>), not a call edge
        }
        String receiver = Sites.receiver(site);
        Candidates cands = candidates(ref.token(), fam, kind);
        if (cands.all.isEmpty()) {
            return List.of();
        }
        String self = ref.nodeId();
        if (receiver.isEmpty()) {
            return lastRedefinitions(tiers(cands, ref, ctx, true, true));
        }
        switch (receiver) {
            case "this", "self", "Self", "@", "cls" -> {
                if (ref.classId() != null) {
                    List<DefRow> own = withoutSelf(cands.index().byContainer.get(ref.classId()), self);
                    if (!own.isEmpty()) {
                        return own;
                    }
                }
                return tiers(cands, ref, ctx, false, false);
            }
            case "super", "base", "parent" -> {
                return tiers(cands, ref, ctx, false, false);
            }
            default -> {
            }
        }
        if (isLiteral(receiver)) {
            return List.of(); // 1.0 / v, "a".equals(b): a literal's type is built in
        }
        if (receiver.endsWith("()")) {
            List<DefRow> viaChain = byCallResult(cands, receiver, ref, ctx, fam);
            if (viaChain != null) {
                return viaChain;
            }
        }
        List<DefRow> viaImport = byImportAlias(cands, receiver, ctx, self);
        if (viaImport != null) {
            return viaImport;
        }
        String type = simpleType(receiver);
        if (looksLikeType(type)) {
            List<DefRow> members = withoutSelf(cands.index().byContainerToken.get(type), self);
            if (!members.isEmpty()) {
                return members.size() == 1 ? members : tiers(new Candidates(members), ref, ctx, false, true);
            }
            return List.of();
        }
        return lastRedefinitions(tiers(cands, ref, ctx, false, false));
    }

    /**
     * A receiver that is a call's result ({@code Circle.scale()}, from {@code c.scale(2.0).area()} with
     * {@code c} a {@code Circle}): the members of the type that call returns, when every definition it resolves
     * to declares the same result type and that type has such members; else null (resolved as before, by name).
     */
    private List<DefRow> byCallResult(Candidates cands, String receiver, Projection.PendingRef ref, FileCtx ctx,
                                      String fam) {
        String type = callResultType(receiver, ref, ctx, fam);
        if (type == null) {
            return null;
        }
        List<DefRow> members = withoutSelf(cands.index().byContainerToken.get(type), ref.nodeId());
        if (members.isEmpty()) {
            return null;
        }
        return members.size() == 1 ? members : tiers(new Candidates(members), ref, ctx, false, true);
    }

    /** The type {@code Base.name()} or {@code name()} evaluates to, or null when unknown or ambiguous. */
    private String callResultType(String receiver, Projection.PendingRef ref, FileCtx ctx, String fam) {
        String call = receiver.substring(0, receiver.length() - 2);
        int dot = call.lastIndexOf('.');
        String name = call.substring(dot + 1);
        if (name.isEmpty() || name.indexOf('(') >= 0) {
            return null;
        }
        Projection.PendingRef inner = new Projection.PendingRef(ref.nodeId(), name, ref.classId(), List.of());
        String result = null;
        for (DefRow d : resolveSite(Sites.of('c', CallArity.UNKNOWN, dot < 0 ? "" : call.substring(0, dot)), inner,
                ctx, fam)) {
            String r = resultOf(d);
            if (r == null || result != null && !result.equals(r)) {
                return null;
            }
            result = r;
        }
        return result;
    }

    /** What calling a definition gives: a function's declared result, a constructor's or a class's own type. */
    private static String resultOf(DefRow d) {
        if ("constructor".equals(d.kind())) {
            return d.containerToken();
        }
        return INSTANTIABLE_KINDS.contains(d.kind()) ? d.token() : d.resultType();
    }

    /**
     * Of overloads told apart by their number of parameters ({@code scale(double)}, {@code scale(double,double)}),
     * the ones a call passing {@code arity} arguments fits. When none fits (default arguments, a count the
     * display name cannot show) all stay: a wrong guess would hide the real edge.
     */
    static List<DefRow> fittingArity(List<DefRow> in, int arity) {
        if (in.size() < 2 || arity == CallArity.UNKNOWN) {
            return in;
        }
        List<DefRow> out = null;
        boolean[] varargs = new boolean[1];
        for (int i = 0; i < in.size(); i++) {
            DefRow d = in.get(i);
            String id = d.nodeId();
            int params = CallArity.declared(id.substring(id.lastIndexOf('/') + 1), varargs);
            boolean fits = CallArity.fits(arity, params, varargs[0]);
            if (!fits && out == null) {
                out = new ArrayList<>(in.subList(0, i));
            } else if (fits && out != null) {
                out.add(d);
            }
        }
        return out == null || out.isEmpty() ? in : out;
    }

    /**
     * A receiver that is the last segment of an import ({@code geom.Square()} after importing
     * {@code example.com/shapes/internal/geom}) names that package: its definitions, or nothing. Null when the
     * receiver is no import alias.
     */
    private static List<DefRow> byImportAlias(Candidates cands, String receiver, FileCtx ctx, String self) {
        List<String> imps = ctx.importsBySuffix().get(receiver);
        if (imps == null) {
            return null;
        }
        String alias = imps.getFirst();
        List<String> keys = ctx.topKeysByTop().get(receiver);
        if (keys != null) {
            String own = receiverNsKey(alias);
            for (String key : keys) {
                if (!key.equals(own)) {
                    return null; // the import names a type (from a.b import C): not a package alias
                }
            }
        }
        List<DefRow> out = null;
        Set<String> seen = null;
        Map<String, List<DefRow>> byNs = cands.index().byNs;
        for (String imp : imps) {
            if (!mayMatchNamespace(cands, imp)) {
                continue;  // the common case (an imported type, not a package): no scan
            }
            for (Map.Entry<String, List<DefRow>> e : byNs.entrySet()) {
                String ns = e.getKey();
                if (ns.equals(imp) || dottedSuffix(imp, ns) || dottedSuffix(ns, imp)) {
                    if (out == null) {
                        out = new ArrayList<>();
                        seen = new HashSet<>();
                    }
                    addAll(out, seen, e.getValue(), self);
                }
            }
        }
        return out == null || out.isEmpty() ? null : out;
    }

    /** True when {@code s} ends with {@code "." + suffix}, without building that string. */
    private static boolean dottedSuffix(String s, String suffix) {
        int at = s.length() - suffix.length() - 1;
        return at >= 0 && s.charAt(at) == '.' && s.startsWith(suffix, at + 1);
    }

    /**
     * Whether some namespace of the candidates equals {@code imp}, is a dotted suffix of it, or has it as a dotted
     * suffix: a necessary condition for {@link #byImportAlias}'s scan to find anything.
     */
    private static boolean mayMatchNamespace(Candidates cands, String imp) {
        if (cands.nsSuffixes().contains(imp)) {
            return true;  // imp equals a namespace or is a dotted suffix of one
        }
        Map<String, List<DefRow>> byNs = cands.index().byNs;
        for (int i = imp.indexOf('.'); i >= 0; i = imp.indexOf('.', i + 1)) {
            if (byNs.containsKey(imp.substring(i + 1))) {
                return true;  // a namespace is a dotted suffix of imp
            }
        }
        return byNs.containsKey("") && imp.endsWith(".");
    }

    /** The namespace/top key an import {@code a.b.geom} itself produces ({@code a.b} + {@code geom}). */
    private static String receiverNsKey(String imp) {
        int dot = imp.lastIndexOf('.');
        return dot < 0 ? "" : imp.substring(0, dot) + "\u0000" + imp.substring(dot + 1);
    }

    private static final Set<String> HEADER_SUFFIXES = Set.of(".h", ".hh", ".hpp", ".hxx", ".h++");

    /**
     * C/C++: a member declared in a header and defined in a source file is one function; the definition (with
     * the body) is the one a call reaches.
     */
    static List<DefRow> definitionsOverDeclarations(List<DefRow> in, List<DefRow> all, String self) {
        if (!anyHeader(in)) {
            return in;
        }
        Map<String, List<DefRow>> definitions = new HashMap<>();
        for (DefRow d : all) {
            if (!isHeader(d.sourceId())) {
                definitions.computeIfAbsent(declKey(d), k -> new ArrayList<>()).add(d);
            }
        }
        List<DefRow> out = new ArrayList<>(in.size());
        Set<String> seen = new HashSet<>();
        for (DefRow d : in) {
            List<DefRow> replacement = isHeader(d.sourceId()) ? definitions.get(declKey(d)) : null;
            for (DefRow r : replacement == null ? List.of(d) : replacement) {
                if (!r.nodeId().equals(self) && seen.add(r.nodeId())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static boolean anyHeader(List<DefRow> in) {
        for (DefRow d : in) {
            if (isHeader(d.sourceId())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHeader(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && HEADER_SUFFIXES.contains(path.substring(dot));
    }

    private static String declKey(DefRow d) {
        String last = d.nodeId().substring(d.nodeId().lastIndexOf('/') + 1);
        int colons = last.lastIndexOf("::", last.indexOf('(') < 0 ? last.length() : last.indexOf('('));
        return d.containerToken() + "\u0000" + (colons >= 0 ? last.substring(colons + 2) : last);
    }

    private static List<DefRow> tiers(Candidates cands, Projection.PendingRef ref, FileCtx ctx, boolean sameClass,
                                      boolean orAll) {
        String self = ref.nodeId();
        Index ix = cands.index();
        List<DefRow> t;
        if (sameClass && ref.classId() != null) {
            t = withoutSelf(ix.byContainer.get(ref.classId()), self);
            if (!t.isEmpty()) {
                return t;
            }
        }
        t = withoutSelf(ix.bySource.get(ctx.sourceId), self);
        if (!t.isEmpty()) {
            return t;
        }
        if (ctx.namespace != null) {
            t = withoutSelf(ix.byNs.get(ctx.namespace), self);
            if (!t.isEmpty()) {
                return wide(t);
            }
        }
        if (!ctx.importNs.isEmpty()) {
            List<DefRow> imported = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String ns : ctx.importNs) {
                addAll(imported, seen, ix.byNs.get(ns), self);
            }
            for (String key : ctx.importNsTop) {
                addAll(imported, seen, ix.byNsTop.get(key), self);
            }
            if (!imported.isEmpty()) {
                return wide(imported);
            }
        }
        return orAll ? wide(withoutSelf(cands.all, self)) : List.of();
    }

    /**
     * Of definitions of one name in one directory of one file ({@code f}, {@code f~2}: a redefinition, as in
     * Python), only the last is in force.
     */
    static List<DefRow> lastRedefinitions(List<DefRow> in) {
        if (in.size() < 2) {
            return in;
        }
        Map<String, DefRow> last = new LinkedHashMap<>();
        boolean dropped = false;
        for (DefRow d : in) {
            String key = d.sourceId() + "\u0000" + stripRank(d.nodeId());
            DefRow prev = last.get(key);
            if (prev == null || rank(d.nodeId()) > rank(prev.nodeId())) {
                dropped |= prev != null;
                last.put(key, d);
            } else {
                dropped = true;
            }
        }
        return dropped ? new ArrayList<>(last.values()) : in;
    }

    private static String stripRank(String id) {
        int tilde = id.lastIndexOf('~');
        if (tilde > id.lastIndexOf('/') && tilde + 1 < id.length()
                && allDigits(id, tilde + 1)) {
            return id.substring(0, tilde);
        }
        return id;
    }

    /** Character.isDigit over id[from..], as the rank suffix was always tested. */
    private static boolean allDigits(String id, int from) {
        for (int i = from; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int rank(String id) {
        String base = stripRank(id);
        return base.length() == id.length() ? 1 : Integer.parseInt(id.substring(base.length() + 1));
    }

    private static List<DefRow> wide(List<DefRow> tier) {
        return tier.size() <= MAX_WIDE ? tier : List.of();
    }

    private static void addAll(List<DefRow> out, Set<String> seen, List<DefRow> in, String self) {
        if (in == null) {
            return;
        }
        for (DefRow d : in) {
            if (!d.nodeId().equals(self) && seen.add(d.nodeId())) {
                out.add(d);
            }
        }
    }

    private static List<DefRow> withoutSelf(List<DefRow> in, String self) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        for (DefRow d : in) {
            if (d.nodeId().equals(self)) {
                List<DefRow> out = new ArrayList<>(in.size());
                for (DefRow e : in) {
                    if (!e.nodeId().equals(self)) {
                        out.add(e);
                    }
                }
                return out;
            }
        }
        return in;
    }

    private static final Set<String> LITERAL_WORDS = Set.of("true", "false", "null", "nil", "None", "True", "False");

    static boolean isLiteral(String receiver) {
        char c = receiver.charAt(0);
        return Character.isDigit(c) || c == '"' || c == '\'' || c == '`' || c == '-'
                || LITERAL_WORDS.contains(receiver);
    }

    /** {@code java.util.List<String>} → {@code List}; {@code *Foo}, {@code &mut Foo}, {@code Foo[]} → {@code Foo}. */
    static String simpleType(String receiver) {
        String s = receiver.strip();
        int lt = s.indexOf('<');
        if (lt >= 0) {
            s = s.substring(0, lt);
        }
        int br = s.indexOf('[');
        if (br >= 0) {
            s = s.substring(0, br);
        }
        s = s.replace("::", ".").replace("&mut ", "").replace("&", "").replace("*", "").strip();
        int dot = s.lastIndexOf('.');
        return dot >= 0 ? s.substring(dot + 1) : s;
    }

    static boolean looksLikeType(String s) {
        if (s.isEmpty() || !Character.isUpperCase(s.codePointAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }
}
