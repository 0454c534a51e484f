package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VirtualFileSystem;
import dev.mache.vfs.nfs.NfsServer;
import dev.mache.vfs.ops.AccessLog;
import dev.mache.vfs.ops.IndexRuns;
import dev.mache.vfs.ops.Monitoring;
import dev.mache.vfs.webdav.WebDavServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
                        + "transaction) and shows within about a second (--no-watch turns this off).",
                "Monitoring on the WebDAV port: /_mache/health (200 with the snapshot's generation, age and counts; "
                        + "503 when the store cannot be read) and /_mache/metrics (Prometheus text format: requests "
                        + "and latencies per protocol and operation, snapshot and index gauges). Logs: logfmt on "
                        + "stderr, one WebDAV access log line per request (logger mache.access, or --access-log)."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    // split on NUL, which no path holds: only the configuration's source list uses it (ConfigDefaults)
    @Parameters(arity = "0..*", paramLabel = "DIR", split = "\u0000", splitSynopsisLabel = "",
            description = {"The source tree (omit to serve an existing --db as it is).",
                    "Several trees are served side by side, each under a top-level directory named after its base "
                            + "name (equal names get ~2, ~3 in the order of their full paths), each with its own "
                            + "database."})
    List<Path> dirs = new ArrayList<>();

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

    @Mixin
    WatchingOptions watching;

    @Mixin
    IndexingOptions indexOptions;

    @Mixin
    ConfigOption configOption;

    @Mixin
    ExposureOptions exposureOptions;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "Append the WebDAV access log to FILE (default: the log, at info level on logger "
                    + "mache.access).")
    Path accessLog;

    @Option(names = "--no-access-log", description = "Write no WebDAV access log.")
    boolean noAccessLog;

    private final Cli cli;

    ServeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        indexOptions.validated();
        try (var restore = logging.apply(cli)) {
            return serve();
        }
    }

    private Integer serve() throws Exception {
        if (noNfs && noWebdav) {
            throw new CliException("nothing to serve: --no-nfs and --no-webdav");
        }
        if (accessLog != null && noAccessLog) {
            throw new CliException("give --access-log FILE or --no-access-log, not both");
        }
        ExposureOptions.Exposure exposure = exposureOptions.resolve(bind, !noNfs, !noWebdav);
        ConfigDefaults.of(spec).flatMap(ConfigDefaults::file).ifPresent(f -> cli.out().println("config: " + f.path()));
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
            IndexRuns runs = new IndexRuns();
            // health and snapshot gauges follow the first tree when several are served
            Monitoring monitoring = Monitoring.of(live != null ? live.trees().getFirst().graph() : graph, runs,
                    openAccessLog(open));
            if (!noNfs) {
                NfsServer nfs = NfsServer.start(fs, new InetSocketAddress(bind, nfsPort), exposure.nfsAllowed(),
                        monitoring.metrics());
                open.add(nfs);
                cli.out().print(NfsServer.mountHelp(displayHost(), nfs.port()));
                ExposedAddresses.nfs(cli.out(), exposure, nfs.port());
                LOG.atInfo().addKeyValue("address", bind + ":" + nfs.port()).log("NFSv3 and MOUNT serving");
            }
            if (!noWebdav) {
                WebDavServer dav = WebDavServer.start(fs, new InetSocketAddress(bind, webdavPort), exposure.dav(),
                        monitoring);
                open.add(dav);
                cli.out().println("WebDAV: " + dav.url());
                ExposedAddresses.dav(cli.out(), exposure, dav);
                LOG.atInfo().addKeyValue("url", dav.url()).addKeyValue("health", dav.url() + "_mache/health")
                        .addKeyValue("metrics", dav.url() + "_mache/metrics").log("WebDAV serving");
            }
            if (live != null) {
                cli.out().flush();
                Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C during the first index closes the servers
                hooked = true;
                live.index(cli, indexOptions.maxFileBytes, indexOptions.threads, r -> runs.finished(r.elapsed()));
                if (!watching.noWatch) {
                    live.watch(cli, watching.poll, indexOptions.maxFileBytes, indexOptions.threads,
                            r -> runs.finished(r.elapsed()));
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

    /** The WebDAV access log the flags ask for (closed with the servers). */
    private AccessLog openAccessLog(List<AutoCloseable> open) {
        if (noAccessLog || noWebdav) {
            return AccessLog.none();
        }
        if (accessLog == null) {
            return AccessLog.toLogger();
        }
        try {
            AccessLog file = AccessLog.toFile(accessLog);
            open.add(file);
            return file;
        } catch (java.io.IOException e) {
            throw new CliException("cannot write the access log " + accessLog + ": " + e);
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
