package dev.mache.cli;

import dev.mache.vfs.MultiTreeFs;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VirtualFileSystem;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The source trees one {@code mache serve DIR…} serves, each with its own store and watcher. One tree is served at
 * the root as it always was; several are served side by side under top-level directories named after their base
 * names ({@link MultiTreeFs}).
 */
final class ServedTrees implements AutoCloseable {
    private final List<ServedTree> trees;
    private final List<String> names;
    private final VirtualFileSystem fs;

    private ServedTrees(List<ServedTree> trees, List<String> names, VirtualFileSystem fs) {
        this.trees = trees;
        this.names = names;
        this.fs = fs;
    }

    /** Locates every tree's store; the servers can start on {@link #fs()} before anything is indexed. */
    static ServedTrees open(Cli cli, List<Path> dirs, Path db) {
        if (dirs.size() > 1 && db != null) {
            throw new CliException("--db names the database of one tree: give one DIR, or leave --db out");
        }
        Set<Path> seen = new HashSet<>();
        for (Path d : dirs) {
            if (!seen.add(d.toAbsolutePath().normalize())) {
                throw new CliException(d + " is given twice");
            }
        }
        List<ServedTree> trees = new ArrayList<>();
        try {
            for (Path d : dirs) {
                trees.add(ServedTree.open(cli, d, db));
            }
        } catch (RuntimeException e) {
            trees.forEach(ServedTree::close);
            throw e;
        }
        if (trees.size() == 1) {
            return new ServedTrees(trees, List.of(""), new ProjectionFs(trees.getFirst().graph()));
        }
        List<String> names = MultiTreeFs.names(dirs);
        List<MultiTreeFs.Member> members = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            members.add(new MultiTreeFs.Member(names.get(i), trees.get(i).store().source().toString(),
                    new ProjectionFs(trees.get(i).graph())));
        }
        return new ServedTrees(trees, names, new MultiTreeFs(members));
    }

    /** What the servers serve. */
    VirtualFileSystem fs() {
        return fs;
    }

    List<ServedTree> trees() {
        return trees;
    }

    /** "serving …" lines: the store of each tree, and where it shows when there are several. */
    void describe(PrintStream out) {
        for (int i = 0; i < trees.size(); i++) {
            out.println("serving " + (trees.size() > 1 ? "/" + names.get(i) + "/ = " : "")
                    + trees.get(i).store().describe());
        }
    }

    /** Indexes every tree in turn (each is served as its batches commit), printing each one's summary. */
    void index(Cli cli, Long maxFileBytes, Integer threads, Consumer<GraphStore.Report> finished)
            throws Exception {
        for (ServedTree t : trees) {
            GraphStore.Report report = t.index(cli, maxFileBytes, threads, true);
            cli.out().println(IndexCommand.summary(report, t.store().db()));
            finished.accept(report);
        }
    }

    /** Watches every tree; {@code finished} hears of every re-index. */
    void watch(Cli cli, boolean poll, Long maxFileBytes, Integer threads, Consumer<GraphStore.Report> finished)
            throws Exception {
        for (ServedTree t : trees) {
            t.watch(cli, poll, maxFileBytes, threads, (batch, r) -> finished.accept(r));
        }
    }

    @Override
    public void close() {
        fs.close();
        for (int i = trees.size() - 1; i >= 0; i--) {
            trees.get(i).close();
        }
    }
}
