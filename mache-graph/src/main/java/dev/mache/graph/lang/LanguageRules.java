package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one language adds to the shared {@link QueryLanguage} engine: its grammar(s), where its queries live, and
 * its projection rules (namespace, kind groups, display names). Everything else — running the queries, nesting,
 * doc comments, enclosing constructs, receiver types — is the engine's, driven by the query captures.
 */
abstract class LanguageRules {

    /** Canonical kind → kind group, the default for every language (queries/README.md has the table). */
    static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("class", "classes"), Map.entry("interface", "interfaces"), Map.entry("enum", "enums"),
            Map.entry("record", "records"), Map.entry("annotation", "annotations"),
            Map.entry("function", "functions"), Map.entry("method", "methods"),
            Map.entry("constructor", "constructors"), Map.entry("field", "fields"), Map.entry("type", "types"),
            Map.entry("struct", "structs"), Map.entry("union", "structs"), Map.entry("trait", "traits"),
            Map.entry("impl", "impls"), Map.entry("constant", "constants"), Map.entry("variable", "variables"),
            Map.entry("macro", "macros"), Map.entry("namespace", "namespaces"), Map.entry("module", "namespaces"),
            Map.entry("object", "classes"), Map.entry("property", "fields"));

    /** Kinds that name the type {@code this}/{@code self} refers to inside them. */
    static final Set<String> TYPE_KINDS = Set.of("class", "interface", "enum", "record", "struct", "union", "trait",
            "impl", "object", "annotation", "module");

    /** The language's directory at the root of the tree. */
    abstract String name();

    /** File name endings, without the dot. */
    abstract List<String> extensions();

    /** The grammars this language parses with; queries are compiled for each. The first is the default. */
    abstract List<String> grammars();

    /** Picks the grammar for one file (TypeScript's {@code .tsx}, C headers that are C++). */
    String grammarFor(String repoPath, SourceText text) {
        return grammars().getFirst();
    }

    /** The language reported for a file parsed with {@code grammar} (a C++ header claimed by C reports cpp). */
    String languageFor(String grammar) {
        return name();
    }

    /** The directory under {@code queries/} holding the {@code .scm} files used with a grammar. */
    String queryDir(String grammar) {
        return name();
    }

    /** The namespace segment of a file. */
    abstract String namespace(SourceFile file, FileFacts facts);

    /**
     * The kind group of a definition, given its (kept) parent; {@code null} drops the definition (a local variable,
     * a construct the language shows elsewhere).
     */
    String group(Definition def, Definition parent) {
        return GROUPS.get(def.kind);
    }

    /** The display name: the token, plus the overload signature or Go receiver where the language has them. */
    String displayName(Definition def, Definition parent, SourceText text) {
        return def.token;
    }

    /** Node types that belong to the construct below them when directly above it (doc comments, attributes). */
    Set<String> leadingTypes() {
        return Set.of("comment");
    }

    /** Node types that wrap a definition and carry its decorators/export keyword ({@code decorated_definition}). */
    Set<String> wrapperTypes() {
        return Set.of();
    }

    /** Whether a wrapper node (one of {@link #wrapperTypes()}) belongs to the definition inside it. */
    boolean wraps(Node wrapper, Node inner) {
        return true;
    }

    /** Drops reference sites that are noise for this language (Java's {@code var}, package segments). */
    boolean keepReference(String token, Reference.RefKind kind) {
        return true;
    }

    /** Receiver texts meaning the enclosing type's supertype ({@code super}, Python's {@code super()}). */
    Set<String> superKeywords() {
        return Set.of();
    }

    /** The direct supertype's simple name of a type construct, when its declaration says it; else null. */
    String superType(Definition type, SourceText text) {
        return null;
    }

    /** Whether a MISSING node of this type is grammar noise rather than a syntax error. */
    boolean ignoreMissing(String type) {
        return false;
    }

    /** Whether a comment ending the previous sibling node may be this construct's doc comment. */
    boolean adoptTrailingComments() {
        return false;
    }

    /** Receiver keywords meaning the enclosing type ({@code this}, {@code self}). */
    Set<String> selfKeywords() {
        return Set.of();
    }

    /** The type name a receiver resolves to, from a declared type's text (already whitespace-compacted). */
    String normalizeType(String type) {
        return simpleTypeName(type);
    }

    /** Fields holding a function's declared result: C#'s returns, TS/Rust/Python's return_type, Go's result, Java/C/C++'s type. */
    private static final List<String> RESULT_FIELDS = List.of("returns", "return_type", "result", "type");
    private static final Set<String> RESULT_KINDS = Set.of("function", "method", "getter");

    /**
     * The simple name of the type a function or method declares it returns ({@code Circle} for
     * {@code Circle scale(double f)}), or null: what a call chain's next receiver is ({@code c.scale(2).area()}).
     */
    String resultType(Definition d, SourceText text) {
        if (!RESULT_KINDS.contains(d.kind)) return null;
        for (String field : RESULT_FIELDS) {
            if (d.nav != null) {
                java.lang.foreign.MemorySegment n = d.nav.field(d.segment(), field);
                if (n != null) return resultName(text.text(RawQuery.Nav.start(n), RawQuery.Nav.end(n)));
            } else {
                Optional<Node> n = d.node().getChildByFieldName(field);
                if (n.isPresent()) return resultName(text.text(n.get()));
            }
        }
        return null;
    }

    /** {@code : Promise<Circle>} → {@code Promise}, {@code -> Self} → {@code Self}, {@code *geo.Vec} → {@code Vec}. */
    static String resultName(String declared) {
        String t = SourceText.compact(declared).strip();
        if (t.startsWith(":")) t = t.substring(1).strip();
        if (t.startsWith("->")) t = t.substring(2).strip();
        t = simpleTypeName(unquote(t));
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) return null;
        }
        return t.isEmpty() ? null : t;
    }

    /** An inferred type ({@code x = Foo()}) is trusted only when it looks like a type name. */
    boolean acceptInferred(String type) {
        return !type.isEmpty() && Character.isUpperCase(type.codePointAt(0));
    }

    /** Turns an {@code @import} capture into entries of {@link ParsedFile#imports()}. */
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        return raw.isBlank() ? List.of() : List.of(raw.strip());
    }

    /** Strips one pair of surrounding quotes (', ", `) or angle brackets. */
    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2) {
            char a = t.charAt(0), b = t.charAt(t.length() - 1);
            if ((a == b && (a == '"' || a == '\'' || a == '`')) || (a == '<' && b == '>')) return t.substring(1, t.length() - 1);
        }
        return t;
    }

    // ---- helpers for subclasses -------------------------------------------------------------------------------

    /** {@code java.util.Map.Entry<K,V>[]} → {@code Entry}; {@code *pkg.Server} → {@code Server}; {@code &mut Foo} → {@code Foo}. */
    static String simpleTypeName(String type) {
        String t = type;
        int cut = indexOfAny(t, "<[(");
        if (cut >= 0) t = t.substring(0, cut);
        t = t.replace("const ", "").replace("mut ", "").replace("dyn ", "").replace("impl ", "");
        t = strip(t, "*&?!^ ");
        int dot = Math.max(t.lastIndexOf('.'), t.lastIndexOf(':'));
        if (dot >= 0) t = t.substring(dot + 1);
        t = strip(t, "*&?!^ ");
        return t;
    }

    static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    static String strip(String s, String chars) {
        int a = 0, b = s.length();
        while (a < b && chars.indexOf(s.charAt(a)) >= 0) a++;
        while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) b--;
        return s.substring(a, b);
    }

    /** File path without its extension, {@code /} shown as {@code .}. */
    static String dottedPathWithoutExtension(String repoPath) {
        String p = repoPath;
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > slash + 1) p = p.substring(0, dot);
        return p.replace('/', '.');
    }

    /** Directory part of a repository path ({@code ""} at the root). */
    static String directory(String repoPath) {
        int slash = repoPath.lastIndexOf('/');
        return slash < 0 ? "" : repoPath.substring(0, slash);
    }

    /** Resolves {@code ./x} and {@code ../x} against a directory; empty when it leaves the repository. */
    static Optional<String> resolveRelative(String dir, String rel) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        if (!dir.isEmpty()) for (String s : dir.split("/")) parts.addLast(s);
        for (String s : rel.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (parts.isEmpty()) return Optional.empty();
                parts.removeLast();
            } else parts.addLast(s);
        }
        return Optional.of(String.join("/", parts));
    }

    /** Comma-joined compact texts of a parameter list's children for which {@code type} yields a text. */
    static String signature(String token, Node params, SourceText text, java.util.function.Function<Node, String> type) {
        StringBuilder sb = new StringBuilder(token).append('(');
        if (params != null) {
            boolean first = true;
            for (Node p : params.getNamedChildren()) {
                String t = type.apply(p);
                if (t == null) continue;
                if (!first) sb.append(',');
                sb.append(t);
                first = false;
            }
        }
        return sb.append(')').toString();
    }

    /** The parameter's text minus the spans of the given child nodes (its name, default value), compacted. */
    static String textWithout(Node node, SourceText text, List<Node> cut) {
        int s = node.getStartByte(), e = node.getEndByte();
        StringBuilder sb = new StringBuilder();
        int pos = s;
        List<Node> sorted = new java.util.ArrayList<>(cut);
        sorted.removeIf(java.util.Objects::isNull);
        sorted.sort(java.util.Comparator.comparingInt(Node::getStartByte));
        for (Node c : sorted) {
            int cs = c.getStartByte(), ce = c.getEndByte();
            if (cs < pos) continue;
            sb.append(text.text(pos, cs)).append(' ');
            pos = ce;
        }
        sb.append(text.text(pos, e));
        return SourceText.compact(sb.toString());
    }

    static Node field(Node n, String name) {
        return n.getChildByFieldName(name).orElse(null);
    }

    /** What the engine learnt about a file that namespace and import rules need. */
    record FileFacts(String packageName, SourceText text) {
    }
}
