package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.ipc.SocketPaths;
import dev.mache.ipc.server.DaemonServer;
import dev.mache.ipc.server.Reparser;
import dev.mache.ipc.server.SqliteQueryHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Serve a source tree's graph over a Unix domain socket with the ley-line daemon protocol "
                + "(NDJSON or Cap'n Proto) until interrupted (SIGINT or SIGTERM), indexing it (incrementally) "
                + "meanwhile: the socket answers at once with what has committed so far (a new store fills in "
                + "batch by batch; status reports phase initializing, then parsing, then ready).",
                "The tree is watched: edits are re-indexed and announced (daemon.snapshot, daemon.files.changed).",
                "`mache serve --ipc-socket PATH` serves NFS and WebDAV from it."})
final class DaemonCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The source tree (omit to serve an existing --db as it is; then reparse is refused).")
    Path dir;

    @Option(names = "--source", paramLabel = "DIR", description = "The source tree (the same as the DIR argument).")
    Path source;

    @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the tree's default database).")
    Path db;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The socket (default: $LEYLINE_SOCKET, else ~/.mache/default.sock).")
    Path socket;

    @Mixin
    WatchingOptions watching;

    @Mixin
    IndexingOptions indexOptions;

    @Mixin
    ConfigOption configOption;

    @Mixin
    LoggingOptions logging;

    private final Cli cli;

    DaemonCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        indexOptions.validated();
        try (var restore = logging.apply(cli)) {
            return daemon();
        }
    }

    private Integer daemon() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        Thread hook = new Thread(() -> ServeCommand.closeAll(open), "mache-daemon-shutdown");
        try {
            if (dir != null && source != null && !dir.equals(source)) {
                throw new CliException("give the source tree once: DIR or --source");
            }
            Path tree = dir != null ? dir : source;
            ServedStore store;
            Graph graph;
            ServedTree live = null;
            if (tree == null) {
                store = ServedStore.prepare(cli, null, db, indexOptions.maxFileBytes, indexOptions.threads);
                graph = cli.store().open(store.db());
            } else {
                // listen at once: clients get what has committed so far (an empty tree, phase "initializing",
                // until the first batch of a new store lands)
                live = ServedTree.open(cli, tree, db);
                store = live.store();
                graph = live.graph();
            }
            open.add(live != null ? live : graph);
            DaemonServer.Options options = DaemonServer.Options.defaults()
                    .withArenaPath(store.db().toString())
                    .withQueryHandler(new SqliteQueryHandler(store.db()));
            if (store.source() != null) {
                options = options.withReparser(reparser(store));
            }
            Path where = socket != null ? socket.toAbsolutePath().normalize() : SocketPaths.discover();
            DaemonServer server = DaemonServer.start(graph, where, options);
            open.add(server);
            cli.out().println("daemon on " + server.socket() + " serving " + store.describe());
            cli.out().flush();
            Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C during the first index closes the socket
            if (live != null) {
                GraphStore.Report report = live.index(cli, indexOptions.maxFileBytes, indexOptions.threads, true);
                cli.out().println(IndexCommand.summary(report, store.db()));
                if (!watching.noWatch) {
                    // daemon.snapshot is announced by the server when it sees the new root; the paths come from here
                    live.watch(cli, watching.poll, indexOptions.maxFileBytes, indexOptions.threads, (batch, report2) ->
                            server.publish("daemon.files.changed", "mache",
                                    Map.of("paths", new TreeSet<>(batch.paths()).stream().toList())));
                }
            }
            cli.out().println("Ctrl-C stops.");
            cli.out().flush();
            cli.stop().await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
                // the hook is closing everything already, or never got registered
            }
            ServeCommand.closeAll(open);
        }
        return 0;
    }

    /** {@code reparse}: the incremental index of the daemon's own tree (a file list just means "look again"). */
    private Reparser reparser(ServedStore store) {
        return (Optional<String> source, List<String> files) -> {
            if (source.isPresent() && !Path.of(source.get()).toAbsolutePath().normalize().equals(store.source())) {
                throw new CliException("this daemon indexes " + store.source() + ", not " + source.get());
            }
            GraphStore.Report r = store.index(cli, indexOptions.maxFileBytes, indexOptions.threads, false);
            return new Reparser.Outcome(r.parsed(), r.unchanged(), r.deleted(), 0, List.of());
        };
    }
}
