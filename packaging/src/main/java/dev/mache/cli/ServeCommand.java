package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.nfs.NfsServer;
import dev.mache.vfs.webdav.WebDavServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a source tree read-only over NFSv3 and WebDAV until interrupted, indexing it "
                + "(incrementally) first: the servers answer at once, and README.txt shows the progress until the "
                + "tree fills in.",
                "Every request reads the newest snapshot. The tree is watched: a saved edit is re-indexed (in one "
                        + "transaction) and shows within about a second (--no-watch turns this off)."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The source tree (omit to serve an existing --db as it is).")
    Path dir;

    @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the tree's default database).")
    Path db;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Any other address (0.0.0.0, ::, an "
                    + "interface's) needs --nfs-allow, and --dav-allow with a token: NFSv3 authenticates nobody.")
    String bind;

    @Option(names = "--nfs-port", paramLabel = "PORT", defaultValue = "0",
            description = "NFSv3 and MOUNT port (default: 0, any free port).")
    int nfsPort;

    @Option(names = {"--dav-port", "--webdav-port"}, paramLabel = "PORT", defaultValue = "0",
            description = "WebDAV port (default: 0, any free port).")
    int webdavPort;

    @Option(names = "--no-nfs", negatable = true, fallbackValue = "true",
            description = "Serve NFS, or not (--no-nfs).")
    boolean noNfs;

    @Option(names = {"--no-dav", "--no-webdav"}, negatable = true, fallbackValue = "true",
            description = "Serve WebDAV, or not (--no-dav).")
    boolean noWebdav;

    @Option(names = "--ipc-socket", paramLabel = "PATH",
            description = "Serve the graph of the mache (or ley-line) daemon at PATH instead of a local store.")
    Path ipcSocket;

    @Option(names = "--no-watch", negatable = true, fallbackValue = "true",
            description = "Watch DIR for edits (the default), or not (then run `mache index DIR` to update).")
    boolean noWatch;

    @Option(names = "--poll", description = "Watch DIR by polling file times instead of file system events.")
    boolean poll;

    @Mixin
    IndexingOptions indexOptions;

    @Mixin
    ConfigOption configOption;

    @Mixin
    ExposureOptions exposureOptions;

    @Spec
    CommandSpec spec;

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
        ExposureOptions.Exposure exposure = exposureOptions.resolve(bind, !noNfs, !noWebdav);
        ConfigDefaults.of(spec).flatMap(ConfigDefaults::file).ifPresent(f -> cli.out().println("config: " + f.path()));
        List<AutoCloseable> open = new ArrayList<>();
        Thread hook = new Thread(() -> closeAll(open), "mache-serve-shutdown");
        boolean hooked = false;
        try {
            Graph graph;
            ServedStore live = null;
            IndexingGraph indexing = null;
            if (ipcSocket != null) {
                if (dir != null || db != null) {
                    throw new CliException("--ipc-socket serves the daemon's graph: give no DIR and no --db");
                }
                graph = DaemonGraph.connect(ipcSocket);
                open.add(graph);
                cli.out().println("serving the daemon at " + ipcSocket + " (" + graph.describe() + ")");
            } else if (dir == null) {
                ServedStore store = ServedStore.prepare(cli, null, db, indexOptions.maxFileBytes, indexOptions.threads);
                graph = cli.store().open(store.db());
                open.add(graph);
                cli.out().println("serving " + store.describe());
            } else {
                // the servers come up first and serve what the store has (or an empty tree whose README.txt
                // shows the progress); the index's commit swaps in the new snapshot
                live = ServedStore.locate(cli, dir, db);
                indexing = new IndexingGraph(live.describe(), existingStore(live.db()));
                graph = indexing;
                open.add(graph);
                cli.out().println("serving " + live.describe());
            }
            ProjectionFs fs = new ProjectionFs(graph);
            if (!noNfs) {
                NfsServer nfs = NfsServer.start(fs, new InetSocketAddress(bind, nfsPort), exposure.nfsAllowed());
                open.add(nfs);
                cli.out().print(NfsServer.mountHelp(displayHost(), nfs.port()));
                ExposedAddresses.nfs(cli.out(), exposure, nfs.port());
            }
            if (!noWebdav) {
                WebDavServer dav = WebDavServer.start(fs, new InetSocketAddress(bind, webdavPort), exposure.dav());
                open.add(dav);
                cli.out().println("WebDAV: " + dav.url());
                ExposedAddresses.dav(cli.out(), exposure, dav);
            }
            if (live != null) {
                cli.out().flush();
                Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C during the first index closes the servers
                hooked = true;
                IndexingGraph ig = indexing;
                GraphStore.Report report = live.index(cli, indexOptions.maxFileBytes, indexOptions.threads, true,
                        (done, total, path) -> ig.progress(done, total));
                cli.out().println(IndexCommand.summary(report, live.db()));
                Graph existing = indexing.store();
                indexing.ready(existing != null ? existing : cli.store().open(live.db()));
                if (!noWatch) {
                    open.add(LiveUpdates.start(cli, live, poll, indexOptions.maxFileBytes, indexOptions.threads,
                            (batch, r) -> { }));
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

    /** The store as an earlier index left it, or null when there is none (or it cannot be opened as it is). */
    private Graph existingStore(Path db) {
        if (!Files.exists(db)) {
            return null;
        }
        try {
            Graph g = cli.store().open(db);
            g.open().close(); // a store of another schema version fails here; the index rebuilds it
            return g;
        } catch (Exception e) {
            return null;
        }
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
