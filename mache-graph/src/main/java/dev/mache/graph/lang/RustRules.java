package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rust: the namespace is the module path inside the crate. The crate root is the nearest directory upward with a
 * {@code Cargo.toml} (else the repository root); paths under its {@code src/} give the module:
 * {@code src/lib.rs}, {@code src/main.rs} → {@code crate}; {@code src/net/tcp.rs} and {@code src/net/tcp/mod.rs}
 * → {@code net.tcp}. Files outside {@code src/} (tests, examples, benches) are named by their path from the crate
 * root. Functions in {@code impl} and {@code trait} blocks are methods; an impl is named by its type
 * ({@code Point}) or trait and type ({@code Display for Point}).
 */
final class RustRules extends LanguageRules {

    @Override
    String name() {
        return "rust";
    }

    @Override
    List<String> extensions() {
        return List.of("rs");
    }

    @Override
    List<String> grammars() {
        return List.of("rust");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return modulePath(file);
    }

    static String modulePath(SourceFile file) {
        String path = file.repoPath();
        String root = "";
        for (String d = directory(path); ; d = directory(d)) {
            if (file.exists().test(d.isEmpty() ? "Cargo.toml" : d + "/Cargo.toml")) {
                root = d;
                break;
            }
            if (d.isEmpty()) break;
        }
        String rel = root.isEmpty() ? path : path.substring(root.length() + 1);
        if (rel.endsWith(".rs")) rel = rel.substring(0, rel.length() - 3);
        if (rel.startsWith("src/")) rel = rel.substring(4);
        else if (root.isEmpty() && rel.contains("/src/")) rel = rel.substring(rel.lastIndexOf("/src/") + 5);
        if (rel.equals("lib") || rel.equals("main")) return "crate";
        if (rel.endsWith("/mod")) rel = rel.substring(0, rel.length() - 4);
        return rel.replace('/', '.');
    }

    @Override
    String group(Definition def, Definition parent) {
        if (def.kind.equals("function") && parent != null && (parent.kind.equals("impl") || parent.kind.equals("trait"))) {
            def.kind = "method";
            return "methods";
        }
        if (def.kind.equals("field") && (parent == null || !(parent.kind.equals("struct") || parent.kind.equals("union")
                || parent.kind.equals("constant")))) {
            return parent != null && parent.kind.equals("constant") ? "fields" : null;
        }
        return GROUPS.get(def.kind);
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        if (def.kind.equals("impl")) {
            Node trait = field(def.node(), "trait");
            if (trait != null) return text.compact(trait) + " for " + def.token;
        }
        return def.token;
    }

    @Override
    Set<String> leadingTypes() {
        return Set.of("line_comment", "block_comment", "attribute_item");
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("self", "Self");
    }

    @Override
    boolean acceptInferred(String type) {
        return !type.isEmpty();
    }

    /** {@code use crate::net::{tcp, udp::Socket};} → {@code net.tcp}, {@code net.udp.Socket}. */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String s = SourceText.compact(raw);
        if (s.startsWith("pub ")) s = s.substring(4);
        if (s.startsWith("pub(")) s = s.substring(s.indexOf(')') + 1).strip();
        if (s.startsWith("use ")) s = s.substring(4);
        s = strip(s, "; ");
        List<String> out = new ArrayList<>();
        expand(s, out);
        return out;
    }

    private static void expand(String s, List<String> out) {
        int brace = s.indexOf('{');
        if (brace < 0) {
            int as = s.indexOf(" as ");
            if (as >= 0) s = s.substring(0, as);
            String p = s.replace("::", ".");
            if (p.startsWith("crate.")) p = p.substring(6);
            if (p.endsWith(".*")) p = p.substring(0, p.length() - 2);
            if (p.endsWith(".self")) p = p.substring(0, p.length() - 5);
            if (!p.isEmpty() && !p.equals("crate")) out.add(p);
            return;
        }
        String prefix = s.substring(0, brace);
        String inner = s.substring(brace + 1, s.lastIndexOf('}') < 0 ? s.length() : s.lastIndexOf('}'));
        int depth = 0, start = 0;
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == ',' && depth == 0) {
                String part = inner.substring(start, i).strip();
                if (!part.isEmpty()) expand(prefix + part, out);
                start = i + 1;
            }
        }
    }
}
