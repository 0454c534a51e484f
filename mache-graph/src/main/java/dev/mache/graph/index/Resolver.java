package dev.mache.graph.index;

import dev.mache.graph.index.Projection.DefRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves reference sites to definitions. A site is a kind ({@code c} call, {@code n} new, {@code t} type use)
 * and a receiver (empty for a bare use). Candidates are the definitions of the token in the same language family
 * (JavaScript/TypeScript, C/C++ count as one), of a fitting kind (calls → functions/methods/constructors, new →
 * constructors else types, type uses → types; any kind if none fits), never the referencing construct itself.
 * Then the first non-empty tier wins:
 * <ol>
 *   <li>a receiver naming a type ({@code List}, {@code java.util.List<E>}, {@code Foo*}): members of a type of
 *       that name (by the definition's container token, so Go receivers and Rust impls count), narrowed by the
 *       file/namespace/import tiers below. If the type exists in the tree but lacks the member (inherited), the
 *       file/namespace/import tiers apply; if no such type exists in the tree it is an external type and the site
 *       stays unresolved: guessing by name alone is what makes name matching imprecise.</li>
 *   <li>{@code this}/{@code self}: members of the enclosing type, then as a bare use without the "all" tier.</li>
 *   <li>a receiver that is a variable whose type is unknown: same file, same namespace, imported namespaces;
 *       never "all".</li>
 *   <li>a bare use: the enclosing type, the same file, the same namespace, imported namespaces, then all.</li>
 * </ol>
 * An import matches a definition when it names its namespace ({@code a.b}, {@code a.b.*}, Go paths ending in the
 * package directory) or its top-level type ({@code a.b.C}, static imports {@code a.b.C.m}).
 */
final class Resolver {
    static final Set<String> CALLABLE_KINDS = Set.of("function", "method", "constructor", "macro", "getter",
            "setter", "lambda", "procedure");

    interface DefSource {
        List<DefRow> byToken(String token);
    }

    record FileCtx(String sourceId, String lang, String namespace, List<String> imports) {
    }

    /** One row to write: a target (null = unresolved) and the sites that led to it. */
    record Resolved(String target, String qualifier, String sites) {
    }

    private final DefSource defs;

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

    List<Resolved> resolve(Projection.PendingRef ref, FileCtx ctx) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        List<DefRow> all = candidates(ref.token(), ref.nodeId(), ctx.lang());
        for (String site : ref.sites()) {
            List<DefRow> targets = all.isEmpty() ? List.of() : resolveSite(site, ref, ctx, all);
            if (targets.isEmpty()) {
                byTarget.computeIfAbsent(null, k -> new ArrayList<>()).add(site);
            }
            for (DefRow d : targets) {
                byTarget.computeIfAbsent(d.nodeId(), k -> new ArrayList<>()).add(site);
            }
        }
        List<Resolved> out = new ArrayList<>(byTarget.size());
        for (Map.Entry<String, List<String>> e : byTarget.entrySet()) {
            String receiver = e.getValue().getFirst().substring(1);
            out.add(new Resolved(e.getKey(), receiver.isEmpty() ? null : receiver, String.join("\n", e.getValue())));
        }
        return out;
    }

    private List<DefRow> candidates(String token, String self, String lang) {
        String fam = family(lang);
        List<DefRow> out = new ArrayList<>();
        for (DefRow d : defs.byToken(token)) {
            if (!d.nodeId().equals(self) && family(d.lang()).equals(fam)) {
                out.add(d);
            }
        }
        return out;
    }

    private List<DefRow> resolveSite(String site, Projection.PendingRef ref, FileCtx ctx, List<DefRow> all) {
        char kind = site.charAt(0);
        String receiver = site.substring(1);
        List<DefRow> cands = byKind(all, kind);
        if (receiver.isEmpty()) {
            return tiers(cands, ref, ctx, true, true);
        }
        switch (receiver) {
            case "this", "self", "Self", "@", "cls" -> {
                List<DefRow> own = filter(cands, d -> ref.classId() != null && ref.classId().equals(d.containerNodeId()));
                return own.isEmpty() ? tiers(cands, ref, ctx, false, false) : own;
            }
            case "super", "base", "parent" -> {
                return tiers(cands, ref, ctx, false, false);
            }
            default -> {
            }
        }
        String type = simpleType(receiver);
        if (looksLikeType(type)) {
            List<DefRow> members = filter(cands, d -> type.equals(d.containerToken()));
            if (!members.isEmpty()) {
                return tiers(members, ref, ctx, false, true);
            }
            boolean typeInTree = !filter(candidates(type, "", ctx.lang()),
                    d -> Projection.TYPE_KINDS.contains(d.kind())).isEmpty();
            return typeInTree ? tiers(cands, ref, ctx, false, false) : List.of();
        }
        return tiers(cands, ref, ctx, false, false);
    }

    private static List<DefRow> tiers(List<DefRow> cands, Projection.PendingRef ref, FileCtx ctx, boolean sameClass,
                                      boolean orAll) {
        if (cands.isEmpty()) {
            return cands;
        }
        List<DefRow> t;
        if (sameClass && ref.classId() != null) {
            t = filter(cands, d -> ref.classId().equals(d.containerNodeId()));
            if (!t.isEmpty()) {
                return t;
            }
        }
        t = filter(cands, d -> d.sourceId().equals(ctx.sourceId()));
        if (!t.isEmpty()) {
            return t;
        }
        t = filter(cands, d -> d.namespace() != null && d.namespace().equals(ctx.namespace())
                && family(d.lang()).equals(family(ctx.lang())));
        if (!t.isEmpty()) {
            return t;
        }
        t = filter(cands, d -> imported(d, ctx.imports()));
        if (!t.isEmpty()) {
            return t;
        }
        return orAll ? cands : List.of();
    }

    private static List<DefRow> byKind(List<DefRow> all, char kind) {
        List<DefRow> out = switch (kind) {
            case 'c' -> filter(all, d -> CALLABLE_KINDS.contains(d.kind()));
            case 'n' -> {
                List<DefRow> ctors = filter(all, d -> "constructor".equals(d.kind()));
                yield ctors.isEmpty() ? filter(all, d -> Projection.TYPE_KINDS.contains(d.kind())) : ctors;
            }
            case 't' -> filter(all, d -> Projection.TYPE_KINDS.contains(d.kind()));
            default -> all;
        };
        return out.isEmpty() ? all : out;
    }

    static boolean imported(DefRow d, List<String> imports) {
        String ns = d.namespace();
        if (ns == null || imports.isEmpty()) {
            return false;
        }
        for (String imp : imports) {
            String norm = imp.strip();
            if (norm.startsWith("static ")) {
                norm = norm.substring(7).strip();
            }
            norm = norm.replace("::", ".").replace('/', '.');
            if (norm.endsWith(".*")) {
                norm = norm.substring(0, norm.length() - 2);
            }
            if (norm.equals(ns) || norm.endsWith("." + ns)) {
                return true;
            }
            if (norm.startsWith(ns + ".") && d.topToken() != null) {
                String rest = norm.substring(ns.length() + 1);
                int dot = rest.indexOf('.');
                String first = dot < 0 ? rest : rest.substring(0, dot);
                if (first.equals(d.topToken())) {
                    return true;
                }
            }
        }
        return false;
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

    private static List<DefRow> filter(List<DefRow> in, Predicate<DefRow> p) {
        List<DefRow> out = new ArrayList<>();
        for (DefRow d : in) {
            if (p.test(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
