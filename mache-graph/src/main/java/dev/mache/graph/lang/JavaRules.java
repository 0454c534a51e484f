package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Java: package namespaces ({@code (default)} without one), overload signatures on methods and constructors. */
final class JavaRules extends LanguageRules {

    @Override
    String name() {
        return "java";
    }

    @Override
    List<String> extensions() {
        return List.of("java");
    }

    @Override
    List<String> grammars() {
        return List.of("java");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return facts.packageName() == null ? "(default)" : facts.packageName();
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        if (def.nav != null) return rawDisplayName(def, parent, text, def.nav);
        return switch (def.node().getType()) {
            case "method_declaration", "constructor_declaration", "annotation_type_element_declaration" ->
                    signature(def.token, field(def.node(), "parameters"), text, p -> parameterType(p, text));
            case "compact_constructor_declaration" -> parent != null && parent.node().getType().equals("record_declaration")
                    ? signature(def.token, field(parent.node(), "parameters"), text, p -> parameterType(p, text))
                    : def.token + "()";
            default -> def.token;
        };
    }

    /** {@link #displayName} on raw nodes (the JDK has half a million methods). */
    private static String rawDisplayName(Definition def, Definition parent, SourceText text, RawQuery.Nav nav) {
        return switch (nav.type(def.segment())) {  // by symbol: Node.getType() copies a C string
            case "method_declaration", "constructor_declaration", "annotation_type_element_declaration" ->
                    rawSignature(def.token, nav.field(def.segment(), "parameters"), text, nav);
            case "compact_constructor_declaration" -> parent != null
                    && nav.type(parent.segment()).equals("record_declaration")
                    ? rawSignature(def.token, nav.field(parent.segment(), "parameters"), text, nav)
                    : def.token + "()";
            default -> def.token;
        };
    }

    private static String rawSignature(String token, java.lang.foreign.MemorySegment params, SourceText text, RawQuery.Nav nav) {
        StringBuilder sb = new StringBuilder(token).append('(');
        if (params != null) {
            boolean first = true;
            for (int i = 0, n = nav.namedChildCount(params); i < n; i++) {
                String t = rawParameterType(nav.namedChild(params, i), text, nav);
                if (t == null) continue;
                if (!first) sb.append(',');
                sb.append(t);
                first = false;
            }
        }
        return sb.append(')').toString();
    }

    /** {@link #parameterType} on a raw node. */
    private static String rawParameterType(java.lang.foreign.MemorySegment p, SourceText text, RawQuery.Nav nav) {
        return switch (nav.type(p)) {
            case "formal_parameter" -> rawFormalType(p, text, nav);
            case "spread_parameter" -> rawSpreadType(p, text, nav);
            default -> null;
        };
    }

    private static String rawFormalType(java.lang.foreign.MemorySegment p, SourceText text, RawQuery.Nav nav) {
        var type = nav.field(p, "type");
        if (type == null) return null;
        var dims = nav.field(p, "dimensions");
        String t = text.compact(RawQuery.Nav.start(type), RawQuery.Nav.end(type));
        return dims == null ? t : t + text.compact(RawQuery.Nav.start(dims), RawQuery.Nav.end(dims));
    }

    /** The text between modifiers and the declarator: "String...". */
    private static String rawSpreadType(java.lang.foreign.MemorySegment p, SourceText text, RawQuery.Nav nav) {
        int from = RawQuery.Nav.start(p), to = RawQuery.Nav.end(p);
        for (int k = 0, m = nav.namedChildCount(p); k < m; k++) {
            var c = nav.namedChild(p, k);
            String ct = nav.type(c);
            if (ct.equals("modifiers")) from = RawQuery.Nav.end(c);
            else if (ct.equals("variable_declarator")) to = RawQuery.Nav.start(c);
        }
        return text.compact(from, to);
    }

    static String parameterType(Node p, SourceText text) {
        switch (p.getType()) {
            case "formal_parameter" -> {
                Node type = field(p, "type");
                if (type == null) return null;
                Node dims = field(p, "dimensions");
                return text.compact(type) + (dims == null ? "" : text.compact(dims));
            }
            case "spread_parameter" -> {
                List<Node> cut = new ArrayList<>();
                for (Node c : p.getNamedChildren()) {
                    if (c.getType().equals("modifiers") || c.getType().equals("variable_declarator")) cut.add(c);
                }
                return textWithout(p, text, cut);
            }
            default -> {
                return null;  // receiver_parameter (Foo this) and comments are not part of the signature
            }
        }
    }

    @Override
    Set<String> leadingTypes() {
        return Set.of("line_comment", "block_comment");
    }

    /** Type uses of lower-case names are package segments ({@code java.util.Map}) or {@code var}. */
    @Override
    boolean keepReference(String token, Reference.RefKind kind) {
        return kind != Reference.RefKind.TYPE || !Character.isLowerCase(token.codePointAt(0));
    }

    @Override
    Set<String> superKeywords() {
        return Set.of("super");
    }

    /** {@code class A extends B<T>} → {@code B}. */
    @Override
    String superType(Definition type, SourceText text) {
        Node sup = field(type.node(), "superclass");
        if (sup == null || sup.getNamedChildCount() == 0) return null;
        return simpleTypeName(text.compact(sup.getNamedChild(0).orElseThrow()));
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("this");
    }

    @Override
    String normalizeType(String type) {
        String t = simpleTypeName(type);
        return t.equals("var") ? "" : t;
    }

    /** {@code import static a.B.c;} → {@code a.B.c}; {@code import a.b.*;} → {@code a.b}. */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String s = SourceText.compact(raw);
        if (s.startsWith("import")) s = s.substring(6).trim();
        if (s.startsWith("static ")) s = s.substring(7);
        s = strip(s, "; ");
        if (s.endsWith(".*")) s = s.substring(0, s.length() - 2);
        return s.isEmpty() ? List.of() : List.of(s);
    }
}
