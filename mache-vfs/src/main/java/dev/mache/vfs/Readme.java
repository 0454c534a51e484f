package dev.mache.vfs;

import dev.mache.graph.Node;
import dev.mache.graph.Stats;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The root's README.txt: what the tree is and how to read it, for an agent or a person who just mounted it. Its
 * bytes depend only on the snapshot (counts, languages, commit time) and the graph's description, so every reply
 * about it within one snapshot agrees on its size.
 */
final class Readme {
    private final Tree tree;
    private byte[] bytes;

    Readme(Tree tree) {
        this.tree = tree;
    }

    byte[] bytes() {
        if (bytes == null) {
            // a pure function of the state and the description: rendered once per state, not per request
            bytes = tree.memo("README.txt\0" + tree.description(),
                    () -> render().getBytes(StandardCharsets.UTF_8));
        }
        return bytes;
    }

    private String render() {
        Stats stats = tree.snapshot().stats();
        List<String> top = new ArrayList<>();
        for (Node n : tree.snapshot().children("")) {
            if (n.isDirectory() && !n.name().equals("files")) {
                top.add(n.name() + "/");
            }
        }
        Instant committed = Instant.ofEpochSecond(0, tree.commitTimeNanos());
        String when = DateTimeFormatter.ISO_INSTANT.format(committed.atOffset(ZoneOffset.UTC).withNano(0));
        String lang = top.isEmpty() ? "java/" : top.getFirst();
        StringBuilder b = new StringBuilder();
        b.append("mache: a code base as a tree of its constructs and the references between them\n");
        b.append("=================================================================================\n\n");
        b.append("Source:    ").append(tree.description()).append('\n');
        b.append("Snapshot:  ").append(tree.snapshot().root())
                .append(" (generation ").append(tree.snapshot().generation()).append(", ").append(when).append(")\n");
        b.append("Counts:    ").append(count(stats.files(), "file")).append(", ")
                .append(count(stats.constructs(), "construct")).append(", ")
                .append(count(stats.references(), "reference")).append(", ")
                .append(count(stats.nodes(), "node")).append('\n');
        b.append("Languages: ").append(top.isEmpty() ? "(none)" : String.join(" ", top)).append("\n\n");
        b.append("""
                Layout
                ------
                  <language>/<namespace>/<kind>/<Name>/   one directory per construct (class, function, method, ...)
                      source      the construct's exact code, leading doc comment and annotations included
                      location    <repo path>:<first line>:<last line>
                      context     what its file declares above it: package/module clause and imports
                      callers/    constructs that reference this one
                      callees/    definitions this one calls
                      methods/ fields/ classes/ ...   nested constructs, grouped by kind
                  defs/<symbol>/      every definition of <symbol> (a bare identifier, e.g. add), in any language
                  callers/<symbol>/   every construct whose code references <symbol>
                  callees/<symbol>/   every definition that the definitions of <symbol> call
                  files/<path>        every indexed text file, byte for byte, at its path in the repository

                Entries of callers/ and callees/ are symbolic links named by the target's qualified name
                (java.util.ArrayList.add(int,E)); each points at the target's source file. Over WebDAV they are
                regular files holding that source.

                How to read it
                --------------
                """);
        // Padded here rather than in the text block: the language name's length varies.
        String[][] howTo = {
                {"ls " + lang, "namespaces of a language"},
                {"cat defs/<symbol>/*", "the code of every definition of <symbol>"},
                {"cat callers/<symbol>/*", "the code of everything that uses <symbol>"},
                {"cat <construct>/callers/*", "the code of every caller of one construct"},
                {"readlink <construct>/callees/*", "where each callee lives"},
                {"cat <construct>/location", "file and line range of a construct"},
                {"grep -r PATTERN " + lang, "search constructs (links are not followed, so no loops)"}};
        for (String[] row : howTo) {
            b.append(String.format(Locale.ROOT, "  %-36s %s\n", row[0], row[1]));
        }
        b.append("""

                Names: a name is the text the code gives; '/' is written %2F and '%' is %25; overloads carry
                their parameter types (add(int,E)); duplicates get ~2, ~3. Everything is read-only.
                """);
        return b.toString();
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
