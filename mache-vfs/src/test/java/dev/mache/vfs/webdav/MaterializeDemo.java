package dev.mache.vfs.webdav;

import dev.mache.graph.store.SqliteGraph;
import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the projection of a store to disk (directories, files, symlinks with their link text), for smoke tests of
 * bench/dav.sh before {@code mache materialize} exists: {@code MaterializeDemo DB OUTDIR}.
 */
public final class MaterializeDemo {
    private MaterializeDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        try (SqliteGraph graph = SqliteGraph.open(Path.of(args[0]));
             VfsSnapshot s = new ProjectionFs(graph).open()) {
            List<Entry> stack = new ArrayList<>(List.of(s.root()));
            while (!stack.isEmpty()) {
                Entry e = stack.removeLast();
                Path p = out.resolve(e.path());
                switch (e.type()) {
                    case DIRECTORY -> {
                        Files.createDirectories(p);
                        stack.addAll(s.list(e));
                    }
                    case FILE -> Files.write(p, s.read(e, 0, (int) e.size()));
                    case SYMLINK -> Files.createSymbolicLink(p, Path.of(e.linkText().orElseThrow()));
                }
            }
        }
    }
}
