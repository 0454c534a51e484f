package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VirtualFileSystem;
import dev.mache.vfs.nfs.NfsServer;
import dev.mache.vfs.webdav.WebDavServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a source tree read-only over NFSv3 and WebDAV until interrupted, indexing it "
                + "(incrementally) meanwhile: the servers answer at once, README.txt shows the progress, and a new "
                + "store fills in batch by batch (whole files, in path order) as they commit.",
                "Every request reads the newest snapshot. The tree is watched: a saved edit is re-indexed (in one "
                        + "transaction) and shows within about a second (--no-watch turns this off)."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "DIR",
            description = {"The source tree (omit to serve an existing --db as it is).",
                    "Several trees are served side by side, each under a top-level directory named after its base "
                            + "name (equal names get ~2, ~3 in the order of their full paths), each with its own "
                            + "database."})
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the tree's default database).")
    Path db;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; NFSv3 authenticates nobody).")
    String bind;

    @Option(names = "--nfs-port", paramLabel = "PORT", defaultValue = "0",
            description = "NFSv3 and MOUNT port (default: 0, any free port).")
    int nfsPort;

    @Option(names = {"--dav-port", "--webdav-port"}, paramLabel = "PORT", defaultValue = "0",
            description = "WebDAV port (default: 0, any free port).")
    int webdavPort;

    @Option(names = "--no-nfs", description = "Do not serve NFS.")
    boolean noNfs;

    @Option(names = {"--no-dav", "--no-webdav"}, description = "Do not serve WebDAV.")
    boolean noWebdav;

    @Option(names = "--ipc-socket", paramLabel = "PATH",
            description = "Serve the graph of the mache (or ley-line) daemon at PATH instead of a local store.")
    Path ipcSocket;

    @Option(names = "--no-watch", description = "Do not watch DIR for edits (run `mache index DIR` to update).")
    boolean noWatch;

    @Option(names = "--poll", description = "Watch DIR by polling file times instead of file system events.")
    boolean poll;

    @Mixin
    IndexingOptions indexOptions;

    private final Cli cli;

    ServeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        indexOptions.validated();
        if (noNfs && noWebdav) {
            throw new CliException("nothing to serve: --no-nfs and --no-webdav");
        }
        List<AutoCloseable> open = new ArrayList<>();
        Thread hook = new Thread(() -> closeAll(open), "mache-serve-shutdown");
        boolean hooked = false;
        try {
            Graph graph = null;
            ServedTrees live = null;
            if (ipcSocket != null) {
                if (!dirs.isEmpty() || db != null) {
                    throw new CliException("--ipc-socket serves the daemon's graph: give no DIR and no --db");
                }
                graph = DaemonGraph.connect(ipcSocket);
                open.add(graph);
                cli.out().println("serving the daemon at " + ipcSocket + " (" + graph.describe() + ")");
            } else if (dirs.isEmpty()) {
                ServedStore store = ServedStore.prepare(cli, null, db, indexOptions.maxFileBytes, indexOptions.threads);
                graph = cli.store().open(store.db());
                open.add(graph);
                cli.out().println("serving " + store.describe());
            } else {
                // the servers come up first and serve what the stores have (or empty trees whose README.txt
                // shows the progress); the first index's batches are served as they commit
                live = ServedTrees.open(cli, dirs, db);
                open.add(live);
                live.describe(cli.out());
            }
            VirtualFileSystem fs = live != null ? live.fs() : new ProjectionFs(graph);
            if (!noNfs) {
                NfsServer nfs = NfsServer.start(fs, new InetSocketAddress(bind, nfsPort));
                open.add(nfs);
                cli.out().print(NfsServer.mountHelp(displayHost(), nfs.port()));
            }
            if (!noWebdav) {
                WebDavServer dav = WebDavServer.start(fs, new InetSocketAddress(bind, webdavPort));
                open.add(dav);
                cli.out().println("WebDAV: " + dav.url());
            }
            if (live != null) {
                cli.out().flush();
                Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C during the first index closes the servers
                hooked = true;
                live.index(cli, indexOptions.maxFileBytes, indexOptions.threads);
                if (!noWatch) {
                    live.watch(cli, poll, indexOptions.maxFileBytes, indexOptions.threads);
                }
            }
            cli.out().println("Ctrl-C stops.");
            cli.out().flush();
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            cli.stop().await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
                // the hook is closing everything already, or never got registered
            }
            closeAll(open);
        }
        return 0;
    }

    private String displayHost() {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    static synchronized void closeAll(List<AutoCloseable> open) {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // closing on the way out: nothing left to tell
            }
        }
        open.clear();
    }
}
