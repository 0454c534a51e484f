package dev.mache.ipc.server;

import dev.mache.graph.Snapshot;
import dev.mache.ipc.ProtocolException;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.capnp.CapnpCodec;
import dev.mache.ipc.capnp.Frames;
import dev.mache.ipc.json.JsonCodec;
import org.capnproto.MessageReader;
import org.newsclub.net.unix.AFUNIXSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One client connection: checks the peer, picks the codec from the first byte ({@code {}, whitespace or other
 * printable ASCII: JSON; anything else: Cap'n Proto framing), then answers requests strictly in order. Once it
 * subscribes, everything it is sent goes through one queue so acks, replays, events, keepalives and responses keep
 * their order and a slow reader cannot block the publisher (it is dropped when its queue overflows).
 */
final class ClientConnection implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final int QUEUE_LIMIT = 10_000;
    private static final Response CLOSE = new Response.Keepalive(-1);

    private final AFUNIXSocket socket;
    private final RequestHandler handler;
    private final EventBus bus;
    private final DaemonServer.Options options;
    private final long expectedUid;
    private final Object writeLock = new Object();
    private volatile List<TopicPattern> patterns = List.of();
    private volatile BlockingQueue<Response> queue;
    private OutputStream out;
    private volatile boolean closed;
    /** The snapshot pinned by {@code begin}; touched only by this connection's own thread. */
    private Snapshot pinned;

    ClientConnection(AFUNIXSocket socket, RequestHandler handler, EventBus bus, DaemonServer.Options options,
                     long expectedUid) {
        this.socket = socket;
        this.handler = handler;
        this.bus = bus;
        this.options = options;
        this.expectedUid = expectedUid;
    }

    /** Answers a connection the server cannot take with one JSON error line, then closes it. */
    static void refuse(AFUNIXSocket socket, String message) {
        try (socket) {
            socket.getOutputStream().write((JsonCodec.encodeResponse(new Response.Failure(message, false)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the peer went away first
        }
    }

    void run() {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.idleTimeout().toMillis()));
            long uid = socket.getPeerCredentials().getUid();
            if (uid != expectedUid) {
                LOG.warn("refusing a peer with uid {} (expected {})", uid, expectedUid);
                refuse(socket, "peer uid " + uid + " is not allowed on this socket");
                return;
            }
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            LineReader in = new LineReader(socket.getInputStream());
            int first = in.peek();
            if (first < 0) {
                return;
            }
            if (first == '{' || first == '\n' || first == '\r' || first == '\t' || (first >= 0x20 && first < 0x7f)) {
                serveJson(in);
            } else {
                serveBinary(in);
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("closing an idle connection");
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("connection failed", e);
        } finally {
            unpin();
            close();
        }
    }

    private void serveJson(LineReader in) throws IOException {
        while (!closed) {
            String line;
            try {
                line = in.readLine(options.maxLineBytes());
            } catch (SocketTimeoutException e) {
                if (queue != null) {
                    continue; // subscribers may stay quiet; keepalives prove the connection alive
                }
                throw e;
            }
            if (line == null) {
                return;
            }
            if (line == LineReader.TOO_LONG) {
                sendJson(new Response.Failure("request line exceeds " + options.maxLineBytes() + " bytes", false));
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            Request request;
            try {
                request = JsonCodec.decodeRequest(line);
            } catch (ProtocolException e) {
                sendJson(e.toFailure());
                continue;
            }
            switch (request) {
                case Request.Subscribe s -> subscribe(s);
                case Request.Unsubscribe u -> unsubscribe(u);
                default -> sendJson(dispatch(request));
            }
        }
    }

    private void serveBinary(LineReader in) throws IOException {
        while (!closed) {
            MessageReader message;
            try {
                message = Frames.read(in, options.maxLineBytes());
            } catch (Frames.BadFrameException e) {
                writeBinary(new Response.Failure(e.getMessage(), false));
                return;
            } catch (EOFException e) {
                return;
            }
            if (message == null) {
                return;
            }
            Response response;
            try {
                response = dispatch(CapnpCodec.decodeRequest(message));
            } catch (ProtocolException e) {
                response = e.toFailure();
            } catch (RuntimeException e) {
                // a structurally broken message: answer once, then stop reading this stream
                writeBinary(new Response.Failure("invalid message: " + e.getMessage(), false));
                return;
            }
            writeBinary(response);
        }
    }

    /** Every op but the subscription ones: pinning here, the rest from the handler. */
    private Response dispatch(Request request) {
        switch (request) {
            case Request.Begin b -> {
                unpin();
                try {
                    pinned = handler.graph().open();
                    return new Response.SnapshotInfo(pinned.generation(), pinned.root(), pinned.committedAtNanos());
                } catch (RuntimeException e) {
                    return new Response.Failure("begin: " + e.getMessage(), true);
                }
            }
            case Request.End e -> {
                unpin();
                return new Response.Done();
            }
            default -> {
                return handler.handle(request, pinned);
            }
        }
    }

    private void unpin() {
        if (pinned != null) {
            try {
                pinned.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a pinned snapshot failed: {}", e.toString());
            }
            pinned = null;
        }
    }

    private void subscribe(Request.Subscribe s) throws IOException {
        List<String> topics = s.topics().isEmpty() ? List.of("**") : s.topics();
        List<TopicPattern> merged = new ArrayList<>(patterns);
        for (String t : topics) {
            merged.add(new TopicPattern(t));
        }
        patterns = List.copyOf(merged);
        startQueue();
        synchronized (bus) { // no event can be published between the replay and the ack being queued
            EventBus.Replay replay = bus.subscribe(this, s.since());
            List<String> all = new ArrayList<>();
            for (TopicPattern p : patterns) {
                all.add(p.pattern());
            }
            queue.add(new Response.Subscribed(all, replay.headSeq(), s.since() == null ? null : replay.events().size(),
                    replay.gap()));
            queue.addAll(replay.events());
        }
    }

    private void unsubscribe(Request.Unsubscribe u) throws IOException {
        List<TopicPattern> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (TopicPattern p : patterns) {
            if (u.topics().isEmpty() || u.topics().contains(p.pattern())) {
                removed.add(p.pattern());
            } else {
                kept.add(p);
            }
        }
        patterns = List.copyOf(kept);
        if (kept.isEmpty()) {
            bus.unsubscribe(this);
        }
        sendJson(new Response.Unsubscribed(removed));
    }

    private void startQueue() {
        if (queue != null) {
            return;
        }
        BlockingQueue<Response> q = new LinkedBlockingQueue<>(QUEUE_LIMIT);
        queue = q;
        Thread.ofPlatform().daemon().name("mache-daemon-push").start(() -> {
            try {
                while (true) {
                    Response r = q.take();
                    if (r == CLOSE) {
                        return;
                    }
                    writeJson(r);
                }
            } catch (InterruptedException | IOException e) {
                close();
            }
        });
    }

    private void sendJson(Response r) throws IOException {
        BlockingQueue<Response> q = queue;
        if (q != null) {
            try {
                q.put(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        } else {
            writeJson(r);
        }
    }

    private void writeJson(Response r) throws IOException {
        byte[] line = (JsonCodec.encodeResponse(r) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            out.write(line);
            out.flush();
        }
    }

    private void writeBinary(Response r) throws IOException {
        byte[] frame = CapnpCodec.encodeResponse(r);
        synchronized (writeLock) {
            out.write(frame);
            out.flush();
        }
    }

    @Override
    public boolean offer(Response pushed) {
        BlockingQueue<Response> q = queue;
        if (closed || q == null) {
            return false;
        }
        if (!q.offer(pushed)) {
            LOG.warn("dropping a subscriber that stopped reading");
            close();
            return false;
        }
        return true;
    }

    @Override
    public List<TopicPattern> patterns() {
        return patterns;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        bus.unsubscribe(this);
        BlockingQueue<Response> q = queue;
        if (q != null) {
            q.clear();
            q.offer(CLOSE);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
