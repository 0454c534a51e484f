package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.List;
import java.util.Set;

/**
 * Kotlin: package namespaces ({@code (default)} without one), signatures on every function and constructor
 * ({@code add(Point,Int)}); {@code interface} and {@code enum class} declarations are interfaces and enums;
 * {@code object}s are classes; properties of classes are fields, top-level ones variables (constants when {@code const}).
 */
final class KotlinRules extends LanguageRules {

    @Override
    String name() {
        return "kotlin";
    }

    @Override
    List<String> extensions() {
        return List.of("kt", "kts");
    }

    @Override
    List<String> grammars() {
        return List.of("kotlin");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return facts.packageName() == null ? "(default)" : facts.packageName();
    }

    @Override
    String group(Definition def, Definition parent) {
        boolean inType = parent != null && TYPE_KINDS.contains(parent.kind);
        switch (def.node().getType()) {
            case "class_declaration" -> {
                for (Node c : def.node().getChildren()) {
                    String t = c.getType();
                    if (t.equals("interface")) def.kind = "interface";
                    else if (t.equals("enum_class_body")) def.kind = "enum";
                }
                return GROUPS.get(def.kind);
            }
            case "function_declaration" -> {
                if (inType) {
                    def.kind = "method";
                    return "methods";
                }
                return "functions";
            }
            case "secondary_constructor" -> {
                if (!inType) return null;
                def.token = parent.token;
                return "constructors";
            }
            case "property_declaration" -> {
                if (inType) return "fields";
                if (parent == null) {
                    // `const val` is a compile-time constant, as other languages' constants/ hold
                    boolean constant = hasPropertyModifier(def.node());
                    def.kind = constant ? "constant" : "variable";
                    return constant ? "constants" : "variables";
                }
                return null;  // a local
            }
            default -> {
                return GROUPS.get(def.kind);
            }
        }
    }

    /** The grammar's only property_modifier is {@code const}. */
    private static boolean hasPropertyModifier(Node property) {
        for (Node c : property.getNamedChildren()) {
            if (c.getType().equals("modifiers")) {
                for (Node m : c.getNamedChildren()) {
                    if (m.getType().equals("property_modifier")) return true;
                }
            }
        }
        return false;
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        if (def.kind.equals("method") || def.kind.equals("function") || def.kind.equals("constructor")) {
            Node params = null;
            for (Node c : def.node().getNamedChildren()) {
                if (c.getType().equals("function_value_parameters")) {
                    params = c;
                    break;
                }
            }
            return signature(def.token, params, text, p -> parameterType(p, text));
        }
        return def.token;
    }

    private static String parameterType(Node p, SourceText text) {
        if (!p.getType().equals("parameter")) return null;
        int n = p.getNamedChildCount();
        Node type = n == 0 ? null : p.getNamedChild(n - 1).orElse(null);
        return type == null || type.getType().equals("simple_identifier") ? "" : text.compact(type);
    }

    @Override
    Set<String> leadingTypes() {
        return Set.of("line_comment", "multiline_comment");
    }

    /** The grammar inserts zero-width automatic semicolons where valid one-line bodies end. */
    @Override
    boolean ignoreMissing(String type) {
        return type.equals("_automatic_semicolon");
    }

    private static final Set<String> RESULT_TYPES = Set.of("user_type", "nullable_type", "not_nullable_type",
            "parenthesized_type", "function_type");

    /** Kotlin names no field: the result is the type after the parameter list ({@code fun Circle.f(): Circle}). */
    @Override
    String resultType(Definition d, SourceText text) {
        if (!"function".equals(d.kind) && !"method".equals(d.kind)) return null;
        boolean afterParameters = false;
        for (int i = 0, n = d.node().getNamedChildCount(); i < n; i++) {
            Node c = d.node().getNamedChild(i).orElseThrow();
            String type = c.getType();
            if ("function_value_parameters".equals(type)) afterParameters = true;
            else if (afterParameters && RESULT_TYPES.contains(type)) return resultName(text.text(c));
            else if ("function_body".equals(type)) break;
        }
        return null;
    }

    /** The grammar hangs a comment between the imports and the first declaration inside the import list. */
    @Override
    boolean adoptTrailingComments() {
        return true;
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("this");
    }

    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String s = SourceText.compact(raw);
        return s.isEmpty() ? List.of() : List.of(s);
    }
}
