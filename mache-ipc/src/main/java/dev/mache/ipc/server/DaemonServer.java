package dev.mache.ipc.server;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.SocketPaths;
import dev.mache.ipc.json.Json;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * mache's daemon: serves any {@link Graph} over a Unix domain socket with the ley-line protocol, in NDJSON or Cap'n
 * Proto framing (picked by a connection's first byte). The socket is 0600 inside a 0700 directory and a peer with
 * another uid is refused; request size, idle time and connection count are bounded.
 */
public final class DaemonServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);

    /**
     * @param maxLineBytes         longest request line (JSON) or message (binary); longer gets an error and a close
     * @param idleTimeout          a connection with no request for this long is closed (subscribers are exempt)
     * @param maxConnections       connections beyond this get an error and a close
     * @param keepaliveInterval    how often subscribers get a keepalive
     * @param snapshotPollInterval how often the server checks the graph for a new snapshot to announce
     *                             ({@code daemon.snapshot}); zero disables
     * @param maxReadBytes         the most bytes one read_content answer carries
     * @param reparser             what {@code reparse} runs; null: the op answers an error
     * @param queryHandler         what {@code query} runs; null: the op answers an error
     * @param arenaPath            reported as {@code arena_path}/{@code db_path}; null: the graph's description
     * @param allowedUid           the peer uid accepted; null: the server's own uid
     */
    public record Options(int maxLineBytes, Duration idleTimeout, int maxConnections, Duration keepaliveInterval,
                          Duration snapshotPollInterval, int maxReadBytes, Reparser reparser,
                          QueryHandler queryHandler, String arenaPath, Integer allowedUid) {

        public static Options defaults() {
            return new Options(1 << 20, Duration.ofMinutes(10), 128, Duration.ofSeconds(30), Duration.ofMillis(250),
                    64 << 20, null, null, null, null);
        }

        public Options withMaxLineBytes(int v) {
            return new Options(v, idleTimeout, maxConnections, keepaliveInterval, snapshotPollInterval, maxReadBytes,
                    reparser, queryHandler, arenaPath, allowedUid);
        }

        public Options withIdleTimeout(Duration v) {
            return new Options(maxLineBytes, v, maxConnections, keepaliveInterval, snapshotPollInterval, maxReadBytes,
                    reparser, queryHandler, arenaPath, allowedUid);
        }

        public Options withMaxConnections(int v) {
            return new Options(maxLineBytes, idleTimeout, v, keepaliveInterval, snapshotPollInterval, maxReadBytes,
                    reparser, queryHandler, arenaPath, allowedUid);
        }

        public Options withKeepaliveInterval(Duration v) {
            return new Options(maxLineBytes, idleTimeout, maxConnections, v, snapshotPollInterval, maxReadBytes,
                    reparser, queryHandler, arenaPath, allowedUid);
        }

        public Options withSnapshotPollInterval(Duration v) {
            return new Options(maxLineBytes, idleTimeout, maxConnections, keepaliveInterval, v, maxReadBytes,
                    reparser, queryHandler, arenaPath, allowedUid);
        }

        public Options withReparser(Reparser v) {
            return new Options(maxLineBytes, idleTimeout, maxConnections, keepaliveInterval, snapshotPollInterval,
                    maxReadBytes, v, queryHandler, arenaPath, allowedUid);
        }

        public Options withQueryHandler(QueryHandler v) {
            return new Options(maxLineBytes, idleTimeout, maxConnections, keepaliveInterval, snapshotPollInterval,
                    maxReadBytes, reparser, v, arenaPath, allowedUid);
        }

        public Options withArenaPath(String v) {
            return new Options(maxLineBytes, idleTimeout, maxConnections, keepaliveInterval, snapshotPollInterval,
                    maxReadBytes, reparser, queryHandler, v, allowedUid);
        }

        public Options withAllowedUid(Integer v) {
            return new Options(maxLineBytes, idleTimeout, maxConnections, keepaliveInterval, snapshotPollInterval,
                    maxReadBytes, reparser, queryHandler, arenaPath, v);
        }
    }

    private final Graph graph;
    private final Path socket;
    private final Options options;
    private final AFUNIXServerSocket server;
    private final RequestHandler handler;
    private final EventBus bus = new EventBus();
    private final Semaphore slots;
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private final ScheduledExecutorService timers;
    private final Thread acceptor;
    private final long ownUid;
    private volatile boolean closed;
    private volatile String lastAnnouncedRoot;

    private DaemonServer(Graph graph, Path socket, Options options) throws IOException {
        this.graph = graph;
        this.socket = socket.toAbsolutePath();
        this.options = options;
        this.handler = new RequestHandler(graph, options, bus);
        this.slots = new Semaphore(options.maxConnections());
        prepareDirectory(this.socket.getParent());
        clearStaleSocket(this.socket);
        this.server = AFUNIXServerSocket.newInstance();
        try {
            server.bind(AFUNIXSocketAddress.of(this.socket));
        } catch (SocketException e) {
            server.close();
            throw new IOException("cannot listen on " + this.socket + ": " + e.getMessage(), e);
        }
        Files.setPosixFilePermissions(this.socket, PosixFilePermissions.fromString("rw-------"));
        this.ownUid = ((Number) Files.getAttribute(this.socket, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("mache-daemon-timers")
                .factory());
        long keepalive = options.keepaliveInterval().toMillis();
        timers.scheduleAtFixedRate(() -> bus.keepalive(System.currentTimeMillis()), keepalive, keepalive,
                TimeUnit.MILLISECONDS);
        long poll = options.snapshotPollInterval().toMillis();
        if (poll > 0) {
            timers.scheduleWithFixedDelay(this::announceSnapshot, 0, poll, TimeUnit.MILLISECONDS);
        }
        this.acceptor = Thread.ofPlatform().name("mache-daemon-accept").daemon().start(this::acceptLoop);
        LOG.info("mache daemon serving {} on {}", graph.describe(), this.socket);
    }

    /** Starts serving {@code graph} on {@code socket} (its directory is created 0700 if missing). */
    public static DaemonServer start(Graph graph, Path socket, Options options) throws IOException {
        return new DaemonServer(graph, socket, options);
    }

    public Path socket() {
        return socket;
    }

    /** Publishes an event to subscribers (e.g. {@code daemon.files.changed} from a file watcher). */
    public long publish(String topic, String source, Map<String, Object> data) {
        return bus.publish(topic, source, data == null ? null : Json.toJson(data)).seq();
    }

    /** Open connections right now (for tests and status). */
    public int connectionCount() {
        return open.size();
    }

    private static void prepareDirectory(Path dir) throws IOException {
        Set<PosixFilePermission> privateDir = PosixFilePermissions.fromString("rwx------");
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(privateDir));
            } catch (FileAlreadyExistsException ignored) {
                // raced with another process: checked below
            }
            Files.setPosixFilePermissions(dir, privateDir); // the umask may have narrowed or widened the request
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(dir);
        if (!actual.equals(privateDir)) {
            if (dir.equals(SocketPaths.defaultDirectory().toAbsolutePath())) {
                Files.setPosixFilePermissions(dir, privateDir); // mache's own directory: tighten it
            } else {
                throw new IOException("socket directory " + dir + " has mode "
                        + PosixFilePermissions.toString(actual) + "; the daemon needs a private (rwx------) directory");
            }
        }
    }

    /** A socket file nobody answers on is left over from a crash: replace it. A live one is an error. */
    private static void clearStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(socket)) {
            throw new IOException(socket + " exists and is not a socket; refusing to replace it");
        }
        try (AFUNIXSocket probe = AFUNIXSocket.newInstance()) {
            probe.connect(AFUNIXSocketAddress.of(socket), 1000);
            throw new IOException("another daemon is serving " + socket);
        } catch (SocketException refused) {
            LOG.info("replacing stale socket {}", socket);
            Files.deleteIfExists(socket);
        }
    }

    private void announceSnapshot() {
        try (Snapshot s = graph.open()) {
            String root = s.root();
            if (!root.equals(lastAnnouncedRoot)) {
                boolean first = lastAnnouncedRoot == null;
                lastAnnouncedRoot = root;
                if (!first) {
                    bus.publish("daemon.snapshot", "mache", Json.toJson(Map.of("generation",
                            Long.toString(s.generation()), "current_root", root)));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("snapshot poll failed: {}", e.toString());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            AFUNIXSocket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept failed: {}", e.toString());
                    try {
                        Thread.sleep(50); // e.g. out of file descriptors: don't spin while it lasts
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                Thread.ofPlatform().daemon().start(() -> ClientConnection.refuse(client,
                        "too many connections (limit " + options.maxConnections() + ")"));
                continue;
            }
            ClientConnection c = new ClientConnection(client, handler, bus, options, expectedUid());
            open.add(c);
            Thread worker = Thread.ofPlatform().daemon().name("mache-daemon-conn").unstarted(() -> {
                try {
                    c.run();
                } finally {
                    open.remove(c);
                    workers.remove(Thread.currentThread());
                    slots.release();
                }
            });
            workers.add(worker);
            worker.start();
        }
    }

    private long expectedUid() {
        return options.allowedUid() != null ? options.allowedUid() : ownUid;
    }

    /** Stops accepting, closes every connection, and removes the socket file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        timers.shutdownNow();
        for (ClientConnection c : open) {
            c.close();
        }
        try {
            acceptor.join(5000);
            // connections release their pinned snapshots on their own threads: let them, before the graph closes
            for (Thread w : workers) {
                w.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", socket, e.toString());
        }
        LOG.info("mache daemon on {} stopped", socket);
        stopped.countDown();
    }

    /** Blocks until {@link #close()} has finished (for {@code mache daemon}'s main thread). */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }
}
