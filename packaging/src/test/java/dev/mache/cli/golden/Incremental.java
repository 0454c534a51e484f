package dev.mache.cli.golden;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** What a re-index may change, seen through the CLI. */
final class Incremental {
    private Incremental() {
    }

    /** {@code mache stat} of each path (path, type, size, mode, fileid, handle; not mtime). */
    static Map<String, String> stats(Path db, Collection<String> paths) {
        Map<String, String> out = new TreeMap<>();
        for (String p : paths) {
            StringBuilder sb = new StringBuilder();
            for (String line : Golden.mache("stat", "--db", db.toString(), "/" + p).ok().split("\n")) {
                if (!line.strip().startsWith("mtime:")) {
                    sb.append(line.strip()).append('\n');
                }
            }
            out.put(p, sb.toString());
        }
        return out;
    }

    /** {@code location} and {@code source} of each construct. */
    static Map<String, String> contents(Path db, Collection<String> constructs) {
        Map<String, String> out = new TreeMap<>();
        for (String c : constructs) {
            out.put(c, Golden.mache("cat", "--db", db.toString(), "/" + c + "/location").ok()
                    + Golden.mache("cat", "--db", db.toString(), "/" + c + "/source").ok());
        }
        return out;
    }
}
