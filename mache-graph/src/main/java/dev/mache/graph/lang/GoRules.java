package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.List;

/**
 * Go: the namespace is the package directory relative to the module root (the nearest directory upward holding a
 * {@code go.mod}; the repository root when there is none), {@code /} shown as {@code .}; files of the module root
 * directory use their package name. Methods are {@code Receiver.Name} at namespace level (pointer receivers without
 * {@code *}, type parameters dropped); struct fields and interface methods nest under their type.
 */
final class GoRules extends LanguageRules {

    @Override
    String name() {
        return "go";
    }

    @Override
    List<String> extensions() {
        return List.of("go");
    }

    @Override
    List<String> grammars() {
        return List.of("go");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        String dir = directory(file.repoPath());
        String root = null;
        for (String d = dir; ; d = directory(d)) {
            if (file.exists().test(d.isEmpty() ? "go.mod" : d + "/go.mod")) {
                root = d;
                break;
            }
            if (d.isEmpty()) break;
        }
        if (root == null) root = "";
        String rel = root.isEmpty() ? dir : dir.equals(root) ? "" : dir.substring(root.length() + 1);
        if (rel.isEmpty()) return facts.packageName() != null ? facts.packageName() : "main";
        return rel.replace('/', '.');
    }

    @Override
    String group(Definition def, Definition parent) {
        switch (def.node().getType()) {
            case "type_spec" -> {
                Node type = field(def.node(), "type");
                String t = type == null ? "" : type.getType();
                if (t.equals("struct_type")) def.kind = "struct";
                else if (t.equals("interface_type")) def.kind = "interface";
                return GROUPS.get(def.kind);
            }
            case "field_declaration" -> {
                return parent != null && parent.kind.equals("struct") ? "fields" : null;
            }
            case "method_elem" -> {
                return parent != null && parent.kind.equals("interface") ? "methods" : null;
            }
            default -> {
                return GROUPS.get(def.kind);
            }
        }
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        if (!def.node().getType().equals("method_declaration")) return def.token;
        Node receiver = field(def.node(), "receiver");
        if (receiver == null) return def.token;
        for (Node p : receiver.getNamedChildren()) {
            Node type = field(p, "type");
            if (type != null) return simpleTypeName(text.compact(type)) + "." + def.token;
        }
        return def.token;
    }

    /** {@code type X struct{}} carries X's doc comment; a grouped {@code type ( … )} does not. */
    @Override
    java.util.Set<String> wrapperTypes() {
        return java.util.Set.of("type_declaration", "const_declaration", "var_declaration");
    }

    @Override
    boolean wraps(Node wrapper, Node inner) {
        return wrapper.getNamedChildCount() == 1;
    }

    @Override
    boolean acceptInferred(String type) {
        return !type.isEmpty();  // composite literal types are always types
    }

    /**
     * Import paths as written ({@code example.com/m/internal/geom}): the module path is in go.mod, which a spec
     * cannot read, so a namespace ({@code internal.geom}) is imported when the path ends with its directories.
     */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String p = unquote(raw);
        return p.isEmpty() ? List.of() : List.of(p);
    }
}
