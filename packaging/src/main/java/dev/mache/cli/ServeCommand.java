package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.nfs.NfsServer;
import dev.mache.vfs.webdav.WebDavServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Index a source tree (incrementally), then serve it read-only over NFSv3 and WebDAV until "
                + "interrupted.",
                "Every request reads the newest snapshot: run `mache index DIR` again and clients see the update."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The source tree (omit to serve an existing --db as it is).")
    Path dir;

    @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the tree's default database).")
    Path db;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; NFSv3 authenticates nobody).")
    String bind;

    @Option(names = "--nfs-port", paramLabel = "PORT", defaultValue = "0",
            description = "NFSv3 and MOUNT port (default: 0, any free port).")
    int nfsPort;

    @Option(names = "--webdav-port", paramLabel = "PORT", defaultValue = "0",
            description = "WebDAV port (default: 0, any free port).")
    int webdavPort;

    @Option(names = "--no-nfs", description = "Do not serve NFS.")
    boolean noNfs;

    @Option(names = "--no-webdav", description = "Do not serve WebDAV.")
    boolean noWebdav;

    @Option(names = "--ipc-socket", paramLabel = "PATH",
            description = "Serve the graph of the mache (or ley-line) daemon at PATH instead of a local store.")
    Path ipcSocket;

    @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Skip files larger than this when indexing.")
    Long maxFileBytes;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads when indexing.")
    Integer threads;

    private final Cli cli;

    ServeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (noNfs && noWebdav) {
            throw new CliException("nothing to serve: --no-nfs and --no-webdav");
        }
        List<AutoCloseable> open = new ArrayList<>();
        Thread hook = new Thread(() -> closeAll(open), "mache-serve-shutdown");
        try {
            Graph graph;
            if (ipcSocket != null) {
                if (dir != null || db != null) {
                    throw new CliException("--ipc-socket serves the daemon's graph: give no DIR and no --db");
                }
                graph = DaemonGraph.connect(ipcSocket);
                open.add(graph);
                cli.out().println("serving the daemon at " + ipcSocket + " (" + graph.describe() + ")");
            } else {
                ServedStore store = ServedStore.prepare(cli, dir, db, maxFileBytes, threads);
                graph = cli.store().open(store.db());
                open.add(graph);
                cli.out().println("serving " + store.describe());
            }
            ProjectionFs fs = new ProjectionFs(graph);
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
