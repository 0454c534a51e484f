package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * C++: the namespace is the file path like C ({@code src.geo.shape.cpp}); C++ namespaces are container constructs
 * ({@code namespaces/<ns>/}) with their contents below. Every function and method carries its parameter types
 * ({@code area()}, {@code scale(double)}, {@code operator/(const Vec&)}); a member defined outside its class keeps
 * its qualifier ({@code Shape::area()}) and is in {@code methods}. Constructors ({@code Shape(int)}) are in
 * {@code constructors}.
 */
final class CppRules extends CRules {

    @Override
    String name() {
        return "cpp";
    }

    @Override
    List<String> extensions() {
        return List.of("cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "tpp");
    }

    @Override
    List<String> grammars() {
        return List.of("cpp");
    }

    @Override
    String grammarFor(String repoPath, SourceText text) {
        return "cpp";
    }

    @Override
    String group(Definition def, Definition parent) {
        return cppGroup(def, parent);
    }

    static String cppGroup(Definition def, Definition parent) {
        boolean inClass = parent != null && (parent.kind.equals("class") || parent.kind.equals("struct") || parent.kind.equals("union"));
        if (def.kind.equals("method") && def.node().getType().equals("declaration") && !inClass) return null;  // a prototype
        if (def.kind.equals("function") || def.kind.equals("method")) {
            String owner = inClass ? parent.token : qualifierOwner(def);
            if (!inClass) def.owner = owner;
            if (owner != null && def.token.equals(owner)) {
                def.kind = "constructor";
                return "constructors";
            }
            if (inClass || owner != null) {
                def.kind = "method";
                return "methods";
            }
            def.kind = "function";
            return "functions";
        }
        return cGroup(def, parent);
    }

    /** {@code Shape::area} → {@code Shape}; null for an unqualified name. */
    private static String qualifierOwner(Definition def) {
        Node q = def.nameNode().getParent().orElse(null);
        if (q == null || !q.getType().equals("qualified_identifier")) return null;
        Node scope = field(q, "scope");
        if (scope == null) return null;
        Node named = scope.getType().equals("template_type") ? field(scope, "name") : scope;
        String s = named == null ? "" : def.text.text(named);
        int c = s.lastIndexOf("::");
        return c >= 0 ? s.substring(c + 2) : s;
    }

    static String cppName(Definition def, Definition parent, SourceText text) {
        Node declarator = functionDeclarator(def.nameNode());
        if (declarator == null) return def.token;
        String name = def.token;
        Node q = def.nameNode().getParent().orElse(null);
        if (q != null && q.getType().equals("qualified_identifier")) {
            // an out-of-line member keeps its qualifier: Shape::area()
            Node top = q;
            while (top.getParent().isPresent() && top.getParent().get().getType().equals("qualified_identifier")) top = top.getParent().get();
            name = text.compact(top);
        }
        return signature(name, field(declarator, "parameters"), text, p -> parameterType(p, text));
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        return cppName(def, parent, text);
    }

    /** The function_declarator a function's name belongs to, or null for non-functions. */
    private static Node functionDeclarator(Node name) {
        Node n = name.getParent().orElse(null);
        while (n != null && (n.getType().equals("qualified_identifier") || n.getType().equals("template_function"))) n = n.getParent().orElse(null);
        return n != null && n.getType().equals("function_declarator") ? n : null;
    }

    /** A parameter's type as written: its text without the parameter name and default value. */
    static String parameterType(Node p, SourceText text) {
        switch (p.getType()) {
            case "parameter_declaration", "optional_parameter_declaration", "variadic_parameter_declaration" -> {
                List<Node> cut = new ArrayList<>();
                Node d = field(p, "declarator");
                Node name = d == null ? null : innermostName(d);
                if (name != null) cut.add(name);
                Node dflt = field(p, "default_value");
                if (dflt != null) {
                    cut.add(dflt);
                    // the '=' before the default value
                    for (Node c : p.getChildren()) if (c.getType().equals("=")) cut.add(c);
                }
                return textWithout(p, text, cut);
            }
            case "variadic_parameter" -> {
                return "...";
            }
            case "comment" -> {
                return null;
            }
            default -> {
                return text.compact(p);
            }
        }
    }

    private static Node innermostName(Node d) {
        Node n = d;
        while (true) {
            switch (n.getType()) {
                case "identifier", "field_identifier" -> {
                    return n;
                }
                case "pointer_declarator", "reference_declarator", "array_declarator", "function_declarator",
                     "parenthesized_declarator", "attributed_declarator" -> {
                    Node next = field(n, "declarator");
                    if (next == null) {
                        // reference_declarator has no field: its last named child
                        int c = n.getNamedChildCount();
                        next = c == 0 ? null : n.getNamedChild(c - 1).orElse(null);
                    }
                    if (next == null) return null;
                    n = next;
                }
                default -> {
                    return null;
                }
            }
        }
    }
}
