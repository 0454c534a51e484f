package dev.mache.ipc.client;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.DaemonException;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.SocketPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A {@link Graph} behind a daemon socket (mache's or ley-line's). Nothing is cached across calls: {@link #open()}
 * asks the daemon for its current snapshot and every snapshot operation is a request, so the tree is as fresh as the
 * daemon. Connections are pooled; one that fails (the daemon restarted) is replaced and the request retried once.
 */
public final class DaemonGraph implements Graph {

    /** How requests are encoded. AUTO: Cap'n Proto against mache's daemon, JSON against anything else. */
    public enum Codec {
        JSON, CAPNP, AUTO
    }

    private static final int MAX_IDLE = 32;

    private final Path socket;
    private final Duration timeout;
    private volatile boolean binary;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;
    private volatile Channel.Dialect lastDialect;

    private DaemonGraph(Path socket, boolean binary, Duration timeout) {
        this.socket = socket;
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Connects with {@link Codec#AUTO}. */
    public static DaemonGraph connect(Path socket) {
        return connect(socket, Codec.AUTO);
    }

    /** Connects to the daemon found by {@link SocketPaths#discover()} ({@code $LEYLINE_SOCKET}, else the default). */
    public static DaemonGraph discover() {
        return connect(SocketPaths.discover());
    }

    /** Connects and shakes hands; throws {@link DaemonException} if no compatible daemon answers at {@code socket}. */
    public static DaemonGraph connect(Path socket, Codec codec) {
        return connect(socket, codec, Duration.ofSeconds(60));
    }

    public static DaemonGraph connect(Path socket, Codec codec, Duration timeout) {
        DaemonGraph g = new DaemonGraph(socket, codec == Codec.CAPNP, timeout);
        Channel first = g.borrow();
        if (codec == Codec.AUTO && first.dialect == Channel.Dialect.MACHE) {
            first.close();
            g.binary = true; // mache's daemon: the faster codec from now on
            g.release(g.borrow());
        } else {
            g.release(first);
        }
        return g;
    }

    public Path socket() {
        return socket;
    }

    /** True when requests travel as Cap'n Proto messages. */
    public boolean binary() {
        return binary;
    }

    /**
     * The daemon's newest snapshot. Against mache's daemon it is pinned on one connection ({@code begin}) until
     * {@link Snapshot#close()}, so all its operations see one version; against ley-line each operation sees the
     * daemon's newest state.
     */
    @Override
    public Snapshot open() {
        if (closed) {
            throw new DaemonException("closed: " + describe());
        }
        Channel ch = idle.pollFirst();
        if (ch == null) {
            ch = borrow();
        }
        if (ch.dialect == Channel.Dialect.MACHE) {
            return pinned(ch, true);
        }
        release(ch);
        Response r = call(new Request.SnapshotInfo());
        if (r instanceof Response.SnapshotInfo s) {
            long committed = s.committedAtNanos() != null ? s.committedAtNanos() : System.currentTimeMillis() * 1_000_000L;
            return new DaemonSnapshot(this, s.generation(), s.currentRoot(), committed);
        }
        throw failure("snapshot", r);
    }

    /** Pins a snapshot on {@code ch}; a pooled connection that turns out dead is replaced once. */
    DaemonSnapshot pinned(Channel ch, boolean mayRetry) {
        try {
            Response r = ch.call(new Request.Begin());
            if (r instanceof Response.SnapshotInfo s) {
                return new DaemonSnapshot(this, ch, s.generation(), s.currentRoot(),
                        s.committedAtNanos() != null ? s.committedAtNanos() : System.currentTimeMillis() * 1_000_000L);
            }
            release(ch);
            throw failure("begin", r);
        } catch (IOException e) {
            ch.close();
            if (!mayRetry) {
                throw new DaemonException("daemon at " + socket + " failed: " + e.getMessage(), e);
            }
            drainPool();
            return pinned(borrow(), false);
        }
    }

    /** Gives a pinned connection back, releasing its snapshot without waiting for the answer. */
    void unpin(Channel ch) {
        try {
            ch.send(new Request.End());
            release(ch);
        } catch (IOException e) {
            ch.close();
        }
    }

    /** A fresh connection for a snapshot whose pinned one broke (the daemon restarted). */
    Channel reconnect() {
        drainPool();
        return borrow();
    }

    @Override
    public String describe() {
        return "daemon at " + socket + (binary ? " (capnp)" : " (json)");
    }

    /** Every read is a round trip to another process, which may stall up to the timeout. */
    @Override
    public boolean inProcess() {
        return false;
    }

    /** Sends one request; on a broken pooled connection, drops the pool and retries once on a fresh connection. */
    Response call(Request request) {
        if (closed) {
            throw new DaemonException("closed: " + describe());
        }
        Channel ch = idle.pollFirst();
        boolean pooled = ch != null;
        if (ch == null) {
            ch = borrow();
        }
        try {
            Response r = ch.call(request);
            release(ch);
            return r;
        } catch (IOException e) {
            ch.close();
            if (!pooled) {
                throw new DaemonException("daemon at " + socket + " failed: " + e.getMessage(), e);
            }
            drainPool(); // a restart leaves every pooled connection dead
            Channel fresh = borrow();
            try {
                Response r = fresh.call(request);
                release(fresh);
                return r;
            } catch (IOException again) {
                fresh.close();
                throw new DaemonException("daemon at " + socket + " failed: " + again.getMessage(), again);
            }
        }
    }

    /** The dialect of the daemon as last seen. */
    Channel.Dialect dialect() {
        Channel.Dialect d = lastDialect;
        if (d != null) {
            return d;
        }
        Channel fresh = borrow();
        release(fresh);
        return fresh.dialect;
    }

    private Channel borrow() {
        try {
            Channel ch = Channel.open(socket, binary, timeout);
            lastDialect = ch.dialect; // a restarted daemon may be another one: the newest handshake wins
            return ch;
        } catch (Channel.IncompatibleDaemonException e) {
            throw new DaemonException(e.getMessage(), e);
        } catch (IOException e) {
            throw new DaemonException("no daemon answers at " + socket + ": " + e.getMessage(), e);
        }
    }

    void release(Channel ch) {
        if (closed || ch.binary != binary || idle.size() >= MAX_IDLE) {
            ch.close();
        } else {
            idle.offerFirst(ch);
        }
    }

    private void drainPool() {
        Channel c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    static DaemonException failure(String op, Response r) {
        if (r instanceof Response.Failure f) {
            return new DaemonException(op + ": " + f.message());
        }
        return new DaemonException(op + ": unexpected response " + r.getClass().getSimpleName());
    }

    @Override
    public void close() {
        closed = true;
        drainPool();
    }
}
