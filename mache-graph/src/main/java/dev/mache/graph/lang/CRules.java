package dev.mache.graph.lang;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * C: the namespace is the file's repository path with {@code /} shown as {@code .} ({@code src.net.socket.c}).
 * C has no overloading, so names are bare. {@code .h} headers are claimed by C; a header whose text shows C++
 * ({@code class}, {@code namespace}, {@code template<}, {@code public:}… at the start of a line) is parsed with the
 * C++ grammar and queries and reported as language {@code cpp}. The check is a regular expression over the text:
 * cheap, and wrong only for headers that hide their C++ behind macros.
 */
class CRules extends LanguageRules {

    private static final Pattern CPP_MARKERS = Pattern.compile(
            "^\\s*(class\\s+\\w+\\s*[:{]|namespace\\s+\\w*\\s*\\{|template\\s*<|(public|private|protected)\\s*:|using\\s+namespace\\b)",
            Pattern.MULTILINE);

    @Override
    String name() {
        return "c";
    }

    @Override
    List<String> extensions() {
        return List.of("c", "h");
    }

    @Override
    List<String> grammars() {
        return List.of("c", "cpp");
    }

    @Override
    String grammarFor(String repoPath, SourceText text) {
        if (repoPath.endsWith(".h") && CPP_MARKERS.matcher(text.string()).find()) return "cpp";
        return "c";
    }

    @Override
    String languageFor(String grammar) {
        return grammar.equals("cpp") ? "cpp" : "c";
    }

    @Override
    String queryDir(String grammar) {
        return grammar.equals("cpp") ? "cpp" : "c";
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return file.repoPath().replace('/', '.');
    }

    @Override
    String group(Definition def, Definition parent) {
        if ("cpp".equals(def.grammar) && !(this instanceof CppRules)) return CppRules.cppGroup(def, parent);
        return cGroup(def, parent);
    }

    static String cGroup(Definition def, Definition parent) {
        if (def.kind.equals("field") && (parent == null || !(parent.kind.equals("struct") || parent.kind.equals("union")
                || parent.kind.equals("class")))) {
            return null;
        }
        return GROUPS.get(def.kind);
    }

    @Override
    String displayName(Definition def, Definition parent, SourceText text) {
        return "cpp".equals(def.grammar) ? CppRules.cppName(def, parent, text) : def.token;
    }

    /** C++ templates: {@code template<…>} belongs to the function or class it introduces. */
    @Override
    Set<String> wrapperTypes() {
        return Set.of("template_declaration");
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("this");
    }

    /** {@code #include "net/socket.h"} from {@code src/main.c} → {@code src.net.socket.h}; {@code <stdio.h>} → {@code stdio.h}. */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String t = raw.strip();
        String p = unquote(t);
        if (p.isEmpty()) return List.of();
        if (t.startsWith("\"")) {
            // relative to the including file, and as written (relative to an include directory)
            List<String> out = new java.util.ArrayList<>();
            resolveRelative(directory(file.repoPath()), p).ifPresent(r -> out.add(r.replace('/', '.')));
            String asWritten = p.replace('/', '.');
            if (!out.contains(asWritten) && !p.startsWith(".")) out.add(asWritten);
            return out;
        }
        return List.of(p.replace('/', '.'));
    }
}
