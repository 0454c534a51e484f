package dev.mache.graph.lang;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Renders a {@link ParsedFile} as text so that tests can assert everything a spec extracted, exactly. */
final class Dump {

    private Dump() {
    }

    static ParsedFile parse(String repoPath, String code, String... existing) {
        Set<String> files = Set.of(existing);
        LanguageSpec spec = Languages.forPath(repoPath).orElseThrow(() -> new AssertionError("no language for " + repoPath));
        return spec.parse(new SourceFile(repoPath, code.getBytes(StandardCharsets.UTF_8), files::contains));
    }

    /** One line per construct: {@code group name [token] kind ^parent lines a-b}, nested by indentation. */
    static String constructs(ParsedFile f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.constructs().size(); i++) {
            Construct c = f.constructs().get(i);
            int depth = 0;
            for (int p = c.parent(); p >= 0; p = f.constructs().get(p).parent()) depth++;
            sb.append("  ".repeat(depth)).append(c.group()).append(' ').append(c.name());
            if (!c.name().equals(c.token())) sb.append(" [").append(c.token()).append(']');
            sb.append(' ').append(c.kind()).append(' ').append(c.startLine()).append('-').append(c.endLine());
            if (c.container()) sb.append(" container");
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One line per reference: {@code kind token in <construct name> (receiver)}. */
    static String references(ParsedFile f) {
        StringBuilder sb = new StringBuilder();
        for (Reference r : f.references()) {
            sb.append(r.kind().name().toLowerCase()).append(' ').append(r.token()).append(" in ")
                    .append(r.construct() < 0 ? "-" : f.constructs().get(r.construct()).name());
            r.receiver().ifPresent(x -> sb.append(" (").append(x).append(')'));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The exact source bytes of construct i. */
    static String source(ParsedFile f, String code, int i) {
        byte[] b = code.getBytes(StandardCharsets.UTF_8);
        Construct c = f.constructs().get(i);
        return new String(b, c.startByte(), c.endByte() - c.startByte(), StandardCharsets.UTF_8);
    }

    static String all(ParsedFile f) {
        return "namespace " + f.namespace() + "\n" + "imports " + f.imports() + "\n" + "problems " + f.problems()
                + "\n--context\n" + f.context() + "--constructs\n" + constructs(f) + "--references\n" + references(f);
    }
}
