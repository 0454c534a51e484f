package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.vfs.Entry;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * A command that reads the tree through the VFS, exactly as the NFS and WebDAV servers do: one {@link VfsSnapshot}
 * for the whole command.
 */
abstract class ReadCommand implements Callable<Integer> {
    @Mixin
    TreeSource source;

    final Cli cli;

    ReadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public final Integer call() throws Exception {
        try (Graph graph = source.open(cli);
             ProjectionFs fs = new ProjectionFs(graph);
             VfsSnapshot snapshot = fs.open()) {
            run(snapshot);
        }
        cli.out().flush();
        return 0;
    }

    abstract void run(VfsSnapshot snapshot) throws Exception;

    /** The entry at a path argument, or a one-line error. */
    static Entry find(VfsSnapshot snapshot, String arg) {
        return snapshot.lookup(Format.treePath(arg))
                .orElseThrow(() -> new CliException(arg + ": no such file or directory"));
    }
}
