package dev.mache.cli.golden;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Golden tests of the projection, end to end: each fixture repository is indexed with {@code mache index} and
 * <ul>
 *   <li>the full {@code mache tree} output equals {@code golden/<lang>/tree.txt};</li>
 *   <li>{@code mache cat} of {@code source}, {@code location} and {@code context} of every construct named in the
 *       fixture's EXPECTED.md equals {@code golden/<lang>/constructs.txt}.</li>
 * </ul>
 * See {@link Golden} for how to regenerate the goldens.
 */
class GoldenTreeTest {
    static final java.util.List<String> LANGS = Golden.LANGS;

    @ParameterizedTest
    @FieldSource("LANGS")
    void treeAndConstructFilesMatchTheirGoldens(String lang, @TempDir Path tmp) {
        Path db = tmp.resolve("store.db");
        Golden.index(Golden.FIXTURES.resolve(lang), db);
        Golden.assertGolden(lang + "/tree.txt", Golden.mache("tree", "--db", db.toString(), "/").ok());

        Map<String, String> constructs = Golden.constructs(db);
        StringBuilder cats = new StringBuilder();
        for (String name : Golden.expected(lang).keySet()) {
            String path = Golden.pathOf(constructs, name);
            for (String file : new String[] {"source", "location", "context"}) {
                cats.append("==> /").append(path).append('/').append(file).append(" <==\n");
                cats.append(Golden.mache("cat", "--db", db.toString(), "/" + path + "/" + file).ok());
                cats.append("<== end\n");
            }
        }
        Golden.assertGolden(lang + "/constructs.txt", cats.toString());
    }
}
