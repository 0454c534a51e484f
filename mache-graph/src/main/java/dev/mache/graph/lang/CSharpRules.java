package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.List;
import java.util.Set;

/**
 * C#: the namespace is the file's (first) namespace declaration, block or file-scoped ({@code Shapes.Core});
 * {@code (global)} without one. Methods, constructors, operators and local functions carry their parameter types
 * ({@code Add(int,List<T>,string[])}, {@code operator+(Shape,Shape)}, {@code ~Shape()}); properties are fields.
 */
final class CSharpRules extends LanguageRules {

    @Override
    String name() {
        return "csharp";
    }

    @Override
    List<String> extensions() {
        return List.of("cs");
    }

    @Override
    List<String> grammars() {
        return List.of("c_sharp");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return facts.packageName() == null ? "(global)" : facts.packageName();
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        return switch (def.node().getType()) {
            case "method_declaration", "constructor_declaration", "local_function_statement" ->
                    csSignature(def.token, field(def.node(), "parameters"), text);
            case "destructor_declaration" -> "~" + def.token + "()";
            case "operator_declaration" ->
                    csSignature("operator" + def.token, field(def.node(), "parameters"), text);
            default -> def.token;
        };
    }

    /** Parameter types; the grammar puts a {@code params T[] rest} parameter's type directly in the list. */
    private static String csSignature(String name, Node params, SourceText text) {
        StringBuilder sb = new StringBuilder(name).append('(');
        if (params != null) {
            boolean first = true;
            int n = params.getNamedChildCount();
            for (int i = 0; i < n; i++) {
                Node c = params.getNamedChild(i).orElseThrow();
                String t = null;
                if (c.getType().equals("parameter")) {
                    Node type = field(c, "type");
                    t = type == null ? "" : text.compact(type);
                } else if ("type".equals(params.getFieldNameForNamedChild(i))) {
                    t = "params " + text.compact(c);
                }
                if (t == null) continue;
                if (!first) sb.append(',');
                sb.append(t);
                first = false;
            }
        }
        return sb.append(')').toString();
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

    /** {@code using System.Text;} → {@code System.Text}; {@code using static A.B;} → {@code A.B}; aliases → their target. */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String s = SourceText.compact(raw);
        if (s.startsWith("global ")) s = s.substring(7);
        if (s.startsWith("using")) s = s.substring(5).strip();
        if (s.startsWith("static ")) s = s.substring(7);
        s = strip(s, "; ");
        int eq = s.indexOf('=');
        if (eq >= 0) s = s.substring(eq + 1);
        return s.isEmpty() ? List.of() : List.of(s);
    }
}
