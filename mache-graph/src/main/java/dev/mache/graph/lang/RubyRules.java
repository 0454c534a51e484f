package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.List;
import java.util.Set;

/**
 * Ruby: Ruby files declare no namespace, so the namespace is the file path without {@code .rb}, {@code /} shown
 * as {@code .}, with a leading {@code lib/} dropped ({@code lib/geo/shape.rb} → {@code geo.shape}); modules and
 * classes nest as constructs. Methods in a class or module are methods ({@code self.x} singleton methods are
 * named {@code self.x}); top-level methods are functions; modules are in {@code namespaces}.
 */
final class RubyRules extends LanguageRules {

    @Override
    String name() {
        return "ruby";
    }

    @Override
    List<String> extensions() {
        return List.of("rb", "rake", "gemspec");
    }

    @Override
    List<String> grammars() {
        return List.of("ruby");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        String p = file.repoPath();
        if (p.startsWith("lib/")) p = p.substring(4);
        return dottedPathWithoutExtension(p);
    }

    @Override
    String group(Definition def, Definition parent) {
        if (def.kind.equals("method") && (parent == null || !TYPE_KINDS.contains(parent.kind))) {
            def.kind = "function";
            return "functions";
        }
        if (def.kind.equals("method") && def.token.equals("initialize") && def.node().getType().equals("method")) {
            def.kind = "constructor";
        }
        return GROUPS.get(def.kind);
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        if (def.node().getType().equals("singleton_method")) {
            Node object = field(def.node(), "object");
            return (object == null ? "self" : text.compact(object)) + "." + def.token;
        }
        return def.token;
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("self");
    }

    /** {@code require 'a/b'} → {@code a.b}; {@code require_relative 'x'} resolved against the file's directory. */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String s = raw.strip();
        boolean relative = s.startsWith("require_relative");
        int q = indexOfAny(s, "'\"");
        if (q < 0) return List.of();
        String spec = unquote(s.substring(q).replace("(", "").replace(")", "").strip());
        if (spec.isEmpty()) return List.of();
        if (relative || spec.startsWith(".")) {
            return resolveRelative(directory(file.repoPath()), spec).map(p -> List.of(namespaceOf(p))).orElse(List.of());
        }
        return List.of(namespaceOf(spec));
    }

    private static String namespaceOf(String path) {
        String p = path.startsWith("lib/") ? path.substring(4) : path;
        if (p.endsWith(".rb")) p = p.substring(0, p.length() - 3);
        return p.replace('/', '.');
    }
}
