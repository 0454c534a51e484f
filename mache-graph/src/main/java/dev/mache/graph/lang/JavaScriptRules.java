package dev.mache.graph.lang;

import java.util.List;
import java.util.Set;

/**
 * JavaScript: the namespace is the module's file path without extension, {@code /} shown as {@code .}
 * ({@code src/components/Button.jsx} → {@code src.components.Button}). Methods nest under their class; a class's
 * {@code constructor} is in {@code constructors}; {@code const f = () => …} is a function.
 */
class JavaScriptRules extends LanguageRules {

    @Override
    String name() {
        return "javascript";
    }

    @Override
    List<String> extensions() {
        return List.of("js", "mjs", "cjs", "jsx");
    }

    @Override
    List<String> grammars() {
        return List.of("javascript");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return dottedPathWithoutExtension(file.repoPath());
    }

    @Override
    String group(Definition def, Definition parent) {
        if (def.kind.equals("method") && def.token.equals("constructor")
                && def.node().getType().equals("method_definition")) {
            def.kind = "constructor";
        }
        if (def.kind.equals("variable")) {
            String decl = def.node().getParent().map(p -> p.getChild(0).map(c -> c.getType()).orElse("")).orElse("");
            if (decl.equals("const")) def.kind = "constant";
        }
        return GROUPS.get(def.kind);
    }

    @Override
    Set<String> wrapperTypes() {
        return Set.of("export_statement", "lexical_declaration", "variable_declaration");
    }

    @Override
    Set<String> leadingTypes() {
        return Set.of("comment", "decorator");
    }

    @Override
    Set<String> superKeywords() {
        return Set.of("super");
    }

    /** {@code class A extends B} → {@code B} (JavaScript's class_heritage, TypeScript's extends_clause). */
    @Override
    String superType(Definition type, SourceText text) {
        for (io.github.treesitter.jtreesitter.Node c : type.node().getNamedChildren()) {
            if (!c.getType().equals("class_heritage")) continue;
            for (io.github.treesitter.jtreesitter.Node h : c.getNamedChildren()) {
                if (h.getType().equals("extends_clause")) {
                    io.github.treesitter.jtreesitter.Node v = field(h, "value");
                    return v == null ? null : simpleTypeName(text.compact(v));
                }
                if (!h.getType().equals("implements_clause") && !h.getType().equals("comment")) {
                    return simpleTypeName(text.compact(h));
                }
            }
        }
        return null;
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("this");
    }

    /** Relative module specifiers become namespaces ({@code ./util} from {@code src/a.js} → {@code src.util}). */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String spec = unquote(raw);
        if (spec.isEmpty()) return List.of();
        if (spec.startsWith(".")) {
            return resolveRelative(directory(file.repoPath()), spec)
                    .map(p -> List.of(dottedPathWithoutExtension(p))).orElse(List.of());
        }
        return List.of(spec);
    }
}
