package dev.mache.graph;

import dev.mache.graph.lang.Construct;
import dev.mache.graph.lang.LanguageSpec;
import dev.mache.graph.lang.ParsedFile;
import dev.mache.graph.lang.Reference;
import dev.mache.graph.lang.SourceFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A tiny line-based language for store and indexer tests, so they do not depend on tree-sitter grammars.
 * Files end in {@code .toy}; one statement per line:
 * <pre>
 * package demo            namespace (default "(default)"); with the imports it is the file's context
 * import lib              an imported namespace
 * class Foo {             a class (group classes), closed by a line "}"
 * fn bar(int) {           a function (group functions) or, inside a class, a method (group methods);
 *                         name "bar(int)", token "bar"
 * call baz / call R.baz   a call, bare or with receiver R
 * new Foo                 an instantiation
 * ns x {                  a container directory (group namespaces), like C++ namespaces
 * </pre>
 * A construct spans from its first non-blank character to the end of its closing brace.
 */
public final class ToyLanguage implements LanguageSpec {
    public static final ToyLanguage INSTANCE = new ToyLanguage();

    /** The language lookup to hand to the indexer: {@code .toy} files are toy, everything else plain text. */
    public static Optional<LanguageSpec> forPath(String repoPath) {
        return repoPath.endsWith(".toy") ? Optional.of(INSTANCE) : Optional.empty();
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public List<String> extensions() {
        return List.of("toy");
    }

    @Override
    public ParsedFile parse(SourceFile file) {
        byte[] bytes = file.content();
        String namespace = "(default)";
        List<String> imports = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        List<Construct> constructs = new ArrayList<>();
        List<Reference> refs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>(); // indices of open constructs
        List<int[]> starts = new ArrayList<>(); // per construct: startByte, startLine
        int offset = 0;
        int lineNo = 0;
        while (offset < bytes.length) {
            int end = offset;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            String raw = new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
            String line = raw.strip();
            int indent = raw.length() - raw.stripLeading().length();
            int lineStart = offset + indent;
            int parent = open.isEmpty() ? -1 : open.peek();
            if (line.startsWith("package ")) {
                namespace = line.substring(8).strip();
                context.append(raw).append('\n');
            } else if (line.startsWith("import ")) {
                imports.add(line.substring(7).strip());
                context.append(raw).append('\n');
            } else if (line.startsWith("class ") || line.startsWith("fn ") || line.startsWith("ns ")) {
                String decl = line.substring(line.indexOf(' ') + 1).replace("{", "").strip();
                boolean inClass = parent >= 0 && constructs.get(parent).kind().equals("class");
                String group;
                String kind;
                String token;
                boolean container = false;
                if (line.startsWith("class ")) {
                    group = "classes";
                    kind = "class";
                    token = decl;
                } else if (line.startsWith("ns ")) {
                    group = "namespaces";
                    kind = "namespace";
                    token = decl;
                    container = true;
                } else {
                    group = inClass ? "methods" : "functions";
                    kind = inClass ? "method" : "function";
                    int paren = decl.indexOf('(');
                    token = paren < 0 ? decl : decl.substring(0, paren);
                }
                constructs.add(new Construct(parent, group, decl, token, kind, lineStart, lineStart, lineNo, lineNo,
                        container));
                starts.add(new int[]{lineStart, lineNo});
                open.push(constructs.size() - 1);
            } else if (line.equals("}")) {
                if (open.isEmpty()) {
                    problems.add("line " + lineNo + ": unbalanced }");
                } else {
                    int i = open.pop();
                    Construct c = constructs.get(i);
                    constructs.set(i, new Construct(c.parent(), c.group(), c.name(), c.token(), c.kind(),
                            c.startByte(), lineStart + 1, c.startLine(), lineNo, c.container()));
                }
            } else if (line.startsWith("call ") || line.startsWith("new ")) {
                boolean call = line.startsWith("call ");
                String target = line.substring(call ? 5 : 4).strip();
                int dot = target.lastIndexOf('.');
                Optional<String> receiver = dot < 0 ? Optional.empty() : Optional.of(target.substring(0, dot));
                String token = dot < 0 ? target : target.substring(dot + 1);
                int tokenStart = lineStart + (call ? 5 : 4) + (dot < 0 ? 0 : dot + 1);
                int enclosing = -1;
                for (int i : open) {
                    if (!constructs.get(i).container()) {
                        enclosing = i;
                        break;
                    }
                }
                refs.add(new Reference(token, enclosing, tokenStart,
                        call ? Reference.RefKind.CALL : Reference.RefKind.NEW, receiver));
            } else if (!line.isEmpty()) {
                problems.add("line " + lineNo + ": cannot read '" + line + "'");
            }
            offset = end + 1;
        }
        if (!open.isEmpty()) {
            problems.add("unclosed block at end of file");
        }
        return new ParsedFile("toy", namespace, context.toString(), imports, constructs, refs, problems);
    }
}
