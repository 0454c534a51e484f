package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.ipc.SocketPaths;
import dev.mache.ipc.server.DaemonServer;
import dev.mache.ipc.server.Reparser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Index a source tree (incrementally), then serve its graph over a Unix domain socket with the "
                + "ley-line daemon protocol (NDJSON or Cap'n Proto) until interrupted.",
                "`mache serve --ipc-socket PATH` serves NFS and WebDAV from it."})
final class DaemonCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The source tree (omit to serve an existing --db as it is; then reparse is refused).")
    Path dir;

    @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the tree's default database).")
    Path db;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The socket (default: $LEYLINE_SOCKET, else ~/.mache/default.sock).")
    Path socket;

    @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Skip files larger than this when indexing.")
    Long maxFileBytes;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads when indexing.")
    Integer threads;

    private final Cli cli;

    DaemonCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        Thread hook = new Thread(() -> ServeCommand.closeAll(open), "mache-daemon-shutdown");
        try {
            ServedStore store = ServedStore.prepare(cli, dir, db, maxFileBytes, threads);
            Graph graph = cli.store().open(store.db());
            open.add(graph);
            DaemonServer.Options options = DaemonServer.Options.defaults()
                    .withArenaPath(store.db().toString());
            if (store.source() != null) {
                options = options.withReparser(reparser(store));
            }
            Path where = socket != null ? socket.toAbsolutePath().normalize() : SocketPaths.discover();
            DaemonServer server = DaemonServer.start(graph, where, options);
            open.add(server);
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
            GraphStore.Report r = store.index(cli, maxFileBytes, threads, false);
            return new Reparser.Outcome(r.parsed(), r.unchanged(), r.deleted(), 0, List.of());
        };
    }
}
