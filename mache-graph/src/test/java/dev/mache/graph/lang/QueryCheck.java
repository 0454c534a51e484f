package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Query;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Developer aid: compiles each query file of a language alone, to point at the broken one. */
final class QueryCheck {
    public static void main(String[] args) throws Exception {
        String dir = args[0];
        for (int i = 1; i < args.length; i++) {
            String grammar = args[i];
            for (String f : new String[]{"tags.scm", "context.scm", "locals.scm", grammar + ".scm"}) {
                try (InputStream in = QueryCheck.class.getResourceAsStream("/queries/" + dir + "/" + f)) {
                    if (in == null) continue;
                    String src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    var lang = Grammars.language(grammar);
                    long t0 = System.nanoTime();
                    try (Query q = new Query(lang, src)) {
                        System.out.println(grammar + " " + f + " ok " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                    } catch (Exception e) {
                        System.out.println(grammar + " " + f + " FAILED " + e);
                    }
                }
            }
        }
    }
}
