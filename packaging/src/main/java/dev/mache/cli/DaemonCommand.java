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
        description = {"Index a source tree (incrementally), then serve its graph over a Unix domain socket with the "
                + "ley-line daemon protocol (NDJSON or Cap'n Proto) until interrupted (SIGINT or SIGTERM).",
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

    @Option(names = "--no-watch", negatable = true, fallbackValue = "true",
            description = "Watch the tree for edits (the default), or not (then clients send `reparse`).")
    boolean noWatch;

    @Option(names = "--poll", description = "Watch the tree by polling file times instead of file system events.")
    boolean poll;

    @Mixin
    IndexingOptions indexOptions;

    @Mixin
    ConfigOption configOption;

    private final Cli cli;

    DaemonCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        indexOptions.validated();
        List<AutoCloseable> open = new ArrayList<>();
        Thread hook = new Thread(() -> ServeCommand.closeAll(open), "mache-daemon-shutdown");
        try {
            if (dir != null && source != null && !dir.equals(source)) {
                throw new CliException("give the source tree once: DIR or --source");
            }
            ServedStore store = ServedStore.prepare(cli, dir != null ? dir : source, db,
                    indexOptions.maxFileBytes, indexOptions.threads);
            Graph graph = cli.store().open(store.db());
            open.add(graph);
            DaemonServer.Options options = DaemonServer.Options.defaults()
                    .withArenaPath(store.db().toString())
                    .withQueryHandler(new SqliteQueryHandler(store.db()));
            if (store.source() != null) {
                options = options.withReparser(reparser(store));
            }
            Path where = socket != null ? socket.toAbsolutePath().normalize() : SocketPaths.discover();
            DaemonServer server = DaemonServer.start(graph, where, options);
            open.add(server);
            if (store.source() != null && !noWatch) {
                // daemon.snapshot is announced by the server when it sees the new root; the paths come from here
                open.add(LiveUpdates.start(cli, store, poll, indexOptions.maxFileBytes, indexOptions.threads,
                        (batch, report) ->
                        server.publish("daemon.files.changed", "mache",
                                Map.of("paths", new TreeSet<>(batch.paths()).stream().toList()))));
            }
            cli.out().println("daemon on " + server.socket() + " serving " + store.describe());
            cli.out().println("Ctrl-C stops.");
            cli.out().flush();
            Runtime.getRuntime().addShutdownHook(hook);
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
