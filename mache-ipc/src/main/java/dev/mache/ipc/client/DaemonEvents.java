package dev.mache.ipc.client;

import dev.mache.ipc.DaemonException;
import dev.mache.ipc.ProtocolException;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.json.JsonCodec;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A subscription to a daemon's events on a connection of its own (JSON, as events travel): pushed events go to the
 * consumer on a reader thread; keepalives are swallowed. Works against mache's and ley-line's daemons.
 */
public final class DaemonEvents implements AutoCloseable {
    private final AFUNIXSocket socket;
    private final Response.Subscribed ack;
    private final Thread reader;

    private DaemonEvents(AFUNIXSocket socket, Response.Subscribed ack, Thread reader) {
        this.socket = socket;
        this.ack = ack;
        this.reader = reader;
    }

    /**
     * Subscribes to {@code topics} (patterns with {@code *} and {@code **}); {@code since} non-null replays the
     * retained events after that sequence number first.
     */
    public static DaemonEvents subscribe(Path daemon, List<String> topics, Long since, Consumer<Response.Event> consumer) {
        AFUNIXSocket socket;
        try {
            socket = AFUNIXSocket.newInstance();
            socket.connect(AFUNIXSocketAddress.of(daemon));
        } catch (IOException e) {
            throw new DaemonException("no daemon answers at " + daemon + ": " + e.getMessage(), e);
        }
        try {
            Request.Subscribe request = new Request.Subscribe(topics, since, "mache");
            OutputStream out = socket.getOutputStream();
            out.write((JsonCodec.encodeRequest(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("daemon closed the connection");
            }
            Response r = JsonCodec.decodeResponse(request, line);
            if (!(r instanceof Response.Subscribed ack)) {
                throw new DaemonException("subscribe: " + (r instanceof Response.Failure f ? f.message() : r));
            }
            Thread reader = Thread.ofPlatform().daemon().name("mache-daemon-events").start(() -> {
                try {
                    String l;
                    while ((l = in.readLine()) != null) {
                        if (!l.isBlank() && JsonCodec.decodePushed(l) instanceof Response.Event e) {
                            consumer.accept(e);
                        }
                    }
                } catch (IOException | ProtocolException ignored) {
                    // closed, or the daemon went away: the subscription ends
                }
            });
            return new DaemonEvents(socket, ack, reader);
        } catch (IOException | ProtocolException e) {
            close(socket);
            throw new DaemonException("subscribe at " + daemon + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(socket);
            throw e;
        }
    }

    /** The daemon's acknowledgement: the patterns now subscribed and the head sequence number. */
    public Response.Subscribed ack() {
        return ack;
    }

    private static void close(AFUNIXSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        close(socket);
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
